"""The French eval cases (evals/cases-fr) checked against themselves and against code, with no model: they load,
their articles read as French and lose their furniture, every dated label is found by the French date rules, a
brief written from the labels finds every label and breaks no rule, and a refusal without its "pas" breaks one."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from briefer.evals.cases import Case, load_cases
from briefer.evals.score import keyword_in, norm, score_case
from briefer.extract.date_mentions_fr import WEEKDAYS_FR
from briefer.extract.dates import Anchor, explicit_years, find_dates
from briefer.read.sources import load
from briefer.schema import Actor, Brief, Dated, Place, Point, Quote, RoleClaim, Source

FOLDER = Path(__file__).resolve().parents[2] / "evals" / "cases-fr"
TODAY = datetime.date(2026, 12, 2)  # the day the set's briefs are made (README)
CASES = load_cases(FOLDER)
FURNITURE = ("Partager", "Publicité", "Crédit photo", "Lire aussi", "Réagir", "Abonnez-vous", "Commentaires (")


def test_the_set_loads() -> None:
    assert len(CASES) == 10
    assert {c.focus for c in CASES} == {"Canada"}
    assert {c.today for c in CASES} == {TODAY}  # each case says the day its brief is taken as made


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_article_reads_as_french_without_its_furniture(case: Case) -> None:
    [article] = load(case.articles)
    assert article.lang == "fr"
    assert 150 <= len(article.text.split()) <= 350
    assert [w for w in FURNITURE if w in article.text] == []
    assert article.published is not None or article.dateline_date is not None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_dated_label_is_found_by_the_french_date_rules(case: Case) -> None:
    [article] = load(case.articles)
    anchor = Anchor(published=article.published, dateline=article.dateline_date,
                    years=explicit_years(article.text), today=case.today)
    found = {m.iso for m in find_dates(article.text, anchor)}
    assert [lab.date for lab in case.when if lab.date and lab.date not in found] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_weekday_written_in_a_label_is_its_dates(case: Case) -> None:
    for lab in case.when:
        if len(lab.date) != 10:
            continue
        weekday = WEEKDAYS_FR[datetime.date.fromisoformat(lab.date).weekday()]
        for text in lab.text:
            named = [w for w in WEEKDAYS_FR if w in text.lower()]
            assert named in ([], [weekday]), (lab.date, text)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_keyword_group_of_a_required_label_is_in_its_article(case: Case) -> None:
    """A claim is a sentence of its article: a group with no word of the article could never match. (The
    scorer drops apostrophes, so "l'aluminium" is one word, "laluminium": labels avoid words after an elision.)"""
    [article] = load(case.articles)
    text = norm(article.text)
    for lab in [*case.what, *case.focus_role]:
        for group in lab.keywords if lab.required else []:
            assert any(keyword_in(norm(k), text) for k in group), (case.id, group)


def from_labels(case: Case, claims: list[RoleClaim] | None = None) -> Brief:
    """A brief that says what the labels say, each item with a verified quote of the article."""
    [article] = load(case.articles)
    quote = [Quote(text=article.text.split("\n")[0], source=article.id, verified=True)]
    what = " ".join(group[0] for lab in case.what for group in lab.keywords)
    return Brief(headline=what, summary=Point(text=what, quotes=quote), focus=case.focus, lang="fr",
                 who=[Actor(name=lab.name, central=True, quotes=quote) for lab in case.who][:10],
                 where=[Place(name=lab.name, central=True, quotes=quote) for lab in case.where][:6],
                 when=[Dated(text=lab.text[0] if lab.text else lab.date, iso=lab.date, basis="weekday", quotes=quote)
                       for lab in case.when][:8],
                 focus_role=claims if claims is not None else
                 [RoleClaim(claim=lab.claim, status=lab.status[0], quotes=quote) for lab in case.focus_role][:8],
                 sources=[Source(id=article.id, title=article.title, lang="fr")])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_brief_from_the_labels_finds_every_label_and_breaks_no_rule(case: Case) -> None:
    [article] = load(case.articles)
    result = score_case(case, from_labels(case), [article.text])
    for field, score in result.fields.items():
        assert score.recall in (None, 1.0), (field, [r for r in result.labels if r.required and not r.matched])
    assert result.violations == []
    assert result.status_correct == result.status_found


def test_a_refusal_without_its_negation_breaks_a_rule() -> None:
    refusals = 0
    for case in CASES:
        [article] = load(case.articles)
        for lab in case.focus_role:
            if not any("pas" in group for group in lab.keywords):
                continue
            refusals += 1
            dropped = lab.claim.replace("n'", "").replace("ne ", "").replace(" pas", "")
            claims = [RoleClaim(claim=dropped, status="planned",
                                quotes=[Quote(text=article.title, source=article.id, verified=True)])]
            result = score_case(case, from_labels(case, claims), [article.text])
            assert result.violations, (case.id, dropped)
    assert refusals >= 5


def test_the_case_not_about_canada_has_no_claims_and_refuses_any() -> None:
    [case] = [c for c in CASES if not c.focus_role]
    [article] = load(case.articles)
    claim = RoleClaim(claim="Le Canada contribuera au fonds.", status="planned",
                      quotes=[Quote(text=article.title, source=article.id, verified=True)])
    assert score_case(case, from_labels(case, [claim]), [article.text]).violations
