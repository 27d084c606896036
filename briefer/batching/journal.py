"""What a batch has to do: one job per brief, found in a folder or read from a manifest, and the journal of
what is done.

A folder: each article file in it is one brief (id: the file's name without extension), each subfolder
one brief of the article files directly inside it (id: the folder's name). A manifest (``.json``,
``.yaml``/``.yml``, or plain lines) lists the briefs:

    [{"id": "paris-talks", "paths": ["a.txt", "b.html"], "focus": "France"}, "c.txt", ["d.txt", "e.txt"]]

(or ``{"items": [...]}``); plain lines are ``[ID:] PATH [PATH ...]`` with shell quoting and ``#`` comments.
Relative paths are relative to the manifest's folder. Ids become file names: anything but letters, digits,
``.``, ``_`` and ``-`` turns into ``-``, and repeats get ``-2``, ``-3``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import shlex
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer.errors import UsageError
from briefer.read.sources import HTML_SUFFIXES, MD_SUFFIXES
from briefer.redact import redact

log = logging.getLogger("briefer.batch")

ARTICLE_SUFFIXES = frozenset({".txt", *MD_SUFFIXES, *HTML_SUFFIXES})
STATE_FILE = "batch-state.jsonl"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Job:
    id: str
    paths: list[Path]
    focus: str | None = None  # None: the batch's focus
    problem: str = ""  # why this job cannot run (it fails with this reason, the others go on)


def _safe(name: str) -> str:
    return _UNSAFE.sub("-", name).strip(".-") or "item"


def _unique(jobs: list[Job]) -> list[Job]:
    seen: set[str] = set()
    for job in jobs:
        base = job.id = _safe(job.id)
        n = 1
        while job.id.lower() in seen:  # case-insensitive file systems
            n += 1
            job.id = f"{base}-{n}"
        seen.add(job.id.lower())
    return jobs


def _articles_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES)


def from_folder(folder: Path, *, exclude: Path | None = None) -> list[Job]:
    """One job per article file in ``folder`` and one per subfolder (``exclude``: the output folder)."""
    jobs: list[Job] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or (exclude is not None and path.resolve() == exclude.resolve()):
            continue
        if path.is_dir():
            files = _articles_in(path)
            jobs.append(Job(path.name, files, problem="" if files else
                            f"folder {path} holds no .txt, .md or .html article"))
        elif path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
            jobs.append(Job(path.stem, [path]))
    return _unique(jobs)


def _entry(raw: Any, where: str, base: Path) -> Job:
    focus = None
    if isinstance(raw, str):
        paths, name = [raw], None
    elif isinstance(raw, list):
        paths, name = raw, None
    elif isinstance(raw, dict):
        paths = raw.get("paths", raw.get("path"))
        paths = [paths] if isinstance(paths, str) else paths
        name, focus = raw.get("id"), raw.get("focus")
        unknown = set(raw) - {"id", "paths", "path", "focus"}
        if unknown:
            raise UsageError(f"{where}: unknown key {sorted(unknown)[0]!r}", hint="use id, paths and focus")
    else:
        raise UsageError(f"{where}: not a path, a list of paths or an object", hint="see the manifest format "
                         "in the README")
    if not paths or not all(isinstance(p, str) and p.strip() for p in paths):
        raise UsageError(f"{where}: no article paths", hint="give `paths`: a list of article files")
    resolved = [(base / Path(p).expanduser()) for p in paths]
    return Job(str(name) if name else resolved[0].stem, resolved,
               focus=str(focus).strip() if focus else None)


def from_manifest(path: Path) -> list[Job]:
    """Jobs listed in a JSON, YAML or plain-lines manifest."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"manifest {path} cannot be read: {exc}", hint="give a folder or a manifest file") from None
    base = path.parent
    suffix = path.suffix.lower()
    if suffix in (".json", ".yaml", ".yml"):
        if suffix == ".json":
            try:
                data = json.loads(text)
            except ValueError as exc:
                raise UsageError(f"manifest {path} is not valid JSON: {exc}", hint="fix the file") from None
            except RecursionError:
                raise UsageError(f"manifest {path} is not valid JSON: nested too deeply", hint="fix the file") \
                    from None
        else:
            import yaml

            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                raise UsageError(f"manifest {path} is not valid YAML: {' '.join(str(exc).split())[:200]}",
                                 hint="fix the file") from None
            except RecursionError:
                raise UsageError(f"manifest {path} is not valid YAML: nested too deeply", hint="fix the file") \
                    from None
        items = data.get("items") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise UsageError(f"manifest {path}: expected a list of briefs (or {{\"items\": [...]}})",
                             hint="see the manifest format in the README")
        jobs = [_entry(raw, f"manifest {path}, entry {i}", base) for i, raw in enumerate(items, 1)]
    else:
        jobs = []
        for n, line in enumerate(text.splitlines(), 1):
            try:
                words = shlex.split(line, comments=True)
            except ValueError as exc:
                raise UsageError(f"manifest {path}, line {n}: {exc}", hint="check the quotes") from None
            if not words:
                continue
            name = None
            if words[0].endswith(":") and len(words) > 1:
                name = words.pop(0)[:-1]
            job = _entry(words, f"manifest {path}, line {n}", base)
            job.id = name or job.id
            jobs.append(job)
    if not jobs:
        raise UsageError(f"manifest {path} lists no briefs", hint="add one line (or entry) per brief")
    return _unique(jobs)


def find_jobs(source: str | Path, *, outdir: Path | None = None) -> list[Job]:
    """The jobs of a folder or a manifest."""
    path = Path(source).expanduser()
    if path.is_dir():
        jobs = from_folder(path, exclude=outdir)
        if not jobs:
            raise UsageError(f"{path} holds no article files or subfolders", hint="give .txt, .md or .html files")
        return jobs
    if path.is_file():
        return from_manifest(path)
    raise UsageError(f"{path}: no such folder or manifest", hint="give a folder of articles or a manifest file")


def inputs_hash(job: Job, fingerprint: str) -> str:
    """What decides a job's output: its articles' bytes and the settings' ``fingerprint``."""
    digest = hashlib.sha256(fingerprint.encode())
    for path in job.paths:
        digest.update(b"\0" + path.name.encode("utf-8", "surrogateescape") + b"\0")
        with contextlib.suppress(OSError):  # an unreadable file fails the brief itself, with its reason
            digest.update(path.read_bytes())
    return digest.hexdigest()


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

