"""French dates as written (briefer.extract.date_mentions_fr), resolved by the same rules as English ones
(briefer.extract.dates). Every sentence is invented for these tests."""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path

import pytest

from briefer.extract.date_mentions import find_atoms
from briefer.extract.date_mentions_fr import FUTURE_FR_RE, MONTHS_FR, WEEKDAYS_FR, french_atoms
from briefer.extract.dates import Anchor, explicit_years, find_dates, resolve
from briefer.read.sources import load

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
PUB = datetime.date(2026, 1, 7)  # a Wednesday
TODAY = datetime.date(2026, 12, 2)
# A French paragraph around the mentions, so that the text reads as French (the future cues need it).
LEAD = "Le gouvernement du Québec et les maires de la région ont fait le point sur la situation dans les villes. "


def mentions(text: str, anchor: Anchor) -> dict[str, tuple[str, str]]:
    found = find_dates(text, anchor)
    for m in found:
        assert text[m.start:m.end] == m.text
    return {m.text: (m.iso, m.basis) for m in found}


# --- day, month, weekday and year as written ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("La ministre a parlé le mardi 6 janvier devant la Chambre.", "2026-01-06"),
    ("Le vote a eu lieu lundi 5 janvier 2026 au parlement.", "2026-01-05"),
    ("Le conseil se réunit le jeudi 1er octobre.", "2026-10-01"),
    ("Les travaux ont commencé le samedi 14 févr. dans le port.", "2026-02-14"),
])
def test_weekday_day_month(text: str, iso: str) -> None:
    found = mentions(text, Anchor(today=TODAY))
    assert [v[0] for v in found.values()] == [iso]
    assert next(iter(found.values()))[1] in ("weekday", "text")


def test_the_weekday_gives_the_year() -> None:
    # 6 January is a Tuesday in 2026, a Monday in 2025 and a Wednesday in 2027: the weekday decides.
    assert resolve("mardi 6 janvier", Anchor(today=TODAY)) == ("2026-01-06", "weekday")
    assert resolve("lundi 6 janvier", Anchor(today=TODAY)) == ("2025-01-06", "weekday")


def test_every_day_of_a_year_with_its_weekday() -> None:
    """Generated: "le <weekday> <day> <month>" for each day of 2026 resolves to that day by its weekday."""
    day = datetime.date(2026, 1, 1)
    end = Anchor(today=datetime.date(2026, 12, 31))  # never after the brief's day: made on the year's last day
    n = 0
    while day.year == 2026:
        written = f"{WEEKDAYS_FR[day.weekday()]} {'1er' if day.day == 1 else day.day} {MONTHS_FR[day.month - 1]}"
        assert resolve(written, end) == (day.isoformat(), "weekday"), written
        day += datetime.timedelta(days=1)
        n += 1
    assert n == 365


@pytest.mark.parametrize(("written", "month"), [("6 janv.", 1), ("6 févr.", 2), ("6 fév.", 2), ("6 avr.", 4),
                                                 ("6 juil.", 7), ("6 sept.", 9), ("6 oct.", 10), ("6 nov.", 11),
                                                 ("6 déc.", 12), ("6 août", 8), ("6 aout", 8), ("6 mai", 5)])
def test_abbreviated_months(written: str, month: int) -> None:
    iso, basis = resolve(written, Anchor(published=PUB))
    # the occurrence nearest the publish date (7 January 2026): July 6 is nearer in 2026, August 6 in 2025
    assert iso == f"{2026 if month <= 7 else 2025}-{month:02d}-06" and basis == "published"


def test_day_month_takes_the_year_of_the_publish_date() -> None:
    text = LEAD + "Le 6 janv., la neige est tombée sur la ville. Le 1er mars, la saison reprendra."
    found = mentions(text, Anchor(published=PUB))
    assert found["6 janv."] == ("2026-01-06", "published")
    assert found["1er mars"] == ("2026-03-01", "published")


@pytest.mark.parametrize(("text", "written", "iso"), [
    ("Le congrès se tiendra du 3 au 5 mars à Lévis.", "du 3 au 5 mars", "2026-03-03"),
    ("Les audiences ont eu lieu les 3 et 4 mars.", "les 3 et 4 mars", "2026-03-03"),
    ("La foire se tient du 28 février au 2 mars.", "du 28 février au 2 mars", "2026-02-28"),
    ("Le festival ira du 28 décembre au 2 janvier 2026.", "du 28 décembre au 2 janvier 2026", "2025-12-28"),
])
def test_a_range_is_its_first_day(text: str, written: str, iso: str) -> None:
    found = mentions(text, Anchor(published=PUB))
    assert found[written][0] == iso


def test_years_and_months() -> None:
    text = LEAD + "Le pont a fermé en 2019 et rouvrira en mars 2027; la mine a fermé depuis 2012 les emplois."
    found = mentions(text, Anchor(published=PUB))
    assert found["2019"] == ("2019", "text")
    assert found["mars 2027"] == ("2027-03", "text")
    assert found["2012"] == ("2012", "text")  # after "depuis", a year even before a plural noun
    assert explicit_years(text) == (2012, 2019, 2027)


# --- relative days, from the anchor day ------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "iso"), [
    ("hier", "2026-01-06"), ("Hier soir", "2026-01-06"), ("hier matin", "2026-01-06"), ("aujourd'hui", "2026-01-07"),
    ("Aujourd’hui", "2026-01-07"), ("ce matin", "2026-01-07"), ("ce soir", "2026-01-07"), ("demain", "2026-01-08"),
    ("demain matin", "2026-01-08"), ("le mois dernier", "2025-12"), ("le mois prochain", "2026-02"),
    ("l'an prochain", "2027"), ("l'année dernière", "2025"), ("l’an passé", "2025"), ("cette année", "2026"),
    ("il y a deux jours", "2026-01-05"), ("il y a trois semaines", "2025-12-17"), ("il y a 2 ans", "2024"),
    ("mardi dernier", "2026-01-06"), ("mardi prochain", "2026-01-13"), ("lundi", "2026-01-05"),
    ("mercredi", "2026-01-07"), ("jeudi passé", "2026-01-01"),
])
def test_relative_days_count_from_the_anchor_day(written: str, iso: str) -> None:
    text = f"{LEAD}Le maire a parlé {written} devant le conseil."
    found = mentions(text, Anchor(published=PUB))
    assert found[written] == (iso, "published")


@pytest.mark.parametrize("written", ["la semaine dernière", "cette semaine", "la semaine prochaine",
                                     "il y a quelques jours"])
def test_a_week_or_a_vague_count_is_no_day(written: str) -> None:
    found = mentions(f"{LEAD}Le maire a parlé {written} au conseil.", Anchor(published=PUB))
    assert found[written] == ("", "partial")


def test_without_an_anchor_a_relative_day_is_partial() -> None:
    found = mentions(LEAD + "Le maire a démissionné hier.", Anchor(today=TODAY))
    assert found["hier"] == ("", "partial")


def test_a_bare_weekday_looks_ahead_after_a_french_future_cue() -> None:
    text = LEAD + "La ministre se rendra vendredi à Paris. La ministre s'est rendue vendredi à Rome."
    found = find_dates(text, Anchor(published=PUB))
    assert [(m.text, m.iso) for m in found] == [("vendredi", "2026-01-09"), ("vendredi", "2026-01-02")]
    for cue in ("va signer l'entente", "doit signer l'entente", "devrait signer l'entente", "signera l'entente",
                "rencontrera les maires", "pourrait annoncer"):
        [m] = find_dates(f"{LEAD}Le ministre {cue} jeudi.", Anchor(published=PUB))
        assert m.iso == "2026-01-08", cue


def test_a_month_alone_after_a_future_cue_is_the_next_such_month() -> None:
    text = LEAD + "Les travaux reprendront en octobre. Les travaux ont repris en octobre."
    found = find_dates(text, Anchor(published=PUB))
    assert [(m.text, m.iso) for m in found] == [("en octobre", "2026-10"), ("en octobre", "")]


def test_future_cues_of_french_and_words_that_only_look_like_them() -> None:
    for cue in ("va", "vont", "doit", "devrait", "pourraient", "se réunira", "rencontreront", "sera", "auront",
                "tiendra", "mettra", "enverra", "prochaine"):
        assert FUTURE_FR_RE.search(f"Le conseil {cue} demain"), cue
    for word in ("caméra", "opéra", "extra", "ultra", "sierra", "toundra", "cobra", "ère", "terre"):
        assert not FUTURE_FR_RE.search(f"Une {word} neuve"), word


# --- times ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["à 14 h 30", "à 14h30", "vers 6 h", "dès 8 h", "peu après 9 h", "à midi",
                                     "vers minuit", "jusqu'à 17 h", "entre 6 h et 8 h", "à 9 h (heure locale)",
                                     "à 10 h HNE", "vers 7 h du matin"])
def test_times(written: str) -> None:
    text = f"{LEAD}Les pompiers sont arrivés {written} sur les lieux."
    found = mentions(text, Anchor(published=PUB))
    assert written in found


def test_a_time_joins_its_day() -> None:
    text = LEAD + "Le vote aura lieu le mardi 6 janvier à 14 h 30 au salon rouge. Hier vers 6 h, la route a fermé."
    found = mentions(text, Anchor(published=PUB))
    assert found["mardi 6 janvier à 14 h 30"] == ("2026-01-06", "weekday")
    assert found["Hier vers 6 h"] == ("2026-01-06", "published")


# --- the dateline ----------------------------------------------------------------------------------------------

def test_a_french_dateline_resolves_by_its_weekday(tmp_path: Path) -> None:
    path = tmp_path / "depeche.txt"
    path.write_text("La Ville adopte son budget\n\nQUÉBEC, mardi 6 janvier – Le conseil municipal a adopté mardi "
                    "son budget, a indiqué la mairesse. Les travaux du pont commenceront le 1er mars, et la "
                    "consultation publique a eu lieu hier.", encoding="utf-8")
    [article] = load([path])
    assert (article.dateline_place, article.dateline_date, article.lang) == ("Québec", "mardi 6 janvier", "fr")
    anchor = Anchor(published=article.published, dateline=article.dateline_date, today=TODAY)
    found = mentions(article.text, anchor)
    assert found["mardi 6 janvier"] == ("2026-01-06", "weekday")
    assert found["mardi"] == ("2026-01-06", "dateline")
    assert found["1er mars"] == ("2026-03-01", "dateline")
    assert found["hier"] == ("2026-01-05", "dateline")


# --- English texts get none of these atoms ---------------------------------------------------------------------

def test_english_texts_have_no_french_atoms() -> None:
    paths = sorted(INPUTS.glob("*.txt")) + sorted(p for p in HOSTILE.iterdir() if p.is_file())
    for article in load(paths):
        assert french_atoms(article.text, lambda *a, **k: a) == [], article.id
    english = ["The Mardi Gras parade on Tuesday drew crowds to the avenue.",
               "Two Mars rovers landed on May 6, a camera crew said, before the orchestra played.",
               "The vers libre poet read in Montreal at 9 p.m. on Friday, the premier said.",
               "Cholera spread in the tundra region in 2019, an extra report said."]
    for sentence in english:
        assert french_atoms(sentence, lambda *a, **k: a) == [], sentence


def test_generated_english_sentences_keep_their_atoms() -> None:
    """English dates from parts: the same atoms with the French forms added as without them."""
    days = ["Monday", "Tuesday", "Friday"]
    dates = ["January 6", "6 March", "Oct. 12, 2025", "last week", "yesterday", "two days ago"]
    times = ["at 9 a.m.", "shortly after 14:00 GMT", "around midnight", ""]
    n = 0
    for d, w, t in itertools.product(dates, days, times):
        text = f"The minister spoke on {w}, {d} {t} in Ottawa, the office said."
        assert french_atoms(text, lambda *a, **k: a) == []
        assert find_atoms(text)  # the English atoms are found as before
        n += 1
    assert n == 72
