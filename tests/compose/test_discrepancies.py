"""Discrepancies between articles, on hand-written pairs that do and do not conflict (no model)."""

from __future__ import annotations

from typing import Any

import pytest

from briefer.compose.discrepancies import find_discrepancies, quantities
from briefer.compose.merge import SourceFacts, facts_of
from briefer.extract.candidates import find_candidates
from briefer.extract.focus import focus_on
from briefer.read.sources import from_text, load
from tests.conftest import ARRIVAL, TALKS

CANADA = focus_on("Canada").pattern


def facts(*texts: str) -> list[SourceFacts]:
    articles = [from_text(t, id=f"a{i}") for i, t in enumerate(texts, 1)]
    return facts_of([(a, find_candidates(a, focus_on("Canada"))) for a in articles], [a.id for a in articles])


def kinds(*texts: str) -> list[str]:
    return [d.kind for d in find_discrepancies(facts(*texts), CANADA)]


def test_the_seed_pair_has_no_discrepancy() -> None:
    """Arrival on Monday 5 and talks on Tuesday 6 are two events, not one event with two dates."""
    articles = load([ARRIVAL, TALKS])
    f = facts_of([(a, find_candidates(a, focus_on("Canada"))) for a in articles], [a.id for a in articles])
    assert find_discrepancies(f, CANADA) == []


def test_same_event_on_two_days_is_a_date_discrepancy_with_both_quotes() -> None:
    a = "Summit opens\n\nThe G20 summit opened in Geneva on Monday, March 2, 2026, with leaders from 20 countries."
    b = "Leaders meet\n\nThe G20 summit opened in Geneva on Tuesday, March 3, 2026, with leaders from 20 countries."
    found = find_discrepancies(facts(a, b), CANADA)
    assert [d.kind for d in found] == ["date"]
    assert "2026-03-02 vs 2026-03-03" in found[0].about
    assert [q.source for q in found[0].quotes] == ["a1", "a2"]
    assert "Monday, March 2" in found[0].quotes[0].text and "Tuesday, March 3" in found[0].quotes[1].text


def test_different_events_on_different_days_are_no_discrepancy() -> None:
    a = "Trip\n\nThe minister landed in Geneva on Monday, March 2, 2026."
    b = "Talks\n\nThe G20 summit opened in Geneva on Tuesday, March 3, 2026, with leaders from 20 countries."
    assert kinds(a, b) == []


def test_the_same_day_written_two_ways_is_no_discrepancy() -> None:
    a = "Summit\n\nThe G20 summit opened in Geneva on Monday, March 2, 2026."
    b = "Summit\n\nThe G20 summit opened in Geneva on March 2, 2026, a Monday."
    assert kinds(a, b) == []


def test_counts_that_cannot_both_be_true_are_a_number_discrepancy() -> None:
    a = "Summit\n\nFifteen ministers met. In Geneva, 15 leaders attended the summit on climate finance."
    b = "Summit\n\nMore than 20 leaders attended the Geneva summit on climate finance."
    found = find_discrepancies(facts(a, b), CANADA)
    assert [d.kind for d in found] == ["number"]
    assert '"15 leaders' in found[0].about and '"More than 20 leaders' in found[0].about


def test_compatible_counts_are_no_discrepancy() -> None:
    a = "Alliance\n\nThe alliance of more than 40 towns pledged support to the ferry service."
    b = "Alliance\n\nThe alliance of 41 towns pledged support to the ferry service."
    c = "Alliance\n\nThe alliance of about 40 towns pledged support to the ferry service."
    assert kinds(a, b) == [] and kinds(b, c) == [] and kinds(a, c) == []


def test_numbers_of_unrelated_things_are_no_discrepancy() -> None:
    a = "Aid\n\nCanada sent 200 engineers to rebuild bridges in Tromso."
    b = "Talks\n\nThe alliance of 40 towns pledged support to the ferry service in Lisbon."
    c = "Elsewhere\n\nMore than 500 engineers went on strike in Toronto over pay."
    assert kinds(a, b) == [] and kinds(a, c) == []


def test_years_dates_and_codes_are_not_amounts() -> None:
    text = "In 2026 budget talks on March 13 leaders of the G7 countries met; 12 ministers and 3 billion dollars."
    found = {q.phrase: (q.low, q.high) for q in quantities(text)}
    assert set(found) == {"12 ministers", "3 billion dollars"}
    assert found["3 billion dollars"] == (3e9, 3e9)
    assert quantities("more than 40 towns")[0].low > 40
    assert quantities("nearly 40 towns")[0].high == 40


def test_a_different_title_for_one_person_is_a_title_discrepancy() -> None:
    a = "Arrival\n\nHe was met by Ilse Brandt, the deputy consul at the Norvian Embassy."
    b = "Arrival\n\nHe was met by Ilse Brandt, the consul at the Norvian Embassy, at the quay."
    found = find_discrepancies(facts(a, b), CANADA)
    assert [d.kind for d in found] == ["title"]
    assert "Ilse Brandt" in found[0].about


def test_the_same_title_in_other_words_is_no_discrepancy() -> None:
    a = "Arrival\n\nHe was met by Ilse Brandt, the deputy consul at the Norvian Embassy."
    b = "Arrival\n\nOn the quay stood Ilse Brandt, Norvia's deputy consul, with two aides."
    assert kinds(a, b) == []


def test_a_claim_done_in_one_article_and_planned_in_another_is_a_status_discrepancy() -> None:
    a = "Latvia\n\nCanada has sent 200 additional troops to its NATO brigade in Latvia this winter."
    b = "Latvia\n\nCanada will send 200 additional troops to its NATO brigade in Latvia this winter."
    found = find_discrepancies(facts(a, b), CANADA)
    assert [d.kind for d in found] == ["status"]
    assert "done vs planned" in found[0].about


def test_the_same_claim_with_the_same_cue_is_no_discrepancy() -> None:
    a = "Latvia\n\nCanada will send 200 additional troops to its NATO brigade in Latvia this winter."
    b = "Latvia\n\nOttawa said Canada will send 200 more troops to its NATO brigade in Latvia this winter."
    assert kinds(a, b) == []


def test_only_different_articles_are_compared() -> None:
    text = ("Latvia\n\nCanada has sent 200 additional troops to its NATO brigade in Latvia this winter. "
            "Canada will send 200 additional troops to its NATO brigade in Latvia this winter.")
    one = facts(text)
    assert find_discrepancies(one, CANADA) == []
    twice = [*one, SourceFacts(one[0].id, one[0].sentences, one[0].body)]
    assert find_discrepancies(twice, CANADA) == []


# Same-story articles that must raise no alarm: a quote told on two days, history, two offices, adjectives.

def test_the_same_quote_told_on_two_days_is_no_date_discrepancy() -> None:
    a = ('Housing\n\nAfter the council meeting on Thursday, November 10, 2016, the mayor said: "My first '
         'priority in the coming months is to build housing for every family in the city."')
    b = ('Housing\n\nOn Wednesday, November 9, 2016, the mayor told supporters: "My first priority in the '
         'coming months is to build housing for every family in the city."')
    assert kinds(a, b) == []


def test_a_year_in_history_is_not_the_date_of_the_event() -> None:
    a = "Rangers\n\nThe Rangers won the Coastal Cup in 1921 after a tense final game in Halifax."
    b = "Rangers\n\nThe Rangers won the Coastal Cup on Saturday, May 9, 2026 after a tense final game in Halifax."
    assert kinds(a, b) == []


def test_two_offices_of_one_person_are_no_title_discrepancy() -> None:
    a = "Meeting\n\nDeputy-Mayor-elect Jane Roe met Council Speaker Paul Doe on Thursday."
    b = "Meeting\n\nRegional Governor Jane Roe met Council Speaker Paul Doe on Thursday afternoon."
    c = "Press\n\nCity Hall spokesman Omar Vey said the meeting went well."
    d = "Press\n\nCity Hall Press Secretary Omar Vey said the meeting went well."
    assert kinds(a, b) == [] and kinds(c, d) == []


def test_a_number_counts_its_noun_not_an_adjective() -> None:
    a = "Harbour\n\nMore than 40 volunteers, six fire boats and three rescue units are at the harbour."
    b = "Harbour\n\nThere are six fire boats and three fire and rescue crews at the harbour, they added."
    assert kinds(a, b) == []


def test_pairs_compared_before_are_answered_from_the_memo_with_the_same_result(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer.compose import discrepancies
    from briefer.compose.discrepancies import PairMemo

    def facts(i: int, count: str, status: str) -> SourceFacts:
        body = [f"Relief convoys carried {count} tonnes of grain to the port, officials said.",
                f"Canada {status} two transport aircraft to the relief effort."]
        return SourceFacts(f"report-{i}", body, body)

    pile = [facts(1, "40", "will send"), facts(2, "55", "has sent"), facts(3, "40", "has sent")]
    focus = focus_on("Canada").pattern
    plain = find_discrepancies(pile, focus)
    assert plain  # the grain tonnage and the aircraft's status disagree
    compared: list[tuple[str, str]] = []
    real = discrepancies.pair_conflicts

    def counting(a: SourceFacts, b: SourceFacts, f: Any) -> Any:
        compared.append((a.id, b.id))
        return real(a, b, f)

    monkeypatch.setattr(discrepancies, "pair_conflicts", counting)
    memo = PairMemo()
    first = find_discrepancies(pile, focus, memo)
    assert [d.model_dump() for d in first] == [d.model_dump() for d in plain] and len(compared) == 3
    first[0].quotes[0].verified = True  # grounding marks what it is given: never the memo's own
    memo.prune()
    pile.append(facts(4, "55", "will send"))
    again = find_discrepancies(pile, focus, memo)
    assert compared[3:] == [("report-1", "report-4"), ("report-2", "report-4"), ("report-3", "report-4")]
    assert [d.model_dump() for d in again] == [d.model_dump() for d in find_discrepancies(pile, focus)]
    before = len(compared)
    pile[0] = facts(1, "41", "will send")  # a changed article is compared again, and only it
    find_discrepancies(pile, focus, memo)
    assert compared[before:] == [("report-1", "report-2"), ("report-1", "report-3"), ("report-1", "report-4")]
