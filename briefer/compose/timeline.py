"""The timeline: which of the code-found dates make the brief's When, and in what order.

An article names many dates: the day of its news, times of day, and history ("their first title since
1921"). A page has room for a few, so they are ranked by how likely each is the news event's day:

0. a day within a week of an anchor day (the publish date, else the dateline's or a weekday's day);
1. a time of day ("At 23:15"), a weekday not resolved, or a day within two months of an anchor;
2. any other day or month;
3. a bare year or a vague span ("last week", "in January").

Within a rank, the order the articles mention them in is kept. The kept items are then shown in date
order. An article with no date near its publish date gets one item for the publish date itself (basis
``published``), quoting its lead sentence, so a reader sees when the news is from, marked as such.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

from briefer.schema import Dated
from briefer.text import iso_day

NEAR_DAYS, RECENT_DAYS = 7, 62
PUBLISHED_TEXT = "publication date"
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)(?!\w)", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def anchor_days(published: Sequence[datetime.date | None], items: Sequence[Dated]) -> list[datetime.date]:
    """The days the news is from: the publish dates; else the days a dateline or a weekday fixed; else
    the latest day the articles name."""
    days = [d for d in published if d]
    if days:
        return days
    fixed = [d for i in items if i.basis in ("dateline", "weekday") and (d := iso_day(i.iso))]
    if fixed:
        return fixed
    named = [d for i in items if (d := iso_day(i.iso))]
    return [max(named)] if named else []


def rank(item: Dated, anchors: Sequence[datetime.date]) -> int:
    """0 (most likely the news event's day) to 3 (history or vague); see the module docstring."""
    date = iso_day(item.iso)
    if date is not None:
        gap = min((abs((date - a).days) for a in anchors), default=None)
        if item.text == PUBLISHED_TEXT or (gap is not None and gap <= NEAR_DAYS):
            return 0
        return 1 if gap is not None and gap <= RECENT_DAYS else 2
    if _CLOCK.search(item.text) or (not item.iso and _WEEKDAY.search(item.text)):
        return 1
    if len(item.iso) == 7:  # a month
        return 2
    return 3


def needs_publication_item(published: datetime.date | None, isos: Iterable[str]) -> bool:
    """True when an article has a publish date and names no day near it (``isos``: the days it names, as
    resolved): its news day is unstated."""
    if published is None:
        return False
    return not any((d := iso_day(iso)) and -NEAR_DAYS <= (d - published).days <= 1 for iso in isos)


def top(items: Sequence[Dated], limit: int, anchors: Sequence[datetime.date]) -> list[Dated]:
    """The ``limit`` most relevant items (stable within a rank), in date order; partial dates last."""
    kept = sorted(items, key=lambda d: rank(d, anchors))[:limit]
    return sorted(kept, key=lambda d: (d.iso == "", d.iso))
