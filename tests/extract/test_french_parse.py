"""What spaCy's French pipeline (fr_core_news_sm 3.8.0, pinned in requirements/nlp.txt) gives that a French
clause reader can rely on, checked on invented sentences: the conditional mood, the simple future, the
infinitive under "aller", and the negation's two words on their verb. (docs/FRENCH.md lists what it gets
wrong.) Skipped where the pipeline is not installed."""

from __future__ import annotations

from typing import Any

import pytest

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp() -> Any:
    try:
        return spacy.load("fr_core_news_sm")
    except OSError:
        pytest.skip("fr_core_news_sm is not installed (pip install --no-deps --require-hashes -r requirements/nlp.txt)")


def verb(doc: Any, text: str) -> Any:
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(("sentence", "word"), [
    ("Le Canada pourrait envoyer des casques bleus au Soudan.", "pourrait"),
    ("Ottawa devrait annoncer sa décision jeudi, selon des analystes.", "devrait"),
    ("La GRC aurait arrêté deux suspects à Montréal.", "aurait"),
])
def test_the_conditional_mood(nlp: Any, sentence: str, word: str) -> None:
    assert verb(nlp(sentence), word).morph.get("Mood") == ["Cnd"]


@pytest.mark.parametrize(("sentence", "words"), [
    ("La frégate quittera Halifax en mars et rejoindra la flotte de l'OTAN.", ("quittera", "rejoindra")),
    ("La ministre a déclaré que le Canada n'enverra pas de troupes au sol.", ("enverra",)),
])
def test_the_simple_future(nlp: Any, sentence: str, words: tuple[str, ...]) -> None:
    doc = nlp(sentence)
    for word in words:
        assert verb(doc, word).morph.get("Tense") == ["Fut"], word


def test_the_near_future_is_aller_and_an_infinitive(nlp: Any) -> None:
    doc = nlp("Le gouvernement fédéral va rouvrir l'ambassade à Damas.")
    va = verb(doc, "va")
    assert va.lemma_ == "aller"
    assert [(c.dep_, c.morph.get("VerbForm")) for c in va.children if c.dep_ == "xcomp"] == [("xcomp", ["Inf"])]


def test_the_negation_hangs_on_its_verb(nlp: Any) -> None:
    doc = nlp("La ministre a déclaré que le Canada n'enverra pas de troupes au sol.")
    enverra = verb(doc, "enverra")
    assert {c.text for c in enverra.children if c.dep_ == "advmod"} >= {"n'", "pas"}
    assert enverra.dep_ == "ccomp" and enverra.head.text == "déclaré"
