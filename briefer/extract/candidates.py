"""What the model will label: sentences, names (people, organisations, places, groups), dates, and the
sentences that mention the focus country or carry uncertainty cues. All found by rule, all verbatim:
``Sentence.text == article.text[start:end]``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from briefer.extract import wordlists as gz
from briefer.extract.dates import Anchor, DateMention, explicit_years, find_dates
from briefer.extract.names import collect, is_headline, kind_hint
from briefer.read.sources import Article
from briefer.text import LazyPattern, Sentence, fold, holds_any


@dataclass
class Name:
    name: str  # canonical (longest) form: "Mark Carney"
    aliases: list[str]  # other forms seen: "Carney", "Prime Minister Mark Carney"
    count: int  # mentions, headline lines included
    first: int  # offset of the first mention
    sentence: int  # index of the sentence of the first mention
    role_hint: str = ""  # verbatim: "Prime Minister", "the deputy ambassador at the Canadian Embassy"
    kind_hint: str = ""  # person | organisation | place | group | ""


@dataclass
class Candidates:
    sentences: list[Sentence]
    names: list[Name]
    dates: list[DateMention]
    focus_sentences: list[Sentence]
    uncertain_sentences: list[Sentence]
    focus_people: list[Name] = field(default_factory=list)  # who acts for the focus country ("PM Carney")


# --- focus and uncertainty ------------------------------------------------------------------------------

def focus_terms(focus: str) -> list[str]:
    """Words that mark a sentence as about the focus country: name, other names, demonyms, capital, cities."""
    name = gz.country_aliases().get(focus.strip().lower())
    if name is None:
        return [focus.strip()]
    terms = list(gz.countries()[name])
    if focus.strip() not in terms:
        terms.insert(0, focus.strip())
    return terms


@functools.lru_cache(maxsize=16)
def focus_pattern(focus: str) -> re.Pattern[str]:
    """A regex matching any of the focus country's terms."""
    return term_pattern(focus_terms(focus))


def term_pattern(terms: list[str]) -> re.Pattern[str]:
    """A regex matching any of ``terms`` as whole words, longest first."""
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alts})(?!\w)")


_UNCERTAIN = LazyPattern(r"\b(?:uncertain(?:ty)?|unclear|unknown|whether|could|might|may|perhaps|possibl[ey]"
                        r"|remains? to be seen|not yet (?:known|clear|decided)|if)\b", re.IGNORECASE)


# Every match of _UNCERTAIN holds one of these (see text.fold): without them, no need to look.
_UNCERTAIN_WORDS = ("uncertain", "unclear", "unknown", "whether", "could", "might", "may", "perhaps", "possibl",
                    "remain", "not yet", "if")


def _uncertain(sentence: Sentence) -> bool:
    folded = fold(sentence.text)
    if not holds_any(folded, _UNCERTAIN_WORDS):
        return False
    return any(m.group() != "May" or m.start() == 0 for m in _UNCERTAIN.finditer(sentence.text))


# Offices whose holder speaks and acts for a country: their deeds are the country's role.
_OFFICE = LazyPattern(r"\b(?:Prime Minister|PM|President|Premier|Chancellor|Minister|Secretary|Ambassador"
                      r"|ambassador|envoy|Envoy|Foreign Minister|minister|president|prime minister)\b")


def focus_people(names: list[Name], sentences: list[Sentence], text: str, terms: re.Pattern[str],
                 others: re.Pattern[str]) -> list[Name]:
    """People who hold an office of the focus country: titled ("Prime Minister Mark Carney"), not introduced
    as another country's ("French President"), and either introduced as the focus country's ("Canadian
    ambassador") or named together with it in at least two sentences (headline lines count)."""
    out = []
    named: list[Sentence] | None = None  # the sentences that name the focus country, found once
    for name in names:
        if name.kind_hint not in ("person", "") or not _OFFICE.search(name.role_hint):
            continue
        titled = text.find(f"{name.role_hint} ")
        word = re.search(r"([\w’'-]+)\W*$", text[max(0, titled - 30):titled]) if titled > 0 else None
        before = f"{word[1] if word else ''} {name.role_hint}"  # "French President", "Canadian ambassador"
        if others.search(before) and not terms.search(before):
            continue
        forms = term_pattern([name.name, *name.aliases])
        if named is None:
            named = [s for s in sentences if terms.search(s.text)]
        together = sum(1 for s in named if forms.search(s.text))
        if terms.search(before) or together >= 2:
            out.append(name)
    return out


@functools.lru_cache(maxsize=8)
def _others_re(focus: str) -> re.Pattern[str]:
    """Every country's terms except the focus country's."""
    own = set(focus_terms(focus))
    return term_pattern([t for terms in gz.countries().values() for t in terms if t not in own])


def find_names(text: str, sentences: list[Sentence], *, dateline_place: str | None = None,
               max_names: int = 14) -> list[Name]:
    """Names of one article's text, most important first: mentions, plus weight for the title and lead."""
    heads = [s for s in sentences if is_headline(s, text)]
    head_ids = {s.index for s in heads}
    body = [s for s in sentences if s.index not in head_ids]
    lower_words = set(re.findall(r"\b[a-z][a-z]+\b", text))
    lead = {s.index for s in body[:3]}
    head_text = "\n".join(s.text for s in heads)
    ranked: list[tuple[float, Name]] = []
    for g in collect(text, body, lower_words, dateline_place, sentences):
        forms = sorted({*g.surfaces, *(m.full for m in g.mentions)}, key=len, reverse=True)
        hits: list[tuple[int, int]] = []  # (sentence, offset) of mentions in headline lines
        if any(f in head_text for f in forms):
            alt = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
            hits = [(s.index, m.start()) for s in heads for m in alt.finditer(text, s.start, s.end)]
        mentions = sorted(g.mentions, key=lambda m: m.start)
        sentence, first = min([(mentions[0].sentence, mentions[0].start), *hits], key=lambda x: x[1])
        role = next((m.role for m in mentions if m.role), "")
        count = len(mentions) + len(hits)
        in_title = sum(1 for s, _ in hits if s == 0)
        score = count + 2 * in_title + 3 * (mentions[0].sentence in lead) + bool(role)
        aliases = sorted({f for f in forms if f != g.canonical}, key=lambda f: (-len(f), f))
        ranked.append((score, Name(g.canonical, aliases, count, first, sentence, role,
                                   kind_hint(g, text, lower_words))))
    ranked.sort(key=lambda x: (-x[0], x[1].first))
    return [n for _, n in ranked[:max_names]]


def find_candidates(article: Article, focus: str = "Canada", *, max_names: int = 14,
                    anchor: Anchor | None = None) -> Candidates:
    """Everything the model may label in one article."""
    text = article.text
    sentences = article.sentences  # split once, by the read stage
    if anchor is None:
        anchor = Anchor(published=article.published, dateline=article.dateline_date,
                        years=explicit_years(text))
    names = find_names(text, sentences, dateline_place=article.dateline_place, max_names=max_names)
    terms = focus_pattern(focus)
    people = focus_people(names, sentences, text, terms, _others_re(focus))
    about = term_pattern([*focus_terms(focus), *(f for p in people for f in (p.name, *p.aliases))])
    return Candidates(
        sentences=sentences,
        names=names,
        dates=find_dates(text, anchor),
        focus_sentences=[s for s in sentences if about.search(s.text) and not is_headline(s, text)],
        uncertain_sentences=[s for s in sentences if _uncertain(s)],
        focus_people=people,
    )
