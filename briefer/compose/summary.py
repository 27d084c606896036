"""The brief's summary: for the embedded model, extracted (the news lead, then the model's top-ranked
sentence, verbatim); for a model that writes one, the article sentences that support it."""

from __future__ import annotations

import re

from briefer.compose.grounding import clip
from briefer.compose.prepare import Numbered, Prepared
from briefer.read.sources import Article
from briefer.schema import Point, Quote

LEAD_WORDS = 8  # a lead shorter than this is a caption or a credit line ("Police Commissioner Jane A. Roe.")
_WORDS = re.compile(r"\w+")


def quote(row: Numbered, limit: int = 400) -> Quote:
    """A numbered sentence as the quote of a fact: verbatim, clipped at a word boundary."""
    return Quote(text=clip(row.text, limit), source=row.article.id)


def is_title(prep: Prepared, n: int) -> bool:
    """Sentence ``n`` is a title, standfirst in Title Case or subheading: never evidence or a key point."""
    return n in prep.heads


def lead_sentence(prep: Prepared, article: Article) -> int | None:
    """The number of ``article``'s lead: its first body sentence (not a title, standfirst in Title Case or
    subheading) of at least LEAD_WORDS words among the first three, so not a caption or a credit line."""
    first = prep.offsets.get(article.id, 0)
    body = [n for n in sorted(prep.sentences) if n > first and prep.sentences[n].article is article
            and not is_title(prep, n) and n not in prep.skipped]
    return next((n for n in body[:3] if len(prep.sentences[n].text.split()) >= LEAD_WORDS), None)


def extract_summary(prep: Prepared, key_numbers: list[int]) -> tuple[Point, list[int]]:
    """The summary: the lead article's lead sentence, then the model's top-ranked body sentences (two in
    all, or one if long): every word is the article's. A news lead states the main event (who did what),
    which the model's ranking alone missed on 6 of the 29 dev articles against 2 with the lead first.
    Returns it and the key points left for their own section."""
    body = [n for n in key_numbers if not is_title(prep, n)] or [n for n in sorted(prep.sentences)
                                                                   if not is_title(prep, n)][:2]
    article = prep.sentences[body[0]].article if body else prep.articles[0]
    lead = lead_sentence(prep, article)
    if lead is not None:
        body = [lead, *(n for n in body if n != lead)]
    chosen: list[int] = []
    for n in body:
        if chosen and len(" ".join(prep.sentences[c].text for c in chosen)) + len(prep.sentences[n].text) > 400:
            break
        chosen.append(n)
        if len(chosen) == 2:
            break
    rows = [prep.sentences[n] for n in chosen]
    text = clip(" ".join(" ".join(r.text.split()) for r in rows), 400)
    return Point(text=text, quotes=[quote(r) for r in rows]), [n for n in key_numbers if n not in chosen]


def support(prep: Prepared, text: str, limit: int = 2) -> list[Quote]:
    """The article sentences that share the most words with the model's summary (its evidence)."""
    words = _content_words(text)
    scored = []
    for row in prep.sentences.values():
        if row.n in prep.skipped:
            continue
        overlap = len(words & _content_words(row.text))
        if overlap >= 2:
            scored.append((-overlap, row.n, row))
    return [quote(row) for _, _, row in sorted(scored)[:limit]]


def _content_words(text: str) -> set[str]:
    """The words of ``text`` longer than three letters, casefolded: what a summary and its evidence share."""
    return {w.casefold() for w in _WORDS.findall(text) if len(w) > 3}
