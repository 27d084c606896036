"""What a batch has to do: one job per brief, found in a folder or read from a manifest.

A folder: each article file in it is one brief (id: the file's name without extension), each subfolder
one brief of the article files directly inside it (id: the folder's name). A manifest (``.json``,
``.yaml``/``.yml``, or plain lines) lists the briefs:

    [{"id": "harbour-talks", "paths": ["a.txt", "b.html"], "focus": "France"}, "c.txt", ["d.txt", "e.txt"]]

(or ``{"items": [...]}``); plain lines are ``[ID:] PATH [PATH ...]`` with shell quoting and ``#`` comments.
Relative paths are relative to the manifest's folder. Ids become file names: anything but letters, digits,
``.``, ``_`` and ``-`` turns into ``-``, and repeats get ``-2``, ``-3``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.errors import UsageError
from briefer.read.sources import HTML_SUFFIXES, MD_SUFFIXES

ARTICLE_SUFFIXES = frozenset({".txt", *MD_SUFFIXES, *HTML_SUFFIXES})
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
    paths: Any
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
            import yaml  # only a YAML manifest pays for it

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
