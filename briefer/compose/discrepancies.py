"""Discrepancies between articles: the same thing told differently. Pure code, no model.

Only between two different articles, and conservative: a false alarm on two articles that agree is worse
than a subtle conflict missed. Four kinds are found:

- date: sentences that tell the same event (most of their content words outside quoted speech shared),
  each with one full date, give two different days;
- number: the same counted noun ("leaders") in similar sentences with amounts that cannot both be true
  ("15 leaders" / "more than 20 leaders"; "more than 40" and "41" agree), neither article giving both;
- title: one person (by name or alias) given the same office at another rank ("deputy mayor" /
  "mayor", "acting" / "former"); two different offices are not flagged (one person may hold both);
- status: near-duplicate sentences about the focus country with different cue words ("will send" /
  "has sent" / "could send").

Each one carries a quote of each article; the brief shows both and resolves nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.compose.grounding import clip
from briefer.compose.merge import STOPWORDS, SourceFacts, content_words, cue, name_clusters, overlap, same_fact, stem
from briefer.schema import Discrepancy, DiscrepancyKind, Quote
from briefer.text import normalise

MAX_DISCREPANCIES = 4


def _split(words: str) -> list[str]:
    return words.split()


EVENT_SHARED, EVENT_JACCARD = 3, 0.5  # date: the two sentences tell the same event
NUMBER_SHARED, NUMBER_JACCARD = 2, 0.3  # number: the sentences around the same noun are alike

_DATE_WORDS = frozenset(_split("""
january february march april may june july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
morning afternoon evening night week weekend month year day earlier later last next
"""))

# "one" is left out: "one of", "one official" are not counts worth comparing.
_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]|‘[^‘’]*’")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                 "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "hundred": 100, "dozen": 12}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_QUALIFIERS = ("more than", "fewer than", "less than", "at least", "at most", "up to", "upwards of", "close to",
               "an estimated", "over", "above", "under", "below", "about", "around", "some", "roughly",
               "approximately", "nearly", "almost")
_QUANTITY = re.compile(
    r"(?:\b(?P<qual>" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+)?"
    r"(?<![\w.,])\$?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?:\s+(?P<scale>" + "|".join(_SCALES) + r"))?"
    r"\s+(?P<w1>[a-z][a-z-]+)(?:\s+(?P<w2>[a-z][a-z-]+))?", re.IGNORECASE)

# Titles: the same office word with a different modifier (deputy / acting / former ...) is a discrepancy.
_MODIFIERS = frozenset(_split("deputy vice acting former interim assistant associate junior outgoing incoming"))
_OFFICES = frozenset(_split("""
minister president ambassador secretary chancellor governor mayor premier senator spokesperson spokesman
spokeswoman director commander envoy adviser advisor ceo chairman chairwoman chair king queen prince
general admiral colonel captain judge justice mp congressman congresswoman representative consul attache
"""))


@dataclass(frozen=True)
class Quantity:
    phrase: str
    low: float
    high: float
    noun: str  # the counted noun, stemmed: "leader" in "15 world leaders"


def _value(num: str, scale: str | None) -> float:
    word = num.lower()
    value = float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(num.replace(",", ""))
    return value * _SCALES.get((scale or "").lower(), 1.0)


def _interval(qual: str, v: float) -> tuple[float, float]:
    q = " ".join(qual.lower().split())
    if q in ("more than", "over", "above"):
        return math.nextafter(v, math.inf), math.inf
    if q in ("at least", "upwards of"):
        return v, math.inf
    if q in ("fewer than", "less than", "under", "below"):
        return 0.0, math.nextafter(v, -math.inf)
    if q in ("up to", "at most"):
        return 0.0, v
    if q in ("nearly", "almost"):
        return 0.85 * v, v
    if q:  # about, around, some, roughly, approximately, close to, an estimated
        return 0.85 * v, 1.15 * v
    return v, v


def _noun(word: str | None) -> str | None:
    """A word that can be the counted noun: no stopword, date word or verb-looking form."""
    if not word:
        return None
    w = word.lower()
    if w in _DATE_WORDS or w.endswith(("ed", "ing", "ly")) or w in _SCALES or len(w) < 3:
        return None
    return None if w in STOPWORDS else stem(w)


def quantities(sentence: str) -> list[Quantity]:
    """Amounts of something in a sentence: "more than 40 towns", "$3 billion aid", "12 world leaders".
    Years, dates ("March 13 talks") and codes ("G7") are not amounts."""
    out = []
    for m in _QUANTITY.finditer(sentence):
        before = sentence[:m.start("num")].split()
        if before and before[-1].lower().strip(",.") in _DATE_WORDS:
            continue
        num = m["num"]
        if re.fullmatch(r"(1[89]|20)\d\d", num) and not m["scale"]:
            continue
        noun, end = (_noun(m["w2"]), m.end("w2")) if _noun(m["w2"]) else (_noun(m["w1"]), m.end("w1"))
        if not noun:
            continue
        low, high = _interval(m["qual"] or "", _value(num, m["scale"]))
        out.append(Quantity(" ".join(sentence[m.start():end].split()), low, high, noun))
    return out


def _quote(sentence: str, source: str) -> Quote:
    return Quote(text=clip(sentence, 400), source=source)


def _pair(about: str, kind: DiscrepancyKind, a: tuple[str, str], b: tuple[str, str]) -> Discrepancy:
    return Discrepancy(about=clip(about, 160), kind=kind, quotes=[_quote(*a), _quote(*b)])


# --- kinds ---------------------------------------------------------------------------------------------

def _event_words(sentence: str) -> set[str]:
    return {w for w in content_words(sentence) if w not in _DATE_WORDS and not w.isdigit()}


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _shared_words(sentence: str, stems: set[str], limit: int = 6) -> str:
    """The words of ``sentence`` (as written) whose stems are in ``stems``, in order, at most ``limit``."""
    words = [w for w in re.findall(r"[\w'’-]+", sentence) if stem(normalise(w)) in stems]
    return " ".join(list(dict.fromkeys(words))[:limit])


def _unquoted(sentence: str) -> str:
    """The sentence without its quoted speech: the same quote told on two days is no conflict."""
    return _QUOTED.sub(" ", sentence)


def date_conflicts(a: SourceFacts, b: SourceFacts) -> list[Discrepancy]:
    """The same event on two days: each sentence gives exactly one full date (YYYY-MM-DD), and outside
    quoted speech the two share most of their content words. Years alone ("since 1921") are history,
    not the date of the event."""
    def by_sentence(f: SourceFacts) -> dict[str, str]:
        days: dict[str, set[str]] = {}
        for mention, sentence in f.dates:
            days.setdefault(sentence, set()).add(mention.iso if len(mention.iso) == 10 else "partial")
        return {s: next(iter(d)) for s, d in days.items() if len(d) == 1 and "partial" not in d}

    found = []
    for (sa, da), (sb, db) in itertools.product(by_sentence(a).items(), by_sentence(b).items()):
        if da == db:
            continue
        wa, wb = _event_words(_unquoted(sa)), _event_words(_unquoted(sb))
        shared, jaccard, _ = overlap(wa, wb)
        if shared >= EVENT_SHARED and jaccard >= EVENT_JACCARD:
            found.append(_pair(f"different dates for the same event ({_shared_words(sa, wa & wb)}): {da} vs {db}",
                               "date", (sa, a.id), (sb, b.id)))
    return found


def _agrees(q: Quantity, others: Sequence[Quantity]) -> bool:
    return any(o.noun == q.noun and o.low <= q.high and q.low <= o.high for o in others)


def number_conflicts(a: SourceFacts, b: SourceFacts) -> list[Discrepancy]:
    """The same counted noun in alike sentences, with amounts that cannot both be true, where neither
    article also gives the other's amount for that noun."""
    qa = [(s, q) for s in a.body for q in quantities(s)]
    qb = [(s, q) for s in b.body for q in quantities(s)]
    found = []
    for (sa, x), (sb, y) in itertools.product(qa, qb):
        if x.noun != y.noun or (x.low <= y.high and y.low <= x.high):
            continue
        if _agrees(x, [q for _, q in qb]) or _agrees(y, [q for _, q in qa]):
            continue
        wa = {w for w in content_words(sa) if w != x.noun and not w.isdigit()}
        wb = {w for w in content_words(sb) if w != y.noun and not w.isdigit()}
        shared, jaccard, _ = overlap(wa, wb)
        if shared >= NUMBER_SHARED and jaccard >= NUMBER_JACCARD:
            found.append(_pair(f'different numbers: "{x.phrase}" vs "{y.phrase}"', "number",
                               (sa, a.id), (sb, b.id)))
    return found


def _title_words(role: str) -> tuple[frozenset[str], frozenset[str]]:
    words = {w for w in re.findall(r"[a-z]+", normalise(role))}
    return frozenset(words & _MODIFIERS), frozenset(words & _OFFICES)


def _sentence_with(f: SourceFacts, *needles: str) -> str | None:
    return next((s for s in f.body if all(n in s for n in needles)), None)


def title_conflicts(a: SourceFacts, b: SourceFacts) -> list[Discrepancy]:
    """One person (by name or alias) with a different title modifier, or with no office word in common."""
    clusters = name_clusters([*a.names, *b.names])
    found = []
    for x, y in itertools.product(a.names, b.names):
        if not (x.role_hint and y.role_hint) or clusters.get(normalise(x.name)) != clusters.get(normalise(y.name)):
            continue
        (mx, ox), (my, oy) = _title_words(x.role_hint), _title_words(y.role_hint)
        if not ox & oy or mx == my:  # one person may hold two offices; the same office, other rank: conflict
            continue
        sa, sb = _sentence_with(a, x.role_hint), _sentence_with(b, y.role_hint)
        if sa and sb:
            found.append(_pair(f'different titles for {x.name}: "{x.role_hint}" vs "{y.role_hint}"', "title",
                               (sa, a.id), (sb, b.id)))
    return found


def status_conflicts(a: SourceFacts, b: SourceFacts, focus: re.Pattern[str]) -> list[Discrepancy]:
    """Near-duplicate sentences about the focus country whose cue words give different statuses."""
    fa = [s for s in a.body if focus.search(s)]
    fb = [s for s in b.body if focus.search(s)]
    found = []
    for sa, sb in itertools.product(fa, fb):
        ca, cb = cue(sa, focus), cue(sb, focus)
        if ca != cb and same_fact(sa, sb):
            found.append(_pair(f"different status for the same claim: {ca} vs {cb}", "status", (sa, a.id),
                               (sb, b.id)))
    return found


def pair_conflicts(a: SourceFacts, b: SourceFacts, focus: re.Pattern[str]) -> list[Discrepancy]:
    """Every discrepancy between two articles, of each kind in turn."""
    return [*date_conflicts(a, b), *number_conflicts(a, b), *title_conflicts(a, b), *status_conflicts(a, b, focus)]


class PairMemo:
    """The discrepancies of the pairs of articles compared before, by everything code found in the two
    (``SourceFacts``) and the focus: a brief kept current compares only the pairs with a new or changed
    article, the pairs cost O(n^2) in articles. ``prune`` forgets the pairs the last brief did not use."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str, str], list[Discrepancy]] = {}
        self._used: set[tuple[str, str, str]] = set()

    def conflicts(self, a: SourceFacts, b: SourceFacts, keys: tuple[str, str],
                  focus: re.Pattern[str]) -> list[Discrepancy]:
        key = (*keys, focus.pattern)
        self._used.add(key)
        if key not in self._found:
            self._found[key] = pair_conflicts(a, b, focus)
        return [d.model_copy(deep=True) for d in self._found[key]]  # grounding marks the copies' quotes

    def prune(self) -> None:
        self._found = {k: v for k, v in self._found.items() if k in self._used}
        self._used = set()


def _fingerprint(facts: SourceFacts) -> str:
    return hashlib.sha256(repr(facts).encode("utf-8", "surrogatepass")).hexdigest()


def find_discrepancies(facts: Sequence[SourceFacts], focus: re.Pattern[str],
                       memo: PairMemo | None = None) -> list[Discrepancy]:
    """Every discrepancy between two different articles, one per pair of sentences, in article order
    (``memo``: the pairs compared before, answered from it)."""
    found: list[Discrepancy] = []
    seen: set[tuple[str, str]] = set()
    prints = {id(f): _fingerprint(f) for f in facts} if memo is not None else {}
    for a, b in itertools.combinations(facts, 2):
        if a.id == b.id:
            continue
        pair = pair_conflicts(a, b, focus) if memo is None else \
            memo.conflicts(a, b, (prints[id(a)], prints[id(b)]), focus)
        for d in pair:
            key = (normalise(d.quotes[0].text), normalise(d.quotes[1].text))
            if key not in seen:
                seen.add(key)
                found.append(d)
    return found


__all__ = ["MAX_DISCREPANCIES", "PairMemo", "Quantity", "date_conflicts", "find_discrepancies", "number_conflicts",
           "pair_conflicts", "quantities", "status_conflicts", "title_conflicts"]
