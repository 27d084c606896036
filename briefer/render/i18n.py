"""The words of the brief's page in each language briefer writes it in, English and French, kept here and
nowhere else: headings, labels, the four statuses, the notes of what was cut to fit one page, dates written
out ("Tue 6 Jan 2026", "mardi 6 janvier 2026") and the marks around a quote (“ ” in English; « » in French,
with the narrow no-break spaces French typography puts inside them and before ; ! ? %, and a no-break
space before a colon). Quotes themselves stay in the language of their source.

``words(lang)`` is what the page templates read as ``L``: the same keys in every language (a test checks).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # briefer.schema is imported by the renderer already; only its types are needed here
    from briefer.schema import Lang

NBSP = "\u00a0"  # before a colon
NNBSP = "\u202f"  # narrow: inside « », before ; ! ? %

_EN: dict[str, str] = {
    "html_lang": "en",
    "source": "source", "sources": "sources",
    "focus": "focus", "mast_focus": "Focus", "mast_title": "Brief", "colon": ":", "semicolon": "; ",
    "grounding": "grounding", "facts_verified": "facts verified", "unsupported_dropped": "unsupported dropped",
    "unsupported_dropped_one": "unsupported dropped", "model": "model",
    "summary_unsupported_md": "[unsupported: no source sentence matches this summary]",
    "summary_unsupported_html": "[no source sentence supports this summary]",
    "verified_word_for_word": "facts verified word for word against their sources",
    "who": "Who", "where": "Where", "when": "When", "mentioned": "(mentioned)", "also_mentioned": "Also mentioned",
    "who_none_md": "None identified.", "where_none_md": "None identified.", "who_none": "No one identified.",
    "where_none": "No place identified.", "when_none": "No dates stated.", "date_unresolved": "date unresolved",
    "not_resolved": "as written; not resolved to a day",
    "role_heading_md": "{focus}'s role", "role_heading": "{focus}’s role",
    "role_none": "The sources say nothing about {focus}’s role.",
    "role_none_md": "The sources say nothing about {focus}'s role.",
    "key_points": "Key points", "open_questions": "Open questions",
    "discrepancies_md": "Discrepancies between sources", "discrepancies": "Where the sources disagree",
    "vs": "vs", "published": "published", "note": "note:", "only": " only",
    "quote_verified": "quote verified", "quotes_verified": "quotes verified",
    "to_fit": "To fit one page:",
    "fine_print": "Every item is a sentence of its source or cites one; [n] is the source. The full brief, with every "
                  "quote, is the JSON output.",
    "q_open": "“", "q_close": "”", "q_open_css": "“", "q_close_css": "”",
    "status_done": "DONE", "status_planned": "PLANNED", "status_expected": "EXPECTED",
    "status_speculative": "SPECULATIVE",
    "md_year_from_dateline": "year from the dateline", "md_year_from_published": "year from the published",
    "md_year_from_weekday": "year from the weekday",
    "year_from_dateline": "year inferred from the dateline", "year_from_published": "year inferred from the published",
    "year_from_weekday": "year inferred from the weekday",
    "md_year_from_today": "no publish date: year of the most recent such day",
    "year_from_today": "no publish date: year of the most recent such day",
    "lang_en": "in English", "lang_fr": "in French",
}

_FR: dict[str, str] = {
    "html_lang": "fr",
    "source": "source", "sources": "sources",
    "focus": "pays suivi", "mast_focus": "Pays suivi", "mast_title": "Synthèse", "colon": f"{NBSP}:",
    "semicolon": f"{NNBSP}; ",
    "grounding": "vérification", "facts_verified": "faits vérifiés", "unsupported_dropped": "non étayés retirés",
    "unsupported_dropped_one": "non étayé retiré", "model": "modèle",
    "summary_unsupported_md": f"[non étayé{NBSP}: aucune phrase des sources ne correspond à ce résumé]",
    "summary_unsupported_html": "[aucune phrase des sources n’étaye ce résumé]",
    "verified_word_for_word": "faits vérifiés mot pour mot dans leurs sources",
    "who": "Qui", "where": "Où", "when": "Quand", "mentioned": "(simple mention)",
    "also_mentioned": "Également cités",
    "who_none_md": "Personne n’est nommé.", "where_none_md": "Aucun lieu relevé.", "who_none": "Personne n’est nommé.",
    "where_none": "Aucun lieu relevé.", "when_none": "Aucune date indiquée.", "date_unresolved": "date non résolue",
    "not_resolved": f"tel qu’écrit{NNBSP}; jour non résolu",
    "role_heading_md": f"{{focus}}{NBSP}: son rôle", "role_heading": f"{{focus}}{NBSP}: son rôle",
    "role_none": "Les sources ne disent rien de ce rôle.", "role_none_md": "Les sources ne disent rien de ce rôle.",
    "key_points": "Points clés", "open_questions": "Questions ouvertes",
    "discrepancies_md": "Divergences entre les sources", "discrepancies": "Là où les sources divergent",
    "vs": "c.", "published": "publié le", "note": f"remarque{NBSP}:", "only": " seulement",
    "quote_verified": "citation vérifiée", "quotes_verified": "citations vérifiées",
    "to_fit": f"Pour tenir sur une page{NBSP}:",
    "fine_print": f"Chaque élément est une phrase de sa source ou en cite une{NNBSP}; [n] renvoie à la source. La "
                  "synthèse complète, avec toutes les citations, est la sortie JSON.",
    "q_open": f"«{NNBSP}", "q_close": f"{NNBSP}»", "q_open_css": "«\\00202F", "q_close_css": "\\00202F»",
    "status_done": "FAIT", "status_planned": "PRÉVU", "status_expected": "ATTENDU",
    "status_speculative": "HYPOTHÉTIQUE",
    "md_year_from_dateline": "année déduite de la date en tête", "md_year_from_published":
        "année déduite de la date de publication", "md_year_from_weekday": "année déduite du jour de la semaine",
    "year_from_dateline": "année déduite de la date en tête", "year_from_published":
        "année déduite de la date de publication", "year_from_weekday": "année déduite du jour de la semaine",
    "md_year_from_today": f"sans date de publication{NBSP}: année du jour de ce nom le plus récent",
    "year_from_today": f"sans date de publication{NBSP}: année du jour de ce nom le plus récent",
    "lang_en": "en anglais", "lang_fr": "en français",
}
CATALOGUE: dict[str, dict[str, str]] = {"en": _EN, "fr": _FR}

MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"),
          "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")}
WEEKDAYS = {"en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
            "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")}


def lang_of(lang: str | None) -> Lang:
    """A language briefer writes in: "fr" or "en" (anything else)."""
    return "fr" if lang == "fr" else "en"


def words(lang: str | None) -> Mapping[str, str]:
    """Every word of the page in ``lang``."""
    return CATALOGUE[lang_of(lang)]


def status_labels(lang: str | None) -> dict[str, str]:
    """The badge of each status: done -> DONE / FAIT, ..."""
    w = words(lang)
    return {s: w[f"status_{s}"] for s in ("done", "planned", "expected", "speculative")}


# --- dates ------------------------------------------------------------------------------------------------------

def _day(day: datetime.date, lang: Lang) -> str:
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def day_month_year(day: datetime.date, lang: str | None, *, year: bool = True) -> str:
    """``6 Jan 2026`` in English (as the page always wrote it); ``6 janvier 2026`` in French, written out."""
    lang = lang_of(lang)
    if lang == "en":
        return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"
    text = f"{_day(day, lang)} {MONTHS['fr'][day.month - 1]}"
    return f"{text} {day.year}" if year else text


def month_year(day: datetime.date, lang: str | None) -> str:
    """``Jan 2026`` / ``janvier 2026``."""
    return f"{day:%b %Y}" if lang_of(lang) == "en" else f"{MONTHS['fr'][day.month - 1]} {day.year}"


def weekday_name(day: datetime.date, lang: str | None) -> str:
    return WEEKDAYS[lang_of(lang)][day.weekday()]


def written_out(day: datetime.date, lang: str | None) -> str:
    """The whole date in words: ``Tuesday 6 January 2026`` / ``mardi 6 janvier 2026``."""
    lang = lang_of(lang)
    return f"{weekday_name(day, lang)} {_day(day, lang)} {MONTHS[lang][day.month - 1]} {day.year}"


def span(first: datetime.date, last: datetime.date, lang: str | None) -> str:
    """The days from ``first`` to ``last``: ``5–6 Jan 2026``, ``30 Dec 2025 – 2 Jan 2026`` / ``5–6 janvier 2026``."""
    if first == last:
        return day_month_year(first, lang)
    if (first.year, first.month) == (last.year, last.month):
        return f"{_day(first, lang_of(lang))}–{day_month_year(last, lang)}"
    if first.year == last.year:
        return f"{day_month_year(first, lang, year=False)} – {day_month_year(last, lang)}"
    return f"{day_month_year(first, lang)} – {day_month_year(last, lang)}"


# --- numbers and quotes --------------------------------------------------------------------------------------------

def percent(rate: float, lang: str | None) -> str:
    """``83%`` / ``83 %`` (a narrow no-break space before the sign in French)."""
    text = f"{rate:.0%}"
    return text.replace("%", f"{NNBSP}%") if lang_of(lang) == "fr" else text


def quoted(text: str, lang: str | None) -> str:
    """``text`` between the page's quotation marks; the words inside stay as written."""
    w = words(lang)
    return f"{w['q_open']}{text}{w['q_close']}"


# --- the notes of what was cut to fit one page (written in English by render.fit and compose.pipeline) -------------

# English noun (singular) -> French singular, plural, and whether it is feminine (for the participle).
_NOUNS_FR = {"open question": ("question ouverte", "questions ouvertes", True), "place": ("lieu", "lieux", False),
             "name": ("nom", "noms", False), "date": ("date", "dates", True),
             "key point": ("point clé", "points clés", False), "discrepancy": ("divergence", "divergences", True),
             "role claim": ("élément du rôle", "éléments du rôle", False), "source": ("source", "sources", True)}
_ONE = {"open questions": "open question", "places": "place", "names": "name", "dates": "date",
        "key points": "key point", "discrepancies": "discrepancy", "role claims": "role claim", "sources": "source"}
_FIELDS = {"who": "name", "where": "place", "when": "date", "focus role": "role claim", "key points": "key point",
           "open questions": "open question", "discrepancies": "discrepancy"}


def _more_omitted(count: str, noun: str) -> str:
    """``3 more key points omitted`` -> ``3 points clés de plus omis`` (the participle agrees)."""
    singular, plural, feminine = _NOUNS_FR[_ONE.get(noun, noun)]
    many = count != "1"
    ending = ("e" if feminine else "") + ("s" if many and feminine else "")
    return f"{count} {plural if many else singular} de plus omis{ending}"


_NOTES_FR: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"(\d+) more (role claims?) about .+'s role omitted"),
     lambda m: _more_omitted(m[1], m[2])),
    (re.compile(r"(\d+) more (open questions?|places?|names?|dates?|key points?|discrepancy|discrepancies) omitted"),
     lambda m: _more_omitted(m[1], m[2])),
    (re.compile(r"(\d+) more (who|where|when|focus role|key points|open questions|discrepancies) item\(s\) omitted"),
     lambda m: _more_omitted(m[1], _FIELDS[m[2]])),
    (re.compile(r"supporting quotes beyond the first of each item omitted"),
     lambda m: "citations à l’appui au-delà de la première de chaque élément omises"),
    (re.compile(r"supporting quotes of names omitted"), lambda m: "citations à l’appui des noms omises"),
    (re.compile(r"the sentences of the timeline omitted"), lambda m: "phrases de la chronologie omises"),
    (re.compile(r"(\d+) long points? shortened to the first sentence"),
     lambda m: f"{m[1]} point long réduit à sa première phrase" if m[1] == "1"
     else f"{m[1]} points longs réduits à leur première phrase"),
    (re.compile(r"(\d+) more sources not listed"), lambda m: f"{m[1]} autres sources non listées"),
    (re.compile(r"(\d+) sentence\(s\) addressed to an AI model left out \(possible prompt injection\)"),
     lambda m: f"{m[1]} phrase(s) adressée(s) à un modèle d’IA écartée(s) (injection d’instructions possible)"),
    (re.compile(r"(\d+) sentence\(s\) the model marked as not news left out"),
     lambda m: f"{m[1]} phrase(s) que le modèle a jugée(s) hors actualité écartée(s)"),
    (re.compile(r"invalid UTF-8: decoded with replacement characters"),
     lambda m: f"UTF-8 invalide{NBSP}: décodé avec des caractères de remplacement"),
)


def note(text: str, lang: str | None) -> str:
    """A note of the brief (a cut made to fit one page, a source's warning) in ``lang``; one this module does
    not know stays as written."""
    if lang_of(lang) == "en":
        return text
    for pattern, french in _NOTES_FR:
        m = pattern.fullmatch(text)
        if m:
            return french(m)
    return text
