"""An English and a French article on the same event make one brief: the same person, place and day merge
across the languages; each sentence stays in its own language (fake model, tests/support/fakeserver.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer import brief
from briefer.compose.grounding import is_verbatim
from briefer.extract import nlp
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

# One invented event, written twice: a minister's visit to a flooded town.
ENGLISH = """Canada sends engineers to flooded Selkirk as minister tours the damage

Published: 2026-01-06

WINNIPEG, Manitoba — Canadian Defence Minister Amélie Fortier toured the flooded town of Selkirk on Tuesday,
January 6, and announced that a team of military engineers would arrive within days.

"The water is still rising in some streets," Fortier told reporters after the visit. Canada has already sent
two transport aircraft with pumps and sandbags, and the federal government will open a relief centre in
Winnipeg next week.

Local officials said more than 400 homes had been evacuated since the river broke its banks.
"""

FRENCH = """Le Canada envoie des ingénieurs à Selkirk, inondée, pendant la visite de la ministre

Publié le 6 janvier 2026

La ministre canadienne de la Défense, Amélie Fortier, s'est rendue le mardi 6 janvier à Selkirk, une ville
inondée au nord de Winnipeg. Elle a annoncé que le Canada enverrait une équipe d'ingénieurs militaires dans les
prochains jours.

« L'eau monte encore dans certaines rues », a déclaré Amélie Fortier aux journalistes. Le Canada a déjà
dépêché deux avions de transport avec des pompes et des sacs de sable, et le gouvernement fédéral ouvrira un
centre d'aide à Winnipeg la semaine prochaine.

Selon les autorités locales, plus de 400 maisons ont été évacuées depuis la crue de la rivière.
"""


def _unwrapped(text: str) -> str:
    """One line per paragraph, as an article file holds it (a hard-wrapped line would end a sentence)."""
    return "\n\n".join(" ".join(p.split("\n")) for p in text.split("\n\n"))


ENGLISH, FRENCH = _unwrapped(ENGLISH), _unwrapped(FRENCH)


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFER_CACHE", "off")


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    en, fr = tmp_path / "visit-en.txt", tmp_path / "visit-fr.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    fr.write_text(FRENCH, encoding="utf-8")
    return [en, fr]


def test_an_english_and_a_french_article_merge_into_one_brief(fake: FakeOpenAI, articles: list[Path]) -> None:
    if nlp.pipeline("fr") is None or nlp.pipeline("en") is None:
        pytest.fail("spaCy's pipelines are not installed: run `make setup` (requirements/nlp.txt)")
    fake.handler = labeller
    b = brief([str(p) for p in articles], base_url=fake.base_url, api_key="sk-test", model="fake", focus="Canada")
    ids = {s.lang: s.id for s in b.sources}
    assert set(ids) == {"en", "fr"}
    texts = {ids["en"]: ENGLISH, ids["fr"]: FRENCH}

    def sources_of(quotes: list) -> set[str]:  # type: ignore[type-arg]
        return {q.source for q in quotes}

    # the same person, place and day: one item each, backed by both articles
    fortier = [a for a in b.who if "Fortier" in a.name]
    assert len(fortier) == 1 and sources_of(fortier[0].quotes) == set(texts)
    winnipeg = [p for p in b.where if p.name == "Winnipeg"]
    assert len(winnipeg) == 1 and sources_of(winnipeg[0].quotes) == set(texts)
    tuesday = [d for d in b.when if d.iso == "2026-01-06"]
    assert len(tuesday) == 1 and sources_of(tuesday[0].quotes) == set(texts)
    # sentences do not merge: every quote is verbatim in its own article, in its own language
    for fact in b.facts()[1:]:
        for q in fact.quotes:
            assert q.verified and is_verbatim(q.text, texts[q.source]), q
    # Canada's role is read in both languages, each clause at its verb's status
    role = {(c.quotes[0].source, c.status) for c in b.focus_role}
    assert (ids["en"], "done") in role and (ids["fr"], "done") in role
    assert (ids["en"], "planned") in role and (ids["fr"], "planned") in role
    french = [c for c in b.focus_role if c.quotes[0].source == ids["fr"]]
    assert any("ouvrira" in c.claim and c.status == "planned" for c in french)
    assert any("a déjà" in c.claim and c.status == "done" for c in french), [(c.claim, c.status) for c in french]
