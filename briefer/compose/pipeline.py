"""The one code path shared by brief, batch and eval: articles -> candidates -> prompts -> model ->
validate -> assemble -> merge -> ground.

Code finds the candidates (names, places, dates, sentences about the focus country) and builds every
quote from a sentence of the article; the model labels candidates, picks sentences and writes the
summary, in small calls that share one prompt prefix. Articles too long for the context are briefed
in chunks of whole paragraphs (``chunks``), one pass each; the facts of all articles and chunks are then
merged (``merge``), their disagreements listed (``discrepancies``), cut to one page and grounded.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefer.compose import calls as tasks
from briefer.compose import chunks, merge, prompts, timeline
from briefer.compose.discrepancies import MAX_DISCREPANCIES, find_discrepancies
from briefer.compose.grounding import agent_cue, cap_status, clip, ground, normalise
from briefer.compose.guard import SKIPPED_WARNING, guard
from briefer.compose.summary import extract_summary, is_title, quote, support
from briefer.config import Settings
from briefer.extract.candidates import Candidates, Name, find_candidates, focus_pattern, focus_terms, term_pattern
from briefer.extract.dates import Anchor, explicit_years
from briefer.extract.names import is_headline
from briefer.model.client import Call, ModelClient
from briefer.model.tokens import Counter, count_messages, estimate
from briefer.read.meta import is_meta
from briefer.read.sources import Article
from briefer.schema import Actor, Brief, CallUsage, Dated, Grounding, Place, Point, RoleClaim, Source

log = logging.getLogger("briefer.compose.pipeline")

MAX_NAMES = 16
MAX_FOCUS_SENTENCES = 14
MAX_KEY, MAX_OPEN = 5, 3
LIMITS = {"who": 10, "where": 6, "when": 8, "focus_role": 8, "key_points": 6, "open_questions": 4,
          "discrepancies": MAX_DISCREPANCIES}


@dataclass
class Numbered:
    n: int
    article: Article
    text: str  # the sentence exactly as in the article


@dataclass
class Prepared:
    """Everything code knows before the model is asked."""

    articles: list[Article]
    candidates: list[Candidates]
    sentences: dict[int, Numbered]
    names: list[tuple[Name, Article]]
    focus: list[int]
    prefix: list[dict[str, str]]
    offsets: dict[str, int]  # article id -> number of its first sentence, less one
    focus_re: re.Pattern[str]  # the focus country's terms and the people who act for it
    heads: set[int]  # numbers of titles, standfirsts and subheadings: never evidence or key points
    # Not news, says the model (the points call's "skip"): left out like what code leaves out.
    skipped: set[int] = dataclasses.field(default_factory=set)


def _years(articles: Sequence[Article]) -> tuple[int, ...]:
    return tuple(sorted({y for a in articles for y in explicit_years(a.text)}))


def prepare(articles: Sequence[Article], settings: Settings, years: tuple[int, ...] | None = None) -> Prepared:
    """Candidates and the shared prompt prefix; ``years``: the explicit years of all the articles (when
    ``articles`` are the parts of one chunk)."""
    years = _years(articles) if years is None else years
    cands = [find_candidates(a, settings.focus, max_names=MAX_NAMES,
                             anchor=Anchor(published=a.published, dateline=a.dateline_date, years=years))
             for a in articles]
    numbered: dict[int, Numbered] = {}
    views = []
    focus: list[int] = []
    heads: set[int] = set()
    n = 0
    offsets: dict[str, int] = {}
    for article, cand in zip(articles, cands, strict=True):
        offsets[article.id] = n
        rows = []
        focus_idx = {s.index for s in cand.focus_sentences}
        for s in cand.sentences:
            n += 1
            numbered[n] = Numbered(n, article, s.text)
            text = " ".join(s.text.split())
            if is_headline(s, article.text) or (s.index == 0 and text == " ".join(article.title.split())):
                heads.add(n)
            rows.append({"n": n, "text": text})
            if s.index in focus_idx and n not in heads:  # a title restates its body: the body is the evidence
                focus.append(n)
        views.append({"id": article.id, "published": article.published.isoformat() if article.published else "",
                      "dateline": article.dateline_place or "", "sentences": rows})
    names = _merge_names(articles, cands)
    code = prompts.nonce([a.text for a in articles])
    prefix = [{"role": "system", "content": prompts.render("system", settings.prompts, nonce=code)},
              {"role": "user", "content": prompts.render("articles", settings.prompts, nonce=code,
                                                         articles=views)}]
    people = [f for c in cands for p in c.focus_people for f in (p.name, *p.aliases)]
    focus_re = term_pattern([*focus_terms(settings.focus), *people])
    return Prepared(list(articles), cands, numbered, names, focus[:MAX_FOCUS_SENTENCES], prefix, offsets,
                    focus_re, heads)


def _merge_names(articles: Sequence[Article], cands: Sequence[Candidates]) -> list[tuple[Name, Article]]:
    """Names of all articles, one entry per person/place (by name or alias), most important first."""
    merged: list[tuple[Name, Article]] = []
    seen: dict[str, int] = {}
    for article, cand in zip(articles, cands, strict=True):
        for name in cand.names:
            keys = {normalise(name.name), *(normalise(a) for a in name.aliases)}
            hit = next((seen[k] for k in keys if k in seen), None)
            if hit is None:
                seen.update({k: len(merged) for k in keys})
                merged.append((name, article))
    return merged[:MAX_NAMES]


def _task(prep: Prepared, settings: Settings, name: str, **context: Any) -> list[dict[str, str]]:
    text = prep.prefix[1]["content"] + "\n\n" + prompts.render(name, settings.prompts, **context)
    return [prep.prefix[0], {"role": "user", "content": text}]


def plan_calls(prep: Prepared, settings: Settings, *, summary: bool = True,
               headline: bool | None = None) -> list[Call]:
    """The calls of one pass; ``summary=False`` (later chunks) leaves the summary call out."""
    calls: list[Call] = []
    keys = [n.name for n, _ in prep.names]
    if keys:
        first = {n.name: _global_number(prep, a, n.sentence) for n, a in prep.names}
        options = {n.name: tasks.who_labels(n.kind_hint) for n, _ in prep.names}
        calls.append(Call("who", _task(prep, settings, "who",
                                       names=[{"name": n.name, "sentence": first[n.name], "kind": n.kind_hint}
                                              for n, _ in prep.names]),
                          tasks.labels_schema(keys, options),
                          tasks.check_labels(keys, options), max_tokens=20 + 12 * len(keys)))
    if prep.focus:
        ids = [str(n) for n in prep.focus]
        rows = [{"n": n, "text": " ".join(prep.sentences[n].text.split())} for n in prep.focus]
        calls.append(Call("role", _task(prep, settings, "role", focus=settings.focus, sentences=rows,
                                             people=_people(prep)),
                          tasks.labels_schema(ids, tasks.ROLE_LABELS),
                          tasks.check_labels(ids, tasks.ROLE_LABELS), max_tokens=20 + 10 * len(ids)))
    numbers = [n for n in sorted(prep.sentences) if n not in prep.heads] or sorted(prep.sentences)
    skip = tasks.skip_asked(settings.embedded)
    calls.append(Call("points", _task(prep, settings, "points", max_key=MAX_KEY, max_open=MAX_OPEN, max_skip=skip),
                      tasks.points_schema(numbers, MAX_KEY, MAX_OPEN, skip),
                      tasks.check_points(numbers, MAX_KEY, MAX_OPEN, skip), max_tokens=96 if skip else 80))
    if settings.model_summary and summary:
        headline = len(prep.articles) > 1 if headline is None else headline
        calls.append(Call("summary", _task(prep, settings, "summary", headline=headline, focus=settings.focus),
                          tasks.summary_schema(headline), tasks.check_summary(headline), max_tokens=220,
                          salvage=tasks.salvage_summary(headline)))
    return calls


def _people(prep: Prepared) -> list[str]:
    """The full names of the people who act for the focus country, once each."""
    return list(dict.fromkeys(p.name for c in prep.candidates for p in c.focus_people))


def _global_number(prep: Prepared, article: Article, index: int) -> int:
    """The prompt's number of sentence ``index`` of ``article``."""
    return prep.offsets[article.id] + 1 + index


def fits(calls: Sequence[Call], settings: Settings, counter: Counter) -> bool:
    """Every call's prompt and answer fit the model's context. tiktoken (``estimate``) makes at most one
    token of a UTF-8 byte: where the bytes fit, the tokens do, and need no counting."""
    if counter is estimate and all(count_messages(c.messages, utf8_bytes) + c.max_tokens <= settings.context
                                   for c in calls):
        return True
    return all(count_messages(c.messages, counter) + c.max_tokens <= settings.context for c in calls)


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def make_brief(articles: Sequence[Article], settings: Settings, model: ModelClient,
               counter: Counter = estimate) -> Brief:
    """One brief of ``articles``: one pass of the calls when they fit the context (one shared prompt
    prefix), else one pass per chunk of whole paragraphs; then merged, checked for discrepancies, grounded."""
    prep = prepare(articles, settings)
    calls = plan_calls(prep, settings)
    cached = {call.name: model.lookup(call) for call in calls}
    # A brief answered from the cache asks nothing (and starts no server to count tokens).
    if all(cached.values()) or fits(calls, settings, counter):
        draft = assemble(prep, settings, *_ask(model, calls, settings, cached))
        return finish(draft, [prep], articles, settings)
    years = _years(articles)
    block = counter(prep.prefix[1]["content"])
    overhead = max(count_messages(c.messages, counter) + c.max_tokens for c in calls) - block
    groups = chunks.split(articles, settings.context - overhead, counter, context=settings.context,
                          fits=lambda parts: fits(plan_calls(prepare(parts, settings, years), settings),
                                                  settings, counter))
    preps, parts = [], []
    for i, group in enumerate(groups):
        preps.append(prepare(group, settings, years))
        calls = plan_calls(preps[-1], settings, summary=i == 0, headline=len(articles) > 1)
        parts.append(assemble(preps[-1], settings, *_ask(model, calls, settings), summary=i == 0))
    draft = chunks.combine(parts, [_source(a) for a in articles], max_key=MAX_KEY, max_open=MAX_OPEN)
    return finish(draft, preps, articles, settings)


def _ask(model: ModelClient, calls: Sequence[Call], settings: Settings,
         cached: dict[str, tuple[Any, CallUsage] | None] | None = None) -> tuple[dict[str, Any], list[CallUsage]]:
    """The answers of ``calls``: from the cache where it has them, else asked (answers that pass are cached)."""
    found = cached if cached is not None else {call.name: model.lookup(call) for call in calls}
    missing = [call for call in calls if found.get(call.name) is None]
    if missing:
        # The embedded model has one slot: in order, in this thread, so that Ctrl-C / SIGTERM stop it at once.
        asked = [model.ask(call, lookup=False) for call in missing] if settings.embedded \
            else model.ask_all(missing)
        found = {**found, **{call.name: result for call, result in zip(missing, asked, strict=True)}}
    results = [found[call.name] for call in calls]
    answers = {call.name: r[0] for call, r in zip(calls, results, strict=True) if r is not None}
    return answers, [r[1] for r in results if r is not None]


def finish(draft: Brief, preps: Sequence[Prepared], articles: Sequence[Article], settings: Settings) -> Brief:
    """Merge the facts several articles share, find where they disagree, cut to one page, ground."""
    facts = merge.facts_of([(a, c) for p in preps for a, c in zip(p.articles, p.candidates, strict=True)],
                           [a.id for a in articles])
    focus = focus_pattern(settings.focus)
    merge.merge_brief(draft, facts, focus)
    draft.discrepancies = find_discrepancies(facts, focus)
    omitted = list(draft.omitted)
    anchors = timeline.anchor_days([a.published for a in articles], draft.when)
    for field, limit in LIMITS.items():
        items = getattr(draft, field)
        if len(items) > limit:
            omitted.append(f"{len(items) - limit} more {field.replace('_', ' ')} item(s) omitted")
        if field == "when":  # the most likely news days first, then shown in date order
            draft.when = timeline.top(items, limit, anchors)
        elif len(items) > limit:
            setattr(draft, field, merge.fair_share(items, limit) if field == "focus_role" else items[:limit])
    fields = {name: getattr(draft, name) for name in Brief.model_fields if name != "omitted"}
    brief = Brief(**fields, omitted=omitted)  # validated: every list within its one-page bound
    skipped = collections.Counter(p.sentences[n].article.id for p in preps for n in p.skipped)
    for source in brief.sources:
        if skipped.get(source.id):
            source.warnings.append(SKIPPED_WARNING.format(n=skipped[source.id]))
    brief = ground(brief, {a.id: a.text for a in articles}, {f.id: f.sentences for f in facts})
    return guard(brief, next((a.title for a in articles if a.title), ""))


def _sentence_of(prep: Prepared, article: Article, index: int) -> Numbered:
    return prep.sentences[_global_number(prep, article, index)]


def assemble(prep: Prepared, settings: Settings, answers: dict[str, Any], usage: list[CallUsage], *,
             summary: bool = True) -> Brief:
    """A draft (not validated, not grounded) from code's candidates and the model's labels, one item per
    name, date (per article) and chosen sentence. ``summary=False``: a later chunk, whose key points all
    stay key points."""
    key_numbers, open_numbers, *skip = answers.get("points", ([], [], []))
    prep.skipped = set(skip[0]) if skip else set()
    who: list[Actor] = []
    where: list[Place] = []
    labels: dict[str, str] = answers.get("who", {})
    for name, article in prep.names:
        label = labels.get(name.name, "none")
        if label == "none":
            continue
        row = _mention_row(prep, article, name)
        if row.n in prep.skipped:  # named only where the model saw no news: left out like code's
            continue
        # Main actors of a news event are named more than once or early: one late mention stays minor.
        prominent = name.count >= 2 or _body_rank(prep, row) < 3
        central = prominent and label in ("main", *(f"{k}-main" for k in ("person", "org", "place")))
        kind = name.kind_hint or {"person": "person", "org": "organisation", "place": "place"}[label.split("-")[0]]
        if kind == "place":
            central = central and not _home_only(prep, settings, name.name)
            where.append(Place(name=name.name, what=clip(row.text, 240), central=central, quotes=[quote(row)]))
        else:
            who.append(Actor(name=name.name, kind=kind, role=clip(name.role_hint, 160), central=central,
                             quotes=[quote(row)]))
    who.sort(key=lambda a: not a.central)
    where.sort(key=lambda p: not p.central)

    when: list[Dated] = []
    for article, cand in zip(prep.articles, prep.candidates, strict=True):
        seen_dates: set[str] = set()
        if article.published and timeline.needs_publication_item(article.published, (m.iso for m in cand.dates)):
            lead = _lead_row(prep, article)
            if lead.n not in prep.skipped:
                when.append(Dated(text=timeline.PUBLISHED_TEXT, iso=article.published.isoformat(),
                                  basis="published", what=clip(lead.text, 240), quotes=[quote(lead)]))
        for mention in cand.dates:  # one item per date and article (merged later); unresolved: per wording
            key = mention.iso or normalise(mention.text)
            if key in seen_dates:
                continue
            seen_dates.add(key)
            row = _row_at(prep, article, cand, mention.start)
            if row.n in prep.skipped:
                continue
            when.append(Dated(text=clip(mention.text, 80), iso=mention.iso, basis=mention.basis,
                              what=clip(row.text, 240), quotes=[quote(row)]))

    role: list[RoleClaim] = []
    country = focus_pattern(settings.focus)
    for key, status in answers.get("role", {}).items():
        row = prep.sentences[int(key)]
        if row.n in prep.skipped:
            continue
        if status == "none":
            # The small model misses hedged claims ("analysts suggest ... could see Canada taking on"):
            # a sentence where the country (or who acts for it) acts under a cue word is a claim at the cue's
            # status.
            status = agent_cue(row.text, country) or agent_cue(row.text, prep.focus_re) or "none"
            if status == "none":
                continue
        # The cue that governs the claim is read from where the country is named, else its people.
        named = country.search(row.text) or prep.focus_re.search(row.text)
        capped = cap_status(status, row.text, named.start() if named else 0)
        role.append(RoleClaim(claim=clip(row.text, 300), status=capped, quotes=[quote(row)]))

    if "summary" in answers:
        model_headline, summary_text = answers["summary"]
        lead_point = Point(text=summary_text, quotes=support(prep, summary_text))
        lead = prep.articles[0]
    elif summary:  # extractive: the sentences the model ranked most important, verbatim
        lead_point, key_numbers = extract_summary(prep, key_numbers)
        model_headline = ""
        lead = prep.sentences[key_numbers[0]].article if key_numbers else prep.articles[0]
    else:
        lead_point, model_headline, lead = Point(text=""), "", prep.articles[0]
    # The headline never carries meta-text: the model's, else the title, else the summary's opening.
    headline = next((h for h in (model_headline, lead.title, clip(lead_point.text, 120)) if h and not is_meta(h)),
                    "")
    key_points = [Point(text=clip(prep.sentences[n].text, 400), quotes=[quote(prep.sentences[n])])
                  for n in key_numbers]
    open_questions = [Point(text=clip(prep.sentences[n].text, 400), quotes=[quote(prep.sentences[n])])
                      for n in open_numbers]

    return Brief.model_construct(
        headline=clip(headline, 160), summary=lead_point, focus=settings.focus, who=who, where=where, when=when,
        focus_role=role, key_points=key_points, open_questions=open_questions, discrepancies=[],
        sources=[_source(a) for a in prep.articles], grounding=Grounding(), omitted=[], model=settings.model,
        usage=usage)


def _mention_row(prep: Prepared, article: Article, name: Name) -> Numbered:
    """The first body sentence (not the headline) that names ``name``: its evidence."""
    forms = [name.name, *name.aliases]
    for row in prep.sentences.values():
        if row.article is article and not is_title(prep, row.n) and row.n not in prep.skipped \
                and any(f in row.text for f in forms):
            return row
    return _sentence_of(prep, article, name.sentence)


def _home_only(prep: Prepared, settings: Settings, place: str) -> bool:
    """The focus country or one of its cities named only as the actor's home ("Canada's role", "Ottawa's
    commitment"), not as where something happens ("in Ottawa"): not a place of the event."""
    if not re.fullmatch(focus_pattern(settings.focus), place):
        return False
    where = re.compile(rf"\b(?:in|at|to|from|across) {re.escape(place)}\b")
    return not any(where.search(a.text) for a in prep.articles)


def _lead_row(prep: Prepared, article: Article) -> Numbered:
    """The article's first body sentence (its lead: not its title line, a head), else its first sentence."""
    rows = [r for r in prep.sentences.values() if r.article is article]
    return next((r for r in rows if not is_title(prep, r.n)), rows[0])


def _body_rank(prep: Prepared, row: Numbered) -> int:
    """How many body sentences of its article come before ``row``."""
    return sum(1 for r in prep.sentences.values() if r.article is row.article and r.n < row.n
               and not is_title(prep, r.n))


def _row_at(prep: Prepared, article: Article, cand: Candidates, offset: int) -> Numbered:
    for s in cand.sentences:
        if s.start <= offset < s.end:
            return _sentence_of(prep, article, s.index)
    return _sentence_of(prep, article, 0)


def _source(article: Article) -> Source:
    dateline = ", ".join(x for x in (article.dateline_place, article.dateline_date) if x) or None
    return Source(id=article.id, title=article.title, path=article.path,
                  published=article.published.isoformat() if article.published else None,
                  dateline=dateline, warnings=list(article.warnings))
