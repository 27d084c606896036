"""Render a brief: Markdown, and one printable page as self-contained HTML or PDF, from the page templates
in ``render/templates/``. The page is fitted to one A4 or Letter page by ``fit`` when WeasyPrint (the
``pdf`` extra) is installed.

    from briefer import brief, render
    b = brief(["article.txt"])
    print(render.to_markdown(b))
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Mapping
from typing import Any

import jinja2

from briefer.render import pdf
from briefer.render.fit import Display, Fitted, dedupe, first_sentence, shown_quotes
from briefer.render.fit import fit as fit_brief
from briefer.schema import STATUSES, Brief, Dated, Fact, Quote
from briefer.text import iso_day

log = logging.getLogger("briefer.render")

STATUS_LABEL = {"done": "DONE", "planned": "PLANNED", "expected": "EXPECTED", "speculative": "SPECULATIVE"}


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def date_label(d: Dated) -> str:
    """``2026-01-05`` -> ``5 Jan 2026``; ``2026-01`` -> ``Jan 2026``; unresolved: as written."""
    day = iso_day(d.iso)
    if day:
        return f"{day.day} {day:%b %Y}"
    if len(d.iso) == 7 and iso_day(d.iso + "-01"):
        return f"{iso_day(d.iso + '-01'):%b %Y}"
    return d.iso or d.text


def weekday(d: Dated) -> str:
    day = iso_day(d.iso)
    return f"{day:%A}" if day else ""


def date_span(brief: Brief) -> str:
    """The days the brief's dates cover: ``5–6 Jan 2026``, ``30 Dec 2025 – 2 Jan 2026``, or ''."""
    days = sorted(day for d in brief.when if (day := iso_day(d.iso)))
    if not days:
        return ""
    first, last = days[0], days[-1]
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def _unmarked(item: Any) -> str:
    return ""


def context(brief: Brief, show: Display | None = None, page: str = "a4",
            extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What the page templates read; ``extra`` adds to it or replaces it (``mark``: an item's note, such as
    "new at 14:05", or ''; ``watch``: what a kept-current brief shows on top, see ``briefer.batching.watch``)."""
    show = show or Display()
    tags = {s.id: str(i) for i, s in enumerate(brief.sources, 1)}

    def cite(fact: Fact) -> str:
        """The sources of a fact by number: "1,2"; "2 only" where several articles are briefed."""
        ids = fact.sources or sorted({q.source for q in fact.quotes})
        numbers = sorted((tags.get(i, i) for i in ids), key=lambda t: (len(t), t))
        only = " only" if len(brief.sources) > 1 and len(numbers) == 1 else ""
        return ",".join(numbers) + only

    def quote(fact: Fact, limit: int = 140) -> str:
        verified = [q for q in fact.quotes if q.verified]
        return _short(verified[0].text, limit) if verified else ""

    def quotes(fact: Fact, own: str = "") -> list[Quote]:
        return shown_quotes(fact, own, show.quotes_per_fact)

    def text(point: Any) -> str:
        return first_sentence(point.text) if show.first_sentence else point.text

    order = {s: i for i, s in enumerate(STATUSES)}
    verified = Counter(q.source for f in brief.facts() for q in f.quotes if q.verified)
    return {"b": brief, "cite": cite, "quote": quote, "short": _short, "tags": tags, "show": show,
            "quotes": quotes, "text": text, "date_label": date_label, "weekday": weekday,
            "span": date_span(brief), "verified": verified,
            "role": sorted(brief.focus_role, key=lambda c: order[c.status]),
            "shown_sources": brief.sources[: show.max_sources], "page": pdf.page(page),
            "status_label": STATUS_LABEL, "rate": f"{brief.grounding.rate:.0%}", "mark": _unmarked,
            "watch": None, **(extra or {})}


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The package's own page templates: a user's ``--prompts`` folder changes the prompts, not the page."""
    return jinja2.Environment(loader=jinja2.PackageLoader("briefer.render", "templates"),
                              undefined=jinja2.StrictUndefined,
                              autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
                              keep_trailing_newline=False, trim_blocks=False, auto_reload=False)


def _render(template: str, **values: Any) -> str:
    return _environment().get_template(template).render(**values).strip() + "\n"


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown."""
    return _render("brief.md.j2", **context(brief))


def page_html(brief: Brief, show: Display | None = None, page: str = "a4", *,
              extra: Mapping[str, Any] | None = None, template: str = "brief.html") -> str:
    """The page as it stands, without fitting (``template``: ``brief.html`` or one that extends it)."""
    return _render(template, **context(brief, show, page, extra))


def fit_page(brief: Brief, page: str = "a4", *, extra: Mapping[str, Any] | None = None,
             template: str = "brief.html") -> Fitted:
    """The brief cut to one page by the rule in ``briefer.render.fit`` (needs WeasyPrint), laid out with
    everything ``extra`` and ``template`` add to the page."""
    pdf.page(page)  # an unknown size fails before the slow import
    return fit_brief(brief, lambda b, show: page_html(b, show, page, extra=extra, template=template), pdf.layout,
                     pdf.content_height_px())


def to_html(brief: Brief, page: str = "a4", fit: bool | None = None) -> str:
    """One printable, self-contained page. Fitted to one page when WeasyPrint is installed (``fit``
    None) or demanded (True); otherwise the page as it stands, with a warning."""
    if fit is None:
        fit = pdf.available()
        if not fit:
            log.warning("HTML page not fitted to one page: WeasyPrint is not installed (%s)", pdf.INSTALL_HINT)
            return page_html(dedupe(brief), page=page).replace(
                "<head>", "<head>\n<!-- not fitted to one page: WeasyPrint is not installed -->", 1)
    if not fit:
        return page_html(dedupe(brief), page=page)
    fitted = fit_page(brief, page)
    return page_html(fitted.brief, fitted.show, page)


def to_pdf(brief: Brief, page: str = "a4") -> bytes:
    """One page of PDF, fitted (needs WeasyPrint)."""
    return pdf.write_pdf(fit_page(brief, page).document)
