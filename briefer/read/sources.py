"""Articles in: read files or stdin, extract and clean the text, find the title, publish date and dateline.

``Article.text`` is what every quote is verified against: the title is its first paragraph, paragraphs are
separated by one blank line, and site furniture (share buttons, comment forms, image credits, newsletter
prompts) is removed line by line. Anything unusable raises :class:`~briefer.errors.InputError` with a
one-line message that names the file and the fix.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from briefer.config import MAX_INPUT_BYTES
from briefer.errors import InputError
from briefer.read.boilerplate import remove_boilerplate
from briefer.read.clean import CONTROL, clean, is_blank
from briefer.read.dateline_fr import PUBLISHED_FR, find_dateline_fr
from briefer.read.injections import INJECTION_WARNING, screen
from briefer.read.language import detect
from briefer.read.markup import extract_html, parse_iso_date, strip_markdown
from briefer.text import LazyPattern, Sentence, split_sentences

if TYPE_CHECKING:  # briefer.schema imports pydantic: not needed at run time here
    from briefer.schema import Lang

MAX_BYTES = MAX_INPUT_BYTES
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MD_SUFFIXES = {".md", ".markdown"}
REPLACEMENT_WARNING = "invalid UTF-8: decoded with replacement characters"
_FORMATS = ("txt", "md", "html")


@dataclass
class Article:
    id: str  # file stem, "stdin", or the id given; unique within one load()
    text: str  # cleaned text, the title its first paragraph: quotes are verified against it
    title: str
    path: str | None = None
    published: datetime.date | None = None  # "Published: YYYY-MM-DD" line or HTML meta; never guessed
    dateline_place: str | None = None  # "LISBON, March 13: ..." -> "Lisbon"
    dateline_date: str | None = None  # "March 13", as written (with its weekday when the dateline has one)
    dateline_region: str | None = None  # "HALIFAX, N.S., ..." -> "N.S."
    lang: Lang = "en"  # told by code (read.language), once, in the read pass
    warnings: list[str] = field(default_factory=list)
    _split: tuple[str, list[Sentence]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sentences(self) -> list[Sentence]:
        """The sentences of ``text`` (split once per text)."""
        if self._split is None or self._split[0] is not self.text:
            self._split = (self.text, split_sentences(self.text))
        return self._split[1]


# --- publish date, title, dateline ------------------------------------------------------------------------

_PUBLISHED_RE = LazyPattern(r"^[ \t]*(?:published|date|posted)(?: on)?:[ \t]*(\d{4}-\d{2}-\d{2})\b.*$\n?",
                           re.IGNORECASE | re.MULTILINE)
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
           r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATELINE_RE = LazyPattern(
    r"(?P<place>[A-Z][A-Z'’.\-]*(?:\s[A-Z][A-Z'’.\-]*){0,3})"
    r"(?:,\s(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
    r"(?P<region>[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+\.?)?|(?:[A-Z]\.){1,3}(?:[A-Z][a-z]?\.)?))?"
    r"(?:,?\s(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?)?"
    r"(?:,?\s(?P<date>" + _MONTHS + r"\.?\s\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s" + _MONTHS
    + r"))?"
    r"(?:\s?\((?P<agency>[A-Za-z][\w .&-]{0,40})\))?"
    r"\s?(?:[:—–]|--?)\s"
)
_NOT_PLACES = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "LIVE", "COLUMN", "OPINION", "ANALYSIS",
               "EDITORIAL", "REVIEW", "PHOTOS", "VIDEO", "NEWS", "NOTE", "WARNING", "READ", "LISTEN", "FACT",
               "CHECK", "COMMENT", "LETTERS", "ALERT", "SPOILER", "CORRECTION", "EDITOR'S"}


def _title_case(place: str) -> str:
    def word(w: str) -> str:
        return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))

    return " ".join(word(w) for w in place.split())


def _dateline_match(para: str) -> re.Match[str] | None:
    """The dateline opening ``para`` ("OTTAWA, Sept. 22 - "), or None when its place is a label or too short."""
    m = _DATELINE_RE.match(para)
    if not m:
        return None
    place = m["place"].strip()
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 3 or place.upper() in _NOT_PLACES or any(w in _NOT_PLACES for w in place.split()):
        return None
    return m


def dateline_length(sentence: str) -> int:
    """How many characters of ``sentence`` a dateline takes before the news begins; 0 when it has none. A
    parser reading "OTTAWA, Sept. 22 - The government is ..." hangs the clause on the place name."""
    m = _dateline_match(sentence)
    return m.end() if m and m.end() < len(sentence) else 0


def find_dateline(text: str) -> tuple[str | None, str | None, str | None]:
    """(place, date as written, region) from a dateline opening one of the first body paragraphs (or the
    first paragraph itself when it has no title line and its dateline has a date or an agency)."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:5]
    for i, para in enumerate(paragraphs):
        m = _dateline_match(para)
        if not m or (i == 0 and not (m["date"] or m["agency"])):
            continue
        if m["weekday"] and not m["date"]:
            continue  # "OTTAWA, Monday -": a weekday alone dates nothing here
        place = m["place"].strip()
        date = re.sub(r"\s+", " ", m["date"]) if m["date"] else None
        if date and m["weekday"]:
            date = f"{m['weekday']}, {date}"
        return _title_case(place), date, m["region"]
    return None, None, None


def from_text(text: str, *, id: str = "text", path: str | None = None, fmt: str = "txt") -> Article:
    """An Article from text already decoded; ``fmt`` is txt, md or html. One pass down the stages: markup to
    text, clean, publish line, site furniture, text addressed to the tool, sentences."""
    label = path or id
    if not text.strip():
        raise InputError(f"{label}: empty; give the article text")
    if fmt not in _FORMATS:
        raise InputError(f"{label}: unknown format {fmt!r}; use one of {', '.join(_FORMATS)}")
    if fmt == "txt" and re.match(r"\s*<(!doctype\s+html|html[\s>])", text, re.IGNORECASE):
        fmt = "html"
    title = ""
    published: datetime.date | None = None
    hidden = None
    if fmt == "html":
        text, title, published, hidden = extract_html(text, label)
    elif fmt == "md":
        text = strip_markdown(text.replace("\r\n", "\n").replace("\r", "\n"))
    title = "" if is_blank(title) else " ".join(title.split())
    cleaned = clean(f"{title}\n\n{text}" if title else text)
    text = cleaned.text
    if title:  # the page's own title, cleaned with the text: screened apart, put back only if the text lacks it
        title, _, text = text.partition("\n\n")
    head = "\n".join(text.split("\n")[:12])
    m = _PUBLISHED_RE.search(head) or PUBLISHED_FR.search(head)
    if m:
        published = published or parse_iso_date(m[1])
        text = text[: m.start()] + text[m.end():]
    text = remove_boilerplate(text)
    if not text:
        raise InputError(f"{label}: no article text left after removing site furniture; check that the file "
                         "holds the article itself")
    screened = screen(text, cleaned.joins, title=title or None, hidden=hidden)
    text = screened.text
    if not text:
        raise InputError(f"{label}: every sentence gives orders to an AI model; this is not an article")
    title = screened.title or "" if title else text.split("\n", 1)[0].strip()
    if fmt == "html" and title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    lang = detect(text)
    place, date, region = find_dateline(text)
    if place is None and lang == "fr":
        place, date = find_dateline_fr(text)
    injected = screened.left_out
    article = Article(id=id, text=text, title=title, path=path, published=published, dateline_place=place,
                      dateline_date=date, dateline_region=region, lang=lang,
                      warnings=[INJECTION_WARNING.format(n=injected)] if injected else [])
    article.sentences  # noqa: B018 (the last stage: split once, kept with the article)
    return article


# --- bytes in ------------------------------------------------------------------------------------------

def decode(data: bytes, label: str) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (or UTF-16 with a BOM); invalid UTF-8 is replaced with a warning."""
    if not data.strip():
        raise InputError(f"{label}: the file is empty; give a file that holds the article text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:
            if is_blank(text):  # a byte-order mark and nothing else
                raise InputError(f"{label}: the file holds only whitespace; give a file that holds the article "
                                 "text")
            return text, []
    if b"\x00" in data:
        raise InputError(f"{label}: binary file (NUL bytes), not text; give the article as .txt, .md or "
                         ".html")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        warnings.append(REPLACEMENT_WARNING)
    bad = text.count("\ufffd") + len(CONTROL.findall(text))
    if bad > max(8, 0.1 * len(text)):
        raise InputError(f"{label}: binary or non-UTF-8 file, not text; save the article as UTF-8 text")
    if not text.strip() or is_blank(text):
        raise InputError(f"{label}: the file holds only whitespace; give a file that holds the article text")
    return text, warnings


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return "html" if suffix in HTML_SUFFIXES else "md" if suffix in MD_SUFFIXES else "txt"


def read_path(path: str | Path, *, id: str | None = None) -> Article:
    """One article from a file."""
    p = Path(path)
    label = str(path)
    try:
        if not p.exists():
            if re.match(r"[a-z][a-z0-9+.-]*://", label, re.IGNORECASE):
                raise InputError(f"{label}: briefer reads files, never URLs; save the page and give its path")
            raise InputError(f"{label}: no such file; check the path (use - to read stdin)")
        if p.is_dir():
            raise InputError(f"{label}: is a directory; give the article files inside it, e.g. {label}/*.txt")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{label}: file is {size / 1e6:.1f} MB, over the 10 MB limit; give the article "
                             "text alone")
        data = p.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{label}: permission denied; make the file readable (chmod +r) or copy it") from exc
    except OSError as exc:
        raise InputError(f"{label}: cannot be read ({exc.strerror or exc}); check the path") from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: file is over the 10 MB limit; give the article text alone")
    text, warnings = decode(data, label)
    article = from_text(text, id=id or p.stem or "article", path=label, fmt=_format_of(p))
    article.warnings.extend(warnings)
    return article


def read_stdin(stdin: TextIO | None = None, *, id: str = "stdin") -> Article:
    """One article from standard input (bytes from ``.buffer`` where there is one)."""
    stream = sys.stdin if stdin is None else stdin
    label = "stdin"
    if stream is None or getattr(stream, "closed", False):
        raise InputError("stdin: closed; pipe an article in (briefer brief - < article.txt) or give a file path")
    try:
        if stream.isatty():
            raise InputError("stdin: is a terminal, not an article; pipe one in (briefer brief - < article.txt)")
        buffer = getattr(stream, "buffer", None)
        raw = buffer.read(MAX_BYTES + 1) if buffer is not None else stream.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise InputError("stdin: cannot be read; pipe an article in (briefer brief - < article.txt)") from exc
    data = raw.encode("utf-8", errors="surrogatepass") if isinstance(raw, str) else bytes(raw or b"")
    if len(data) > MAX_BYTES:
        raise InputError("stdin: input is over the 10 MB limit; give the article text alone")
    if not data.strip():
        raise InputError("stdin: empty; pipe an article in (briefer brief - < article.txt) or give a file path")
    text, warnings = decode(data, label)
    article = from_text(text, id=id, path=None)
    article.warnings.extend(warnings)
    return article


def load(inputs: Sequence[str | Path], *, stdin: TextIO | None = None) -> list[Article]:
    """Articles from paths ("-" is stdin), ids made unique with -2, -3 suffixes."""
    if not inputs:
        raise InputError("no input given; name one or more article files, or - to read stdin")
    articles: list[Article] = []
    seen: dict[str, int] = {}
    for item in inputs:
        article = read_stdin(stdin) if str(item) == "-" else read_path(item)
        base = article.id
        n = seen.get(base, 0) + 1
        seen[base] = n
        if n > 1:
            article.id = f"{base}-{n}"
            while article.id in seen:
                n += 1
                article.id = f"{base}-{n}"
            seen[base] = n
            seen[article.id] = 1
        articles.append(article)
    return articles
