"""The last guard on a brief before it is rendered: nothing addressed to an AI reaches the page.

Reading leaves meta-text out of the article (``read.injections``) and the model names the sentences that are
not news (the points call's "skip"); this checks the finished brief once more with the same rule
(``read.meta``): an item whose quote is meta-text is dropped, a headline or summary that is meta-text falls
back to the article's own words, and each source's note says how many of its sentences were left out as
addressed to an AI.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from briefer.read.injections import INJECTION_WARNING
from briefer.read.meta import is_meta
from briefer.schema import Brief, Fact, Point

log = logging.getLogger("briefer.compose.guard")

SKIPPED_WARNING = "{n} sentence(s) the model marked as not news left out"
_COUNT = re.compile(r"^(\d+) sentence\(s\) addressed to an AI model left out")
_LISTS = ("who", "where", "when", "focus_role", "key_points", "open_questions")


def guard(brief: Brief, fallback_headline: str = "") -> Brief:
    """``brief`` without the items whose quotes are meta-text, counted on their sources' notes."""
    dropped: Counter[str] = Counter()
    for name in _LISTS:
        kept: list[Fact] = []
        for fact in getattr(brief, name):
            bad = [q for q in fact.quotes if is_meta(q.text)]
            if bad or (isinstance(fact, Point) and is_meta(fact.text)):
                dropped.update({q.source for q in bad} or {q.source for q in fact.quotes})
                continue
            kept.append(fact)
        setattr(brief, name, kept)
    brief.discrepancies = [d for d in brief.discrepancies if not any(is_meta(q.text) for q in d.quotes)]
    if is_meta(brief.summary.text):
        clean = [q for q in brief.summary.quotes if not is_meta(q.text)]
        dropped.update(q.source for q in brief.summary.quotes if is_meta(q.text))
        brief.summary = Point(text=clean[0].text if clean else "", quotes=clean[:1])
    if is_meta(brief.headline):
        brief.headline = fallback_headline if fallback_headline and not is_meta(fallback_headline) else \
            brief.summary.text[:120]
    if dropped:
        log.warning("%d item(s) whose quote addresses an AI left out of the brief", sum(dropped.values()))
        add_left_out(brief, dropped)
    return brief


def add_left_out(brief: Brief, counts: Counter[str]) -> None:
    """Each source's count of sentences addressed to an AI raised by ``counts`` (one note per source)."""
    for source in brief.sources:
        extra = counts.get(source.id, 0)
        if not extra:
            continue
        for i, note in enumerate(source.warnings):
            m = _COUNT.match(note)
            if m:
                source.warnings[i] = INJECTION_WARNING.format(n=int(m.group(1)) + extra)
                break
        else:
            source.warnings.append(INJECTION_WARNING.format(n=extra))
