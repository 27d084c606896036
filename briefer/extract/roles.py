"""Titles: the words around a name that say what its bearer is: a title word ("Minister", "Secretary-General"),
a lowercase title right before it ("Kestrel Motors boss"), an appositive after it (", the deputy consul at the
Norvian Embassy,") or before it ("the agency's chief economist, Jane Roe,"). Used by ``names``."""

from __future__ import annotations

from functools import lru_cache

from briefer.extract import wordlists as gz
from briefer.text import LazyPattern

_APPOSITIVE = LazyPattern(r",\s((?:the|a|an|his|her|their|its|[A-Z][\w'’-]*)\s[^,.;:()\"“”]{2,110}?)"
                         r"(?=[,.;:)]|$)")
_CLAUSE_BREAKS = ",;:()\"“”[]—"  # what ends the clause a lowercase title sits in
_LEAD_WORD = LazyPattern(r"[\w'’&.-]+")
_LEAD_CHARS = "_'’&.-"  # what _LEAD_WORD takes besides letters and digits (\w: str.isalnum, and "_")


@lru_cache(maxsize=4096)  # a word's answer, asked for again and again
def is_role(tok: str) -> bool:
    tok = tok.rstrip(".")
    if not tok:
        return False
    return tok in gz.ROLE_WORDS or (tok[0].isupper() and "-" in tok
                                    and any(p in gz.ROLE_WORDS for p in tok.split("-")))


def word_before(text: str, start: int, sent_start: int) -> str:
    """The word (``_LEAD_WORD``) that ends where only space is left before ``start``, or ""."""
    end = start
    while end > sent_start and text[end - 1].isspace():
        end -= 1
    k = end
    while k > sent_start and (text[k - 1].isalnum() or text[k - 1] in _LEAD_CHARS):
        k -= 1
    return text[k:end]


def lead_role(text: str, start: int, sent_start: int) -> str:
    """A lowercase title right before a name: "Kestrel Motors boss", "Lakeside police deputy chief"."""
    if word_before(text, start, sent_start).lower() not in gz.ROLE_NOUNS:  # no title noun right before it
        return ""
    before = text[sent_start:start]
    clause = before[max(map(before.rfind, _CLAUSE_BREAKS)) + 1:]
    base = start - len(clause)
    words = list(_LEAD_WORD.finditer(clause))
    k, lower, caps = len(words) - 1, 0, False
    while k > 0 and len(words) - k < 5:
        w = words[k - 1][0]
        if w[0].isupper() and w not in gz.FUNCTION and not w.endswith(("'", "’")):
            caps = True
        elif (caps or not w.islower() or w in gz.LEAD_STOP or lower == 2
              or w.endswith(("ing", "ed", "s", "ly"))):
            break
        lower += w.islower()
        k -= 1
    return text[base + words[k].start(): base + words[-1].end()]


def appositive(text: str, end: int, sent_end: int) -> str:
    """", the deputy consul at the Norvian Embassy," -> the words between the commas."""
    m = _APPOSITIVE.match(text, end, sent_end)
    if not m:
        return ""
    words = m[1].split()
    first = words[0]
    if first[0].isupper() and not (first.endswith(("'s", "’s", "'", "’")) or is_role(first)):
        return ""
    if len(words) > 14 or set(words) & gz.VERBS:
        return ""
    if any(w.strip("'’").lower() in gz.ROLE_NOUNS or w in gz.ROLE_WORDS for w in words):
        return m[1]
    caps = sum(1 for w in words[1:] if w[0].isupper())
    # "the Lakeside Fire Rescue Department" is more likely the next item of a list than a description
    return m[1] if first == "the" and len(words) <= 8 and caps * 2 < len(words) - 1 else ""


def title_before(text: str, start: int, end: int, sent_start: int) -> str:
    """A title set off before a name by a comma, the name closed by a comma or the sentence's end: "the
    country's trade minister, Jane Roe, said" -> "the country's trade minister"."""
    if text[max(sent_start, start - 2):start] != ", " or (end < len(text) and text[end] not in ",.;"):
        return ""
    before = text[sent_start:start - 2]
    clause = before[max(map(before.rfind, _CLAUSE_BREAKS)) + 1:].strip()
    words = clause.split()
    # the title's noun phrase starts at its last determiner, else at its possessor ("Norvia's trade minister")
    marks = [k for k, w in enumerate(words) if w.lower() in _DETERMINERS] or [
        k for k, w in enumerate(words) if w.endswith(("'s", "’s"))] or [0]
    words = words[marks[-1]:]
    if not words or len(words) > 6 or words[-1].lower() not in gz.ROLE_NOUNS or set(words) & gz.VERBS:
        return ""
    return " ".join(words)


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"})
