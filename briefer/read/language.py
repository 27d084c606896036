"""The language of an article, told by code: English or French, the two languages briefer reads.

A text is French when it holds more of French's commonest function words ("le", "des", "est", "dans",
"qu'", "l'") than of English's ("the", "of", "and", "was"), and at least a few of them; anything else is
English, the default. Only lower-case words count, so a name ("Le Devoir", "La Presse") or a time zone
("EST") in an English text does not; and the words both languages share ("a", "on", "son", "plus") count
for neither.

Why a rule and not a kept library: of the detectors that install offline with their data, lingua's wheel
is 96 MB, py3langid's import takes 0.56 s (numpy), langdetect's first call 0.19 s (its profiles) and it
guesses at random unless seeded; every brief, a cached one too, reads its articles, and two languages need
only this count, which takes well under a millisecond for a news article.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefer.text import LazyPattern

if TYPE_CHECKING:  # briefer.schema imports pydantic: not needed at run time here
    from briefer.schema import Lang

LANGS: tuple[Lang, ...] = ("en", "fr")
DEFAULT: Lang = "en"
# A text needs this many function words of the winning language before it reads as French.
MIN_WORDS = 3
# Enough of a long text to tell its language; the rest is not read.
SAMPLE = 20_000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FRENCH = _words("""
le la les des du une est et dans pour que qui sur au aux avec pas ne ce cette ces il elle ils elles sont été
par mais ou leur leurs ont selon entre aussi comme lors depuis très sa ses nous vous cet avait était être
fait d' l' qu' n' s' c' j' jusqu' lorsqu' puisqu' où donc ainsi dont
""")
ENGLISH = _words("""
the of and to in is that for with was as by it at from are be this have has which were said an not but his
her they their will would been who its than also had after more about over into when there what
""")
# A word, with the apostrophe of an elision kept on it ("l'", "qu'") when a letter follows.
_WORD = LazyPattern(r"[^\W\d_]+(?:['’](?=[^\W\d_]))?")


def counts(text: str) -> tuple[int, int]:
    """(French function words, English function words) among the lower-case words of ``text``."""
    fr = en = 0
    for word in _WORD.findall(text[:SAMPLE]):
        if not word.islower():
            continue
        word = word.replace("’", "'")
        if word in FRENCH:
            fr += 1
        elif word in ENGLISH:
            en += 1
    return fr, en


def detect(text: str) -> Lang:
    """"fr" for a text that reads as French, else "en"."""
    fr, en = counts(text)
    return "fr" if fr > en and fr >= MIN_WORDS else DEFAULT


@functools.lru_cache(maxsize=8)
def reads_french(text: str) -> bool:
    """``detect(text) == "fr"``, remembered for the few texts a brief reads again and again."""
    return detect(text) == "fr"


def most_common(langs: Iterable[str]) -> Lang:
    """The language of most articles; on a tie, that of the first of those tied; "en" for none."""
    seen = [lang for lang in langs if lang in LANGS]
    if not seen:
        return DEFAULT
    tally = Counter(seen)
    first = next(x for x in seen if tally[x] == max(tally.values()))
    return "fr" if first == "fr" else "en"
