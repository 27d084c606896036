"""Grounding: quotes checked against the sources, claim status capped by cue words, unsupported facts out.

No fact reaches a brief as verified unless its quote is a span of a source article (after normalising
whitespace, quote marks, dashes and case). A quote that is not found is repaired to the source sentence
it nearly matches, or the fact is dropped and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from briefer.schema import STATUSES, Brief, ClaimStatus, Fact, Quote
from briefer.text import LazyPattern, fold, holds_any, normalise

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Links a renderer or reader could follow: schemes with //, www., and script/data URIs.
_URL = LazyPattern(r"(?:\b(?:https?|ftp|file|wss?)://|\bwww\.|\b(?:javascript|vbscript):|\bdata:[a-z]+/[\w.+-]+[;,])"
                   r"[^\s\"'<>)\]]*", re.IGNORECASE)
_URL_WORDS = ("://", "www.", "script:", "data:")  # every link holds one (see text.fold)
LINK_REMOVED = "[link removed]"


def clip(text: str, limit: int) -> str:
    """A verbatim prefix of ``text`` of at most ``limit`` characters, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:")


def is_verbatim(quote: str, source: str, *, normalised: bool = False) -> bool:
    """``quote`` is a span of ``source`` (``normalised``: ``source`` is already ``normalise``d)."""
    q = normalise(quote).strip(" .,;:\"'")
    return bool(q) and q in (source if normalised else normalise(source))


def _words(text: str) -> set[str]:
    return set(_WORD.findall(normalise(text)))


def nearest_sentence(quote: str, sentences: Sequence[str], threshold: float = 0.75) -> str | None:
    """The source sentence that holds most of the quote's words, if it holds at least ``threshold``."""
    words = _words(quote)
    if not words:
        return None
    best, best_score = None, 0.0
    for sentence in sentences:
        score = len(words & _words(sentence)) / len(words)
        if score > best_score:
            best, best_score = sentence, score
    return best if best_score >= threshold else None


def verify_quote(quote: Quote, sources: dict[str, str], sentences: dict[str, Sequence[str]], *,
                 normalised: bool = False) -> Quote:
    """Mark ``quote`` verified if it is in its article; else repair it to a near sentence, else unverified.
    ``normalised``: the ``sources`` are already ``normalise``d (``ground`` does it once per brief)."""
    text = sources.get(quote.source)
    if text is None:  # an unknown article id: look in every source
        for sid, body in sources.items():
            if is_verbatim(quote.text, body, normalised=normalised):
                return Quote(text=quote.text, source=sid, verified=True)
        return Quote(text=quote.text, source=quote.source, verified=False)
    if is_verbatim(quote.text, text, normalised=normalised):
        return Quote(text=quote.text, source=quote.source, verified=True)
    repaired = nearest_sentence(quote.text, sentences.get(quote.source, ()))
    if repaired is not None:
        return Quote(text=repaired, source=quote.source, verified=True)
    return Quote(text=quote.text, source=quote.source, verified=False)


# Cue words, strongest hedge first. A claim can be no more certain than its sentence's first cue allows.
# Each pattern with words one of which any match of it holds (see text.fold): skipped without them.
_CUES: tuple[tuple[ClaimStatus, tuple[str, ...], LazyPattern], ...] = (
    ("speculative", ("could", "might", "may", "suggest", "possibl", "potential", "would", "perhaps", "consider",
                     "mull", "weigh", "floated", "speculat", "proposal", "proposed", "hope", "prospect"),
     LazyPattern(r"\b(could|might|may|suggests?|suggested|possibl[ey]|potential(ly)?|"
                 r"would|perhaps|consider(s|ing)?|mulls?|weigh(s|ing)?|floated|speculat\w*|"
                 r"proposals?|proposed|hopes?|prospect)\b", re.I)),
    ("expected", ("expect", "likely", "set to", "poised", "anticipated", "believed", "due to", "seen as", "close",
                  "near"),
     LazyPattern(r"\b(expected|expects|likely|set to|poised|anticipated|believed|"
                 r"due to|seen as|(?:close|closer|near) to (?:an? |the )?(?:agreement|deal|accord|"
                 r"decision|signing)|near(?:s|ing)? (?:an? |the )?(?:agreement|deal|accord))\b", re.I)),
    # "pledged to send" is a plan; "pledged $200 million" is a pledge made (done).
    ("planned", ("will", "shall", "scheduled", "plan", "intend", "to be held", "is to", "are to", "pledge",
                 "committed to", "agreed to", "going to"),
     LazyPattern(r"\b(will|shall|scheduled|plans?|planned|planning|intends?|"
                 r"to be held|is to|are to|pledged to|pledges to|committed to|agreed to|going to)\b", re.I)),
)
_RANK = {status: i for i, status in enumerate(STATUSES)}  # done=0 ... speculative=3


def cue_status(sentence: str, anchor: int = 0) -> ClaimStatus | None:
    """The status allowed by the cue word that governs the claim: the first cue at or after ``anchor`` (where
    the focus country is named: "Canada is likely to ... could" -> expected), else the last one before it
    ("Observers suggest ... could see Canada" -> speculative). None without a cue."""
    folded = fold(sentence)
    cues = sorted((m.start(), status) for status, words, pattern in _CUES if holds_any(folded, words)
                  for m in pattern.finditer(sentence))
    after = [status for start, status in cues if start >= anchor]
    if after:
        return after[0]
    return cues[-1][1] if cues else None


def cap_status(status: ClaimStatus, sentence: str, anchor: int = 0) -> ClaimStatus:
    """``status`` lowered to what the sentence's cue words allow (done > planned > expected > speculative)."""
    cue = cue_status(sentence, anchor)
    if cue is not None and _RANK[cue] > _RANK[status]:
        return cue
    return status


_VERBISH = re.compile(r"\W*(?:\w+ly\W+)?(?:\w+ing|\w+ed|has|have|had|is|are|was|were|will|would|could|"
                      r"may|might|must|should|can|to)\b", re.I)


def agent_cue(sentence: str, focus: re.Pattern[str]) -> ClaimStatus | None:
    """The cue status of a sentence whose focus country acts: named and directly followed by a verb,
    perhaps after an adverb ("Canada likely to", "could see Canada lead"), with a cue word governing it.
    None when the country is only a place or an object ("flights to Canada") or no cue word hedges it."""
    for named in focus.finditer(sentence):
        if _VERBISH.match(sentence, named.end()):
            cue = cue_status(sentence, named.start())
            if cue is not None:
                return cue
    return None


def _may_link(text: str) -> bool:
    folded = fold(text)
    return holds_any(folded, _URL_WORDS)


def urls(text: str) -> list[str]:
    return [u.rstrip(".,;") for u in _URL.findall(text)] if _may_link(text) else []


def without_foreign_urls(text: str, source_urls: set[str]) -> str:
    """``text`` with every link that no source has replaced by ``[link removed]``."""
    def keep(m: re.Match[str]) -> str:
        url = m.group()
        core = url.rstrip(".,;")
        return url if core.casefold() in source_urls else LINK_REMOVED + url[len(core):]

    return _URL.sub(keep, text) if _may_link(text) else text


F = TypeVar("F", bound=Fact)


def _fact_text(fact: Fact) -> str:
    """The fact's own text fields (what ``model_dump`` gives as text, without dumping the quotes)."""
    return " ".join(v for k in type(fact).model_fields if k != "quotes" and isinstance(v := getattr(fact, k), str))


def _grounded(items: Iterable[F], sources: dict[str, str], sentences: dict[str, Sequence[str]],
              source_urls: set[str], dropped: list[int]) -> list[F]:
    kept = []
    for fact in items:
        fact.quotes = [verify_quote(q, sources, sentences, normalised=True) for q in fact.quotes]
        foreign = [u for u in urls(_fact_text(fact)) if u.casefold() not in source_urls]
        if fact.supported and not foreign:
            kept.append(fact)
        else:
            dropped[0] += 1
    return kept


def ground(brief: Brief, sources: dict[str, str], sentences: dict[str, Sequence[str]]) -> Brief:
    """Verify every quote; drop facts with no verified quote (or a URL no source has); count grounding."""
    source_urls = {u.casefold() for body in sources.values() for u in urls(body)}
    sources = {sid: normalise(body) for sid, body in sources.items()}  # once, not once per quote
    dropped = [0]
    brief.who = _grounded(brief.who, sources, sentences, source_urls, dropped)
    brief.where = _grounded(brief.where, sources, sentences, source_urls, dropped)
    brief.when = _grounded(brief.when, sources, sentences, source_urls, dropped)
    brief.focus_role = _grounded(brief.focus_role, sources, sentences, source_urls, dropped)
    brief.key_points = _grounded(brief.key_points, sources, sentences, source_urls, dropped)
    brief.open_questions = _grounded(brief.open_questions, sources, sentences, source_urls, dropped)
    # A discrepancy stands only on verified quotes of two different articles.
    for d in brief.discrepancies:
        d.quotes = [verify_quote(q, sources, sentences, normalised=True) for q in d.quotes]
    brief.discrepancies = [d for d in brief.discrepancies if len(d.sources) >= 2]
    # The summary (and a several-article headline) is the model's own prose: it stays, its quotes are
    # checked, it is flagged if unsupported, and a link no source has is taken out of it.
    brief.summary.text = without_foreign_urls(brief.summary.text, source_urls)
    brief.headline = without_foreign_urls(brief.headline, source_urls)
    brief.summary.quotes = [verify_quote(q, sources, sentences, normalised=True) for q in brief.summary.quotes]
    facts = brief.facts()
    brief.grounding.total = len(facts) + dropped[0]
    brief.grounding.verified = sum(1 for f in facts if f.supported)
    brief.grounding.dropped = dropped[0]
    return brief
