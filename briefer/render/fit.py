"""The one-page guarantee: lay the page out in the real renderer and, while it takes more than one
page, cut the lowest-priority items by a fixed rule, each cut recorded in ``brief.omitted`` and
printed on the page ("3 more key points omitted"). Text is dropped whole or cut at a sentence
boundary, never mid-sentence.

The cuts, lowest priority first (each list is cut from its end):

 1. open questions beyond the first
 2. places only mentioned (not central), then names only mentioned
 3. dates that could not be resolved
 4. supporting quotes beyond the first of each item
 5. key points beyond the first two
 6. discrepancies beyond the first
 7. the supporting quote under a name that has no role (every quote stays in the JSON output)
 8. multi-sentence key points and open questions, down to their first sentence
 9. dates beyond the first three, names beyond three, places beyond two
10. the remaining key points, open question and discrepancy
11. claims about the focus country's role beyond the first two
12. the sentences of the timeline (the dates stay)
13. sources beyond the first six (their numbers stay on the items that cite them)

The headline, the summary, the first two role claims and the grounding figure are never cut. The
page has two columns (role, key points, questions and discrepancies; who, where and when), and each
is cut in this order on its own, by a binary search per column run in the same layouts (the template
marks where each column ends): about log2(cuts) layouts, and one for a brief that fits as it is. If
both columns fit but the page does not (the list of cuts in the footer grew), the taller column loses
one more item; sources go last. A template without the markers is cut by the rule as one list.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from briefer.compose.grounding import normalise
from briefer.errors import RenderError
from briefer.schema import Brief, Fact, Point, Quote
from briefer.text import split_sentences

log = logging.getLogger("briefer.render")

# kind -> (singular, plural) of "N more ... omitted"
NOUNS = {"open_questions": ("open question", "open questions"), "where": ("place", "places"),
         "who": ("name", "names"), "when": ("date", "dates"), "key_points": ("key point", "key points"),
         "discrepancies": ("discrepancy", "discrepancies"), "focus_role": ("role claim", "role claims")}
LISTS = tuple(NOUNS)


@dataclass
class Display:
    """How much of what stays is shown: the page template reads it as ``show``."""

    quotes_per_fact: int = 2
    evidence: bool = True  # the supporting quote under a name that has no role
    timeline: bool = True  # the sentence of each date
    first_sentence: bool = False  # multi-sentence key points and open questions: their first sentence
    max_sources: int | None = None


@dataclass(frozen=True)
class Cut:
    kind: str  # a list field of Brief, or a display setting
    index: int = -1  # the item's index in its list, for list cuts


@dataclass
class Fitted:
    brief: Brief
    show: Display
    pages: int
    document: Any = None  # the WeasyPrint document of the fitted page
    layouts: int = 0
    seconds: float = 0.0
    cuts: list[Cut] = field(default_factory=list)


def plan(brief: Brief) -> list[Cut]:
    """Every cut the rule allows for this brief, lowest priority first."""
    cuts: list[Cut] = []

    def tail(kind: str, keep: int, only: Callable[[Any], bool] = lambda _: True) -> None:
        items = getattr(brief, kind)
        taken = {c.index for c in cuts if c.kind == kind}
        cuts.extend(Cut(kind, i) for i in reversed(range(keep, len(items))) if i not in taken and only(items[i]))

    tail("open_questions", 1)
    tail("where", 0, lambda p: not p.central)
    tail("who", 0, lambda a: not a.central)
    tail("when", 0, lambda d: not d.iso)
    if any(len(shown_quotes(f, own, 2)) > len(shown_quotes(f, own, 1)) for f, own in _quoted(brief)):
        cuts.append(Cut("extra_quotes"))
    tail("key_points", 2)
    tail("discrepancies", 1)
    if any(a.central and not a.role and shown_quotes(a, "", 1) for a in brief.who):
        cuts.append(Cut("evidence"))
    if any(len(split_sentences(p.text)) > 1 for p in (*brief.key_points, *brief.open_questions)):
        cuts.append(Cut("first_sentence"))
    tail("when", 3)
    tail("who", 3)
    tail("where", 2)
    tail("key_points", 0)
    tail("open_questions", 0)
    tail("discrepancies", 0)
    tail("focus_role", 2)
    if brief.when:
        cuts.append(Cut("timeline"))
    if len(brief.sources) > 6:
        cuts.append(Cut("sources"))
    return cuts


def dedupe(brief: Brief) -> Brief:
    """Key points and open questions that repeat the headline, the summary, a role claim or an
    earlier point are printed once, where they first appear (not a cut: nothing is lost)."""
    seen = {normalise(brief.headline), normalise(brief.summary.text), *(normalise(c.claim) for c in brief.focus_role)}
    lists: dict[str, list[Point]] = {}
    for kind in ("key_points", "open_questions"):
        lists[kind] = []
        for point in getattr(brief, kind):
            if normalise(point.text) not in seen:
                seen.add(normalise(point.text))
                lists[kind].append(point)
    return brief.model_copy(update=lists)


def apply(brief: Brief, cuts: list[Cut]) -> tuple[Brief, Display]:
    """A copy of ``brief`` with ``cuts`` made and recorded in its ``omitted`` list."""
    show = Display()
    dropped: dict[str, set[int]] = {kind: set() for kind in LISTS}
    for cut in cuts:
        if cut.kind in dropped:
            dropped[cut.kind].add(cut.index)
        elif cut.kind == "extra_quotes":
            show.quotes_per_fact = 1
        elif cut.kind == "evidence":
            show.evidence = False
        elif cut.kind == "timeline":
            show.timeline = False
        elif cut.kind == "first_sentence":
            show.first_sentence = True
        elif cut.kind == "sources":
            show.max_sources = 6
    update: dict[str, Any] = {kind: [x for i, x in enumerate(getattr(brief, kind)) if i not in gone]
                              for kind, gone in dropped.items() if gone}
    notes = list(brief.omitted)
    counts = Counter({kind: len(gone) for kind, gone in dropped.items()})
    for kind in LISTS:
        if counts[kind]:
            one, many = NOUNS[kind]
            noun = one if counts[kind] == 1 else many
            if kind == "focus_role":
                noun = f"{noun} about {brief.focus}'s role"
            notes.append(f"{counts[kind]} more {noun} omitted")
    if show.quotes_per_fact == 1:
        notes.append("supporting quotes beyond the first of each item omitted")
    if not show.evidence:
        notes.append("supporting quotes of names omitted")
    if not show.timeline:
        notes.append("the sentences of the timeline omitted")
    if show.first_sentence:
        long = sum(len(split_sentences(p.text)) > 1 for p in (*update.get("key_points", brief.key_points),
                                                                *update.get("open_questions", brief.open_questions)))
        if long:
            notes.append(f"{long} long point{'s' if long != 1 else ''} shortened to the first sentence")
    if show.max_sources is not None:
        notes.append(f"{len(brief.sources) - show.max_sources} more sources not listed")
    update["omitted"] = notes
    return brief.model_copy(update=update, deep=True), show


def first_sentence(text: str) -> str:
    sentences = split_sentences(text)
    return sentences[0].text if sentences else text


def shown_quotes(fact: Fact, own: str, per_fact: int) -> list[Quote]:
    """The verified quotes printed under an item, at most ``per_fact`` of them counting the item's own
    text when that is a quote itself; none that only repeats the item's own text."""
    verified = [q for q in fact.quotes if q.verified]
    others = [q for q in verified if normalise(q.text) != normalise(own)]
    return others[: max(0, per_fact - (len(others) < len(verified)))]


def _quoted(brief: Brief) -> list[tuple[Fact, str]]:
    """The items printed with their supporting quotes under them, and their own text."""
    return [*((c, c.claim) for c in brief.focus_role), *((p, p.text) for p in brief.key_points),
            *((p, p.text) for p in brief.open_questions)]


COLUMN = {"open_questions": "main", "key_points": "main", "discrepancies": "main", "focus_role": "main",
          "extra_quotes": "main", "first_sentence": "main", "who": "aside", "where": "aside", "when": "aside",
          "evidence": "aside", "timeline": "aside", "sources": "page"}
MARKERS = ("fit-top", "fit-main", "fit-aside", "fit-foot", "fit-end")


def measure(document: Any, height: float) -> dict[str, float] | None:
    """Where the page template's markers end up, in CSS px from the top of the text block as if the
    pages were one long page of text blocks ``height`` px tall; None if the template has no markers."""
    found: dict[str, float] = {}
    top = None
    for i, page in enumerate(document.pages):
        for name, box in page.anchors.items():
            if name in MARKERS:
                found[name] = i * height + box[1]
        if i == 0 and "fit-top" in page.anchors:
            top = page.anchors["fit-top"][1]
    if top is None or set(found) != set(MARKERS):
        return None
    return {name: y - top for name, y in found.items()}


def fit(brief: Brief, render: Callable[[Brief, Display], str], layout: Callable[[str], Any],
        height: float) -> Fitted:
    """The brief with the fewest cuts of ``plan`` whose page, ``render``-ed to HTML and ``layout``-ed, is
    one page with a text block ``height`` CSS px tall; raises RenderError if even every cut leaves more.

    The two columns are cut independently, each in the order of the rule: one binary search per
    column, run in the same layouts (each column's height is read from the markers of the template),
    then the sources if the page still overflows. A template without the markers is cut by the rule
    as one list."""
    start = time.perf_counter()
    brief = dedupe(brief)
    cuts = plan(brief)
    layouts = 0

    def attempt(chosen: list[Cut]) -> Fitted:
        nonlocal layouts
        fitted, show = apply(brief, chosen)
        document = layout(render(fitted, show))
        layouts += 1
        return Fitted(fitted, show, len(document.pages), document, cuts=chosen)

    ladders = {col: [c for c in cuts if COLUMN[c.kind] == col] for col in ("main", "aside", "page")}
    lo = {"main": -1, "aside": -1}  # the most cuts known to overflow that column
    hi = {col: len(ladders[col]) for col in lo}  # the fewest known (or assumed) to fit
    k = {"main": 0, "aside": 0, "page": 0}

    def chosen() -> list[Cut]:
        taken = {c for col, n in k.items() for c in ladders[col][:n]}
        return [c for c in cuts if c in taken]  # in the order of the rule

    best = attempt(chosen())
    while best.pages > 1:
        marks = measure(best.document, height)
        if marks is None:
            best = _prefix_search(cuts, attempt)
            break
        foot = marks["fit-end"] - marks["fit-foot"]
        log.debug("fit: cuts %s, marks %s", k, {n: round(v) for n, v in marks.items()})
        for col in lo:
            if marks[f"fit-{col}"] + foot <= height + 0.5:
                hi[col] = min(hi[col], k[col])
            else:
                lo[col] = max(lo[col], k[col])
                hi[col] = max(hi[col], lo[col] + 1)  # the footer grew: what fitted before may not now
        if all(hi[col] - lo[col] <= 1 and k[col] == hi[col] for col in lo):
            # Both columns fit as measured, yet the page overflows: one more cut in the taller column.
            taller = max(lo, key=lambda col: marks[f"fit-{col}"])
            lo[taller], hi[taller] = hi[taller], hi[taller] + 1
        for col in lo:
            if hi[col] > len(ladders[col]):  # this column cannot fit by its own cuts: drop sources too
                hi[col] = lo[col] = len(ladders[col])
                if k["page"] >= len(ladders["page"]):
                    raise RenderError(f"the brief takes {best.pages} pages even with every optional item cut",
                                      hint="shorten the source titles or brief fewer articles at once")
                k["page"] += 1
            k[col] = (lo[col] + hi[col]) // 2 if hi[col] - lo[col] > 1 else hi[col]
        best = attempt(chosen())
    best.layouts = layouts
    best.seconds = time.perf_counter() - start
    log.info("fitted to one page in %.2f s (%d layouts, %d cuts)", best.seconds, layouts, len(best.cuts))
    return best


def _prefix_search(cuts: list[Cut], attempt: Callable[[list[Cut]], Fitted]) -> Fitted:
    """The shortest prefix of the rule that fits, by binary search on the page count alone."""
    best = attempt(cuts)
    if best.pages > 1:
        raise RenderError(f"the brief takes {best.pages} pages even with every optional item cut",
                          hint="shorten the source titles or brief fewer articles at once")
    lo, hi = 0, len(cuts)  # cuts[:lo] overflows, cuts[:hi] fits
    while hi - lo > 1:
        mid = (lo + hi) // 2
        tried = attempt(cuts[:mid])
        if tried.pages > 1:
            lo = mid
        else:
            hi, best = mid, tried
    return best
