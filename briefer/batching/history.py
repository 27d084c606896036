"""The memory of a brief kept current (``briefer watch``): the versions written, the article files and
the ids they were given, when each item of the brief first appeared, and the status of each role claim
over time.

It lives beside the page (``brief.html`` -> ``brief.watch.json``), written atomically after every
version, so that a watch started again on the same page keeps its times. An item is known by what it
says, not by where it stands on the page: a person by name, a date by its day, a claim or a point by its
sentence, a discrepancy by its two quotes, a source by its article id. A file that cannot be read as
this history is set aside (``.broken``) and a new history begins: it never stops a watch.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from briefer.batching.journal import write_atomic
from briefer.schema import Actor, Brief, ClaimStatus, Dated, Discrepancy, Place, Point, RoleClaim, Source
from briefer.text import normalise

log = logging.getLogger("briefer.batch.watch")

FORMAT = 1
MAX_VERSIONS = 200  # versions remembered in the history (the pages kept are ``--keep``)


def history_path(out: Path) -> Path:
    """Where the history of the page ``out`` lives: ``brief.html`` -> ``brief.watch.json``."""
    return out.with_name(out.stem + ".watch.json")


def item_key(item: Any) -> str | None:
    """What an item of a brief is known by across versions; None for anything else."""
    if isinstance(item, Actor):
        return "who:" + normalise(item.name)
    if isinstance(item, Place):
        return "where:" + normalise(item.name)
    if isinstance(item, Dated):
        return "when:" + (item.iso or normalise(item.text))
    if isinstance(item, RoleClaim):
        return "role:" + normalise(item.claim)
    if isinstance(item, Point):  # a key point that becomes an open question is not new
        return "point:" + normalise(item.text)
    if isinstance(item, Discrepancy):
        return "discrepancy:" + "|".join(sorted(normalise(q.text) for q in item.quotes))
    if isinstance(item, Source):
        return "source:" + item.id
    return None


def items_of(brief: Brief) -> list[Any]:
    """Every item of ``brief`` that can be new: the summary is the page's lead, never marked."""
    return [*brief.who, *brief.where, *brief.when, *brief.focus_role, *brief.key_points, *brief.open_questions,
            *brief.discrepancies, *brief.sources]


@dataclass
class Seen:
    """One item: when it first appeared, a short label, and (role claims) its status over time."""

    first: datetime
    label: str = ""
    statuses: list[tuple[datetime, str]] = field(default_factory=list)

    def status_at(self, moment: datetime) -> str | None:
        """The status the claim had at ``moment`` (None before it appeared)."""
        current = None
        for at, status in self.statuses:
            if at > moment:
                break
            current = status
        return current


@dataclass
class VersionNote:
    number: int
    at: datetime
    articles: int


@dataclass
class ArticleNote:
    """An article file: the id it was given (kept, so its cached answers stay valid), when it was first
    briefed, and when it was removed (None while it is in the folder)."""

    id: str
    first: datetime
    removed: datetime | None = None
    title: str = ""


@dataclass
class History:
    path: Path
    versions: list[VersionNote] = field(default_factory=list)
    articles: dict[str, ArticleNote] = field(default_factory=dict)  # file name -> note
    items: dict[str, Seen] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> History:
        history = cls(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r}")
            history.versions = [VersionNote(int(v["n"]), _time(v["at"]), int(v["articles"])) for v in raw["versions"]]
            history.articles = {name: ArticleNote(str(a["id"]), _time(a["first"]),
                                                  _time(a["removed"]) if a.get("removed") else None,
                                                  str(a.get("title", "")))
                                for name, a in raw["articles"].items()}
            history.items = {key: Seen(_time(s["first"]), str(s.get("label", "")),
                                       [(_time(at), str(status)) for at, status in s.get("statuses", [])])
                             for key, s in raw["items"].items()}
        except FileNotFoundError:
            return history
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            broken = path.with_name(path.name + ".broken")
            log.warning("%s is not a watch history (%s); set aside as %s, starting a new one", path, exc, broken.name)
            with contextlib.suppress(OSError):
                os.replace(path, broken)
            return cls(path)
        return history

    def save(self) -> None:
        data = {"format": FORMAT,
                "versions": [{"n": v.number, "at": v.at.isoformat(), "articles": v.articles}
                             for v in self.versions[-MAX_VERSIONS:]],
                "articles": {name: {"id": a.id, "first": a.first.isoformat(),
                                    "removed": a.removed.isoformat() if a.removed else None, "title": a.title}
                             for name, a in self.articles.items()},
                "items": {key: {"first": s.first.isoformat(), "label": s.label,
                                **({"statuses": [[at.isoformat(), st] for at, st in s.statuses]} if s.statuses else {})}
                          for key, s in self.items.items()}}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    @property
    def last(self) -> VersionNote | None:
        return self.versions[-1] if self.versions else None

    def article_id(self, name: str, stem: str, present: set[str]) -> str:
        """The id of the article file ``name``: the one it had before, else its ``stem`` made unique
        against every id ever given (an id names the article in its prompts and so in the cache)."""
        note = self.articles.get(name)
        if note is not None:
            return note.id
        taken = {a.id for a in self.articles.values()} | present
        candidate, n = stem or "article", 1
        while candidate in taken:
            n += 1
            candidate = f"{stem}-{n}"
        return candidate

    def note_articles(self, present: dict[str, tuple[str, str]], at: datetime) -> None:
        """``present``: file name -> (id, title) of the articles briefed in the version made ``at``."""
        for name, (article_id, title) in present.items():
            note = self.articles.get(name)
            if note is None:
                self.articles[name] = ArticleNote(article_id, at, None, title)
            else:
                note.removed, note.title = None, title or note.title
        for name, note in self.articles.items():
            if name not in present and note.removed is None:
                note.removed = at

    def record(self, brief: Brief, at: datetime) -> None:
        """Note every item of ``brief`` (made ``at``): its first appearance, and a role claim's status."""
        for item in items_of(brief):
            key = item_key(item)
            if key is None:
                continue
            seen = self.items.get(key) or self._renamed(key)
            if seen is None:
                seen = self.items[key] = Seen(at, _label(item))
            elif key not in self.items:  # a name told in full where it was a surname before: the same one
                self.items[key] = seen
            if isinstance(item, RoleClaim) and (not seen.statuses or seen.statuses[-1][1] != item.status):
                seen.statuses.append((at, item.status))

    def _renamed(self, key: str) -> Seen | None:
        """A person known before under a shorter or longer form of the name ("Okafor", "Jane Okafor"): the
        same item when exactly one known name ends with the other. Not places: York is not New York."""
        kind, _, name = key.partition(":")
        if kind != "who" or not name:
            return None
        found = [seen for other, seen in self.items.items() if other.startswith("who:")
                 and _same_name(name, other.partition(":")[2])]
        return found[0] if len(found) == 1 else None

    def first_seen(self, item: Any) -> datetime | None:
        key = item_key(item)
        seen = self.items.get(key) if key else None
        return seen.first if seen else None

    def claims_before(self, moment: datetime) -> list[tuple[str, ClaimStatus, datetime]]:
        """The role claims known at ``moment``, each with its status then and since when it had it,
        the latest first."""
        out: list[tuple[str, ClaimStatus, datetime]] = []
        for key, seen in self.items.items():
            if key.startswith("role:") and seen.first <= moment:
                changes = [(at, status) for at, status in seen.statuses if at <= moment]
                if changes:
                    out.append((seen.label, changes[-1][1], changes[-1][0]))  # type: ignore[arg-type]
        return sorted(out, key=lambda c: c[2], reverse=True)


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.endswith(" " + short)


def _label(item: Any) -> str:
    if isinstance(item, (Actor, Place)):
        return item.name
    if isinstance(item, Dated):
        return item.iso or item.text
    if isinstance(item, RoleClaim):
        return item.claim
    if isinstance(item, Point):
        return item.text
    if isinstance(item, Discrepancy):
        return item.about
    if isinstance(item, Source):
        return item.title or item.id
    return ""


def _time(text: Any) -> datetime:
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        raise ValueError(f"time without a zone: {text!r}")
    return moment


__all__ = ["ArticleNote", "History", "Seen", "VersionNote", "history_path", "item_key", "items_of"]
