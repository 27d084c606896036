"""French date mentions as written: "le mardi 6 janvier", "6 janv.", "1er mars", "du 3 au 5 mars" (a range: its
first day), "lundi 5 janvier 2026", "mardi dernier", "hier", "aujourd'hui", "le mois dernier", "l'an
prochain", "il y a deux jours", "en mars", times ("à 14 h 30", "vers 6 h"), and the French cues of a
sentence that looks ahead ("va signer", "se réunira", "doit rencontrer").

``briefer.extract.date_mentions`` adds these to its English atoms, so the same grouping and the same
resolution apply (``briefer.extract.dates``): a weekday with a day and month gives the year, a relative day
counts from the anchor day. A relative phrase carries the English name of what it means ("hier" ->
"yesterday", "l'an prochain" -> "next year"), which is what the resolver reads; the text stays as written.

Every pattern needs a French word (a French month or weekday in lower case, or a French preposition before
a time or a year), so that an English text gets none of these atoms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from briefer.text import LazyPattern

A = TypeVar("A")

_MONTHS = {"jan": 1, "fév": 2, "fev": 2, "mar": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7, "aoû": 8, "aou": 8,
           "sep": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12}
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")

MONTH = (r"(?:janvier|janv\.|f[ée]vrier|f[ée]vr\.|f[ée]v\.|mars|avril|avr\.|mai|juin|juillet|juil\.|ao[ûu]t"
         r"|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\.)(?!\w)")
_MONTH_FULL = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)(?!\w)"
_DAY = r"(?<![\w.,:/])(?:1er|[0-3]?\d)(?!\w)"
_YEAR = r"(?:1[89]\d{2}|20\d{2}|21\d{2})(?![\d,]\d|\s?%)"
# "Mardi" opens a sentence; "Mardi Gras" is a feast, not a day.
WEEKDAY = r"(?:[Ll]undi|[Mm]ardi(?!\s+[Gg]ras)|[Mm]ercredi|[Jj]eudi|[Vv]endredi|[Ss]amedi|[Dd]imanche)(?![\w-])"

_DATE = LazyPattern(r"(?P<day>" + _DAY + r")\s(?P<mon>" + MONTH + r")(?:\s(?P<year>" + _YEAR + r"))?")
# A range is its first day: "du 3 au 5 mars", "du 28 février au 2 mars", "les 3 et 4 mars".
_RANGE = LazyPattern(r"(?<!\w)(?:[Dd]u|[Ll]es)\s(?P<day>" + _DAY + r")(?:\s(?P<mon1>" + MONTH + r"))?"
                     r"\s(?:au|et|-|–)\s(?:" + _DAY + r")\s(?P<mon>" + MONTH + r")(?:\s(?P<year>" + _YEAR + r"))?")
_MONTH_YEAR = LazyPattern(r"(?<!\w)(?P<mon>" + MONTH + r")\s(?P<year>" + _YEAR + r")")
# A month alone, kept after the words that place an event in it ("en mars", "d'ici octobre", "mi-mars").
_MONTH_ALONE = LazyPattern(
    r"(?<!\w)(?:[Ee]n|[Dd]epuis|[Dd]ès|[Jj]usqu['’]en|[Dd]['’]ici|[Aa]vant|[Aa]près|[Dd]ébut|[Ff]in|[Cc]ourant"
    r"|(?:au |le )mois d['’]|(?:au |le )mois de|[Mm]i-)\s?(?P<mon>" + _MONTH_FULL + r")(?!\s\d)")
_YEAR_AFTER = LazyPattern(r"(?<!\w)(?:[Ee]n|[Dd]epuis|[Dd]ès|[Dd]['’]ici|[Jj]usqu['’]en|[Aa]vant|[Aa]près"
                          r"|à partir de|[Dd]ébut|[Ff]in)\s(?P<year>" + _YEAR + r")")
_WEEKDAY = LazyPattern(
    r"(?<![\w-])(?:(?P<this>[Cc]e)\s)?(?P<wd>" + WEEKDAY + r")"
    r"(?:\s(?P<part>matin|midi|après-midi|soir|soir-là|(?:en |dans la )?(?:soirée|matinée|journée|nuit)))?"
    r"(?:\s(?P<mod>dernier|passé|précédent|prochain|qui vient))?(?![\w-])")
_WEEKDAY_MOD = {"dernier": "last", "passé": "last", "précédent": "last", "prochain": "next", "qui vient": "coming"}
_REL = LazyPattern(
    r"(?<![\w'’-])(?P<rel>[Pp]lus (?:tôt|tard) aujourd['’]hui|[Aa]ujourd['’]hui|[Hh]ier(?:\s(?:matin|après-midi|soir))?"
    r"|[Dd]emain(?:\s(?:matin|après-midi|soir))?|[Cc]e matin|[Cc]et après-midi|[Cc]e soir|[Cc]ette semaine"
    r"|[Cc]e mois-ci|[Cc]ette année|(?:[Ll]a )?semaine (?:dernière|passée|prochaine)|(?:[Ll]e )?mois (?:dernier|passé"
    r"|prochain)|(?:[Ll]['’]an|[Ll]['’]année) (?:dernier|dernière|passé|passée|prochain|prochaine))(?![\w-])")
_REL_MEANS = {"aujourd'hui": "today", "plus tôt aujourd'hui": "earlier today", "plus tard aujourd'hui": "later today",
              "hier": "yesterday", "hier matin": "yesterday morning", "hier après-midi": "yesterday afternoon",
              "hier soir": "last night", "demain": "tomorrow", "demain matin": "tomorrow morning",
              "demain après-midi": "tomorrow afternoon", "demain soir": "tomorrow evening",
              "ce matin": "this morning", "cet après-midi": "this afternoon", "ce soir": "tonight",
              "cette semaine": "this week", "ce mois-ci": "this month", "cette année": "this year"}
_NUM = r"(?:\d{1,3}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|quelques|plusieurs)"
_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
            "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15}
_UNIT = r"(?P<unit>jours?|semaines?|mois|ans|années?|heures?)"
_UNITS = {"jour": "day", "semaine": "week", "mois": "month", "an": "year", "année": "year", "heure": "hour"}
_AGO = LazyPattern(r"(?<!\w)(?:[Ii]l y a|[Vv]oilà)\s(?P<n>" + _NUM + r")\s" + _UNIT + r"(?!\w)")
_RELDUR = LazyPattern(r"(?<![\w-])(?P<n>" + _NUM + r")\s" + _UNIT + r"\s(?:plus tôt|plus tard|avant|après|auparavant)"
                      r"(?!\w)")
_CLOCK = r"(?:(?:[01]?\d|2[0-3])\s?h(?:\s?[0-5]\d)?(?![\w])|midi|minuit)"
_ZONE = (r"(?:\s(?:\(?heure (?:locale|de l['’](?:Est|Atlantique)|du (?:Pacifique|Centre))\)?|HNE|HAE|HNA|HAA|HNC|HAC"
         r"|HNP|HAP|HNR|HAR|GMT|UTC|HE)(?!\w))?(?:\s(?:du matin|du soir|de l['’]après-midi))?")
# A time needs a French word before it ("à 14 h 30", "vers 6 h", "peu après midi"): an English text has none.
_TIME = LazyPattern(
    r"(?<![\w'’])(?:(?:[Pp]eu|[Jj]uste|[Uu]n peu) (?:avant|après)\s|[Vv]ers\s|[Àà]\s|[Dd]ès\s|[Jj]usqu['’]à\s"
    r"|[Aa]utour de\s|[Aa]ux alentours de\s|[Ee]nviron\s|[Ee]ntre\s|[Dd]epuis\s|[Aa]vant\s|[Aa]près\s)"
    + _CLOCK + _ZONE + r"(?:\s(?:et|ou|à|-|–)\s" + _CLOCK + _ZONE + r")?")

# A sentence that looks ahead, in French: the near future ("va signer", "vont rouvrir"), a duty or a schedule
# ("doit rencontrer", "est prévu"), the conditional of intent ("devrait", "pourrait"), and the simple future
# ("sera", "se réunira", "rencontreront"). Words that end like a future and are not one are left out.
FUTURE_FR_RE = LazyPattern(
    r"(?<![\w-])(?:va|vont|allait|allaient|doit|doivent|devra|devront|devrait|devraient|pourra|pourront|pourrait"
    r"|pourraient|prévoit|prévoient|est prévue?s?|sont prévue?s?|à venir|prochaine?s?|sera|seront|aura|auront"
    r"|fera|feront|ira|iront|saura|sauront"
    r"|(?!(?:opéra|caméra|extra|ultra|mantra|tantra|sierra|toundra|cobra|opera|camera|zebra|algebra)\b)"
    r"[a-zàâçéèêëîïôûùüÿœ]{2,}(?:e|i|d|t|r|v)(?:ra|ront))(?![\w-])")


# Each group of patterns runs only on a text that holds one of its words (in the text lower-cased, with a space
# before it and for each line break; months as written, as the patterns want them): most English texts hold
# none, and a substring test costs a fraction of a pattern's scan.
_MONTH_WORDS = ("janv", "févr", "fevr", "fév.", "fev.", "mars", "avril", "avr.", "mai ", "mai.", "mai,", "juin",
                "juil", "août", "aout", "septembre", "sept.", "octobre", "oct.", "novembre", "nov.", "décembre",
                "decembre", "déc.")
_YEAR_WORDS = (" en 1", " en 2", "depuis ", "dès ", "d'ici ", "d’ici ", "jusqu", "avant ", "après ", "à partir",
               "début ", " fin ")
_REL_WORDS = ("hier", "demain", "aujourd", "ce matin", "cet après", "ce soir", "semaine", "mois", "l'an", "l’an",
              "année")
_UNIT_WORDS = ("il y a", "voilà", "plus tôt", "plus tard", "avant", "après", "auparavant")
_TIME_WORDS = (" vers ", " à ", " dès ", "jusqu", " entre ", " environ ", "alentours", "autour de", " avant ",
               " après ", " depuis ")


# A text of French has accented letters, about one in every 25 letters: a long text with fewer than one in
# every _ACCENT_SPAN characters is not French, and is not searched at all (a short one, a dateline, always is).
_ACCENTS = "éèàçêùâîôû"
_ACCENT_SPAN = 200
_SHORT = 400


def _may_be_french(text: str) -> bool:
    return len(text) < _SHORT or sum(text.count(c) for c in _ACCENTS) * _ACCENT_SPAN >= len(text)


def _holds(low: str, words: tuple[str, ...]) -> bool:
    return any(w in low for w in words)


def _month(word: str) -> int:
    word = word.lower()
    return _MONTHS.get(word[:4]) or _MONTHS[word[:3]]


def _day(text: str) -> int:
    return 1 if text == "1er" else int(text)


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word, 0)  # quelques, plusieurs: vague


def _unit(word: str) -> str:
    return _UNITS.get(word.lower().rstrip("s") if word.lower() != "mois" else "mois", "day")


def french_atoms(text: str, atom: Callable[..., A]) -> list[A]:
    """The French date, weekday, relative-day and time mentions of ``text``, each made with ``atom`` (the
    ``Atom`` of ``briefer.extract.date_mentions``, passed in so that this module need not import the one
    that calls it): ``atom(kind, start, end, year=, month=, day=, weekday=, mod=, ago=)``."""
    found: list[A] = []
    if not _may_be_french(text):
        return found
    low = " " + text.lower().replace("\n", " ")
    if _holds(text + " ", _MONTH_WORDS):
        for rx in (_RANGE, _DATE):
            for m in rx.finditer(text):
                day, month = _day(m["day"]), _month(m["mon"])
                if not 1 <= day <= 31:
                    continue
                year = int(m["year"]) if m["year"] else None
                first = _month(m["mon1"]) if rx is _RANGE and m["mon1"] else month
                if year is not None and first > month:  # "du 28 décembre au 2 janvier 2026": December 2025
                    year -= 1
                found.append(atom("date", m.start(), m.end(), year=year, month=first, day=day))
        for m in _MONTH_YEAR.finditer(text):
            found.append(atom("date", m.start(), m.end(), year=int(m["year"]), month=_month(m["mon"])))
        for m in _MONTH_ALONE.finditer(text):
            found.append(atom("date", m.start(), m.end(), month=_month(m["mon"])))
    if _holds(low, _YEAR_WORDS):
        for m in _YEAR_AFTER.finditer(text):
            found.append(atom("year", m.start("year"), m.end("year"), year=int(m["year"])))
    if _holds(low, WEEKDAYS_FR):
        for m in _WEEKDAY.finditer(text):
            mod = "this" if m["this"] else _WEEKDAY_MOD.get(m["mod"] or "", "")
            found.append(atom("weekday", m.start(), m.end(), weekday=WEEKDAYS_FR.index(m["wd"].lower()), mod=mod))
    if _holds(low, _REL_WORDS):
        for m in _REL.finditer(text):
            found.append(atom("rel", m.start(), m.end(), mod=_rel_meaning(m["rel"])))
    if _holds(low, _UNIT_WORDS):
        for m in _AGO.finditer(text):
            found.append(atom("reldur", m.start(), m.end(), ago=(_count(m["n"]), _unit(m["unit"]))))
        for m in _RELDUR.finditer(text):
            found.append(atom("reldur", m.start(), m.end()))
    if _holds(low, _TIME_WORDS):
        for m in _TIME.finditer(text):
            found.append(atom("time", m.start(), m.end()))
    return found


def _rel_meaning(phrase: str) -> str:
    """The English name of a French relative day ("le mois dernier" -> "last month"): what the resolver reads."""
    words = " ".join(phrase.lower().replace("’", "'").split())
    if words in _REL_MEANS:
        return _REL_MEANS[words]
    step = "last" if any(w in words for w in ("dernier", "dernière", "passé")) else "next"
    unit = "week" if "semaine" in words else "month" if "mois" in words else "year"
    return f"{step} {unit}"
