"""The hand-labelled Canada set (evals/cases-canada): its labels agree with each other and with its own rules.

A brief written from the labels themselves must find every label and break no must-not rule; the same brief
with a refusal's "not" dropped must lose that label and break a rule; the set keeps the shape its README
promises (dates resolved to 2026, history years guarded, three cases with no focus-role items).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from briefer.evals.cases import Case, MustNot, RoleLabel, load_cases
from briefer.evals.matching import groups_hit, norm
from briefer.evals.score import score_case
from briefer.read.sources import read_path
from briefer.schema import Actor, Brief, Dated, Place, Point, RoleClaim

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "evals" / "cases-canada"
CASES = load_cases(SET)
BRIEF_DAY = dt.date(2026, 12, 2)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Words that carry a refusal in a claim; a group holding one of them marks a negated claim.
NEGATIONS = ("not", "wont", "never")


def _ids(case: Case) -> str:
    return case.id


def labelled_brief(case: Case, claims: list[RoleClaim] | None = None) -> Brief:
    """Every label (optional ones too) written back as a brief item; the summary is the `what` labels."""
    if claims is None:
        claims = [RoleClaim(claim=lab.claim, status=s) for lab in case.focus_role for s in lab.status]
    return Brief.model_construct(
        headline=" ".join(w.about for w in case.what)[:160],
        summary=Point(text=" ".join(w.about for w in case.what)),
        focus=case.focus,
        who=[Actor(name=lab.name, role=lab.role) for lab in case.who],
        where=[Place(name=lab.name) for lab in case.where],
        when=[Dated(text=(lab.text or [lab.date])[0], iso=lab.date, what=lab.what) for lab in case.when],
        focus_role=claims, key_points=[], open_questions=[], discrepancies=[], sources=[], omitted=[], usage=[])


def test_the_set_has_eighteen_cases_one_article_each() -> None:
    assert len(CASES) == 18
    assert sorted(c.articles[0].name for c in CASES) == sorted(p.name for p in SET.glob("*.txt"))
    for case in CASES:
        assert len(case.articles) == 1 and case.who and case.when and case.what and case.must_not, case.id


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_a_brief_written_from_the_labels_finds_all_and_breaks_nothing(case: Case) -> None:
    brief = labelled_brief(case)
    r = score_case(case, brief, case.source_texts())
    for field, score in r.fields.items():
        if score.labels:
            assert score.recall == 1.0, (field, [x.label for x in r.labels if x.required and not x.matched])
    assert r.violations == [], [(v.rule, v.item_text) for v in r.violations]
    if any(lab.required for lab in case.focus_role):
        assert r.status_accuracy == 1.0


def _negated(lab: RoleLabel) -> bool:
    return any(any(norm(k) in NEGATIONS for k in group) for group in lab.keywords)


def _drop_negation(claim: str) -> str:
    return re.sub(r"\b(?:will|would|does|did|is) not\b", lambda m: m[0].split()[0], claim).replace(" not ", " ")


NEGATED = [(c, lab) for c in CASES for lab in c.focus_role if _negated(lab)]


@pytest.mark.parametrize(("case", "label"), NEGATED, ids=[f"{c.id}:{lab.claim[:30]}" for c, lab in NEGATED])
def test_a_refusal_without_its_not_is_missed_and_breaks_a_rule(case: Case, label: RoleLabel) -> None:
    assert any(lab.claim == label.claim for lab in case.focus_role)
    wrong = _drop_negation(label.claim)
    assert not all(groups_hit(label.keywords, norm(wrong))), wrong
    claims = [RoleClaim(claim=wrong if lab.claim == label.claim else lab.claim, status=lab.status[0])
              for lab in case.focus_role]
    r = score_case(case, labelled_brief(case, claims), case.source_texts())
    assert any(v.field == "focus_role" and v.item_text == wrong for v in r.violations), wrong


def test_at_least_four_refusals_across_the_set() -> None:
    assert len(NEGATED) >= 4


DATELINED = [c for c in CASES if read_path(c.articles[0]).published is None]


def test_six_or_more_articles_carry_only_a_dateline() -> None:
    assert len(DATELINED) >= 6
    for case in DATELINED:
        article = read_path(case.articles[0])
        assert re.search(r"^[A-Z]{4,}.{0,40}?\b(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December) \d{1,2}\b", article.text, re.M), case.id


@pytest.mark.parametrize("case", DATELINED, ids=_ids)
def test_a_dateline_case_dates_its_event_in_2026_and_guards_history_years(case: Case) -> None:
    required = [lab for lab in case.when if lab.required]
    assert required and all(lab.date.startswith("2026-") for lab in required), case.id
    years = {y for y in re.findall(r"\b(1[89]\d\d|20[0-2]\d)\b", case.source_texts()[0])}
    guards = {iso for rule in case.must_not if rule.field == "when" for iso in rule.iso}
    history = {y for y in years if int(y) < 2026}
    assert history and history <= guards, (case.id, history - guards)
    for year in sorted(history):  # a brief that dates the event from history breaks the rule
        wrong = labelled_brief(case)
        wrong.when = [Dated(text=year, iso=year, what="the event")]
        r = score_case(case, wrong, case.source_texts())
        assert any(v.field == "when" for v in r.violations), (case.id, year)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_a_weekday_in_a_date_label_is_that_dates_weekday(case: Case) -> None:
    for lab in case.when:
        if len(lab.date) != 10:
            continue
        day = dt.date.fromisoformat(lab.date)
        named = {w for t in lab.text for w in WEEKDAYS if w in t.casefold()}
        assert named <= {WEEKDAYS[day.weekday()]}, (case.id, lab.date, named)
        if lab.required:
            assert day < BRIEF_DAY, (case.id, lab.date)


def test_three_cases_are_not_about_canadas_acts() -> None:
    empty = [c for c in CASES if not c.focus_role]
    assert len(empty) == 3
    for case in empty:
        assert any(r.field == "focus_role" and r.any_item for r in case.must_not), case.id
        brief = labelled_brief(case, [RoleClaim(claim="Canada takes part", status="done")])
        assert score_case(case, brief, case.source_texts()).violations, case.id


def _furniture_rule(rule: MustNot) -> bool:
    """A rule that no actor or place be named from a line of page furniture (any item of that name)."""
    return bool(rule.name) and rule.central is None and rule.field in ("who", "where")


def test_three_cases_guard_against_page_furniture() -> None:
    guarded = [c for c in CASES if any(_furniture_rule(r) for r in c.must_not)]
    assert len(guarded) == 3
    for case in guarded:
        raw = case.articles[0].read_text(encoding="utf-8")
        assert re.search(r"^(?:Advertisement|Share this article|Sign up for our newsletter|Most read)$", raw, re.M)
        for rule in case.must_not:
            if _furniture_rule(rule):
                item = Actor(name=rule.name[0]) if rule.field == "who" else Place(name=rule.name[0])
                brief = labelled_brief(case)
                setattr(brief, rule.field, [*getattr(brief, rule.field), item])
                r = score_case(case, brief, case.source_texts())
                assert any(v.rule == rule.about for v in r.violations), (case.id, rule.about)


def test_articles_are_short_news_stories() -> None:
    for path in SET.glob("*.txt"):
        words = len(path.read_text(encoding="utf-8").split())
        assert 180 <= words <= 400, (path.name, words)
