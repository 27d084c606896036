"""What changed in a brief kept current: the short "What changed" block at the top of the page, and the
"new at 14:05" note after each item that appeared since a moment (the previous version, or ``--since``).

Both read the watch's ``History``: an item is new when it first appeared after that moment. The block
lists the articles added and removed, the new people, the new dates, the role claims whose status moved
(a claim known before with another status: "planned -> done"), and the new discrepancies between
sources, each list cut to a few entries ("and 3 more") so that the block stays short on the one page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from briefer.batching.history import History, item_key
from briefer.compose.merge import same_fact
from briefer.render import date_label
from briefer.schema import Brief

MAX_ENTRIES = 4  # per line of the block
LABEL_CHARS = 90


@dataclass
class Line:
    label: str
    entries: list[str]
    more: int = 0


@dataclass
class Changes:
    """What changed since ``since`` (None: nothing to compare with, the first version)."""

    since: datetime | None
    lines: list[Line] = field(default_factory=list)

    def add(self, label: str, entries: list[str]) -> None:
        entries = list(dict.fromkeys(e for e in entries if e))
        if entries:
            self.lines.append(Line(label, entries[:MAX_ENTRIES], max(0, len(entries) - MAX_ENTRIES)))


def clock_label(moment: datetime, now: datetime) -> str:
    """``14:05`` today, ``5 Jan 14:05`` another day (both in ``now``'s zone)."""
    moment = moment.astimezone(now.tzinfo)
    return f"{moment:%H:%M}" if moment.date() == now.date() else f"{moment.day} {moment:%b %H:%M}"


def is_new(first: datetime | None, since: datetime | None, inclusive: bool) -> bool:
    if first is None or since is None:
        return False
    return first >= since if inclusive else first > since


def marker(history: History, since: datetime | None, now: datetime, *, inclusive: bool = False) -> Callable[[Any], str]:
    """The note after an item on the page: "new at 14:05" for an item first seen after ``since`` (at or
    after it, ``inclusive``: a moment the reader chose), else ''."""

    def mark(item: Any) -> str:
        first = history.first_seen(item)
        if not is_new(first, since, inclusive):
            return ""
        assert first is not None
        label = clock_label(first, now)
        return f"new at {label}" if " " not in label else f"new {label}"

    return mark


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def moved_claims(history: History, brief: Brief, since: datetime) -> list[str]:
    """Role claims of ``brief`` whose status is not the one they had at ``since``, or, new since then,
    that say what a claim known then said with other cue words ("will send" / "has sent"), at its latest
    status: "planned → done: <claim>"."""
    before = history.claims_before(since)
    out = []
    for claim in brief.focus_role:
        key = item_key(claim)
        seen = history.items.get(key) if key else None
        old = seen.status_at(since) if seen is not None else None
        if old is None:  # new since then: the same claim told before with another status?
            old = next((status for text, status, _ in before
                        if status != claim.status and same_fact(text, claim.claim)), None)
        if old is not None and old != claim.status:
            out.append(f"{old} → {claim.status}: {_short(claim.claim, 70)}")
    return out


def changes(history: History, brief: Brief, since: datetime | None, now: datetime, *,
            inclusive: bool = False) -> Changes:
    """The "What changed" block of ``brief`` (just recorded in ``history``) since ``since``."""
    found = Changes(since)
    if since is None:
        return found

    def new(item: Any) -> bool:
        return is_new(history.first_seen(item), since, inclusive)

    found.add("New articles", [_short(s.title or s.id, 60) for s in brief.sources if new(s)])
    found.add("Removed", [_short(a.title or name, 60) for name, a in history.articles.items()
                          if a.removed is not None and is_new(a.removed, since, inclusive)])
    found.add("New people", [a.name for a in brief.who if a.kind == "person" and new(a)])
    found.add("New dates", [date_label(d) for d in brief.when if new(d)])
    found.add("Status moved", moved_claims(history, brief, since))
    found.add("New discrepancies", [_short(d.about) for d in brief.discrepancies if new(d)])
    return found


__all__ = ["Changes", "Line", "changes", "clock_label", "is_new", "marker", "moved_claims"]
