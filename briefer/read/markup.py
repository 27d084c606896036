"""Markup to prose: Markdown and HTML pages become the plain text an article is read as.

What a reader never sees is no part of the article: Markdown comments and image alt text, and in HTML the
elements a reader does not see (``hidden.drop_hidden_html``), scripts, styles and comments. Markdown is parsed
by markdown-it-py; HTML text, title and publish date come from trafilatura (imported on first use), the
date through htmldate where the page's own meta tags have none.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import re
from html.parser import HTMLParser
from typing import Any

from briefer.errors import InputError
from briefer.read.hidden import Visible, drop_hidden_html
from briefer.text import LazyPattern

# --- markdown --------------------------------------------------------------------------------------------

_HTML_COMMENT = LazyPattern(r"<!--.*?(?:-->|$)", re.S)
_HTML_INVISIBLE = LazyPattern(r"<(script|style|template|textarea)\b.*?(?:</\1\s*>|$)", re.S | re.I)
_HTML_TAG = LazyPattern(r"<[/!]?[A-Za-z][^>]*>")
_CELL_GLUE = "; "  # a table row reads as one line of its cells
# Image and link syntax whose reference is never defined stays literal text in CommonMark: still no alt
# text (it was written to be hidden), and a link's words without its brackets.
_DANGLING = [(LazyPattern(r"!\[[^\]]*\](?:\[[^\]]*\]|\([^)]*\))?"), ""),
             (LazyPattern(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1")]


@functools.cache
def _markdown() -> Any:
    """CommonMark with tables and strikethrough, raw HTML recognised (so that it can be left out)."""
    from markdown_it import MarkdownIt  # ~0.07 s: only a Markdown article pays for it

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _inline_text(token: Any) -> str:
    """The text a reader sees of one inline token: no link targets or titles, no images (alt text is not
    prose), no HTML tags or comments; a soft line break is a space, a hard one a line break."""
    out: list[str] = []
    for child in token.children or []:  # an image is one child: its alt text is its own, not a sibling
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    text = "".join(out)
    if "[" in text:
        for pattern, repl in _DANGLING:
            text = pattern.sub(repl, text)
    return text.strip()


def _html_block_text(html: str) -> str:
    """The text a browser shows of a raw HTML block: no comments, scripts, styles or hidden elements."""
    html = _HTML_INVISIBLE.sub("", _HTML_COMMENT.sub("", drop_hidden_html(html, marks=False).html))
    lines = (" ".join(_HTML_TAG.sub(" ", line).split()) for line in html.splitlines())
    return "\n".join(line for line in lines if line)


def strip_markdown(text: str) -> str:
    """Markdown to prose, as markdown-it-py parses it (CommonMark and tables): headings, paragraphs and
    quotes become paragraphs; list items and table rows become lines of one paragraph (a row's cells joined
    by "; "); emphasis, link targets, images, code blocks, rules, HTML comments and tags are left out."""
    blocks: list[str] = []
    lines: list[str] | None = None  # the lines of the list or table being read
    row: list[str] | None = None
    nested = 0
    for token in _markdown().parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "table_open"):
            nested += 1
            if lines is None:
                lines = []
        elif kind in ("bullet_list_close", "ordered_list_close", "table_close"):
            nested -= 1
            if nested == 0 and lines is not None:
                blocks.append("\n".join(x for x in lines if x))
                lines = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None and lines is not None:
            lines.append(_CELL_GLUE.join(c for c in row if c))
            row = None
        elif kind == "inline":
            line = _inline_text(token)
            if row is not None:
                row.append(" ".join(line.split()))
            elif lines is not None:
                lines.append(line)
            else:
                blocks.append(line)
        elif kind == "html_block":
            shown = _html_block_text(token.content)
            if lines is not None:
                lines.append(shown)
            else:
                blocks.append(shown)
        # fences and indented code, rules, link reference definitions: nothing a reader reads as the story
    return "\n\n".join(b for b in blocks if b)


# --- html ------------------------------------------------------------------------------------------------

_META_DATE_NAMES = {"article:published_time", "og:published_time", "date", "pubdate", "publishdate",
                    "publish-date", "dc.date", "dc.date.issued", "datepublished", "sailthru.date"}


def _html_meta(html: str) -> tuple[str, datetime.date | None]:
    """(<title> text, first publish date found in <meta> tags), with the standard-library parser."""
    class _Meta(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.title = ""
            self.in_title = False
            self.dates: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k.lower(): (v or "") for k, v in attrs}
            if tag == "title":
                self.in_title = True
            elif tag == "meta":
                key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
                if key in _META_DATE_NAMES and a.get("content"):
                    self.dates.append(a["content"])

        def handle_endtag(self, tag: str) -> None:
            if tag == "title":
                self.in_title = False

        def handle_data(self, data: str) -> None:
            if self.in_title:
                self.title += data

    parser = _Meta()
    with contextlib.suppress(Exception):  # malformed markup: use what was parsed
        parser.feed(html)
    published = next((d for d in map(parse_iso_date, parser.dates) if d), None)
    return " ".join(parser.title.split()), published


def parse_iso_date(value: str) -> datetime.date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def extract_html(html: str, label: str) -> tuple[str, str, datetime.date | None, Visible]:
    """(text, title, published, what was hidden) of an HTML page; InputError when it holds no article text."""
    import trafilatura  # ~0.1 s with its parsers: only an HTML article pays for it

    try:
        visible = drop_hidden_html(html)  # text a reader does not see is no part of the article
        body = trafilatura.extract(visible.html, include_comments=False, favor_precision=True)
        # htmldate without its extensive search: a date the page's markup states (JSON-LD datePublished,
        # <time>, meta tags, the URL), never one guessed from the article's text.
        meta = trafilatura.extract_metadata(visible.html, extensive=False)
    except Exception as exc:  # trafilatura/lxml failing on broken markup
        raise InputError(f"{label}: could not parse the HTML ({type(exc).__name__}); save the article as "
                         "plain text and try again", hint="briefer reads .txt, .md and .html files") from exc
    page_title, published = _html_meta(html)
    if published is None and meta is not None and meta.date:
        published = parse_iso_date(str(meta.date))
    title = (meta.title if meta is not None and meta.title else "") or page_title
    title = re.split(r"\s+[|–—]\s+", title)[0].strip() if title else ""
    if not body or not body.strip():
        raise InputError(f"{label}: no article text found in the HTML; save the article text as .txt and "
                         "try again", hint="pages that load their text with JavaScript cannot be read")
    return body.replace("\n", "\n\n"), title, published, visible
