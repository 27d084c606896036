"""Small text helpers every layer uses: lazily compiled patterns, case folding for word gates, blank lines."""


from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


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


