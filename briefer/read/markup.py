"""Markup to prose: Markdown and HTML pages become the plain text an article is read as.

What a reader never sees is no part of the article: Markdown comments and image alt text, and in HTML the
elements a reader does not see (``hidden``), scripts, styles and comments. HTML text comes
from trafilatura (imported on first use); the title and publish date from the page's own tags.
"""

from __future__ import annotations

import contextlib
import datetime
import re

from briefer.errors import InputError
from briefer.read.hidden import Visible, drop_hidden_html
from briefer.text import LazyPattern

# --- markdown --------------------------------------------------------------------------------------------

_MD_COMMENT = LazyPattern(r"<!--.*?(?:-->|$)", re.S)
_MD_INLINE = [
    (LazyPattern(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]"), ""),  # images: alt text is not prose
    (LazyPattern(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (LazyPattern(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (LazyPattern(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (LazyPattern(r"<!--.*?-->", re.S), ""),
    (LazyPattern(r"</?[A-Za-z][^>\n]*>"), ""),  # inline HTML tags
    (LazyPattern(r"`([^`]+)`"), r"\1"),
    (LazyPattern(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (LazyPattern(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (LazyPattern(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (LazyPattern(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (LazyPattern(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),
]
# rules, setext underlines, link reference definitions, table separators
_MD_DROP_LINE = LazyPattern(r"\s{0,3}(([-*_])\s*){3,}|\s{0,3}[=-]{2,}|\s*\[[^\]]+\]:\s*\S+.*"
                           r"|\|?[\s:|-]*-{3,}[\s:|-]*")
_MD_BLOCK_START = LazyPattern(r"\s{0,3}(#{1,6}\s|>|[-*+]\s|\d{1,3}[.)]\s)")


def strip_markdown(text: str) -> str:
    """Markdown to prose: no heading/list/quote markers, emphasis, link targets, images, code fences."""
    out: list[str] = []
    in_fence = False
    prev_joinable = False
    text = _MD_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)  # hidden when rendered, even multi-line
    for raw in text.split("\n"):
        if raw.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or _MD_DROP_LINE.fullmatch(raw):
            prev_joinable = False
            if not in_fence:
                out.append("")
            continue
        block = bool(_MD_BLOCK_START.match(raw))
        line = re.sub(r"^\s{0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$", r"\1", raw)
        line = re.sub(r"^\s*(>\s?)+", "", line)
        line = re.sub(r"^\s*[-*+]\s+", "", line)
        for pattern, repl in _MD_INLINE:
            line = pattern.sub(repl, line)
        line = line.strip()
        heading = raw.lstrip().startswith("#")
        if line and prev_joinable and not block and out and out[-1]:
            out[-1] += " " + line  # a soft-wrapped paragraph line
        else:
            out.append(line)
        prev_joinable = bool(line) and not heading
    return "\n".join(out)


# --- html ------------------------------------------------------------------------------------------------

_META_DATE_NAMES = {"article:published_time", "og:published_time", "date", "pubdate", "publishdate",
                    "publish-date", "dc.date", "dc.date.issued", "datepublished", "sailthru.date"}


def _html_meta(html: str) -> tuple[str, datetime.date | None]:
    """(<title> text, first publish date found in <meta> tags), with the standard-library parser."""
    from html.parser import HTMLParser

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
    import trafilatura

    try:
        visible = drop_hidden_html(html)  # text a reader does not see is no part of the article
        body = trafilatura.extract(visible.html, include_comments=False, favor_precision=True)
        meta = trafilatura.extract_metadata(visible.html)
    except Exception as exc:  # trafilatura/lxml failing on broken markup
        raise InputError(f"{label}: could not parse the HTML ({type(exc).__name__}); save the article as "
                         "plain text and try again", hint="briefer reads .txt, .md and .html files") from exc
    page_title, published = _html_meta(html)
    title = (meta.title if meta is not None and meta.title else "") or page_title
    title = re.split(r"\s+[|–—]\s+", title)[0].strip() if title else ""
    if not body or not body.strip():
        raise InputError(f"{label}: no article text found in the HTML; save the article text as .txt and "
                         "try again", hint="pages that load their text with JavaScript cannot be read")
    return body.replace("\n", "\n\n"), title, published, visible
