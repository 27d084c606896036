"""The French forms of an article's publish line and dateline: "Publié le 2026-01-06" and "QUÉBEC, mardi 6
janvier (Agence) –". ``read.sources`` tries them on a French article where the English forms found nothing;
the date stays as written ("mardi 6 janvier") for ``extract.dates`` to resolve."""

from __future__ import annotations

import re

from briefer.text import LazyPattern

# A publish line: "Publié le 2026-01-06", "Publiée le : 2026-01-06", "Date de publication : 2026-01-06".
PUBLISHED_FR = LazyPattern(
    r"^[ \t]*(?:publiée?|mis en ligne|date de publication)(?:[ \t]+le)?[ \t]*:?[ \t]*(\d{4}-\d{2}-\d{2})\b.*$\n?",
    re.IGNORECASE | re.MULTILINE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MONTHS = (r"janvier|janv\.|février|févr\.|fév\.|mars|avril|avr\.|mai|juin|juillet|juil\.|août|septembre|sept\."
           r"|octobre|oct\.|novembre|nov\.|décembre|déc\.")
_DATELINE_FR = LazyPattern(
    rf"(?P<place>[{_UPPER}][{_UPPER}'’.\-]*(?:\s[{_UPPER}][{_UPPER}'’.\-]*){{0,3}})"
    rf"(?:,\s(?P<date>(?:(?:{_WEEKDAYS})\s)?(?:1er|[0-3]?\d)\s(?:{_MONTHS})))?"
    r"(?:\s?\((?P<agency>[^\W\d_][\w .&'’-]{0,30})\))?"
    r"\s?(?:[:—–]|--?)\s")
# Heads of a paragraph that look like a dateline's place but are the page's labels.
_NOT_PLACES = _words("""
DERNIÈRE HEURE MISE À JOUR EXCLUSIF EXCLUSIVITÉ ANALYSE OPINION CHRONIQUE ÉDITORIAL VIDÉO PHOTOS EN DIRECT
CORRECTION LETTRE LETTRES BILLET ENTREVUE ENTRETIEN REPORTAGE ALERTE NOTE AVIS
""")
# Words that stay in lower case inside a place's name ("Saint-Jean-sur-Richelieu", "Val-d'Or").
_PARTICLES = _words("""
sur sous de du des la le les en lès au aux
""")


def _title_case(place: str) -> str:
    def part(p: str, first: bool) -> str:
        low = p.lower()
        if not first and low in _PARTICLES:
            return low
        if low[:2] in ("d'", "d’", "l'", "l’") and len(low) > 2 and not first:
            return low[:2] + low[2:3].upper() + low[3:]
        return low[:1].upper() + low[1:]

    return " ".join("-".join(part(p, i == 0) for i, p in enumerate(w.split("-"))) for w in place.split())


def find_dateline_fr(text: str) -> tuple[str | None, str | None]:
    """(place, date as written) from a French dateline opening one of the first body paragraphs (or the
    first paragraph itself when its dateline has a date or an agency)."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:5]
    for i, para in enumerate(paragraphs):
        m = _DATELINE_FR.match(para)
        if not m or (i == 0 and not (m["date"] or m["agency"])):
            continue
        place = m["place"].strip()
        letters = [c for c in place if c.isalpha()]
        if len(letters) < 3 or place in _NOT_PLACES or any(w in _NOT_PLACES for w in place.split()):
            continue
        date = re.sub(r"\s+", " ", m["date"]) if m["date"] else None
        return _title_case(place), date
    return None, None
