"""briefer.extract.candidates and briefer.extract.names: sentences, names, focus, uncertainty; seeds and small texts."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.extract.candidates import Candidates, find_candidates
from briefer.extract.dates import Anchor
from briefer.extract.focus import focus_on
from briefer.extract.names import Name
from briefer.read.sources import Article, from_text, load
from briefer.text import split_sentences

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
TODAY = datetime.date(2026, 11, 23)
CANADA = focus_on("Canada")


def seed(name: str) -> tuple[Article, Candidates]:
    [article] = load([INPUTS / f"{name}.txt"])
    return article, find_candidates(article, CANADA, anchor=Anchor(published=article.published,
                                                                    dateline=article.dateline_date, today=TODAY))


def names_of(text: str, **kw: object) -> dict[str, Name]:
    article = from_text(text)
    return {n.name: n for n in find_candidates(article, CANADA, **kw).names}  # type: ignore[arg-type]


# --- sentences -----------------------------------------------------------------------------------------

def test_split_sentences_handles_abbreviations_initials_and_quotes() -> None:
    text = ("Roe in Lisbon\n"
            "Mr. Smith met Dr. Jones in the U.S. capital on Jan. 6 with Paul J. Doe. "
            "It ended at 11:05 p.m. Friday after a long day. "
            "\"We are ready.\" The minister left at 6 p.m. The talks resume soon!\n\n"
            "\"Is it over?\" he asked. Yes.")
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "Roe in Lisbon",
        "Mr. Smith met Dr. Jones in the U.S. capital on Jan. 6 with Paul J. Doe.",
        "It ended at 11:05 p.m. Friday after a long day.",
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

def test_seed_focus_sentences() -> None:
    _, cands = seed("carney-coalition-talks-paris")
    focus = [s.text for s in cands.focus_sentences]
    assert any("with Canada expected to outline how it could contribute" in s for s in focus)
    assert any(s.startswith("Ottawa’s enhanced military capacity") for s in focus)
    assert not any("Maduro" in s for s in focus)


def test_focus_matches_whole_words_only() -> None:
    article = from_text("Title\n\nThe Canadas Club met. Canada's envoy spoke. Canadian troops left. Nothing.")
    cands = find_candidates(article, CANADA)
    assert [s.text for s in cands.focus_sentences] == ["Canada's envoy spoke.", "Canadian troops left."]


def test_uncertain_sentences() -> None:
    article = from_text("Title\n\nIt is unclear whether talks resume. Ruth May spoke. "
                        "Troops could stay. It remains to be seen. He left. May they win.")
    cands = find_candidates(article, CANADA)
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
    names = {n.name: n for n in find_candidates(article, CANADA).names}
    assert names["Ottawa"].kind_hint == "place"
    assert "OTTAWA" not in names


# --- names on small texts ------------------------------------------------------------------------------

def test_titles_honorifics_and_merged_surnames() -> None:
    names = names_of("Talks end\n\nFBI Director Jane A. Roe wrote to Congress. Ms Roe said Jane Roe "
                     "was right. Then Paul J. Doe spoke, and Doe left. Mrs Wierzbicka, 42, said so.")
    roe = names["Jane A. Roe"]
    assert roe.role_hint == "FBI Director" and roe.kind_hint == "person"
    assert {"Roe", "Jane Roe", "Ms Roe"} <= set(roe.aliases)
    assert roe.count == 3
    assert set(names["Paul J. Doe"].aliases) == {"Doe"}
    assert names["Wierzbicka"].kind_hint == "person"
    assert names["FBI"].kind_hint == "organisation"  # from the title "FBI Director"


def test_roles_before_and_after_names() -> None:
    names = names_of("Race report\n\nKestrel Motors boss Ilse Brandt was delighted. Lakeside police deputy "
                     "chief Omar Vey spoke. Robin Hale, Assistant Chief Constable of the Coastal Rail "
                     "Police, said it. Mayor of Leeds Paul Doe came. Ann Poe, the former world champion, "
                     "agreed. The FBI, the Lakeside Fire Rescue Department, and others came.")
    assert names["Ilse Brandt"].role_hint == "Kestrel Motors boss"
    assert names["Omar Vey"].role_hint == "Lakeside police deputy chief"
    assert names["Robin Hale"].role_hint == "Assistant Chief Constable of the Coastal Rail Police"
    assert names["Paul Doe"].role_hint == "Mayor of Leeds"
    assert names["Ann Poe"].role_hint == "the former world champion"
    assert names["Coastal Rail Police"].kind_hint == "organisation"
    assert names["FBI"].role_hint == ""


@pytest.mark.parametrize(("before", "role"), [
    ("Norvia's trade minister, ", "Norvia's trade minister"),
    ("On Monday the agency's chief economist, ", "the agency's chief economist"),
    ("Speaking in Lima, the deputy ambassador, ", "the deputy ambassador"),
])
def test_a_title_set_off_before_a_name(before: str, role: str) -> None:
    names = names_of(f"Talks\n\n{before}Mara Quill, said the talks would go on.")
    assert names["Mara Quill"].role_hint == role and names["Mara Quill"].kind_hint == "person"


def test_a_list_before_a_name_is_no_title() -> None:
    names = names_of("Talks\n\nDelegates came from Lima, Quito and Norvia, Mara Quill said.")
    assert names["Mara Quill"].role_hint == ""


def test_acronyms_merge_into_what_they_abbreviate() -> None:
    names = names_of("Report\n\nThe Marine Accident Review Board (MARB) is looking. The MARB said so.")
    assert names["Marine Accident Review Board"].aliases == ["MARB"]
    assert names["Marine Accident Review Board"].count == 3


def test_places() -> None:
    names = names_of("Rescue\n\nThe boy fell down a well in Zigong, Sichuan province on Sunday. Crowds "
                     "gathered in downtown Halifax and outside Harbour Tower, near Riverside Park, in Hove, "
                     "north Leeds. He races at Zandvoort.")
    for place in ("Zigong", "Sichuan province", "downtown Halifax", "Harbour Tower", "Riverside Park", "Hove",
                  "north Leeds", "Zandvoort"):
        assert names[place].kind_hint == "place", place


def test_not_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFER_NLP", "off")  # the rules alone (a recogniser may not know an invented name)
    names = names_of("Harbour Talks Begin In Lisbon Today\n\n"
                     "The talks began. During the talks, Despite the rain, According to officials, "
                     "the Prime Minister spoke on Tuesday in January. Hundreds of rescuers came. "
                     "Canadian and French troops left. #KeepTheFerry was trending. "
                     "BACK ON TRACK Ilse Brandt retired. I'm sure, I said. Lisbon was calm.")
    assert set(names) == {"Ilse Brandt", "Lisbon"}


def test_headline_words_count_but_make_no_names() -> None:
    names = names_of("Roe Visits Lisbon For Crucial Talks\n\nRoe arrived in Lisbon. Jane Roe spoke.")
    assert set(names) == {"Jane Roe", "Lisbon"}
    assert names["Jane Roe"].count == 3 and names["Jane Roe"].sentence == 0
    assert names["Lisbon"].count == 2


def test_sentence_case_title_makes_names() -> None:
    names = names_of("People are angry over Fizzbar's new shape\n\nFans said the bar looked odd.")
    assert "Fizzbar" in names


def test_first_name_merges_into_the_one_person_it_fits() -> None:
    names = names_of("Vote\n\nIlse Brandt spoke. Supporters cheered for Ilse. Omar Vey and "
                     "Omar Lund watched. Omar waved.")
    assert "Ilse" in names["Ilse Brandt"].aliases
    assert names["Omar Vey"].aliases == names["Omar Lund"].aliases == []  # two Omars: no merge


def test_names_with_connectors_and_numbers() -> None:
    names = names_of("Series\n\nThe Office of Water and Power and Transport for Leeds met at the Bank of "
                     "England before Stage 4 of the Coastal Cup. Jane Roe of Canada spoke.")
    assert {"Office of Water and Power", "Transport for Leeds", "Bank of England", "Stage 4", "Coastal Cup",
            "Jane Roe", "Canada"} <= set(names)


def test_collective_phrases() -> None:
    names = names_of("Summit\n\nRoe met Norway's and Iceland's heads of government and the so-called "
                     "\"friends of the river\", then the leaders of Spain and Italy.")
    for group in ("Norway's and Iceland's heads of government", "friends of the river",
                  "leaders of Spain and Italy"):
        assert names[group].kind_hint == "group"


def test_ranking_and_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFER_NLP", "off")  # made-up names no recogniser knows: the rules' ranking alone
    text = "Roe in Lisbon\n\n" + " ".join(f"Person{c} Example{c} spoke." for c in "ABCDEFGHIJKLMNOPQR")
    cands = find_candidates(from_text(text + " Roe and Jane Roe listened in Lisbon."), CANADA, max_names=5)
    assert len(cands.names) == 5
    assert [n.name for n in cands.names[:2]] == ["Jane Roe", "Lisbon"]


# --- find_candidates -----------------------------------------------------------------------------------

def test_default_anchor_comes_from_the_article() -> None:
    article = from_text("Title\n\nPublished: 2016-11-08\n\nThe boy fell into the well on Sunday morning.")
    [date] = find_candidates(article, CANADA).dates
    assert (date.text, date.iso, date.basis) == ("on Sunday morning", "2016-11-06", "published")


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
    cands = find_candidates(article, CANADA, anchor=Anchor(today=TODAY))
    for n in cands.names:
        assert n.name and n.count >= 1 and 0 <= n.first < len(text) and n.name not in n.aliases
        assert n.kind_hint in ("person", "organisation", "place", "group", "")
    for s in (*cands.sentences, *cands.focus_sentences, *cands.uncertain_sentences):
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("focus", ["Canada", "United Kingdom", "Mars"])
def test_candidate_sentences_are_sentences_of_the_article(focus: str) -> None:
    article, _ = seed("carney-arrives-in-paris")
    cands = find_candidates(article, focus_on(focus), anchor=Anchor(today=TODAY))
    every = set(cands.sentences)
    assert set(cands.focus_sentences) <= every and set(cands.uncertain_sentences) <= every
    for d in cands.dates:
        assert article.text[d.start:d.end] == d.text


def test_people_who_act_for_the_focus_country_make_focus_sentences() -> None:
    talks = find_candidates(load([INPUTS / "carney-coalition-talks-paris.txt"])[0], CANADA)
    assert [p.name for p in talks.focus_people] == ["Mark Carney"]
    assert any(s.text.startswith("During his visit, Carney is scheduled") for s in talks.focus_sentences)
    # Another country's leader, and a leader named with the focus country only once, act for nobody here.
    text = ("Leaders meet\n\nFrench President Paul Doe met Canada's Prime Minister Jane Roe in Lisbon.\n"
            "Doe said Canada would help.\nRoe agreed.")
    assert [p.name for p in find_candidates(from_text(text), CANADA).focus_people] == ["Jane Roe"]
    denmark = focus_on("Denmark")
    assert find_candidates(load([INPUTS / "carney-coalition-talks-paris.txt"])[0], denmark).focus_people == []


def test_an_envoy_introduced_as_the_focus_countrys_is_one_of_its_people() -> None:
    text = "Talks in Geneva\n\nThe Canadian ambassador Jane Roe met officials on Monday. Roe left later."
    people = find_candidates(from_text(text), CANADA).focus_people
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


def test_a_place_word_is_not_the_first_name_of_a_paper_named_after_it() -> None:
    names = names_of("Crash\n\nThe Riverton Herald reported the crash. Two victims came from Riverton, and the "
                     "Riverton Herald named them on Friday.")
    assert "Riverton" in names and names["Riverton Herald"].count == 2
