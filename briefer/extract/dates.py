"""Dates as written -> ISO, never guessing a year.

A mention keeps the article's words (``text``) and gets an ``iso`` of ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``
or ``""``, with the ``basis`` that gave its year and day:

1. An explicit year in the mention -> basis "text": "Friday, March 13, 2026" -> 2026-03-13,
   "January 2026" -> 2026-01, "2016" alone -> 2016 (only a 19xx/20xx number that reads as a year, not
   "2000 people"). An impossible day ("February 30, 2026") keeps the month: 2026-02, basis "partial".
2. Month and day without a year (a news article is about now: a year named elsewhere in the text, a
   treaty's or a mission's, never dates it; only a year written with the date itself does):
   a. a weekday written with it ("Friday, March 13", "Thursday 12 March") -> of the years in which that
      date falls on that weekday, the one nearest the publish date, else nearest the day the brief is made
      and not after it -> "weekday";
   b. else a publish date -> the occurrence nearest to it (December/January wrap) -> "published";
   c. else a resolved dateline day -> the occurrence nearest to it -> "dateline";
   d. else the latest occurrence not after the day the brief is made -> "today".
3. The dateline date ("March 13" in "LISBON, March 13:") resolves by rule 2, and a bare weekday of the
   article ("on Tuesday", in the dateline's paragraph, or the only weekday the article uses) counts as
   written with it; where a publish date exists and disagrees with that weekday, the publish date wins.
   A mention of the same month and day in the text gets the dateline's resolution.
4. The anchor day is the dateline date when it resolved to a full date (basis "dateline"), else the publish
   date (basis "published"). Relative to it, without it iso "" / "partial":
   - a bare weekday ("on Tuesday", "Sunday morning", "Tuesday's talks", "the small hours of Wednesday") is
     the anchor day itself when it is that weekday, else the latest such day before it (news reports past
     days); after a future cue in the same sentence ("will meet on Friday", "could return on Thursday";
     not "could not" or "may have") the next such day instead;
     "last Friday" is always before the anchor day, "next Friday" always after it;
   - today/tonight/this morning -> the anchor day; yesterday/last night -> the day before;
     tomorrow -> the day after; "last month"/"this year" -> YYYY-MM / YYYY; "two days ago" -> counted back;
     "this week"/"last week" stay "" (a week is not a date);
   - a month alone ("in October") after a future cue -> the next such month (YYYY-MM); in the past tense it
     could be any earlier year, so it stays "" / "partial".
5. Times ("shortly after 09:00 GMT", "11:05 p.m. Friday", "about 7.20am or 7.25am", "almost midnight on
   Wednesday") are mentions with their qualifier words; the day comes from a weekday or date written with
   them, else iso "" / "partial". "two days before the vote" is a mention with iso "" / "partial".
6. Durations ("two days", "for months"), ages and other numbers are not mentions; overlapping mentions keep
   the longest.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefer.extract.date_mentions import FUTURE_RE, Atom, combine, find_atoms, group_atoms
from briefer.extract.date_mentions_fr import FUTURE_FR_RE
from briefer.read.language import reads_french
from briefer.text import LazyPattern

if TYPE_CHECKING:  # briefer.schema imports pydantic: not needed at run time here
    from briefer.schema import Basis



@dataclass(frozen=True)
class DateMention:
    text: str  # as written: "Friday, March 13, 2026", "on Tuesday", "shortly after 09:00 GMT"
    start: int  # offsets into the text searched
    end: int
    iso: str  # YYYY-MM-DD, YYYY-MM, YYYY or ""
    basis: Basis  # text | dateline | published | weekday | partial


@dataclass(frozen=True)
class Anchor:
    published: datetime.date | None = None
    dateline: str | None = None  # the dateline date as written ("March 13")
    years: tuple[int, ...] = ()  # explicit years of the article set (explicit_years()): never a date's year
    today: datetime.date | None = None  # the day the brief is made; date.today() when None


def _weekday_date(month: int, day: int, weekday: int, ref: datetime.date, not_after: bool) -> datetime.date | None:
    """The date ``month``/``day`` that falls on ``weekday`` nearest ``ref`` (within 60 years; ``not_after``:
    never later than ``ref``)."""
    options = []
    for year in range(ref.year - 60, ref.year + 2):
        try:
            when = datetime.date(year, month, day)
        except ValueError:
            continue
        if when.weekday() == weekday and not (not_after and when > ref):
            options.append(when)
    return min(options, key=lambda d: abs((d - ref).days)) if options else None


def _nearest(month: int, day: int, ref: datetime.date, not_after: bool = False) -> datetime.date | None:
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if not_after:
        options = [d for d in options if d <= ref]
    return min(options, key=lambda d: abs((d - ref).days)) if options else None


def _today(anchor: Anchor) -> datetime.date:
    return anchor.today or datetime.date.today()


@dataclass(frozen=True)
class _Context:
    day: datetime.date | None = None  # the anchor day
    basis: Basis = "partial"  # "dateline" or "published": where the anchor day came from
    dateline_md: tuple[int, int] | None = None
    dateline_res: tuple[str, Basis] = ("", "partial")


def _month_day(a: Atom, anchor: Anchor, ctx: _Context, weekday: int | None) -> tuple[str, Basis]:
    m, d = a.month or 1, a.day or 1
    if weekday is not None:
        ref, not_after = (anchor.published, False) if anchor.published else (_today(anchor), True)
        found = _weekday_date(m, d, weekday, ref, not_after)
        return (found.isoformat(), "weekday") if found else ("", "partial")
    if ctx.dateline_md == (m, d) and ctx.dateline_res[0]:
        return ctx.dateline_res
    near: datetime.date | None
    basis: Basis
    if anchor.published:
        near, basis = _nearest(m, d, anchor.published), "published"
    elif ctx.day is not None and ctx.basis == "dateline":
        near, basis = _nearest(m, d, ctx.day), "dateline"
    else:
        near, basis = _nearest(m, d, _today(anchor), not_after=True), "today"
    return (near.isoformat(), basis) if near else ("", "partial")


def _months_from(day: datetime.date, n: int) -> str:
    total = day.year * 12 + day.month - 1 + n
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _relative(a: Atom, ctx: _Context, future: bool) -> tuple[str, Basis]:
    day, basis = ctx.day, ctx.basis
    if day is None:
        return "", "partial"
    if a.weekday is not None:
        delta = (a.weekday - day.weekday()) % 7  # days forward to that weekday
        if a.mod == "next":
            shift = delta or 7
        elif a.mod == "coming" or (future and a.mod in ("", "this")):
            shift = delta
        elif a.mod in ("last", "past"):
            shift = delta - 7
        else:  # the anchor day itself, else the latest such day before it
            shift = delta - 7 if delta else 0
        return (day + datetime.timedelta(days=shift)).isoformat(), basis
    if a.ago is not None:
        n, unit = a.ago
        if n <= 0:
            return "", "partial"
        if unit == "month":
            return _months_from(day, -n), basis
        if unit == "year":
            return f"{day.year - n:04d}", basis
        return (day - datetime.timedelta(days={"week": 7 * n, "day": n}.get(unit, 0))).isoformat(), basis
    rel = a.mod
    step = {"last": -1, "next": 1, "yesterday": -1, "tomorrow": 1}.get(rel.split()[0], 0)
    if rel.endswith("week"):
        return "", "partial"
    if rel.endswith("month"):
        return _months_from(day, step), basis
    if rel.endswith("year"):
        return f"{day.year + step:04d}", basis
    return (day + datetime.timedelta(days=step)).isoformat(), basis  # today, yesterday, last night


_ISO = LazyPattern(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _resolve_atom(a: Atom, anchor: Anchor, ctx: _Context, future: bool = False) -> tuple[str, Basis]:
    """(iso, basis) of one mention; a result outside the calendar (year 0, 10000) is ("", "partial")."""
    try:
        iso, basis = _resolve_unchecked(a, anchor, ctx, future)
        if iso and not (_ISO.fullmatch(iso) and int(iso[:4]) >= 1):
            return "", "partial"
        return iso, basis
    except (ValueError, OverflowError):
        return "", "partial"


def _resolve_unchecked(a: Atom, anchor: Anchor, ctx: _Context, future: bool) -> tuple[str, Basis]:
    if "reldur" in a.kind and a.ago is None:
        return "", "partial"
    if a.year is not None:
        if a.month is None:
            return f"{a.year:04d}", "text"
        if a.day is None:
            return f"{a.year:04d}-{a.month:02d}", "text"
        try:
            return datetime.date(a.year, a.month, a.day).isoformat(), "text"
        except ValueError:
            return f"{a.year:04d}-{a.month:02d}", "partial"
    if a.month is not None:
        if a.day is not None:
            return _month_day(a, anchor, ctx, a.weekday)
        # A month alone is placed only when the sentence looks ahead ("will meet again in October"): the
        # next such month from the anchor day. In the past tense it could be any earlier year: partial.
        if future and ctx.day is not None:
            return _months_from(ctx.day, (a.month - ctx.day.month) % 12), ctx.basis
        return "", "partial"
    if a.weekday is not None or a.ago is not None or "rel" in a.kind.split("+"):
        return _relative(a, ctx, future)
    return "", "partial"


def _dateline_weekday(text: str, atoms: tuple[Atom, ...], dateline: str) -> int | None:
    """The weekday the article uses for its dateline day: a bare weekday in the dateline's paragraph,
    else the only bare weekday of the whole text."""
    bare = [a for a in atoms if a.kind == "weekday" and not a.mod]
    pos = text.find(dateline)
    if pos >= 0:
        para_start = max(text.rfind("\n\n", 0, pos), 0)
        para_end = text.find("\n\n", pos)
        para_end = len(text) if para_end < 0 else para_end
        in_para = [a.weekday for a in bare if para_start <= a.start < para_end]
        if in_para:
            return in_para[0]
    kinds = {a.weekday for a in bare}
    return kinds.pop() if len(kinds) == 1 else None


def _context(anchor: Anchor, text: str = "", atoms: tuple[Atom, ...] = ()) -> _Context:
    ctx = _Context(day=anchor.published, basis="published" if anchor.published else "partial")
    if not anchor.dateline:
        return ctx
    parts = find_atoms(anchor.dateline)
    date = next((a for a in parts if a.kind == "date" and a.day is not None), None)
    if date is None or date.month is None or date.day is None:
        return ctx
    md = (date.month, date.day)
    weekday = next((a.weekday for a in parts if a.weekday is not None), None)
    if date.year is not None:
        res = _resolve_atom(date, anchor, ctx)
    elif weekday is not None:
        res = _month_day(date, anchor, ctx, weekday)
    else:
        res = _month_day(date, anchor, ctx, None)
        seen = _dateline_weekday(text, atoms, anchor.dateline) if text else None
        if seen is not None:
            by_weekday = _month_day(date, anchor, ctx, seen)
            if by_weekday[0] and (not anchor.published or by_weekday[0] == res[0]):
                res = by_weekday
    if len(res[0]) == 10:
        return _Context(datetime.date.fromisoformat(res[0]), "dateline", md, res)
    return replace(ctx, dateline_md=md, dateline_res=res)


def _is_future(text: str, start: int) -> bool:
    """A future cue ("will", "is due to"; in a French text "va", "se réunira") earlier in the same sentence."""
    window = re.split(r"[.!?\n]", text[max(0, start - 100):start])[-1]
    return bool(FUTURE_RE.search(window) or (FUTURE_FR_RE.search(window) and reads_french(text)))


def find_dates(text: str, anchor: Anchor) -> list[DateMention]:
    """Every date, weekday, relative day and time mention of ``text``, resolved by the module's rules."""
    atoms = find_atoms(text)
    ctx = _context(anchor, text, atoms)
    out: list[DateMention] = []
    for group in group_atoms(text, atoms):
        start = group[0].start
        if len(group) > 1 and any(a.kind == "date" for a in group):
            m = re.match(r"(?:[Oo]n)\s", text[start:group[0].end])
            start += m.end() if m else 0
        combined = replace(combine(group), start=start)
        iso, basis = _resolve_atom(combined, anchor, ctx, _is_future(text, start))
        out.append(DateMention(text[start:combined.end], start, combined.end, iso, basis))
    return out


def resolve(text_as_written: str, anchor: Anchor) -> tuple[str, Basis]:
    """(iso, basis) of one date as written, by the module's rules (no article text: no tense, no weekday
    from elsewhere)."""
    atoms = find_atoms(text_as_written)
    if not atoms:
        return "", "partial"
    groups = group_atoms(text_as_written, atoms)
    best = max(groups, key=lambda g: g[-1].end - g[0].start)
    return _resolve_atom(combine(best), anchor, _context(anchor))


def explicit_years(text: str) -> tuple[int, ...]:
    """The years written out in ``text`` (in full dates, "January 2026" or alone), sorted."""
    return tuple(sorted({a.year for a in find_atoms(text) if a.year is not None}))
