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
from markupsafe import Markup

from briefer.render import i18n, pdf
from briefer.render.fit import Display, Fitted, dedupe, first_sentence, shown_quotes
from briefer.render.fit import fit as fit_brief
from briefer.schema import STATUSES, Brief, Dated, Fact, Quote
from briefer.text import iso_day

log = logging.getLogger("briefer.render")

STATUS_LABEL = i18n.status_labels("en")


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def date_label(d: Dated, lang: str | None = "en") -> str:
    """``2026-01-05`` -> ``5 Jan 2026`` (``5 janvier 2026``); ``2026-01`` -> ``Jan 2026``; unresolved: as written."""
    day = iso_day(d.iso)
    if day:
        return i18n.day_month_year(day, lang)
    first = iso_day(d.iso + "-01") if len(d.iso) == 7 else None
    if first:
        return i18n.month_year(first, lang)
    return d.iso or d.text


def weekday(d: Dated, lang: str | None = "en") -> str:
    day = iso_day(d.iso)
    return i18n.weekday_name(day, lang) if day else ""


def date_span(brief: Brief, lang: str | None = "en") -> str:
    """The days the brief's dates cover: ``5–6 Jan 2026``, ``30 Dec 2025 – 2 Jan 2026``, or ''."""
    days = sorted(day for d in brief.when if (day := iso_day(d.iso)))
    return i18n.span(days[0], days[-1], lang) if days else ""


def _unmarked(item: Any) -> str:
    return ""


def context(brief: Brief, show: Display | None = None, page: str = "a4",
            extra: Mapping[str, Any] | None = None, lang: str | None = None) -> dict[str, Any]:
    """What the page templates read; ``extra`` adds to it or replaces it (``mark``: an item's note, such as
    "new at 14:05", or ''; ``watch``: what a kept-current brief shows on top, see ``briefer.batching.watch``);
    ``lang``: the page's language, else the brief's own (``brief.lang``)."""
    show = show or Display()
    lang = i18n.lang_of(lang or brief.lang)
    words = i18n.words(lang)
    tags = {s.id: str(i) for i, s in enumerate(brief.sources, 1)}
    source_lang = {s.id: s.lang for s in brief.sources}

    def cite(fact: Fact) -> str:
        """The sources of a fact by number: "1,2"; "2 only" where several articles are briefed."""
        ids = fact.sources or sorted({q.source for q in fact.quotes})
        numbers = sorted((tags.get(i, i) for i in ids), key=lambda t: (len(t), t))
        only = words["only"] if len(brief.sources) > 1 and len(numbers) == 1 else ""
        return ",".join(numbers) + only

    def quote(fact: Fact, limit: int = 140) -> str:
        verified = [q for q in fact.quotes if q.verified]
        return _short(verified[0].text, limit) if verified else ""

    def quotes(fact: Fact, own: str = "") -> list[Quote]:
        return shown_quotes(fact, own, show.quotes_per_fact)

    def text(point: Any) -> str:
        return first_sentence(point.text) if show.first_sentence else point.text

    def day_text(d: Dated) -> str:
        """A date of the Markdown timeline: ISO in English, written out in French ("mardi 6 janvier 2026")."""
        day = iso_day(d.iso)
        if lang == "en" or not d.iso:
            return d.iso or words["date_unresolved"]
        return i18n.written_out(day, lang) if day else date_label(d, lang)

    def wd(d: Dated) -> str:
        """The weekday before a date of the page's timeline: "Tue" in English, "mardi" in French."""
        name = weekday(d, lang)
        return name[:3] if lang == "en" else name

    def published(iso: str) -> str:
        """A source's publish date: ISO in English, written out in French ("6 janvier 2026")."""
        day = iso_day(iso)
        return i18n.day_month_year(day, lang) if day and lang != "en" else iso

    def qlang(q: Quote) -> Markup:
        """The ``lang`` attribute of a quote whose source is in another language than the page."""
        own = source_lang.get(q.source, lang)
        return Markup(f' lang="{own}"') if own != lang else Markup("")

    order = {s: i for i, s in enumerate(STATUSES)}
    verified = Counter(q.source for f in brief.facts() for q in f.quotes if q.verified)
    return {"b": brief, "cite": cite, "quote": quote, "short": _short, "tags": tags, "show": show,
            "quotes": quotes, "text": text, "date_label": lambda d: date_label(d, lang),
            "weekday": lambda d: weekday(d, lang), "wd": wd, "day_text": day_text, "qlang": qlang,
            "published": published,
            "span": date_span(brief, lang), "verified": verified,
            "role": sorted(brief.focus_role, key=lambda c: order[c.status]),
            "shown_sources": brief.sources[: show.max_sources], "page": pdf.page(page),
            "status_label": i18n.status_labels(lang), "rate": i18n.percent(brief.grounding.rate, lang),
            "L": words, "note": lambda w: i18n.note(w, lang), "omitted": [i18n.note(o, lang) for o in brief.omitted],
            "mark": _unmarked, "watch": None, **(extra or {})}


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The package's own page templates: a user's ``--prompts`` folder changes the prompts, not the page."""
    return jinja2.Environment(loader=jinja2.PackageLoader("briefer.render", "templates"),
                              undefined=jinja2.StrictUndefined,
                              autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
                              keep_trailing_newline=False, trim_blocks=False, auto_reload=False)


def _render(template: str, **values: Any) -> str:
    return _environment().get_template(template).render(**values).strip() + "\n"


def to_markdown(brief: Brief, lang: str | None = None) -> str:
    """The brief as Markdown, in ``lang`` (en, fr), else in the brief's own language (``brief.lang``)."""
    return _render("brief.md.j2", **context(brief, lang=lang))


def page_html(brief: Brief, show: Display | None = None, page: str = "a4", lang: str | None = None, *,
              extra: Mapping[str, Any] | None = None, template: str = "brief.html") -> str:
    """The page as it stands, without fitting (``template``: ``brief.html`` or one that extends it)."""
    return _render(template, **context(brief, show, page, extra, lang))


def fit_page(brief: Brief, page: str = "a4", lang: str | None = None, *, extra: Mapping[str, Any] | None = None,
             template: str = "brief.html") -> Fitted:
    """The brief cut to one page by the rule in ``briefer.render.fit`` (needs WeasyPrint), laid out with
    everything ``extra`` and ``template`` add to the page."""
    pdf.page(page)  # an unknown size fails before the slow import
    return fit_brief(brief, lambda b, show: page_html(b, show, page, lang, extra=extra, template=template),
                     pdf.layout, pdf.content_height_px())


def to_html(brief: Brief, page: str = "a4", fit: bool | None = None, lang: str | None = None) -> str:
    """One printable, self-contained page. Fitted to one page when WeasyPrint is installed (``fit``
    None) or demanded (True); otherwise the page as it stands, with a warning. ``lang``: as ``to_markdown``."""
    if fit is None:
        fit = pdf.available()
        if not fit:
            log.warning("HTML page not fitted to one page: WeasyPrint is not installed (%s)", pdf.INSTALL_HINT)
            return page_html(dedupe(brief), page=page, lang=lang).replace(
                "<head>", "<head>\n<!-- not fitted to one page: WeasyPrint is not installed -->", 1)
    if not fit:
        return page_html(dedupe(brief), page=page, lang=lang)
    fitted = fit_page(brief, page, lang)
    return page_html(fitted.brief, fitted.show, page, lang)


def to_pdf(brief: Brief, page: str = "a4", lang: str | None = None) -> bytes:
    """One page of PDF, fitted (needs WeasyPrint); ``lang``: as ``to_markdown``."""
    return pdf.write_pdf(fit_page(brief, page, lang).document)
