"""The response cache: one model call's checked answer, in SQLite (stdlib), keyed by a hash of everything
that changes the answer; and the page cache: a rendered brief, keyed by its input files' bytes, its settings,
its format and briefer's own code, so that the same command run again reads one row and nothing else (no
article parsed, no recogniser, no pydantic model, no template).

Values are JSON (never pickle): the answer's raw content, how it ended, and the tokens it cost. A cached
answer still goes through its call's check when it is used (``model.client``), so an entry that no longer
passes is asked again and replaced. The file is in WAL mode with a busy timeout, so threads of one process
(one connection behind a lock) and several processes can share it. A broken cache never fails a brief: it
is logged once and bypassed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("briefer.model.cache")

FORMAT = 1  # bump to orphan every entry written by an older layout of the key or the value
_SCHEMA = """CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY, call TEXT NOT NULL, model TEXT NOT NULL, created REAL NOT NULL, value TEXT NOT NULL)"""
_PAGES = """CREATE TABLE IF NOT EXISTS pages (
    key TEXT PRIMARY KEY, created REAL NOT NULL, body BLOB NOT NULL, notes TEXT NOT NULL, origin INTEGER)"""
_PACKAGE = Path(__file__).resolve().parent.parent  # briefer/: what a page's key holds of the code


def key(ingredients: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of ``ingredients`` (sorted keys, no spaces)."""
    text = json.dumps({"format": FORMAT, **ingredients}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Page:
    body: bytes  # the page as rendered: UTF-8 text, or a PDF's bytes
    notes: list[str]  # the lines the brief said on stderr (warnings about its sources)
    origin: int | None  # the history's id of the brief the page shows


@dataclass
class CacheInfo:
    path: Path
    entries: int
    bytes: int
    pages: int = 0

    def __str__(self) -> str:
        return f"{self.path}: {self.entries} answers, {self.pages} pages, {self.bytes / 1e6:.1f} MB"


class Cache:
    """A SQLite file of answers. Safe across threads (one connection, one lock) and processes (WAL)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._broken = False

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(_SCHEMA)
                db.execute(_PAGES)
            except sqlite3.Error:
                db.close()
                raise
            self._db = db
        return self._db

    def _run(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]] | None:
        """Run one statement; on a database error, warn once and behave as an empty cache from then on."""
        if self._broken:
            return None
        with self._lock:
            try:
                return self._connect().execute(sql, args).fetchall()
            except (sqlite3.Error, OSError) as exc:
                self._broken = True
                log.warning("response cache %s unusable (%s); going on without it (`briefer cache clear` "
                            "resets it)", self.path, exc)
                return None

    def get(self, k: str) -> dict[str, Any] | None:
        """The stored value, or None (absent, or not a JSON object: treated as absent, then replaced)."""
        rows = self._run("SELECT value FROM answers WHERE key = ?", (k,))
        if not rows:
            return None
        try:
            value = json.loads(rows[0][0])
        except (TypeError, ValueError):
            log.info("cache entry %s… is not JSON; asking again", k[:12])
            return None
        return value if isinstance(value, dict) else None

    def put(self, k: str, value: Mapping[str, Any], *, call: str = "", model: str = "") -> None:
        self._run("INSERT OR REPLACE INTO answers (key, call, model, created, value) VALUES (?, ?, ?, ?, ?)",
                  (k, call, model, time.time(), json.dumps(value, ensure_ascii=False)))

    def delete(self, k: str) -> None:
        self._run("DELETE FROM answers WHERE key = ?", (k,))

    def page(self, k: str) -> Page | None:
        """A rendered brief, the notes it came with and the history's id of the brief it shows, or None."""
        rows = self._run("SELECT body, notes, origin FROM pages WHERE key = ?", (k,))
        if not rows:
            return None
        try:
            notes = json.loads(rows[0][1])
        except (TypeError, ValueError):
            return None
        origin = rows[0][2] if isinstance(rows[0][2], int) else None
        return Page(bytes(rows[0][0]), [str(n) for n in notes] if isinstance(notes, list) else [], origin)

    def put_page(self, k: str, body: bytes, notes: list[str], origin: int | None = None) -> None:
        self._run("INSERT OR REPLACE INTO pages (key, created, body, notes, origin) VALUES (?, ?, ?, ?, ?)",
                  (k, time.time(), body, json.dumps(notes, ensure_ascii=False), origin))

    def info(self) -> CacheInfo:
        rows = self._run("SELECT COUNT(*) FROM answers") if self.path.exists() else [(0,)]
        entries = int(rows[0][0]) if rows else 0
        pages = self._run("SELECT COUNT(*) FROM pages") if self.path.exists() else [(0,)]
        size = sum(p.stat().st_size for p in self._files() if p.exists())
        return CacheInfo(self.path, entries, size, int(pages[0][0]) if pages else 0)

    def clear(self) -> int:
        """Remove every entry; a file that is not a usable database is deleted. Returns entries removed."""
        entries = self.info().entries  # a broken file is found out here
        if not self._broken and self.path.exists():
            self._run("DELETE FROM answers")
            self._run("DELETE FROM pages")
            self._run("VACUUM")
        if self._broken:
            self.close()
            for p in self._files():
                p.unlink(missing_ok=True)
            self._broken = False
        return entries

    def _files(self) -> list[Path]:
        return [self.path, self.path.with_name(self.path.name + "-wal"), self.path.with_name(self.path.name + "-shm")]

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None


_open: dict[Path, Cache] = {}
_open_lock = threading.Lock()


def open_cache(path: Path | None) -> Cache | None:
    """The process's one ``Cache`` for ``path`` (None: no cache)."""
    if path is None:
        return None
    path = path.expanduser().resolve()
    with _open_lock:
        cache = _open.get(path)
        if cache is None:
            cache = _open[path] = Cache(path)
    return cache



def page_key(paths: list[Path], settings: Mapping[str, Any], fmt: str, page: str, max_bytes: int) -> str | None:
    """The key of the page that these files, settings and format make, or None when an input is not a
    regular file of at most ``max_bytes`` (stdin, a folder, a missing path, a file too big: the brief itself
    says what is wrong). The key holds the files' bytes, never their names, and briefer's code as its files'
    sizes and times, so that a new version makes new pages."""
    digests = []
    for path in paths:
        try:
            data = path.read_bytes() if path.is_file() and path.stat().st_size <= max_bytes else None
        except OSError:
            data = None
        if data is None:
            return None
        digests.append(hashlib.sha256(data).hexdigest())
    return key({"page": [fmt, page], "inputs": digests, "settings": dict(settings), "code": code_version()})


@functools.cache
def code_version() -> str:
    """A hash of briefer's own files (path, size, modification time): a stat of each, about a millisecond."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2", ".html", ".tsv", ".txt", ".json") and "__pycache__" not in path.parts:
            info = path.stat()
            digest.update(f"{path.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]
