"""Articles too long for the model's context: groups of whole paragraphs, each small enough for one pass.

A group holds consecutive paragraphs, of one article or of several; the part of an article in a group is
an ``Article`` with that article's id, title, dateline and publish date and the text of those paragraphs
only (a verbatim run of the article's text), so every quote made from it names the right article and is
verified against the whole article. Groups are packed with real token counts (the model's tokenizer
where there is one), then each is checked with the exact prompts of its calls and halved until it fits.
Only a paragraph that cannot fit alone is an error.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefer.errors import ContextTooLong
from briefer.schema import Brief, Point, Source
from briefer.sources import Article
from briefer.tokens import Counter

log = logging.getLogger("briefer.chunks")

MARKER_TOKENS = 40  # an article's <<ARTICLE ...>> and <<END ...>> lines, with its id, date and dateline
ROW_TOKENS = 4  # the "[n] " before each sentence and its line break


@dataclass(frozen=True)
class Unit:
    article: int  # index of the article
    paragraph: int  # index of the paragraph in that article
    text: str
    tokens: int


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an article's text (``sources`` separates them with one blank line)."""
    return [p for p in text.split("\n\n") if p.strip()]


def units(articles: Sequence[Article], counter: Counter) -> list[Unit]:
    out = []
    for i, article in enumerate(articles):
        for j, para in enumerate(paragraphs(article.text)):
            rows = para.count("\n") + para.count(". ") + para.count("? ") + para.count("! ") + 1
            out.append(Unit(i, j, para, counter(para) + ROW_TOKENS * rows))
    return out


def pieces(articles: Sequence[Article], group: Sequence[Unit]) -> list[Article]:
    """The articles of a group: for each article with paragraphs in it, those paragraphs, same id."""
    out: list[Article] = []
    for i, article in enumerate(articles):
        paras = [u.text for u in group if u.article == i]
        if not paras:
            continue
        text = "\n\n".join(paras)
        out.append(article if text == article.text else dataclasses.replace(article, text=text))
    return out


def pack(items: Sequence[Unit], budget: int) -> list[list[Unit]]:
    """Consecutive units in groups of at most ``budget`` estimated tokens (a unit alone may exceed it)."""
    groups: list[list[Unit]] = []
    size = 0
    for u in items:
        cost = u.tokens + (MARKER_TOKENS if not groups or not groups[-1] or groups[-1][-1].article != u.article
                           else 0)
        if groups and groups[-1] and size + cost <= budget:
            groups[-1].append(u)
            size += cost
        else:
            groups.append([u])
            size = u.tokens + MARKER_TOKENS
    return groups


def split(articles: Sequence[Article], budget: int, counter: Counter,
          fits: Callable[[list[Article]], bool], context: int) -> list[list[Article]]:
    """Groups of article parts, in article order, each of which ``fits`` one pass of the calls."""
    todo = pack(units(articles, counter), max(budget, 1))[::-1]
    groups: list[list[Article]] = []
    while todo:
        group = todo.pop()
        parts = pieces(articles, group)
        if fits(parts):
            groups.append(parts)
            continue
        if len(group) == 1:
            u = group[0]
            raise ContextTooLong(
                f"paragraph {u.paragraph + 1} of {articles[u.article].id} does not fit the model's {context}-token "
                f"context with the prompt around it",
                hint="split that paragraph with a blank line, or set BRIEFER_CONTEXT for a larger model")
        half = len(group) // 2
        todo += [group[half:], group[:half]]
    log.info("the articles need %d passes of the model calls (%d-token context)", len(groups), context)
    return groups


def _interleave(lists: Sequence[Sequence[Point]], limit: int) -> list[Point]:
    """The first item of each list, then the second of each, ...: every chunk's best ones come first."""
    out: list[Point] = []
    for row in range(max((len(x) for x in lists), default=0)):
        out += [x[row] for x in lists if row < len(x)]
    return out[:limit]


def combine(parts: Sequence[Brief], sources: list[Source], *, max_key: int, max_open: int) -> Brief:
    """One brief of the briefs of each group: the first group's headline and summary, every item of
    each (merged later), the key points and open questions of all groups taken in turn."""
    first = parts[0]
    return Brief(
        headline=first.headline, summary=first.summary, focus=first.focus,
        who=[a for p in parts for a in p.who], where=[x for p in parts for x in p.where],
        when=[d for p in parts for d in p.when], focus_role=[c for p in parts for c in p.focus_role],
        key_points=_interleave([p.key_points for p in parts], max_key),
        open_questions=_interleave([p.open_questions for p in parts], max_open),
        sources=sources, omitted=[o for p in parts for o in p.omitted], model=first.model,
        usage=[u for p in parts for u in p.usage])


__all__ = ["Unit", "combine", "pack", "paragraphs", "pieces", "split", "units"]
