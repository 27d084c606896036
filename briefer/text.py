"""Small text helpers every layer uses: lazily compiled patterns, case folding for word gates, blank lines,
sentences with their exact offsets."""


from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from briefer.extract.wordlists import MONTH_WORDS


class LazyPattern:
    """A regular expression compiled on first use; it answers what a compiled ``re.Pattern`` answers.
    What it answered is kept on the instance, so that later uses (``search``...) are plain lookups."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like ask for these: not the pattern's
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        value = getattr(self._compiled, name)
        setattr(self, name, value)  # bound methods of a compiled pattern and its fixed attributes
        return value


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


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def _words(text: str) -> set[str]:
    return set(text.split())


# --- sentences -------------------------------------------------------------------------------------------

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
