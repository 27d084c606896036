"""briefer.extract.candidates and briefer.extract.names: sentences, names, focus, uncertainty; seeds and small texts."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.extract.candidates import Candidates, Name, find_candidates, focus_terms
from briefer.extract.dates import Anchor
from briefer.read.sources import Article, from_text, load
from briefer.text import split_sentences

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
TODAY = datetime.date(2026, 11, 23)


def seed(name: str) -> tuple[Article, Candidates]:
    [article] = load([INPUTS / f"{name}.txt"])
    return article, find_candidates(article, anchor=Anchor(published=article.published,
                                                            dateline=article.dateline_date, today=TODAY))


def names_of(text: str, **kw: object) -> dict[str, Name]:
    article = from_text(text)
    return {n.name: n for n in find_candidates(article, **kw).names}  # type: ignore[arg-type]


# --- sentences -----------------------------------------------------------------------------------------

def test_split_sentences_handles_abbreviations_initials_and_quotes() -> None:
    text = ("Carney in Paris\n"
            "Mr. Smith met Dr. Jones in the U.S. capital on Jan. 6 with Donald J. Trump. "
            "It ended at 12:47 a.m. Thursday after a long day. "
            "\"We are ready.\" The minister left at 6 p.m. The talks resume soon!\n\n"
            "\"Is it over?\" he asked. Yes.")
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "Carney in Paris",
        "Mr. Smith met Dr. Jones in the U.S. capital on Jan. 6 with Donald J. Trump.",
        "It ended at 12:47 a.m. Thursday after a long day.",
        "\"We are ready.\"",
        "The minister left at 6 p.m.",
        "The talks resume soon!",
        "\"Is it over?\" he asked.",
        "Yes.",
    ]


def test_sentences_have_exact_offsets_and_indexes() -> None:
    text = "Title line\n\n  First one. Second one?  \nThird"
    sents = split_sentences(text)
    assert [s.index for s in sents] == [0, 1, 2, 3]
    for s in sents:
        assert text[s.start:s.end] == s.text and s.text == s.text.strip()


def test_seed_title_is_its_own_sentence() -> None:
    article, cands = seed("carney-arrives-in-paris")
    assert cands.sentences[0].text == article.title
    assert cands.sentences[1].text == "Carney in Paris for Ukraine Ceasefire Talks"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc XYZ.!?\"“”'()\n\t U.S. Mr. 6 a.m. J.")), max_size=300))
def test_sentence_offsets_slice_back(text: str) -> None:
    previous_end = -1
    for i, s in enumerate(split_sentences(text)):
        assert s.index == i and s.text and text[s.start:s.end] == s.text
        assert s.start >= previous_end
        previous_end = s.end


# --- focus and uncertainty -----------------------------------------------------------------------------

def test_focus_terms() -> None:
    canada = focus_terms("Canada")
    assert canada[:3] == ["Canada", "Canadian", "Canadians"] and "Ottawa" in canada
    uk = focus_terms("UK")
    assert {"United Kingdom", "UK", "Britain", "British", "London"} <= set(uk)
    assert "Washington" in focus_terms("united states")
    assert focus_terms("Atlantis") == ["Atlantis"]


def test_seed_focus_sentences() -> None:
    _, cands = seed("carney-coalition-talks-paris")
    focus = [s.text for s in cands.focus_sentences]
    assert any("with Canada expected to outline how it could contribute" in s for s in focus)
    assert any(s.startswith("Ottawa’s enhanced military capacity") for s in focus)
    assert not any("Maduro" in s for s in focus)


def test_focus_matches_whole_words_only() -> None:
    article = from_text("Title\n\nThe Canadas Club met. Canada's envoy spoke. Canadian troops left. Nothing.")
    cands = find_candidates(article, "Canada")
    assert [s.text for s in cands.focus_sentences] == ["Canada's envoy spoke.", "Canadian troops left."]


def test_uncertain_sentences() -> None:
    article = from_text("Title\n\nIt is unclear whether talks resume. Theresa May spoke. "
                        "Troops could stay. It remains to be seen. He left. May they win.")
    cands = find_candidates(article)
    assert [s.text for s in cands.uncertain_sentences] == [
        "It is unclear whether talks resume.", "Troops could stay.", "It remains to be seen.",
        "May they win."]


# --- names on the seeds --------------------------------------------------------------------------------

def test_seed_arrival_names() -> None:
    _, cands = seed("carney-arrives-in-paris")
    names = {n.name: n for n in cands.names}
    carney = names["Mark Carney"]
    assert carney.role_hint == "Prime Minister" and carney.kind_hint == "person"
    assert {"Carney", "Prime Minister Mark Carney"} <= set(carney.aliases)
    assert carney.sentence == 0 and carney.count >= 4
    burger = names["Nadia Burger"]
    assert "deputy ambassador" in burger.role_hint and burger.kind_hint == "person"
    assert names["Paris"].kind_hint == "place"
    assert names["Charles de Gaulle Airport"].kind_hint == "place"
    assert names["Canadian Embassy"].kind_hint == "organisation"
    headline_noise = {"Diplomatic Arrival", "French Capital", "Crucial Role", "PM Carney", "Prime Minister"}
    assert not headline_noise & set(names)
    dates = {(d.text, d.iso, d.basis) for d in cands.dates}
    assert ("Monday, January 5, 2026", "2026-01-05", "text") in dates


def test_seed_talks_names() -> None:
    article, cands = seed("carney-coalition-talks-paris")
    names = {n.name: n for n in cands.names}
    assert names["Paris"].kind_hint == "place"
    assert names["Mark Rutte"].role_hint == "NATO Secretary-General"
    assert names["coalition of the willing"].kind_hint == "group"
    assert names["heads of government from Denmark and Finland"].kind_hint == "group"
    assert {"Denmark", "Finland", "Nicolas Maduro"} <= set(names)
    assert "Rajeev Sharma" not in names  # the byline line is no actor
    assert ("January 6", "2026-01-06", "weekday") in {(d.text, d.iso, d.basis) for d in cands.dates}
    for n in cands.names:
        assert article.text[n.first:].startswith((n.name, *n.aliases)) or n.name == "Paris"


def test_dateline_place_is_a_name() -> None:
    article = from_text("Title words\n\nOTTAWA — The cabinet met on Friday.")
    names = {n.name: n for n in find_candidates(article).names}
    assert names["Ottawa"].kind_hint == "place"
    assert "OTTAWA" not in names


# --- names on small texts ------------------------------------------------------------------------------

def test_titles_honorifics_and_merged_surnames() -> None:
    names = names_of("Talks end\n\nFBI Director James B. Comey wrote to Congress. Mr Comey said James Comey "
                     "was right. Then Donald J. Trump spoke, and Trump left. Mrs Rynkiewicz, 42, said so.")
    comey = names["James B. Comey"]
    assert comey.role_hint == "FBI Director" and comey.kind_hint == "person"
    assert {"Comey", "James Comey", "Mr Comey"} <= set(comey.aliases)
    assert comey.count == 3
    assert set(names["Donald J. Trump"].aliases) == {"Trump"}
    assert names["Rynkiewicz"].kind_hint == "person"
    assert names["FBI"].kind_hint == "organisation"  # from the title "FBI Director"


def test_roles_before_and_after_names() -> None:
    names = names_of("Race report\n\nRed Bull boss Christian Horner was delighted. Seattle police assistant "
                     "chief Robert Merner spoke. Robin Smith, Assistant Chief Constable of the British "
                     "Transport Police, said it. Mayor of London Sadiq Khan came. Niki Lauda, the former "
                     "world champion, agreed. The FBI, the New York Police Department, and others came.")
    assert names["Christian Horner"].role_hint == "Red Bull boss"
    assert names["Robert Merner"].role_hint == "Seattle police assistant chief"
    assert names["Robin Smith"].role_hint == "Assistant Chief Constable of the British Transport Police"
    assert names["Sadiq Khan"].role_hint == "Mayor of London"
    assert names["Niki Lauda"].role_hint == "the former world champion"
    assert names["British Transport Police"].kind_hint == "organisation"
    assert names["FBI"].role_hint == ""


def test_acronyms_merge_into_what_they_abbreviate() -> None:
    names = names_of("Report\n\nThe Rail Accident Investigation Branch (RAIB) is looking. The RAIB said so.")
    assert names["Rail Accident Investigation Branch"].aliases == ["RAIB"]
    assert names["Rail Accident Investigation Branch"].count == 3


def test_places() -> None:
    names = names_of("Rescue\n\nThe boy fell down a well in Baoding, Hebei province on Sunday. Crowds "
                     "gathered in downtown Seattle and outside Trump Tower, near Wrigley Field, in Croydon, "
                     "south London. He races at Interlagos.")
    for place in ("Baoding", "Hebei province", "downtown Seattle", "Trump Tower", "Wrigley Field", "Croydon",
                  "south London", "Interlagos"):
        assert names[place].kind_hint == "place", place


def test_not_names() -> None:
    names = names_of("Ceasefire Talks Begin In Paris Today\n\n"
                     "The talks began. During the talks, Despite the rain, According to officials, "
                     "the Prime Minister spoke on Tuesday in January. Dozens of rescuers came. "
                     "Canadian and French troops left. #LoveTrumpsHate was trending. "
                     "CHANGE OF GEAR Felipe Massa retired. I'm sure, I said. Paris was calm.")
    assert set(names) == {"Felipe Massa", "Paris"}


def test_headline_words_count_but_make_no_names() -> None:
    names = names_of("Carney Visits Paris For Crucial Talks\n\nCarney arrived in Paris. Mark Carney spoke.")
    assert set(names) == {"Mark Carney", "Paris"}
    assert names["Mark Carney"].count == 3 and names["Mark Carney"].sentence == 0
    assert names["Paris"].count == 2


def test_sentence_case_title_makes_names() -> None:
    names = names_of("People are angry over Toblerone's new shape\n\nFans said the bar looked odd.")
    assert "Toblerone" in names


def test_first_name_merges_into_the_one_person_it_fits() -> None:
    names = names_of("Vote\n\nHillary Clinton spoke. Supporters cheered for Hillary. Mark Smith and "
                     "Mark Jones watched. Mark waved.")
    assert "Hillary" in names["Hillary Clinton"].aliases
    assert names["Mark Smith"].aliases == names["Mark Jones"].aliases == []  # two Marks: no merge


def test_names_with_connectors_and_numbers() -> None:
    names = names_of("Series\n\nThe Office of Rail and Road and Transport for London met at the Bank of "
                     "England before Game 7 of the World Series. Mark Carney of Canada spoke.")
    assert {"Office of Rail and Road", "Transport for London", "Bank of England", "Game 7", "World Series",
            "Mark Carney", "Canada"} <= set(names)


def test_collective_phrases() -> None:
    names = names_of("Summit\n\nCarney met Denmark's and Finland's heads of government and the so-called "
                     "\"coalition of the willing\", then the leaders of France and Germany.")
    for group in ("Denmark's and Finland's heads of government", "coalition of the willing",
                  "leaders of France and Germany"):
        assert names[group].kind_hint == "group"


def test_ranking_and_limit() -> None:
    text = "Carney in Paris\n\n" + " ".join(f"Person{c} Example{c} spoke." for c in "ABCDEFGHIJKLMNOPQR")
    cands = find_candidates(from_text(text + " Carney and Mark Carney listened in Paris."), max_names=5)
    assert len(cands.names) == 5
    assert [n.name for n in cands.names[:2]] == ["Mark Carney", "Paris"]


# --- find_candidates -----------------------------------------------------------------------------------

def test_default_anchor_comes_from_the_article() -> None:
    article = from_text("Title\n\nPublished: 2016-11-08\n\nThe boy fell into the well on Sunday morning.")
    [date] = find_candidates(article).dates
    assert (date.text, date.iso, date.basis) == ("on Sunday morning", "2016-11-06", "published")


def test_find_candidates_is_quick_on_the_seeds() -> None:
    article, _ = seed("carney-coalition-talks-paris")
    start = time.perf_counter()
    for _ in range(5):
        find_candidates(article, anchor=Anchor(today=TODAY))
    assert (time.perf_counter() - start) / 5 < 0.1


_WORDS = st.sampled_from([
    "Mr.", "Dr", "Mark", "Carney", "Prime", "Minister", "NATO", "of", "the", "and", "de", "al-Assad", "Paris",
    "PARIS", "January", "6", "2026", ",", ".", ":", "—", "(Reuters)", "-", "\"", "“coalition", "willing”",
    "so-called", "heads", "government", "from", "Denmark", "Canada's", "Game", "7", "I'm", "#Tag", "said",
    "province", "south", "London", "U.S.", "J.", "CHANGE", "GEAR", "\n", "\n\n", "Tuesday", "boss", "Co",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=60))
def test_find_candidates_handles_any_text(words: list[str]) -> None:
    text = "Title here\n\n" + " ".join(words)
    article = Article(id="x", text=text, title="Title here", dateline_place="Paris",
                      dateline_date="January 6")
    cands = find_candidates(article, anchor=Anchor(today=TODAY))
    for n in cands.names:
        assert n.name and n.count >= 1 and 0 <= n.first < len(text) and n.name not in n.aliases
        assert n.kind_hint in ("person", "organisation", "place", "group", "")
    for s in (*cands.sentences, *cands.focus_sentences, *cands.uncertain_sentences):
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("focus", ["Canada", "United Kingdom", "Mars"])
def test_candidate_sentences_are_sentences_of_the_article(focus: str) -> None:
    article, _ = seed("carney-arrives-in-paris")
    cands = find_candidates(article, focus, anchor=Anchor(today=TODAY))
    every = set(cands.sentences)
    assert set(cands.focus_sentences) <= every and set(cands.uncertain_sentences) <= every
    for d in cands.dates:
        assert article.text[d.start:d.end] == d.text


def test_people_who_act_for_the_focus_country_make_focus_sentences() -> None:
    talks = find_candidates(load([INPUTS / "carney-coalition-talks-paris.txt"])[0], "Canada")
    assert [p.name for p in talks.focus_people] == ["Mark Carney"]
    assert any(s.text.startswith("During his visit, Carney is scheduled") for s in talks.focus_sentences)
    # Another country's leader, and a leader named with the focus country only once, act for nobody here.
    text = ("Leaders meet\n\nFrench President Emmanuel Macron met Canada's Prime Minister Mark Carney in Paris.\n"
            "Macron said Canada would help.\nCarney agreed.")
    assert [p.name for p in find_candidates(from_text(text), "Canada").focus_people] == ["Mark Carney"]
    assert find_candidates(load([INPUTS / "carney-coalition-talks-paris.txt"])[0], "Denmark").focus_people == []


def test_an_envoy_introduced_as_the_focus_countrys_is_one_of_its_people() -> None:
    text = "Talks in Geneva\n\nThe Canadian ambassador Jane Roe met officials on Monday. Roe left later."
    people = find_candidates(from_text(text), "Canada").focus_people
    assert [p.name for p in people] == ["Jane Roe"]


def test_the_word_before_a_name_is_what_the_word_pattern_finds() -> None:
    """``titles.word_before`` walks back with str methods instead of the pattern: the same characters."""
    import re
    import sys

    from briefer.extract.roles import _LEAD_CHARS, _LEAD_WORD

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert {m.group() for m in re.finditer(_LEAD_WORD.pattern.removesuffix("+"), every)} == \
        {c for c in every if c.isalnum() or c in _LEAD_CHARS}
    assert {m.group() for m in re.finditer(r"\s", every)} == {c for c in every if c.isspace()}
