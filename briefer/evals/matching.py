"""The text rules of scoring: normalising, keywords at word starts, name matching (evals/README.md)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher

FUZZY = 0.85


def norm(text: str) -> str:
    """Case-, diacritics-, punctuation-insensitive: "Prime Minister's Élysée" -> "prime ministers elysee"."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = re.sub(r"[.'’‘`´]", "", t)
    return re.sub(r"[\W_]+", " ", t).strip()


def contains(hay: str, needle: str) -> bool:
    """``needle`` occurs in ``hay`` on word boundaries (both already normalised)."""
    return bool(needle) and f" {needle} " in f" {hay} "


def keyword_in(keyword: str, text: str) -> bool:
    """``keyword`` starts a word of ``text`` (normalised): "arriv" hits "arrives", "cup final" hits."""
    kw = norm(keyword)
    return bool(kw) and f" {kw}" in f" {text}"


def groups_hit(groups: Sequence[Sequence[str]], text: str) -> list[str | None]:
    """For each any-of group, the first keyword found in ``text`` (normalised), or None."""
    return [next((k for k in group if keyword_in(k, text)), None) for group in groups]


def match_name(names: Sequence[str], item_name: str) -> tuple[tuple[int, float], str] | None:
    """Best way any of ``names`` (label name first, then aliases) matches ``item_name``, or None."""
    it = norm(item_name)
    best: tuple[tuple[int, float], str] | None = None
    for i, name in enumerate(names):
        ln, which = norm(name), "name" if i == 0 else "alias"
        if not ln or not it:
            continue
        if ln == it:
            cand = ((3, 1.0), f'{which} "{name}" equals "{item_name}"')
        elif contains(it, ln):
            cand = ((2, 1.0), f'{which} "{name}" is contained in "{item_name}"')
        elif i == 0 and contains(ln, it):  # not inside aliases: "Canada" in "Prime Minister of Canada"
            cand = ((2, 0.9), f'"{item_name}" is contained in {which} "{name}"')
        else:
            r = SequenceMatcher(None, ln, it).ratio()
            if r < FUZZY:
                continue
            cand = ((1, r), f'{which} "{name}" ~ "{item_name}" (fuzzy ratio {r:.2f})')
        if best is None or cand[0] > best[0]:
            best = cand
    return best


def quote_norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", t).strip().casefold()


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})


__all__ = ["FUZZY", "contains", "groups_hit", "keyword_in", "match_name", "norm", "quote_norm"]
