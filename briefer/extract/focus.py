"""The focus country of a brief as one value: its terms, the pattern that finds them, the pattern of every
other country, and, once an article's names are known, the people who act for it.

``focus_on(country)`` builds it once (per country and process); a brief passes it down to the candidate
finder, which adds the people it finds (``with_people``), and to the steps that read the country's role.
The country table itself is read in one place, ``_country_table``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from briefer.extract import lang_fr, wordlists
from briefer.extract.names import Name
from briefer.text import LazyPattern, Sentence


def _country_table() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The one door to the country table: lower-cased name or other name -> the country's table name, and
    the table name -> every term that names the country."""
    return wordlists.country_aliases(), wordlists.countries()


def terms_of(country: str) -> list[str]:
    """Words that mark a sentence as about ``country``: its name as given, other names, demonyms, capital,
    cities, and the institutions and forces that act for it without naming it. A country the table does not
    hold: its name alone."""
    aliases, table = _country_table()
    given = country.strip()
    name = aliases.get(given.lower())
    if name is None:
        return [given]
    terms = [*table[name], *wordlists.institutions(name)]
    if given not in terms:
        terms.insert(0, given)
    return terms


def term_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``terms`` as whole words, longest first."""
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alts})(?!\w)")


# Offices whose holder speaks and acts for a country: their deeds are the country's role.
_OFFICE = LazyPattern(r"\b(?:Prime Minister|PM|President|Premier|Chancellor|Minister|Secretary|Ambassador"
                      r"|ambassador|envoy|Envoy|Foreign Minister|minister|president|prime minister)\b")


@dataclass(frozen=True)
class Focus:
    """The country whose role a brief reports, and who acts for it."""

    country: str  # as given: "Canada", "UK"
    terms: tuple[str, ...]  # what names it (``terms_of``)
    pattern: re.Pattern[str]  # any of ``terms``, as a whole word
    others: re.Pattern[str]  # any term of every other country in the table
    acting: re.Pattern[str]  # ``terms`` or the name of one of ``people``: the country, or someone acting for it
    people: tuple[Name, ...] = ()  # who holds one of its offices, once found (``with_people``)
    demonyms: re.Pattern[str] | None = None  # "Canadian", "Canadians": the country only with an agent noun
    cities: tuple[str, ...] = ()  # its cities other than the capital: their own governments, not the country
    regions: frozenset[str] = frozenset()  # provinces, states (and abbreviations) that place a dateline in it
    lang: str = "en"  # the language of the articles it reads

    def with_people(self, people: Sequence[Name]) -> Focus:
        """This focus, with ``people`` acting for it."""
        forms = [form for person in people for form in (person.name, *person.aliases)]
        return replace(self, people=tuple(people), acting=term_pattern([*self.terms, *forms]))

    def find_people(self, names: Sequence[Name], sentences: Sequence[Sentence], text: str,
                    ministers: bool = False) -> list[Name]:
        """Of ``names``, the people who hold an office of the country: titled ("Prime Minister Jane Roe"),
        not introduced as another country's ("French President"), and either introduced as the country's
        ("Canadian ambassador"), named together with it in at least two sentences (headline lines count), or,
        with ``ministers`` (an article about the country), a minister introduced without a country."""
        out = []
        named: list[Sentence] | None = None  # the sentences that name the country, found once
        for name in names:
            if name.kind_hint not in ("person", "") or not _OFFICE.search(name.role_hint):
                continue
            titled = text.find(f"{name.role_hint} ")
            # the word right before the title in its own sentence: "Australia." ending the sentence before is
            # not whose minister this is
            word = re.search(r"([\w’'.-]+)[ \t]*$", text[max(0, titled - 30):titled]) if titled > 0 else None
            before = f"{word[1] if word else ''} {name.role_hint}"  # "French President", "Canadian ambassador"
            if self.others.search(before) and not self.pattern.search(before):
                continue
            forms = term_pattern([name.name, *name.aliases])
            if named is None:
                named = [s for s in sentences if self.pattern.search(s.text)]
            together = sum(1 for s in named if forms.search(s.text))
            if self.pattern.search(before) or together >= 2 or (ministers and "inister" in name.role_hint):
                out.append(name)
        return out


@functools.lru_cache(maxsize=16)
def focus_on(country: str, lang: str = "en") -> Focus:
    """The focus value of ``country`` (no people yet), as articles in ``lang`` (en, fr) name it."""
    if lang == "fr":
        return _focus_fr(country)
    terms = terms_of(country)
    own = set(terms)
    _aliases, table = _country_table()
    pattern = term_pattern(terms)
    others = term_pattern([t for names in table.values() for t in names if t not in own])
    name = _aliases.get(country.strip().lower(), "")
    demonyms = [t for t in table.get(name, ()) if t in wordlists.demonyms()]
    return Focus(country.strip(), tuple(terms), pattern, others, acting=pattern,
                 demonyms=term_pattern(demonyms) if demonyms else None, cities=wordlists.other_cities(name),
                 regions=wordlists.regions(name))


# Canada's provinces and territories in French, and cities of Québec and New Brunswick that French datelines
# name alone: a dateline there is in the country.
_REGIONS_FR = {"CA": frozenset({
    "Québec", "Ontario", "Colombie-Britannique", "Alberta", "Manitoba", "Saskatchewan", "Nouvelle-Écosse",
    "Nouveau-Brunswick", "Île-du-Prince-Édouard", "Terre-Neuve-et-Labrador", "Terre-Neuve", "Yukon", "Nunavut",
    "Territoires du Nord-Ouest", "Gatineau", "Sherbrooke", "Trois-Rivières", "Saguenay", "Rimouski", "Moncton",
    "Québec (Québec)"})}


def _focus_fr(country: str) -> Focus:
    """The focus as French news names it (``lang_fr``): French name, the four forms of its demonym, its
    capital and cities, "le gouvernement du Canada", its institutions."""
    found = lang_fr.country_fr(country)
    terms = lang_fr.terms_fr(country)
    if country.strip() not in terms:
        terms.insert(0, country.strip())
    pattern = term_pattern(terms)
    own = set(terms)
    others = term_pattern([t for c in lang_fr.countries_fr().values() if found is None or c.code != found.code
                           for t in c.terms() if t not in own])
    demonyms = [*found.demonyms, *(d[:1].upper() + d[1:] for d in found.demonyms)] if found else []
    return Focus(country.strip(), tuple(terms), pattern, others, acting=pattern,
                 demonyms=term_pattern(demonyms) if demonyms else None,
                 cities=found.capitals[1:] if found else (),
                 regions=_REGIONS_FR.get(found.code, frozenset()) if found else frozenset(), lang="fr")
