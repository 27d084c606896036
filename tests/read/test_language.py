"""briefer.read.language: English or French, told by the function words, on sentences invented for the tests."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from briefer.read.language import counts, detect, most_common, reads_french
from briefer.read.sources import from_text, load

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
HOSTILE = Path(__file__).resolve().parents[1] / "hostile"

FRENCH = [
    "Le ministre des Finances a annoncé mardi que le gouvernement prévoit de réduire les droits de douane.",
    "Selon des analystes, la banque centrale pourrait abaisser son taux directeur dans les prochains mois.",
    "Les pompiers de la ville sont intervenus vers 6 h pour un incendie dans un entrepôt du port.",
    "Il n'est pas encore clair si l'entente sera signée avant la fin de l'année, a précisé la porte-parole.",
    "Une délégation québécoise se rendra à Paris pour une mission économique qui durera cinq jours.",
]
ENGLISH = [
    "The finance minister said on Tuesday that the government plans to cut tariffs on steel imports.",
    "According to analysts, the central bank could lower its key rate in the coming months.",
    "Firefighters were called to a warehouse at the port shortly after 6 a.m. on Sunday.",
    "It is not yet clear whether the agreement will be signed before the end of the year, she added.",
    "A delegation from Quebec will travel to Paris for a trade mission that is to last five days.",
]


@pytest.mark.parametrize("sentence", FRENCH)
def test_french_sentences_read_as_french(sentence: str) -> None:
    assert detect(sentence) == "fr"


@pytest.mark.parametrize("sentence", ENGLISH)
def test_english_sentences_read_as_english(sentence: str) -> None:
    assert detect(sentence) == "en"


def test_names_and_time_zones_in_capitals_do_not_count() -> None:
    # French-looking names in an English text: "Le Devoir", "La Presse", "Des Moines"; EST the time zone.
    text = ("Le Devoir and La Presse both reported the vote, which ended at 9 p.m. EST in Des Moines, "
            "and the mayor was asked about it.")
    assert counts(text)[0] == 0
    assert detect(text) == "en"


def test_elisions_count_for_french() -> None:
    assert counts("l'armée d'Ottawa qu'il n'a")[0] == 5  # l' d' qu' n' and il
    assert counts("l’armée d’Ottawa")[0] == 2  # the typographic apostrophe too


def test_too_few_words_stay_english() -> None:
    assert detect("") == "en"
    assert detect("Montréal, Québec") == "en"
    assert detect("le 6 janvier") == "en"  # one function word is not enough to tell


def test_an_english_article_quoting_french_stays_english() -> None:
    text = (ENGLISH[0] + " " + ENGLISH[1] + ' The sign read "Bienvenue à tous" in both languages, and the '
            "premier was there for the opening of the new bridge.")
    assert detect(text) == "en"


def test_a_french_article_quoting_english_stays_french() -> None:
    text = " ".join(FRENCH) + ' « We are ready », a lancé le ministre américain.'
    assert detect(text) == "fr"


def test_generated_sentences_from_parts() -> None:
    """Every combination of subject, verb group and complement reads as its own language."""
    fr_subjects = ["Le gouvernement fédéral", "La ministre de la Défense", "Les policiers de la GRC",
                   "Une porte-parole de l'agence", "Le premier ministre du Québec"]
    fr_verbs = ["a annoncé que", "prévoit de rouvrir", "pourrait bientôt signer", "n'a pas encore décidé si",
                "devrait présenter", "s'est engagé à financer"]
    fr_rest = ["le projet dans la région.", "une entente avec les provinces.", "les travaux sur le pont.",
               "la mission au Mali pour deux ans."]
    en_subjects = ["The federal government", "The defence minister", "Officers of the RCMP",
                   "A spokeswoman for the agency", "The premier of Quebec"]
    en_verbs = ["announced that", "plans to reopen", "could soon sign", "has not yet decided whether",
                "is expected to present", "has committed to funding"]
    en_rest = ["the project in the region.", "an agreement with the provinces.", "the work on the bridge.",
               "the mission in Mali for two years."]
    n = 0
    for s, v, r in itertools.product(fr_subjects, fr_verbs, fr_rest):
        assert detect(f"{s} {v} {r}") == "fr", f"{s} {v} {r}"
        n += 1
    for s, v, r in itertools.product(en_subjects, en_verbs, en_rest):
        assert detect(f"{s} {v} {r}") == "en", f"{s} {v} {r}"
        n += 1
    assert n == 240


def test_real_articles_of_the_repository_read_as_english() -> None:
    paths = sorted(INPUTS.glob("*.txt")) + sorted(p for p in HOSTILE.iterdir() if p.is_file())
    assert len(paths) >= 10
    assert {a.id: a.lang for a in load(paths)} == {a.id: "en" for a in load(paths)}


def test_the_article_carries_its_language() -> None:
    article = from_text("Titre de l'article\n\n" + " ".join(FRENCH), id="fr")
    assert article.lang == "fr"
    assert from_text("Headline\n\n" + " ".join(ENGLISH), id="en").lang == "en"


def test_reads_french_remembers_the_same_answer() -> None:
    text = " ".join(FRENCH)
    assert reads_french(text) and reads_french(text)
    assert not reads_french(" ".join(ENGLISH))


def test_most_common() -> None:
    assert most_common([]) == "en"
    assert most_common(["fr", "fr", "en"]) == "fr"
    assert most_common(["en", "fr", "en"]) == "en"
    assert most_common(["fr", "en"]) == "fr"  # a tie: the first article's
    assert most_common(["en", "fr"]) == "en"
    assert most_common(["de", "fr"]) == "fr"  # what briefer does not read does not count
