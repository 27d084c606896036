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
from briefer.model.tokens import Counter
from briefer.read.sources import Article
from briefer.schema import Brief, Point, Source

log = logging.getLogger("briefer.compose.chunks")

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


def _guess(items: Sequence[Unit], start: int, budget: int) -> int:
    """How many units from ``start`` the estimate says fit in ``budget`` tokens (at least one)."""
    size, n = 0, 0
    for u in items[start:]:
        size += u.tokens + (MARKER_TOKENS if n == 0 or items[start + n - 1].article != u.article else 0)
        if n and size > budget:
            break
        n += 1
    return max(n, 1)


def _largest(limit: int, guess: int, ok: Callable[[int], bool]) -> int:
    """The largest n <= ``limit`` with ``ok(n)`` (``ok`` is monotone), 0 if none: from ``guess``, doubling
    while it holds, then bisecting."""
    n = min(guess, limit)
    if ok(n):  # good: a size that fits; bad: one that does not (or past the end)
        good, bad, step = n, limit + 1, n
        while good + step < bad:
            if not ok(good + step):
                bad = good + step
                break
            good, step = good + step, step * 2
    else:
        good, bad = 0, n
    while bad - good > 1:
        mid = (good + bad) // 2
        if ok(mid):
            good = mid
        else:
            bad = mid
    return good


def split(articles: Sequence[Article], budget: int, counter: Counter,
          fits: Callable[[list[Article]], bool], context: int) -> list[list[Article]]:
    """Groups of article parts, in article order, each as large as ``fits`` one pass of the calls allows.

    From the estimate's guess, the group grows by doubling while it fits and is then narrowed by
    bisection: a few exact checks per group, each preparing the group's real prompts."""
    items = units(articles, counter)
    groups: list[list[Article]] = []
    start = 0
    while start < len(items):
        rest = items[start:]

        def first_fit(n: int, rest: Sequence[Unit] = rest) -> bool:
            return fits(pieces(articles, rest[:n]))

        good = _largest(len(rest), _guess(items, start, budget), first_fit)
        if good == 0:
            u = items[start]
            raise ContextTooLong(
                f"paragraph {u.paragraph + 1} of {articles[u.article].id} does not fit the model's {context}-token "
                f"context with the prompt around it",
                hint="split that paragraph with a blank line, or set BRIEFER_CONTEXT for a larger model")
        groups.append(pieces(articles, items[start:start + good]))
        start += good
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
    each (merged later), the key points and open questions of all groups taken in turn. A draft: not
    validated until the pipeline has merged it and cut it to one page."""
    first = parts[0]
    return Brief.model_construct(
        headline=first.headline, summary=first.summary, focus=first.focus,
        who=[a for p in parts for a in p.who], where=[x for p in parts for x in p.where],
        when=[d for p in parts for d in p.when], focus_role=[c for p in parts for c in p.focus_role],
        key_points=_interleave([p.key_points for p in parts], max_key),
        open_questions=_interleave([p.open_questions for p in parts], max_open),
        discrepancies=[], sources=sources, grounding=first.grounding, omitted=[o for p in parts for o in p.omitted],
        model=first.model, usage=[u for p in parts for u in p.usage])


__all__ = ["Unit", "combine", "paragraphs", "pieces", "split", "units"]
