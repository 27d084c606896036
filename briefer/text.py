"""Small text helpers every layer uses: lazily compiled patterns, case folding for word gates, blank lines,
sentences with their offsets, the normal form quotes are compared in, and the day of an ISO date."""

from __future__ import annotations

import datetime
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any


class LazyPattern:
    """A regular expression compiled on first use, with the methods of a compiled ``re.Pattern``. The first
    call puts the compiled pattern's own bound methods on the instance, so that later calls are plain
    lookups, as fast as on the compiled pattern."""

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self.flags)
        for name in self._METHODS:  # instance attributes win over these methods from now on
            setattr(self, name, getattr(compiled, name))
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)


# The characters other than A-Z and a-z that IGNORECASE matches to an ASCII letter: İ ı -> i, ſ -> s, K -> k.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` lowercased, with the four letters that IGNORECASE also matches to ASCII letters made ASCII:
    wherever an IGNORECASE pattern matches a word written in lowercase ASCII, ``fold(text)`` holds that word.
    So a pattern is skipped, without changing any result, on a text that holds none of the words that
    every match of it contains."""
    if not text.isascii() and any(c in text for c in "\u0130\u0131\u017f\u212a"):
        text = text.translate(_FOLD)
    return text.lower()


def holds_any(text: str, words: Iterable[str]) -> bool:
    """``text`` holds one of ``words``: the word gate of a pattern (see ``fold``). A loop, not ``any()`` over a
    generator: gates are asked of every line and sentence."""
    for word in words:  # noqa: SIM110 (any() over a generator is a third slower here)
        if word in text:
            return True
    return False


_BLANK_LINES = LazyPattern(r"\n{3,}")


def one_blank_line(text: str) -> str:
    """``text`` with at most one blank line between paragraphs."""
    return _BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text


# --- sentences -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, verbatim: ``text == whole[start:end]``."""

    index: int
    start: int
    end: int
    text: str


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTH_WORDS = _words("""
January February March April May June July August September October November December Jan Feb Mar
Apr Jun Jul Aug Sep Sept Oct Nov Dec
""")
_ABBREV = _words("""
mr mrs ms dr prof st mt ft gen sen rep gov lt col capt sgt rev jr sr adm cmdr supt insp det no vol
vs v e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec approx est fig ca
""")
_STARTERS = _words("""
The He She It They We I But And In A An This That There His Her Their Its Our On At As After Before
When While However Meanwhile If
""")
_TIME_FOLLOW = _words("""
Monday Tuesday Wednesday Thursday Friday Saturday Sunday GMT BST UTC ET EST EDT PT PST PDT CT CST
CET local on
""")
_BOUNDARY = LazyPattern(r"[.!?…]+[\"”’')\]]*(?=\s)")


def _last_word(line: str, end: int) -> str:
    """The run of non-space characters that ends ``line[:end]``, or "" (what ``(\\S+)$`` finds there)."""
    k = end
    while k and not line[k - 1].isspace():
        k -= 1
    return line[k:end]


def _is_boundary(line: str, m: re.Match[str], after: str) -> bool:
    nxt = after[0]
    if nxt in "\"“‘'([":
        nxt = after[1:2] or "x"
    if not (nxt.isupper() or nxt.isdigit()):
        return False
    if m.group() != ".":
        return True
    word = _last_word(line, m.start()).lstrip("\"“‘'([")
    next_word = re.match(r"[\"“‘'(\[]?([\w]+)", after)
    following = next_word[1] if next_word else ""
    if word.lower() in _ABBREV or re.fullmatch(r"[A-Z]", word):
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # U.S. / a.m.
        if word.lower() in ("a.m", "p.m"):
            return following not in _TIME_FOLLOW and following not in MONTH_WORDS
        return following in _STARTERS
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with exact offsets: every line break ends one (titles, standfirsts, captions), and
    ``.!?`` ends one when an upper-case word follows and the word before is no abbreviation or initial."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        start = base + len(line) - len(line.lstrip())
        for m in _BOUNDARY.finditer(line):
            after = line[m.end():].lstrip()
            if after and _is_boundary(line, m, after):
                spans.append((start, base + m.end()))
                start = base + len(line) - len(after)
        spans.append((start, base + len(line.rstrip())))
    return [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate((s, e) for s, e in spans if e > s)]


# --- the normal form of quotes ---------------------------------------------------------------------------

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2026": "...",
})
_TRANSLATE_ITEMS = tuple((chr(k), v) for k, v in _TRANSLATE.items())
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """``text`` as quotes are compared: NFKC, casefolded, one kind of quote mark and dash, single spaces."""
    if text.isascii():  # the same, faster: NFKC keeps ASCII, "`" is its only character translated
        return " ".join(text.replace("`", "'").lower().split())
    text = unicodedata.normalize("NFKC", text)
    for char, plain in _TRANSLATE_ITEMS:  # as text.translate(_TRANSLATE), faster: no output is translated
        if char in text:
            text = text.replace(char, plain)
    return _SPACE.sub(" ", text.casefold()).strip()


# --- days ------------------------------------------------------------------------------------------------

def iso_day(iso: str) -> datetime.date | None:
    """The date of a full ``YYYY-MM-DD``; None for a month, a year, "" or an impossible day."""
    try:
        return datetime.date.fromisoformat(iso) if len(iso) == 10 else None
    except ValueError:
        return None
