"""The one code path shared by brief, batch, eval and watch: articles -> candidates -> prompts -> model ->
validate -> assemble -> merge -> ground -> guard.

Code finds the candidates (names, places, dates, sentences about the focus country) and builds every
quote from a sentence of the article; the model labels candidates, picks sentences and writes the
summary, in small calls that share one prompt prefix. Articles too long for the context are briefed
in chunks of whole paragraphs (``chunks``), one pass each; the facts of all articles and chunks are then
merged (``merge``), their disagreements listed (``discrepancies``), cut to one page and grounded.

``make_brief`` is ``draft`` (the passes and their assembly) then ``finish`` (merge, discrepancies, cut,
ground, and the last guard against text addressed to an AI); ``brief_of_drafts`` finishes the drafts of
articles briefed one by one (``briefer watch``).
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Sequence
from typing import Any

from briefer.compose import chunks, merge, timeline
from briefer.compose.assemble import assemble, page_lang, source_of
from briefer.compose.calls import MAX_KEY, MAX_OPEN, fits, plan_calls
from briefer.compose.discrepancies import MAX_DISCREPANCIES, PairMemo, find_discrepancies
from briefer.compose.grounding import ground
from briefer.compose.guard import SKIPPED_WARNING, guard
from briefer.compose.prepare import Prepared, explicit_years_of, prepare
from briefer.config import Settings
from briefer.extract.focus import Focus, focus_on
from briefer.model.client import Call, ModelClient
from briefer.model.tokens import Counter, count_messages, estimate
from briefer.read.sources import Article
from briefer.schema import Brief, CallUsage

log = logging.getLogger("briefer.compose.pipeline")

LIMITS = {"who": 10, "where": 6, "when": 8, "focus_role": 12, "key_points": 6, "open_questions": 4,
          "discrepancies": MAX_DISCREPANCIES}


def make_brief(articles: Sequence[Article], settings: Settings, model: ModelClient,
               counter: Counter = estimate) -> Brief:
    """One brief of ``articles``: one pass of the calls when they fit the context (one shared prompt
    prefix), else one pass per chunk of whole paragraphs; then merged, checked for discrepancies, grounded."""
    focus = focus_on(settings.focus)
    part, preps = draft(articles, settings, model, counter, focus)
    return finish(part, preps, articles, focus)


def draft(articles: Sequence[Article], settings: Settings, model: ModelClient, counter: Counter = estimate,
          focus: Focus | None = None) -> tuple[Brief, list[Prepared]]:
    """The draft of ``articles`` (not merged, not grounded) and what code prepared for each pass: one pass
    when the calls fit the context, else one per chunk of whole paragraphs."""
    focus = focus or focus_on(settings.focus)
    prep = prepare(articles, settings, focus)
    calls = plan_calls(prep, settings)
    cached = {call.name: model.lookup(call) for call in calls}
    # A brief answered from the cache asks nothing (and starts no server to count tokens).
    if all(cached.values()) or fits(calls, settings, counter):
        return assemble(prep, settings, *_ask(model, calls, settings, cached)), [prep]
    years = explicit_years_of(articles)
    people = [f for p in prep.focus.people for f in (p.name, *p.aliases)]  # found in the whole articles
    block = counter(prep.prefix[1]["content"])
    overhead = max(count_messages(c.messages, counter) + c.max_tokens for c in calls) - block
    groups = chunks.split(articles, settings.context - overhead, counter, context=settings.context,
                          fits=lambda parts: fits(plan_calls(prepare(parts, settings, focus, years, people), settings,
                                                             headline=len(articles) > 1), settings, counter))
    preps, parts = [], []
    for i, group in enumerate(groups):
        preps.append(prepare(group, settings, focus, years, people))
        calls = plan_calls(preps[-1], settings, summary=i == 0, headline=len(articles) > 1)
        parts.append(assemble(preps[-1], settings, *_ask(model, calls, settings), summary=i == 0))
    combined = chunks.combine(parts, [source_of(a) for a in articles], max_key=MAX_KEY, max_open=MAX_OPEN)
    combined.lang = page_lang(settings, articles)  # of all the articles, not of the first chunk's
    return combined, preps


def brief_of_drafts(drafts: Sequence[tuple[Brief, list[Prepared]]], articles: Sequence[Article],
                    settings: Settings, pairs: PairMemo | None = None) -> Brief:
    """One brief of articles each drafted on its own (``draft([article])``, in the order of ``articles``):
    the drafts taken together as the chunks of one brief are (the first one's headline and summary, every
    item, the key points of each in turn), then merged, checked for discrepancies, cut and grounded as
    ``make_brief`` does. Adding an article to such a brief asks only that article's calls, and with
    ``pairs`` (kept from one such brief to the next) compares only its pairs of articles for
    discrepancies. The drafts are left as they were."""
    parts = [part.model_copy(deep=True) for part, _ in drafts]
    combined = chunks.combine(parts, [source_of(a) for a in articles], max_key=MAX_KEY, max_open=MAX_OPEN)
    combined.lang = page_lang(settings, articles)  # of all the articles, not of the first draft's
    return finish(combined, [prep for _, preps in drafts for prep in preps], articles, focus_on(settings.focus),
                  pairs)


def _ask(model: ModelClient, calls: Sequence[Call[Any]], settings: Settings,
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


def finish(draft: Brief, preps: Sequence[Prepared], articles: Sequence[Article], focus: Focus,
           pairs: PairMemo | None = None) -> Brief:
    """Merge the facts several articles share, find where they disagree (``pairs``: the pairs of articles
    compared before), cut to one page, ground."""
    facts = merge.facts_of([(a, c) for p in preps for a, c in zip(p.articles, p.candidates, strict=True)],
                           [a.id for a in articles])
    merge.merge_brief(draft, facts, focus.pattern)
    draft.discrepancies = find_discrepancies(facts, focus.pattern, pairs)
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
