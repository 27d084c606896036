"""What a batch has done: the journal of finished jobs (``OUTDIR/batch-state.jsonl``), and the atomic
writes that every output and the journal itself go through."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("briefer.batch")

STATE_FILE = "batch-state.jsonl"


def write_atomic(path: Path, text: str | bytes) -> None:
    """``text`` (or bytes) to ``path`` all at once: a temporary file in the same folder, then a rename. On
    any failure, Ctrl-C included, no temporary file is left behind and the old file is untouched."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Journal:
    """``OUTDIR/batch-state.jsonl``: one JSON line per finished job, the last line of an id wins. Appends
    are one ``write`` each; a torn last line (a crash) is ignored. Compacted when opened."""

    path: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, path: Path) -> Journal:
        journal = cls(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
                journal.entries[str(entry["id"])] = entry
            except (ValueError, KeyError, TypeError):
                log.info("skipping a broken line of %s", path)
        if lines:
            write_atomic(path, "".join(json.dumps(e) + "\n" for e in journal.entries.values()))
        return journal

    def get(self, job_id: str) -> dict[str, Any] | None:
        return self.entries.get(job_id)

    def record(self, job_id: str, **entry: Any) -> None:
        line = json.dumps({"id": job_id, **entry}) + "\n"
        with self._lock:
            self.entries[job_id] = {"id": job_id, **entry}
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line)

