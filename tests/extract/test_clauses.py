"""Claims per clause, status from the verb group: each kind of language on sentences written for it."""

from __future__ import annotations

import pytest

from briefer.extract import nlp
from briefer.extract.candidates import find_candidates
from briefer.extract.focus import focus_on
from briefer.read.sources import from_text

pytestmark = pytest.mark.usefixtures("parser")


@pytest.fixture(scope="module")
def parser() -> None:
    if nlp.pipeline("en") is None:
        pytest.fail("spaCy's English pipeline is not installed: run `make setup` (it is part of the install)")


def claims(body: str, focus: str = "Canada", dateline: str = "") -> list[tuple[str, str, bool]]:
    """(claim text, status, negated) of every focus clause of an article made of ``body``."""
    article = from_text(f"A report\n\n{dateline}{body}")
    found = find_candidates(article, focus_on(focus))
    return [(c.text, c.status, c.negated) for s in sorted(found.focus_claims) for c in found.focus_claims[s]]


def strong(body: str) -> list[bool]:
    """Whether each claim is one where the focus itself acts (kept whatever the model says)."""
    found = find_candidates(from_text(f"A report\n\n{body}"), focus_on("Canada"))
    return [c.strong for s in sorted(found.focus_claims) for c in found.focus_claims[s]]


def statuses(body: str, focus: str = "Canada", dateline: str = "") -> list[str]:
    return [s for _, s, _ in claims(body, focus, dateline)]


# --- tense, aspect and plans ------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "status"), [
    ("Canada imposed sanctions on three shipping firms.", "done"),
    ("Canada has closed its consulate in the port city.", "done"),
    ("Canada is sending two transport planes to the region.", "done"),
    ("Canada sends medical teams to the camps every winter.", "done"),
    ("Canada will open a trade office in the capital.", "planned"),
    ("Canada plans to buy twelve submarines.", "planned"),
    ("Canada intends to raise the matter at the summit.", "planned"),
    ("Canada has pledged to double its contribution.", "planned"),
    ("Canada has promised to resettle the families.", "planned"),
    ("Canada is scheduled to host the ministers in May.", "planned"),
    ("Canada is to chair the next round of talks.", "planned"),
    ("Canada is going to review the agreement.", "planned"),
    ("Canada is expected to announce new funding.", "expected"),
    ("Canada is likely to back the proposal.", "expected"),
    ("Canada is poised to sign the accord.", "expected"),
    ("Canada wants to secure a seat at the table.", "expected"),
    ("Canada could send observers to the border.", "speculative"),
    ("Canada might delay the vote.", "speculative"),
    ("Canada may join the mission later.", "speculative"),
    ("Canada is weighing a ban on the exports.", "speculative"),
    ("Canada is considering new visa rules.", "speculative"),
    ("If the talks fail, Canada will recall its envoy.", "speculative"),
])
def test_status_from_the_verb_group(sentence: str, status: str) -> None:
    assert statuses(sentence) == [status]


def test_reported_would_is_the_will_of_a_decision() -> None:
    assert statuses("The minister said Canada would send two frigates in the spring.") == ["planned"]
    assert statuses("Officials told reporters Ottawa would reopen the embassy.") == ["planned"]
    assert statuses("Canada would lose billions in a trade war.") == ["speculative"]  # no one reports it


def test_attribution_and_expectation_by_others() -> None:
    assert statuses("Analysts suggest Canada could take on a larger role.") == ["speculative"]
    assert statuses("Experts believe Canada will raise its tariffs.") == ["speculative"]
    assert statuses("Allies expect Ottawa to increase its spending.") == ["expected"]
    assert statuses("The mayor urged Canada to reopen the crossing.") == ["speculative"]


def test_negation_stays_with_the_claim() -> None:
    [(text, status, negated)] = claims("Canada will not deploy ground troops.")
    assert (status, negated) == ("planned", True) and "not deploy" in text
    [(text, status, negated)] = claims("Canada has not yet decided whether to join.")
    assert (status, negated) == ("speculative", True)


# --- several claims in one sentence -----------------------------------------------------------------------

def test_a_done_act_and_a_plan_joined_by_and() -> None:
    found = claims("Canada voted for the resolution and intends to table its own next month.")
    assert [(s, "table" in t) for t, s, _ in found] == [("done", False), ("planned", True)]


def test_a_past_act_in_a_relative_clause() -> None:
    found = claims("Ottawa will build a depot at the port that Canada has leased since 2019.")
    assert [s for _, s, _ in found] == ["planned", "done"]
    assert "leased" in found[1][0] and "leased" not in found[0][0]


def test_an_aim_named_by_a_noun_of_effort() -> None:
    found = claims("Canada has been in talks for weeks on how to fund the new hospital wing.")
    assert [s for _, s, _ in found] == ["done", "expected"]  # the talks happened; the funding is their aim
    assert found[1][0].startswith("Canada … how to fund")


# --- who acts for the focus --------------------------------------------------------------------------------

def test_institutions_and_forces_named_alone() -> None:
    assert statuses("The RCMP arrested two suspects on Friday.") == ["done"]
    assert statuses("The Canadian Armed Forces will lead the exercise.") == ["planned"]
    assert statuses("Canadian troops left the base at dawn.") == ["done"]


def test_a_subject_repeating_the_last_focus_subject() -> None:
    body = "A Canadian medical team reached the village on Sunday. The team will stay for a month."
    assert statuses(body) == ["done", "planned"]


def test_a_place_after_a_preposition_is_not_the_actor() -> None:
    assert claims("The Norwegian embassy in Ottawa issued a travel warning.") == []
    assert claims("Ministers from six countries met in Ottawa on Monday.") == []


def test_a_thing_or_a_private_person_of_the_country_is_not_the_country() -> None:
    # with the demonym, a thing or private people may be the country's doing or not: the model judges
    assert strong("A Canadian website crashed under the traffic.") == [False]
    assert strong("Canadians made more trips abroad last year.") == []  # the people, not the country acting
    assert strong("Canadian troops left the base at dawn.") == [True]
    assert claims("Toronto police closed the street.") == []  # a city's own force


def test_the_federal_government_of_an_article_datelined_at_home() -> None:
    body = "The federal government froze the assets on Tuesday."
    assert statuses(body, dateline="OTTAWA, March 3 - ") == ["done"]
    assert claims(body) == []  # no dateline in the country: whose government is unsaid


def test_it_after_the_focus_in_reported_speech() -> None:
    found = claims("Canada said it would reopen the embassy within a year.")
    assert ("planned", True) in [(s, "reopen" in t) for t, s, _ in found]


def test_a_joke_is_no_claim() -> None:
    assert claims("A talk-show host quipped that Canada had bought the moon.") == []
    assert claims("A comedian joked that Canada would soon annex a glacier.") == []


def test_another_focus_country() -> None:
    assert statuses("France will send two frigates.", focus="France") == ["planned"]
    assert claims("France will send two frigates.", focus="Canada") == []


# --- nearness, likelihood, forecasts and choices not yet made --------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Canada and Chile are close to a deal on fishing quotas, negotiators said.",
    "Canada is on the verge of signing a trade pact with Kenya.",
    "Canada is near an agreement on the shared pipeline.",
    "Canada nears a settlement with the mining firm.",
])
def test_being_close_to_an_outcome_is_expected(sentence: str) -> None:
    assert statuses(sentence) == ["expected"]


def test_a_look_alike_of_nearness_stays_done() -> None:
    # a place near something, or a close partner, is no outcome in sight
    assert statuses("Canada opened a clinic near the border crossing.") == ["done"]
    assert statuses("Canada worked closely with Peru on the rescue.") == ["done"]


@pytest.mark.parametrize(("sentence", "status"), [
    ("Canada will probably extend the mission.", "expected"),
    ("Canada will likely raise tariffs on steel.", "expected"),
    ("Canada will perhaps send a second team.", "speculative"),
    ("Canada possibly shared the intelligence with allies.", "speculative"),
    ("Canada will send a second team.", "planned"),
])
def test_an_adverb_of_likelihood_caps_the_status(sentence: str, status: str) -> None:
    assert statuses(sentence) == [status]


@pytest.mark.parametrize("speaker", ["Analysts", "Economists", "Two defence experts", "Critics", "Observers"])
def test_what_commentators_say_the_country_would_do_is_a_forecast(speaker: str) -> None:
    assert statuses(f"{speaker} said Canada would cut its troop numbers in the spring.") == ["expected"]


@pytest.mark.parametrize("speaker", ["The minister", "Officials", "A government spokesperson"])
def test_what_its_own_people_say_it_would_do_is_planned(speaker: str) -> None:
    assert statuses(f"{speaker} said Canada would cut its troop numbers in the spring.") == ["planned"]


@pytest.mark.parametrize("choice", ["No decision has been made", "No agreement has been reached",
                                    "No deal was struck"])
def test_no_choice_made_yet_said_by_the_country(choice: str) -> None:
    found = claims(f"Canada's trade minister, Ana Ruiz, spoke on Monday. {choice}, Ruiz told reporters.")
    said = [(t, s, n) for t, s, n in found if choice.split()[1] in t]
    assert said and all(s == "speculative" and n for _, s, n in said)
    assert all(t.startswith("No ") for t, _, _ in said)  # the claim is what was said, not "Ruiz told reporters"


@pytest.mark.parametrize("dateline", ["OTTAWA - ", "OTTAWA, Sept. 22 - ", "HALIFAX, N.S., March 3 (Reuters) - "])
def test_a_dateline_is_not_part_of_the_claim(dateline: str) -> None:
    body = ("The Canadian government is considering whether to send a supply ship to the region, "
            "the defence minister said on Tuesday.")
    found = claims(body, dateline=dateline)
    assert [s for _, s, _ in found] == ["speculative"]
    assert found[0][0].startswith("The Canadian government is considering")


# --- shared auxiliaries, others' wishes, speakers that rename, acts of speaking verbs ----------------------

def test_a_second_verb_shares_the_first_ones_modal() -> None:
    found = claims("The Norvian minister said he hoped Canada would soon name an envoy and open a consulate.")
    assert [s for _, s, _ in found] == ["speculative", "speculative"]
    assert strong("The Norvian minister said he hoped Canada would soon name an envoy and open a consulate.") \
        == [False, False]  # another's wish: the model judges whether it belongs in the role


@pytest.mark.parametrize("wish", ["We would be glad to see", "We would be happy to see", "They would love to see"])
def test_another_speakers_wish_is_speculative_and_weak(wish: str) -> None:
    body = f"\"{wish} Canada join the fishing pact,\" the Norvian minister told reporters."
    assert statuses(body) == ["speculative"]
    assert strong(body) == [False]


def test_it_in_what_another_subject_says_is_that_subject() -> None:
    body = ("Canada imposed duties on imported steel. The Norvian embassy said on Monday that it would send "
            "a trade delegation next week.")
    assert [t for t, _, _ in claims(body)] == ["Canada imposed duties on imported steel"]
    own = "Canada imposed duties on imported steel. Officials said that it would review them in May."
    assert [s for _, s, _ in claims(own)] == ["done", "planned"]


def test_a_speaker_of_the_states_own_kind_renames_the_subject() -> None:
    body = "The RCMP closed the lab in March, the force said. The force will send samples to a lab in Ottawa."
    assert [s for _, s, _ in claims(body, dateline="OTTAWA - ")] == ["done", "planned"]
    media = "Canada closed the lab in March, the newspaper said. The newspaper will publish the names."
    assert [s for _, s, _ in claims(media, dateline="OTTAWA - ")] == ["done"]


@pytest.mark.parametrize(("said", "count"), [
    ("the government would add six chemicals to the list", 1),  # "add" with an object: an act
    ("Canada wrote a letter to the council", 1),
])
def test_a_speaking_verb_with_a_thing_as_its_object_is_an_act(said: str, count: int) -> None:
    assert len(claims(f"The public safety minister said {said}.", dateline="OTTAWA - ")) == count


def test_a_speaking_verb_with_a_hearer_or_a_pronoun_only_attributes() -> None:
    assert claims("Canada said so, officials added.") == []
    assert claims("The Canadian minister told reporters in Lima.") == []


def test_a_country_ending_the_sentence_before_a_title_is_not_whose_title_it_is() -> None:
    body = ("Investigators believe the drugs were bound for Norvia.\n\nPublic Safety Minister Ana Ruiz said the "
            "government would ban two more chemicals.")
    assert statuses(body, dateline="HALIFAX, N.S. - ") == ["planned"]


def test_it_in_a_time_clause_tells_of_something_else() -> None:
    found = [t for t, _, _ in claims("Allies expect Canada to run the new academy when it opens next year.")]
    assert len(found) == 1 and found[0].startswith("Canada to run the new academy")


def test_it_of_a_speaker_sharing_its_subject_is_that_speaker() -> None:
    body = ("Canada pledged new funds on Monday. The Norvian embassy welcomed the pledge and said it hoped "
            "Canada would send more.")
    found = [t for t, _, _ in claims(body)]
    assert "it hoped" not in found and any(t.startswith("Canada would send") for t in found)
