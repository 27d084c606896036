"""The focus value: the country's terms and patterns, built once, and the people who act for it."""

from __future__ import annotations

from briefer.extract.focus import focus_on, terms_of
from briefer.extract.names import Name
from briefer.text import split_sentences


def test_terms_of_a_country() -> None:
    canada = terms_of("Canada")
    assert canada[:3] == ["Canada", "Canadian", "Canadians"] and "Ottawa" in canada
    uk = terms_of("UK")
    assert {"United Kingdom", "UK", "Britain", "British", "London"} <= set(uk)
    assert "Washington" in terms_of("united states")
    assert terms_of("Atlantis") == ["Atlantis"]


def test_the_value_is_built_once_and_holds_both_patterns() -> None:
    focus = focus_on("Canada")
    assert focus_on("Canada") is focus
    assert focus.country == "Canada" and focus.terms == tuple(terms_of("Canada"))
    assert focus.pattern.search("Ottawa's plan") and not focus.pattern.search("the Canadas Club")
    assert focus.others.search("a French envoy") and not focus.others.search("a Canadian envoy")
    assert focus.people == () and focus.acting is focus.pattern


def test_an_unknown_country_is_its_own_only_term() -> None:
    focus = focus_on("Atlantis")
    assert focus.terms == ("Atlantis",) and focus.pattern.search("Atlantis said")
    assert focus.others.search("Canada said")


def test_with_people_adds_their_names_to_what_acts_for_the_country() -> None:
    roe = Name("Jane Roe", ["Roe"], count=2, first=0, sentence=0, role_hint="Foreign Minister", kind_hint="person")
    focus = focus_on("Canada").with_people([roe])
    assert focus.people == (roe,) and focus_on("Canada").people == ()
    assert focus.acting.search("Roe said") and focus.acting.search("Canada said")
    assert not focus.pattern.search("Roe said")


def test_find_people_keeps_only_those_who_hold_an_office_of_the_country() -> None:
    text = ("Envoys meet\n\nThe Canadian ambassador Jane Roe met the French Foreign Minister Paul Doe in Geneva. "
            "Doe left early.")
    sentences = split_sentences(text)
    roe = Name("Jane Roe", ["Roe"], 1, text.index("Jane"), 1, "ambassador", "person")
    doe = Name("Paul Doe", ["Doe"], 2, text.index("Paul"), 1, "Foreign Minister", "person")
    untitled = Name("Ann Poe", ["Poe"], 1, 0, 1, "", "person")
    assert focus_on("Canada").find_people([roe, doe, untitled], sentences, text) == [roe]
    assert focus_on("France").find_people([roe, doe, untitled], sentences, text) == [doe]
