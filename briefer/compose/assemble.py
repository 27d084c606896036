"""The draft of a brief from code's candidates and the model's labels: one item per labelled name, per date
(per article) and per chosen sentence, each quoting the sentence it comes from. Not yet merged across
articles, cut to the page's bounds or grounded: that is ``pipeline.finish``'s."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from briefer.compose import timeline
from briefer.compose.grounding import agent_cue, cap_status, clip
from briefer.compose.prepare import Numbered, Prepared
from briefer.compose.summary import extract_summary, is_title, quote, support
from briefer.config import Settings
from briefer.extract.candidates import Candidates
from briefer.extract.names import Name
from briefer.read.language import most_common
from briefer.read.meta import is_meta
from briefer.read.sources import Article
from briefer.schema import Actor, Brief, CallUsage, Dated, Grounding, Lang, Place, Point, RoleClaim, Source
from briefer.text import normalise


def assemble(prep: Prepared, settings: Settings, answers: dict[str, Any], usage: list[CallUsage], *,
             summary: bool = True) -> Brief:
    """A draft (not validated, not grounded) from code's candidates and the model's labels, one item per
    name, date (per article) and chosen sentence. ``summary=False``: a later chunk, whose key points all
    stay key points."""
    key_numbers, open_numbers, *skip = answers.get("points", ([], [], []))
    prep.skipped = set(skip[0]) if skip else set()
    who: list[Actor] = []
    where: list[Place] = []
    main = set(answers.get("who", []))
    for i, (name, article) in enumerate(prep.names, 1):
        # Code knows a name's kind (rules and a recogniser); the model says who takes part in the main event.
        # A name of no known kind is kept only when the model picks it.
        if not name.kind_hint and i not in main:
            continue
        row = _mention_row(prep, article, name)
        if row.n in prep.skipped:  # named only where the model saw no news: left out like code's
            continue
        # Main actors of a news event are named more than once or early: one late mention stays minor.
        prominent = name.count >= 2 or _body_rank(prep, row) < 3
        kind = name.kind_hint or "organisation"
        # the subject of the title's or lead's verb leads the story, whatever the model picked
        central = prominent and (i in main or (name.acts and kind in ("person", "organisation", "group")))
        if kind not in ("person", "organisation", "group"):
            central = central and not _home_only(prep, name.name)
            where.append(Place(name=name.name, what=clip(row.text, 240), central=central, quotes=[quote(row)]))
            if name.acts:  # a country or city that acts in the title or lead ("X launched ..."): an actor too
                who.append(Actor(name=name.name, kind="organisation", central=central, quotes=[quote(row)]))
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
    country, acting = prep.focus.pattern, prep.focus.acting
    asked = {id(r): i for i, r in enumerate(prep.asked_roles, 1)}
    own = {id(r) for r in prep.asked_roles if asked[id(r)] in set(answers.get("role", []))}
    for role_row in prep.roles:
        row = prep.sentences[role_row.n]
        if row.n in prep.skipped:
            continue
        clause = role_row.clause
        if clause is not None:
            # The model judges whether the clause is about the focus's own doing; the verb says its status.
            # A clause where the focus itself acts is a claim without asking.
            if id(role_row) in own or clause.strong:
                role.append(RoleClaim(claim=clip(role_row.text, 300), status=clause.status, quotes=[quote(row)]))
            continue
        # No parse: the sentence, at the status its cue words allow ("could" -> speculative); one the model
        # leaves out still counts where the country (or who acts for it) acts under a cue word.
        status = "done" if id(role_row) in own else agent_cue(row.text, country) or agent_cue(row.text, acting)
        if status is None:
            continue
        named = country.search(row.text) or acting.search(row.text)
        capped = cap_status(status, row.text, named.start() if named else 0)
        role.append(RoleClaim(claim=clip(row.text, 300), status=capped, quotes=[quote(row)]))

    if "summary" in answers:
        model_headline, summary_text = answers["summary"]
        lead_point = Point(text=summary_text, quotes=support(prep, summary_text))
        lead_article = prep.articles[0]
    elif summary:  # extractive: the sentences the model ranked most important, verbatim
        lead_point, key_numbers = extract_summary(prep, key_numbers)
        model_headline = ""
        lead_article = prep.sentences[key_numbers[0]].article if key_numbers else prep.articles[0]
    else:
        lead_point, model_headline, lead_article = Point(text=""), "", prep.articles[0]
    # The headline never carries meta-text: the model's, else the title, else the summary's opening.
    headline = next((h for h in (model_headline, lead_article.title, clip(lead_point.text, 120))
                     if h and not is_meta(h)), "")
    key_points = [Point(text=clip(prep.sentences[n].text, 400), quotes=[quote(prep.sentences[n])])
                  for n in key_numbers]
    open_questions = [Point(text=clip(prep.sentences[n].text, 400), quotes=[quote(prep.sentences[n])])
                      for n in open_numbers]

    return Brief.model_construct(
        headline=clip(headline, 160), summary=lead_point, focus=settings.focus, lang=page_lang(settings, prep.articles),
        who=who, where=where, when=when,
        focus_role=role, key_points=key_points, open_questions=open_questions, discrepancies=[],
        sources=[source_of(a) for a in prep.articles], grounding=Grounding(), omitted=[], model=settings.model,
        usage=usage)


def _mention_row(prep: Prepared, article: Article, name: Name) -> Numbered:
    """The first body sentence (not the headline) that names ``name``: its evidence."""
    forms = [name.name, *name.aliases]
    for row in prep.sentences.values():
        if row.article is article and not is_title(prep, row.n) and row.n not in prep.skipped \
                and any(f in row.text for f in forms):
            return row
    return prep.sentence_of(article, name.sentence)


def _home_only(prep: Prepared, place: str) -> bool:
    """The focus country or one of its cities named only as the actor's home ("Canada's role", "Ottawa's
    offer"), not as where something happens ("in Ottawa"): not a place of the event."""
    if not prep.focus.pattern.fullmatch(place):
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
            return prep.sentence_of(article, s.index)
    return prep.sentence_of(article, 0)


def page_lang(settings: Settings, articles: Sequence[Article]) -> Lang:
    """The language of the brief's page: the one asked for (``--lang``), else that of most articles."""
    return "fr" if settings.lang == "fr" else "en" if settings.lang == "en" else most_common(a.lang for a in articles)


def source_of(article: Article) -> Source:
    dateline = ", ".join(x for x in (article.dateline_place, article.dateline_date) if x) or None
    return Source(id=article.id, title=article.title, path=article.path,
                  published=article.published.isoformat() if article.published else None,
                  dateline=dateline, lang=article.lang, warnings=list(article.warnings))
