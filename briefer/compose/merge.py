"""Several articles, one brief: facts that say the same thing are merged into one item that keeps one
quote per source supporting it; a fact only one source states keeps that one source.

Pure code, no model. It runs on the brief that the pipeline assembled (from one model pass, or from one
pass per chunk of the articles), before grounding verifies every quote against its own article:

- who / where: the same person or place (by name or alias, across all articles' candidates) is one item,
  with the first body sentence of every other article that names it as that article's quote;
- when: one timeline item per ISO day (or per wording, unresolved), quoted from each article stating it;
- Canada's role, key points, open questions: near-duplicate sentences of different articles (by shared
  content words, with the same cue word status) are one item.

Where sources disagree, nothing is merged away: ``briefer.compose.discrepancies`` reports it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from briefer.compose.grounding import clip, cue_status
from briefer.extract.candidates import Candidates
from briefer.extract.dates import DateMention
from briefer.extract.names import Name
from briefer.read.sources import Article
from briefer.schema import STATUSES, Actor, Brief, ClaimStatus, Dated, Fact, Place, Point, Quote, RoleClaim
from briefer.text import normalise

MAX_QUOTES = 4  # one per source, at most (the schema's bound)
SAME_JACCARD = 0.5  # shared content words / all content words of the two sentences
SAME_CONTAINED = 0.8  # ... or shared / the shorter sentence's content words
SAME_MIN_SHARED = 4
SAME_MIN_PLAIN = 2  # ... of which words that are not names

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_FIGURE = re.compile(
    r"\d+(?:\.\d+)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozens?|half|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
    r"yesterday|tomorrow)\b")


def _split(words: str) -> list[str]:
    return words.split()


STOPWORDS = frozenset(_split("""
a an the and or but nor for with without from into onto over under about above below after before than then
that this these those there their them they its his her hers our ours your yours who whom whose which what
when where why how not no yes all any some such more most other others also only just very much many
is are was were be been being am has have had having do does did done will would shall should can could
may might must to of in on at by as it he she we you i so if up out off per via
said says say told tell according added noted
"""))


@dataclass
class SourceFacts:
    """What code found in one article (all its chunks together)."""

    id: str
    sentences: list[str]  # every sentence, in order, verbatim (the title line included)
    body: list[str]  # the sentences that are not the title
    names: list[Name] = field(default_factory=list)
    dates: list[tuple[DateMention, str]] = field(default_factory=list)  # each date and its sentence


def facts_of(parts: Iterable[tuple[Article, Candidates]], order: Sequence[str]) -> list[SourceFacts]:
    """One ``SourceFacts`` per article id in ``order``, gathered from its parts (chunks) in their order."""
    facts = {i: SourceFacts(i, [], []) for i in order}
    for article, cand in parts:
        f = facts.setdefault(article.id, SourceFacts(article.id, [], []))
        title = normalise(article.title)
        for s in cand.sentences:
            f.sentences.append(s.text)
            if normalise(s.text) != title:
                f.body.append(s.text)
        f.names += cand.names
        for mention in cand.dates:
            sentence = next((s.text for s in cand.sentences if s.start <= mention.start < s.end), mention.text)
            f.dates.append((mention, sentence))
    return list(facts.values())


# --- words ---------------------------------------------------------------------------------------------

def stem(word: str) -> str:
    """A light plural/possessive strip: "talks" -> "talk", "countries" -> "country", "Canada's" -> "canada"."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> set[str]:
    """The stemmed words of ``text`` that carry content: no stopwords, nothing shorter than three letters."""
    return set(_content_words(text))


@functools.lru_cache(maxsize=16384)
def _content_words(text: str) -> frozenset[str]:
    # Merging compares every item with every sentence of every other article: each sentence's words once.
    return frozenset(stem(w) for w in _WORD.findall(normalise(text)) if len(w) > 2 and w not in STOPWORDS)


def overlap(a: set[str], b: set[str]) -> tuple[int, float, float]:
    """Shared words, Jaccard, and the share of the smaller set that is shared."""
    shared = len(a & b)
    if not shared:
        return 0, 0.0, 0.0
    return shared, shared / len(a | b), shared / min(len(a), len(b))


def plain_words(text: str) -> set[str]:
    """The content words of ``text`` that are not names: capitalised words inside a sentence are left out
    (its first word stays). Names alone make sentences look alike ("Police Commissioner Jane Roe")."""
    return set(_plain_words(text))


@functools.lru_cache(maxsize=16384)
def _plain_words(text: str) -> frozenset[str]:
    words = []
    for i, m in enumerate(_TOKEN.finditer(text)):
        if i == 0 or not m.group()[0].isupper():
            words.append(m.group())
    return _content_words(" ".join(words))


def _alike(a: set[str], b: set[str], least: int) -> bool:
    shared = len(a & b)
    return shared >= least and (shared / len(a | b) >= SAME_JACCARD or shared / len(a) >= SAME_CONTAINED)


def same_fact(fact: str, sentence: str) -> bool:
    """``sentence`` says what ``fact`` says: most of their content words are the same (a copy, a light
    rewrite), or it holds nearly all of the fact's words (it may say more; a shorter one would say less);
    the same holds of their words that are not names, and they state the same figures and days."""
    return (_alike(content_words(fact), content_words(sentence), SAME_MIN_SHARED)
            and _alike(plain_words(fact), plain_words(sentence), SAME_MIN_PLAIN)
            and figures(fact) == figures(sentence))


def figures(text: str) -> set[str]:
    """The numbers, number words, months and weekdays of a sentence: two sentences that differ in them do
    not say the same thing ("15 ministers" / "12 ministers", "on Monday" / "on Tuesday")."""
    return {w for w in _FIGURE.findall(normalise(text).replace(",", ""))}


def cue(text: str, focus: re.Pattern[str] | None = None) -> ClaimStatus:
    """The status a sentence's cue words allow, read from where the focus country is named; "done" without
    a cue. Two sentences with different cues do not say the same thing."""
    named = focus.search(text) if focus is not None else None
    return cue_status(text, named.start() if named else 0) or "done"


# --- quotes --------------------------------------------------------------------------------------------

def quote_sources(fact: Fact) -> list[str]:
    return list(dict.fromkeys(q.source for q in fact.quotes))


def add_quotes(quotes: list[Quote], more: Iterable[Quote]) -> list[Quote]:
    """``quotes`` plus those of ``more`` from sources not yet quoted: one quote per source, at most four."""
    out = list(quotes)
    seen = {q.source for q in out}
    for q in more:
        if len(out) >= MAX_QUOTES:
            break
        if q.source not in seen:
            out.append(q)
            seen.add(q.source)
    return out


def _quote(sentence: str, source: str) -> Quote:
    return Quote(text=clip(sentence, 400), source=source)


# --- names ---------------------------------------------------------------------------------------------

def name_clusters(names: Iterable[Name]) -> dict[str, frozenset[str]]:
    """Every normalised name or alias -> all the forms of that person/place across articles (a name and an
    alias shared by two candidates join them, as ``pipeline`` does for the prompt)."""
    names = list(names)
    parent: dict[str, str] = {}
    surface: dict[str, str] = {}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for name in names:
        forms = [f for f in (name.name, *name.aliases) if f.strip()]
        keys = [normalise(f) for f in forms]
        for key, form in zip(keys, forms, strict=True):
            parent.setdefault(key, key)
            surface.setdefault(key, form)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    _link_surnames(names, parent, find)
    groups: dict[str, set[str]] = {}
    for key in parent:
        groups.setdefault(find(key), set()).add(surface[key])
    return {key: frozenset(groups[find(key)]) for key in parent}


def _link_surnames(names: Iterable[Name], parent: dict[str, str], find: Callable[[str], str]) -> None:
    """A one-word name ("Roe", a chunk that never gives the full name) joins the one person whose
    full name ends with it; with two such people ("Jane Roe", "Paul Roe") it joins neither."""
    people: dict[str, set[str]] = {}
    for name in names:
        if name.kind_hint == "person":
            for form in (name.name, *name.aliases):
                words = normalise(form).split()
                if len(words) > 1:
                    people.setdefault(words[-1], set()).add(find(normalise(name.name)))
    for name in names:
        key = normalise(name.name)
        if name.kind_hint in ("person", "") and " " not in key and len(people.get(key, ())) == 1:
            parent[find(key)] = next(iter(people[key]))


def _forms_re(forms: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


N = TypeVar("N", Actor, Place)


def merge_named(items: Sequence[N], clusters: dict[str, frozenset[str]], facts: Sequence[SourceFacts]) -> list[N]:
    """One item per person/place; each cites the first body sentence of every article that names it."""
    out: list[N] = []
    index: dict[frozenset[str], int] = {}
    for item in items:
        forms = clusters.get(normalise(item.name), frozenset({item.name}))
        if forms in index:
            target = out[index[forms]]
            target.quotes = add_quotes(target.quotes, item.quotes)
            target.central = target.central or item.central
            if len(item.name.split()) > len(target.name.split()):  # "Roe" from one chunk, "Jane Roe"
                target.name = item.name
            if isinstance(target, Actor) and isinstance(item, Actor) and not target.role:
                target.role = item.role
            continue
        index[forms] = len(out)
        out.append(item)
    for forms, i in index.items():
        item = out[i]
        cited = set(quote_sources(item))
        others = [f for f in facts if f.id not in cited]
        if not others:  # every article already cited (one article): nothing to look for
            continue
        pattern = _forms_re(forms | {item.name})
        more = (_quote(next(s for s in f.body if pattern.search(s)), f.id) for f in others
                if any(pattern.search(s) for s in f.body))
        item.quotes = add_quotes(item.quotes, more)
    out.sort(key=lambda x: not x.central)
    return out


# --- dates ---------------------------------------------------------------------------------------------

def merge_dates(items: Sequence[Dated]) -> list[Dated]:
    """One timeline item per ISO date (per wording when unresolved), quoted from each article stating it.
    The first article's wording, basis and sentence describe it; first-mention order is kept (``timeline``
    ranks the items and shows the kept ones in date order)."""
    out: list[Dated] = []
    index: dict[str, int] = {}
    for item in items:
        key = item.iso or normalise(item.text)
        if key in index:
            target = out[index[key]]
            target.quotes = add_quotes(target.quotes, item.quotes)
        else:
            index[key] = len(out)
            out.append(item)
    return out


# --- sentences: role claims and points -------------------------------------------------------------------

def _text(item: RoleClaim | Point) -> str:
    return item.quotes[0].text if item.quotes else item.claim if isinstance(item, RoleClaim) else item.text


def _more_cautious(a: ClaimStatus, b: ClaimStatus) -> ClaimStatus:
    return a if STATUSES.index(a) >= STATUSES.index(b) else b


P = TypeVar("P", RoleClaim, Point)


def merge_sentences(items: Sequence[P], facts: Sequence[SourceFacts], focus: re.Pattern[str] | None = None) -> list[P]:
    """Items of different articles that are near-duplicate sentences with the same cue status become one,
    and each item gains, as support, a near-duplicate sentence (same cue) of every other article.

    Two role claims merged this way read the same cue words, so a different status is the model's noise:
    the more cautious one is kept. Sentences whose cues differ are never merged (a discrepancy)."""
    out: list[P] = []
    for item in items:
        text = _text(item)
        twin = next((o for o in out if not set(quote_sources(o)) & set(quote_sources(item))
                     and same_fact(_text(o), text) and cue(_text(o), focus) == cue(text, focus)), None)
        if twin is None:
            out.append(item)
            continue
        twin.quotes = add_quotes(twin.quotes, item.quotes)
        if isinstance(twin, RoleClaim) and isinstance(item, RoleClaim):
            twin.status = _more_cautious(twin.status, item.status)
    for item in out:
        cited = set(quote_sources(item))
        others = [f for f in facts if f.id not in cited]
        if not others:  # every article already cited (one article): nothing to look for
            continue
        text = _text(item)
        status = cue(text, focus)
        more = []
        for f in others:
            match = next((s for s in f.body if same_fact(text, s) and cue(s, focus) == status), None)
            if match is not None:
                more.append(_quote(match, f.id))
        item.quotes = add_quotes(item.quotes, more)
    return out


F = TypeVar("F", bound=Fact)


def fair_share(items: Sequence[F], limit: int) -> list[F]:
    """At most ``limit`` items, taken in turn from each article (by the article of an item's first quote),
    each article's in its order, then shown in the original order: one article's many claims do not push
    every other article's out of the page. With one article: the first ``limit``."""
    queues: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        queues.setdefault(item.quotes[0].source if item.quotes else "", []).append(i)
    chosen: list[int] = []
    while len(chosen) < min(limit, len(items)):
        for queue in queues.values():
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    return [items[i] for i in sorted(chosen)]


# --- the brief -----------------------------------------------------------------------------------------

def merge_brief(brief: Brief, facts: Sequence[SourceFacts], focus: re.Pattern[str] | None = None) -> Brief:
    """Merge, in place, the items of ``brief`` that state the same fact, and cite every supporting article."""
    clusters = name_clusters(n for f in facts for n in f.names)
    brief.who = merge_named(brief.who, clusters, facts)
    brief.where = merge_named(brief.where, clusters, facts)
    brief.when = merge_dates(brief.when)
    brief.focus_role = merge_sentences(brief.focus_role, facts, focus)
    brief.key_points = merge_sentences(brief.key_points, facts)
    brief.open_questions = merge_sentences(brief.open_questions, facts)
    return brief


__all__ = [
    "MAX_QUOTES",
    "STOPWORDS",
    "SourceFacts",
    "add_quotes",
    "content_words",
    "cue",
    "facts_of",
    "merge_brief",
    "merge_dates",
    "merge_named",
    "merge_sentences",
    "name_clusters",
    "same_fact",
    "stem",
]
