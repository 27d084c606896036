"""What a batch has done: the journal of finished jobs (``OUTDIR/batch-state.jsonl``), and the atomic
writes that every output and the journal itself go through."""

from __future__ import annotations

import json
import logging
import os
import secrets
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer.redact import redact

log = logging.getLogger("briefer.batch")

STATE_FILE = "batch-state.jsonl"


def write_atomic(path: Path, text: str | bytes) -> None:
    """``text`` (or bytes) to ``path`` all at once: a temporary file in the same folder, then a rename. On
    any failure, Ctrl-C included, no temporary file is left behind and the old file is untouched.

    The file keeps the mode of the one it replaces; a new one gets the mode any new file gets here (0666
    less the umask), as if it were written in place."""
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:  # no file yet (or none to read): the umask decides, as for any new file
        mode = None
    fd, tmp = _create_temporary(path)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new, empty file next to ``path``, opened for writing, created with mode 0666 so that the umask
    applies (``tempfile.mkstemp`` makes every file 0600)."""
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {path}")


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
        """Append one line for ``job_id``; its text (an error may quote a server) is redacted."""
        line = redact(json.dumps({"id": job_id, **entry})) + "\n"
        with self._lock:
            self.entries[job_id] = json.loads(line)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line)

