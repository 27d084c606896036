from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefer.compose.grounding import cap_status, cue_status, ground, is_verbatim, verify_quote
from briefer.schema import Actor, Brief, Point, Quote, RoleClaim
from briefer.text import normalise

SOURCE = ("Canada\u2019s recent move to significantly increase defence spending has positioned the country "
          "to assume a more prominent role \u2014 the official added.")


def test_verbatim_ignores_quotes_dashes_case_and_whitespace() -> None:
    assert is_verbatim("canada's recent move to  significantly\nincrease defence spending", SOURCE)
    assert is_verbatim("a more prominent role - the official added", SOURCE)
    assert not is_verbatim("Canada has deployed troops", SOURCE)
    assert not is_verbatim("   ", SOURCE)


def test_made_up_quote_is_caught_and_near_quote_repaired() -> None:
    sources = {"a": SOURCE}
    sentences = {"a": [SOURCE]}
    invented = verify_quote(Quote(text="Canada will send 5,000 troops to Norway", source="a"), sources, sentences)
    assert invented.verified is False
    near = verify_quote(Quote(text="Canada's move to increase defence spending has positioned the country to "
                                   "assume a more prominent role", source="a"), sources, sentences)
    assert near.verified and near.text == SOURCE


def test_ground_drops_unsupported_facts_and_counts() -> None:
    brief = Brief(headline="h", summary=Point(text="s", quotes=[Quote(text="not there", source="a")]),
                  who=[Actor(name="Real", quotes=[Quote(text="recent move", source="a")]),
                       Actor(name="Invented", quotes=[Quote(text="Canada has deployed troops", source="a")])],
                  focus_role=[RoleClaim(claim="see https://evil.example/x", status="done",
                                        quotes=[Quote(text="recent move", source="a")])])
    out = ground(brief, {"a": SOURCE}, {"a": [SOURCE]})
    assert [a.name for a in out.who] == ["Real"]
    assert out.focus_role == []  # its URL is in no source
    assert out.grounding.dropped == 2
    assert out.grounding.total == 4 and out.grounding.verified == 1  # summary is kept but unsupported
    assert out.summary.supported is False


def test_status_capped_by_first_cue_word() -> None:
    analysts = "Observers suggest Roe's visit could see Canada taking charge of the patrols"
    assert cap_status("done", analysts) == "speculative"
    expected = "with Canada likely to set out what it could offer to the joint patrols next year"
    assert cue_status(expected) == "expected"
    assert cap_status("done", expected) == "expected"
    assert cap_status("speculative", expected) == "speculative"  # a cap never raises certainty
    assert cap_status("done", "Roe is scheduled to hold bilateral meetings") == "planned"
    assert cap_status("done", "Canada has been a staunch ally to Norway") == "done"
    assert cap_status("done", "Canada and Denmark are close to an agreement on joint patrols") == "expected"
    assert cap_status("done", "Canada is nearing a deal with Mexico") == "expected"
    assert cap_status("done", "Canada sent close to 200 troops") == "done"
    assert cap_status("done", "Canada pledged $200 million on Tuesday") == "done"
    assert cap_status("done", "Canada pledged to send 200 troops") == "planned"


def test_the_cue_nearest_the_focus_country_governs() -> None:
    sentence = ("Roe joins talks on a potential fishing accord, with Canada likely to set out what it could "
                "offer to the joint patrols next year")
    anchor = sentence.index("Canada")
    assert cue_status(sentence) == "speculative"  # "potential" comes first in the sentence
    assert cap_status("done", sentence, anchor) == "expected"
    analysts = "Observers suggest Roe's visit could see Canada taking charge of the patrols"
    assert cap_status("done", analysts, analysts.index("Canada")) == "speculative"


@given(st.text(max_size=200), st.text(max_size=60))
def test_normalise_is_idempotent_and_substrings_verify(text: str, extra: str) -> None:
    assert normalise(normalise(text)) == normalise(text)
    body = extra + text + extra
    if normalise(text).strip(" .,;:\"'"):
        assert is_verbatim(text, body)


def test_agent_cue_only_where_the_country_acts() -> None:
    from briefer.compose.grounding import agent_cue
    from briefer.extract.focus import focus_on

    canada = focus_on("Canada").pattern
    assert agent_cue("Observers suggest the trip could see Canada taking charge of patrols", canada) == "speculative"
    assert agent_cue("with Canada likely to set out what it could offer", canada) == "expected"
    assert agent_cue("He said he might retire to Portugal or Canada one day", canada) is None
    assert agent_cue("Canada took to the radio to greet them", canada) is None  # no cue: the model decides


def test_a_discrepancy_stands_only_on_verified_quotes_of_two_articles() -> None:
    from briefer.schema import Discrepancy

    sources = {"a": "The summit opened on Monday.", "b": "The summit opened on Tuesday."}
    sentences = {k: [v] for k, v in sources.items()}
    good = Discrepancy(about="date", quotes=[Quote(text="The summit opened on Monday.", source="a"),
                                             Quote(text="The summit opened on Tuesday.", source="b")])
    forged = Discrepancy(about="date", quotes=[Quote(text="The summit opened on Monday.", source="a"),
                                               Quote(text="The summit was cancelled.", source="b")])
    brief = Brief(headline="h", summary=Point(text="s"), discrepancies=[good, forged])
    ground(brief, sources, sentences)
    assert [d.sources for d in brief.discrepancies] == [["a", "b"]]
    assert all(q.verified for q in brief.discrepancies[0].quotes)
