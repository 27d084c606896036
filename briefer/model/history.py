"""The history of briefs (as ``llm logs`` keeps prompts): every brief made and every eval run, in two
tables of the response cache's SQLite file, so that ``briefer history`` lists them, ``briefer show ID``
renders one again without the model and ``briefer eval --against RUN`` compares with an earlier run.

A brief's row holds its articles (id, path, sha256 of the text read), the settings that made it (never
the key), the model, tokens, seconds and the brief's JSON. Recording costs one INSERT on a connection kept
for the process (stdlib sqlite3 and json only: nothing heavy on a cached brief's path). A broken history
never fails a brief: it is logged once and left alone, as the cache is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefer.config import Settings
    from briefer.read.sources import Article
    from briefer.schema import Brief

log = logging.getLogger("briefer.model.history")

HISTORY_OFF = "the history is off (BRIEFER_HISTORY=off)"

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS briefs (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL, model TEXT NOT NULL, focus TEXT NOT NULL,
        articles TEXT NOT NULL, settings TEXT NOT NULL, prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL, calls INTEGER NOT NULL, cached_calls INTEGER NOT NULL,
        seconds REAL NOT NULL, headline TEXT NOT NULL, brief TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS evals (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL, path TEXT NOT NULL, settings TEXT NOT NULL,
        cases INTEGER NOT NULL, report TEXT NOT NULL)""",
)
# The settings a brief records: what decides it, never the key or where the cache is.
RECORDED = ("model", "base_url", "mode", "focus", "prompts", "summary", "context", "temperature", "seed", "embedded")


@dataclass(frozen=True)
class BriefRow:
    id: int
    created: float
    model: str
    focus: str
    articles: list[dict[str, Any]]
    prompt_tokens: int
    completion_tokens: int
    calls: int
    cached_calls: int
    seconds: float
    headline: str


@dataclass(frozen=True)
class EvalRow:
    id: int
    created: float
    path: str
    settings: dict[str, str]
    cases: int


def public_settings(settings: Settings) -> dict[str, Any]:
    """The recorded settings (``RECORDED``), as JSON values."""
    out: dict[str, Any] = {}
    for name in RECORDED:
        value = getattr(settings, name)
        out[name] = value if value is None or isinstance(value, (bool, int, float)) else str(value)
    return out


class History:
    """One SQLite file's ``briefs`` and ``evals`` tables; safe across threads (one connection, one lock)
    and processes (WAL, a busy timeout)."""

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
                for statement in _SCHEMA:
                    db.execute(statement)
            except sqlite3.Error:
                db.close()
                raise
            self._db = db
        return self._db

    def _run(self, sql: str, args: tuple[Any, ...] = ()) -> tuple[list[tuple[Any, ...]], int | None] | None:
        """(rows, last row id) of one statement; on a database error, warn once and record nothing more."""
        if self._broken:
            return None
        with self._lock:
            try:
                cursor = self._connect().execute(sql, args)
                return cursor.fetchall(), cursor.lastrowid
            except (sqlite3.Error, OSError) as exc:
                self._broken = True
                log.warning("history %s unusable (%s); briefs are not recorded (BRIEFER_HISTORY=off stops "
                            "trying)", self.path, exc)
                return None

    # --- briefs ---------------------------------------------------------------------------------------

    def record(self, brief: Brief, articles: Sequence[Article], settings: Settings, seconds: float) -> int | None:
        """Keep one brief; its id, or None when the history cannot be written."""
        rows = [{"id": a.id, "path": a.path, "sha256": hashlib.sha256(a.text.encode("utf-8", "surrogatepass"))
                 .hexdigest()} for a in articles]
        usage = brief.usage
        done = self._run(
            "INSERT INTO briefs (created, model, focus, articles, settings, prompt_tokens, completion_tokens, calls,"
            " cached_calls, seconds, headline, brief) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (time.time(), settings.model, brief.focus, json.dumps(rows, ensure_ascii=False),
             json.dumps(public_settings(settings), ensure_ascii=False), sum(u.prompt_tokens for u in usage),
             sum(u.completion_tokens for u in usage), len(usage), sum(u.cached for u in usage),
             round(seconds, 3), brief.headline, brief.model_dump_json()))
        return done[1] if done else None

    def again(self, brief_id: int, seconds: float) -> int | None:
        """Record a brief made again from the page cache: brief ``brief_id``'s row, now, every call cached."""
        done = self._run(
            "INSERT INTO briefs (created, model, focus, articles, settings, prompt_tokens, completion_tokens, calls,"
            " cached_calls, seconds, headline, brief) SELECT ?, model, focus, articles, settings, 0, 0, calls, calls,"
            " ?, headline, brief FROM briefs WHERE id = ?", (time.time(), round(seconds, 3), brief_id))
        return done[1] if done else None

    def briefs(self, limit: int = 20) -> list[BriefRow]:
        """The latest ``limit`` briefs, newest first."""
        done = self._run("SELECT id, created, model, focus, articles, prompt_tokens, completion_tokens, calls, "
                         "cached_calls, seconds, headline FROM briefs ORDER BY id DESC LIMIT ?", (limit,))
        return [BriefRow(r[0], r[1], r[2], r[3], json.loads(r[4]), *r[5:]) for r in (done[0] if done else [])]

    def brief_json(self, brief_id: int) -> str | None:
        """The recorded brief's JSON, or None when there is no such brief."""
        done = self._run("SELECT brief FROM briefs WHERE id = ?", (brief_id,))
        return str(done[0][0][0]) if done and done[0] else None

    # --- eval runs ------------------------------------------------------------------------------------

    def record_eval(self, path: str, settings: dict[str, str], cases: int, report_json: str) -> int | None:
        done = self._run("INSERT INTO evals (created, path, settings, cases, report) VALUES (?, ?, ?, ?, ?)",
                         (time.time(), path, json.dumps(settings, ensure_ascii=False), cases, report_json))
        return done[1] if done else None

    def evals(self, limit: int = 20) -> list[EvalRow]:
        done = self._run("SELECT id, created, path, settings, cases FROM evals ORDER BY id DESC LIMIT ?", (limit,))
        return [EvalRow(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in (done[0] if done else [])]

    def eval_json(self, run_id: int) -> str | None:
        done = self._run("SELECT report FROM evals WHERE id = ?", (run_id,))
        return str(done[0][0][0]) if done and done[0] else None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None


_open: dict[Path, History] = {}
_open_lock = threading.Lock()


def open_history(path: Path | None) -> History | None:
    """The process's one ``History`` for ``path`` (None: no history)."""
    if path is None:
        return None
    path = path.expanduser().resolve()
    with _open_lock:
        history = _open.get(path)
        if history is None:
            history = _open[path] = History(path)
    return history
