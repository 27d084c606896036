"""The text that is judged, never the text that is kept: what a sentence reads as once its disguises are gone.

``Article.text`` keeps the article's own characters (quotes are verified against it). Every check of what a
sentence *does* runs on its skeleton instead: Unicode NFKC (full-width and mathematical letters become plain
ones), invisible and tag characters removed, letters of other scripts that look like Latin letters folded to
them (Unicode TR39 confusables, from the ``confusable-homoglyphs`` package: a Greek capital iota reads as
"I", a Cyrillic "а" as "a"), and accents stripped, so that French and Spanish words meet their word lists
written without accents. Words joined by invisible characters are judged both joined and apart
(``variants``).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources

from briefer.text import LazyPattern

# Invisible characters: zero-width, bidi controls, soft hyphen, fillers, variation selectors, and the
# Unicode "tag" characters that can spell out hidden text (U+E0000 block). ``clean`` removes the same ones.
INVISIBLE = ("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
             "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff]")
_INVISIBLE = LazyPattern(INVISIBLE)
# A word broken by invisible characters: "Ig<ZWSP>nore", "Ignore<ZWSP>previous".
JOINED = LazyPattern(rf"[\w'’\"«»“”]+(?:{INVISIBLE}+[\w'’\"«»“”]+)+")


@functools.cache
def _fold_table() -> dict[int, str]:
    """Each non-ASCII character whose TR39 prototype is ASCII -> the ASCII character of the same kind and
    case with that prototype (the prototype of "I" is "l": a capital look-alike of "I" becomes "I")."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text(encoding="utf-8")
    data: dict[str, list[dict[str, str]]] = json.loads(raw)
    proto: dict[str, str] = {}  # one character -> its prototype (the data lists a source's prototype alone)
    for char, entries in data.items():
        if len(char) == 1 and len(entries) == 1:
            proto[char] = entries[0]["c"]
    ascii_of: dict[str, list[str]] = {}  # prototype -> the ASCII letters and digits that have it
    for code in range(0x21, 0x7F):
        char = chr(code)
        if char.isalnum():
            ascii_of.setdefault(proto.get(char, char), []).append(char)
    table: dict[int, str] = {}
    for char, p in proto.items():
        if char.isascii() or not p.isascii() or not char.isalnum():
            continue
        same = [a for a in ascii_of.get(p, []) if a.isdigit() == char.isdigit()]
        cased = [a for a in same if a.isupper() == char.isupper()] if char.isalpha() and char.isupper() != \
            char.islower() else []
        pick = (cased or same or [p])[0]
        if pick.isalnum():
            table[ord(char)] = pick
    return table


def skeleton(text: str) -> str:
    """``text`` as it reads: NFKC, no invisible characters, look-alike letters folded to Latin, no accents."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    text = _INVISIBLE.sub("", text)
    text = text.translate(_fold_table())
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def variants(text: str, joins: dict[str, str] | None = None) -> list[str]:
    """The skeletons a sentence is judged by: as written, and with the words that invisible characters
    joined set apart again (``joins``: joined word -> its parts, from ``clean``)."""
    first = skeleton(text)
    if not joins:
        return [first]
    apart = text
    for joined, parts in joins.items():
        if joined in apart:
            apart = apart.replace(joined, parts)
    return [first] if apart == text else [first, skeleton(apart)]
