"""Date mentions as written, found in a text: the patterns of dates, years, weekdays, relative days,
times and durations, as ``Atom``s, and the runs of atoms that are one mention ("Tuesday, January 6").
Resolving them to ISO days is ``briefer.extract.dates``'s."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from briefer.extract.date_mentions_fr import french_atoms
from briefer.text import LazyPattern


def _words(text: str) -> list[str]:
    return text.split()


_MONTH_NUM = {m: i for i, m in enumerate(_words("jan feb mar apr may jun jul aug sep oct nov dec"), 1)}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?"
         r"|Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d{2}|20\d{2}|21\d{2})"
_NUM = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|few)"
_NUM_WORDS = {w: i for i, w in enumerate(_words("one two three four five six seven eight nine ten"), 1)}
_NUM_WORDS.update(a=1, an=1, eleven=11, twelve=12)

# Speed: every pattern starts with its first character as a literal or a character class (not with a
# lookahead or \b), so that the regex engine skips the characters that cannot start a match in its fast
# scan (2-3x faster). A \b before a word character becomes _B right after it (the character before it is
# no word character), and a month or number is written with its first character apart.
_B = r"(?<!\w.)"
_MONTH_B = (r"(?:J" + _B + r"(?:an(?:uary|\.)?|une?\.?|uly?\.?)|F" + _B + r"eb(?:ruary|\.)?|M" + _B
            + r"(?:ar(?:ch|\.)?|ay)|A" + _B + r"(?:pr(?:il|\.)?|ug(?:ust|\.)?)|S" + _B + r"ep(?:t(?:ember)?)?\.?"
            r"|O" + _B + r"ct(?:ober|\.)?|N" + _B + r"ov(?:ember|\.)?|D" + _B + r"ec(?:ember|\.)?)")  # \bMONTH
_MONTH_FULL_B = (r"(?:J" + _B + r"(?:anuary|une|uly)|F" + _B + r"ebruary|M" + _B + r"(?:arch|ay)|A" + _B
                 + r"(?:pril|ugust)|S" + _B + r"eptember|O" + _B + r"ctober|N" + _B + r"ovember|D" + _B
                 + r"ecember)")  # \b and a month's full name
_YEAR_B = r"(?:1" + _B + r"[89]\d{2}|2" + _B + r"0\d{2}|2" + _B + r"1\d{2})"  # \b_YEAR
_DAY_B = r"\d" + _B + r"(?:(?<=[0-3])\d)?"  # \b[0-3]?\d
_DATE_RES = [
    LazyPattern(r"(?P<mon>" + _MONTH_B + r")\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!:\d|\.\d)"
               r"(?:,?\s(?P<year>" + _YEAR + r")\b)?"),
    LazyPattern(r"(?P<day>" + _DAY_B + r")(?:st|nd|rd|th)?\s(?:of\s)?(?P<mon>" + MONTH + r")(?![a-z])"
               r"(?:,?\s(?P<year>" + _YEAR + r")\b)?"),
    LazyPattern(r"(?P<mon>" + _MONTH_B + r")(?:,?\s|\sof\s)(?P<year>" + _YEAR + r")\b"),
    LazyPattern(r"(?P<year>" + _YEAR_B + r")-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    LazyPattern(r"(?P<mon>" + _MONTH_FULL_B + r")\b(?!\s\d)"),  # a month alone, kept after a preposition
]
_MONTH_ALONE_PREFIX = LazyPattern(r"(?<!\w)(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom|[Tt]hrough|[Dd]uring"
                                 r"|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id)(?:\s|-)$")
_YEAR_RE = LazyPattern(r"(?P<year>(?:1(?<![\w,.$£€#:/-].)9|2(?<![\w,.$£€#:/-].)0)\d{2})\b(?!\d|,\d|%|:\d|\.\d|/\d|-\d)")
_YEAR_BEFORE = frozenset(_words("""
in since of by until till from before after during between and to early late mid year season summer winter
spring autumn fall circa c. the 's ’s around about through"""))
_NOT_PLURAL = frozenset(_words("""
was has is as its this his us yes thus plus series news always perhaps whereas does hers ours yours theirs
less unless"""))
_UNITS = frozenset(_words("""
per percent km kg mph miles mile metres meters feet ft yards tons tonnes people men women children pounds
dollars euros times"""))


def _is_year(text: str, start: int, end: int) -> bool:
    """A 19xx/20xx number reads as a year unless a unit or a plural noun follows it without a year word
    ("in", "since", "season") before it."""
    before = text[max(0, start - 12):start].split()
    if before and before[-1].lower().strip(",(") in _YEAR_BEFORE:
        return True
    m = _NEXT_WORD.match(text, end, end + 20)
    if not m:
        return True
    word = m[1].lower()
    return word not in _UNITS and not (word.endswith("s") and word not in _NOT_PLURAL and m[1][0].islower())


_NEXT_WORD = LazyPattern(r"\s([A-Za-z]+)")
_WEEKDAY_RE = LazyPattern(r"(?P<wd>" + WEEKDAY + r")(?P<poss>['’]s)?"
                         r"(?:\s(?P<part>morning|afternoon|evening|night|lunchtime|overnight))?\b(?![-'’]?[a-z])")
_WEEKDAY_PREFIX = LazyPattern(r"(?<!\w)(?P<pre>(?:[Tt]he\s)?(?:early|small|wee|late)\shours\sof"
                             r"|(?:[Ee]arly|[Ll]ate|[Ll]ater|[Ee]arlier)\son|[Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming"
                             r"|[Pp]ast)\s$")
_REL_RE = LazyPattern(
    r"(?=[EeLlTtYyNn])\b(?P<rel>(?:[Ee]arlier|[Ll]ater)\stoday|(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)"
    r"(?:\s(?:morning|afternoon|evening|night))?|[Ll]ast\snight|[Tt]his\s(?:morning|afternoon|evening)"
    r"|(?:[Ll]ast|[Tt]his|[Nn]ext)\s(?:week|month|year))\b(?!-)")
_AMPM = r"(?:[aApP]\.[mM]\.|[aApP]\.[mM]\b|[aApP][mM]\b)"
_CLOCK = (r"(?:(?:[01]?\d|2[0-3])[:.][0-5]\d\s?" + _AMPM + r"|(?:[01]?\d|2[0-4]):[0-5]\d(?![\d:]|\.\d)"
          r"|(?:1[0-2]|0?\d)\s?" + _AMPM + r"|midnight|midday|noon)")
_ZONE = (r"(?:\s(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PST|PDT|PT|CST|CDT|CT|MST|MDT|local\stime"
         r"|(?:Eastern|Pacific|Central|Mountain)\s(?:Standard\s|Daylight\s)?Time)\b)?")
# _CLOCK after its first character ([\dmn], taken by _TIME_RE): [01]?\d is \d(?:(?<=[01])\d)?, and so on.
_CLOCK_REST = (r"(?:(?<=\d)(?:(?:(?:(?<=[01])\d)?|(?<=2)[0-3])[:.][0-5]\d\s?" + _AMPM
               + r"|(?:(?:(?<=[01])\d)?|(?<=2)[0-4]):[0-5]\d(?![\d:]|\.\d)|(?:(?<=1)[0-2]|(?<=0)\d|)\s?" + _AMPM
               + r")|(?<=m)id(?:night|day)|(?<=n)oon)")
_TIME_RE = LazyPattern(r"[\dmn](?<![\d.:].)" + _CLOCK_REST + _ZONE  # (?<![\d.:])_CLOCK, its first character apart
                      + r"(?:\s(?:or|and|to|-|–)\s" + _CLOCK + _ZONE + r")?")
_TIME_PREFIX = LazyPattern(
    r"(?<!\w)(?:(?:[Ss]hortly|[Jj]ust|[Ss]oon|[Ii]mmediately|[Rr]ight|[Mm]oments|[Mm]inutes)\s(?:after|before)"
    r"|(?:[Aa]t\s)?(?:about|around|approximately|roughly|exactly|precisely)|[Aa]lmost|[Nn]early|[Uu]ntil"
    r"|[Bb]etween|[Ss]ince|[Aa]t|[Bb]y|[Aa]fter|[Bb]efore|[Ff]rom)\s$")
_RELDUR_RE = LazyPattern(
    r"\s(?P<unit>days?|weeks?|months?|years?|hours?)\s"
    r"(?:(?P<ago>ago)\b|(?P<dir>before|after|ahead of|earlier|later)\b"
    r"(?:\s(?!(?:he|she|it|they|we|you|i|that|this|which|who|being|having|a|an)\b)(?P<event>(?:(?:the|his|her"
    r"|their|its)\s)?(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3}|[a-z][\w'’-]*)))?)")
_RELDUR_PREFIX = LazyPattern(r"(?<![\w-])(?P<n>" + _NUM + r")$")
FUTURE_RE = LazyPattern(r"\b(?:will|shall|is due|are due|scheduled|is set to|are set to|expected to"
                         r"|plans? to|planning to|is to|are to|going to|upcoming"
                         r"|(?:could|may|might)(?!\s+(?:not|never|have|already|well have)\b))\b|['’]ll\b")
_GAP_RE = LazyPattern(r"(?:\s*,\s*|\s)(?:(?:on|at|of|in)\s)?")


@dataclass(frozen=True)
class Atom:
    kind: str  # date | year | weekday | rel | time | reldur
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    mod: str = ""  # last | next | this (weekday), or the relative phrase
    ago: tuple[int, str] | None = None  # (count, unit) for "two days ago"; count 0 = vague


def _month(word: str) -> int:
    return _MONTH_NUM[word[:3].lower()]


def _prefix(text: str, start: int, rx: LazyPattern) -> tuple[int, re.Match[str] | None]:
    """Extend a match backwards over the words ``rx`` allows right before it ("on", "shortly after")."""
    m = rx.search(text, max(0, start - 32), start)
    return (m.start(), m) if m else (start, None)


@lru_cache(maxsize=8)
def find_atoms(text: str) -> tuple[Atom, ...]:
    found: list[Atom] = []
    for k, rx in enumerate(_DATE_RES):
        for m in rx.finditer(text):
            g = m.groupdict()
            start = m.start()
            if k == len(_DATE_RES) - 1:
                start, pre = _prefix(text, start, _MONTH_ALONE_PREFIX)
                if pre is None:
                    continue
            month = int(g["mnum"]) if g.get("mnum") else _month(g["mon"])
            day = int(g["day"]) if g.get("day") else None
            if month > 12 or (day is not None and not 1 <= day <= 31):
                continue
            year = int(g["year"]) if g.get("year") else None
            found.append(Atom("date", start, m.end(), year, month, day))
    for m in _YEAR_RE.finditer(text):
        if _is_year(text, m.start(), m.end()):
            found.append(Atom("year", m.start(), m.end(), year=int(m["year"])))
    for m in _WEEKDAY_RE.finditer(text):
        start, pre = _prefix(text, m.start(), _WEEKDAY_PREFIX)
        word = pre["pre"].lower() if pre else ""
        mod = word if word in ("last", "next", "this", "coming", "past") else ""
        found.append(Atom("weekday", start, m.end(), weekday=_WEEKDAYS.index(m["wd"]), mod=mod))
    for m in _REL_RE.finditer(text):
        found.append(Atom("rel", m.start(), m.end(), mod=" ".join(m["rel"].lower().split())))
    for m in _TIME_RE.finditer(text):
        found.append(Atom("time", _prefix(text, m.start(), _TIME_PREFIX)[0], m.end()))
    for m in _RELDUR_RE.finditer(text):
        start, num = _prefix(text, m.start(), _RELDUR_PREFIX)
        if num is None:
            continue
        n = num["n"].lower()
        count = int(n) if n.isdigit() else _NUM_WORDS.get(n, 0)
        unit = m["unit"].rstrip("s")
        found.append(Atom("reldur", start, m.end(), ago=(count, unit) if m["ago"] else None))
    found.extend(french_atoms(text, Atom))  # the French forms (date_mentions_fr): after the English, which win ties
    # overlapping atoms: the longest wins
    found.sort(key=lambda a: (-(a.end - a.start), a.start))
    kept: list[Atom] = []
    for atom in found:
        if all(atom.end <= k.start or atom.start >= k.end for k in kept):
            kept.append(atom)
    return tuple(sorted(kept, key=lambda a: a.start))


def group_atoms(text: str, atoms: tuple[Atom, ...]) -> list[list[Atom]]:
    """Adjacent atoms of different kinds joined by a space, comma, on/at/of/in: one mention."""
    groups: list[list[Atom]] = []
    for atom in atoms:
        if groups:
            last = groups[-1]
            kinds = {a.kind for a in last}
            mergeable = {"date", "weekday", "time", "rel"}
            if (atom.kind in mergeable and kinds <= mergeable and atom.kind not in kinds
                    and not ({"date", "rel"} <= kinds | {atom.kind})
                    and _GAP_RE.fullmatch(text, last[-1].end, atom.start)):
                last.append(atom)
                continue
        groups.append([atom])
    return groups


def combine(group: list[Atom]) -> Atom:
    out = Atom(group[0].kind if len(group) == 1 else "+".join(a.kind for a in group), group[0].start,
                group[-1].end)
    for a in group:
        out = replace(out, year=out.year or a.year, month=out.month or a.month, day=out.day or a.day,
                      weekday=a.weekday if a.weekday is not None else out.weekday, mod=out.mod or a.mod,
                      ago=out.ago or a.ago)
    return out
