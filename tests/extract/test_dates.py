"""briefer.extract.dates: every rule of the module docstring, on small texts written for the tests and the seeds."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.extract.dates import Anchor, DateMention, explicit_years, find_dates, resolve
from briefer.read.sources import load

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
TODAY = datetime.date(2026, 11, 23)
PUB = datetime.date(2016, 11, 8)  # a Tuesday
ISO = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")


def mentions(text: str, anchor: Anchor) -> dict[str, tuple[str, str]]:
    found = find_dates(text, anchor)
    for m in found:
        assert text[m.start:m.end] == m.text
    return {m.text: (m.iso, m.basis) for m in found}


# --- 1. an explicit year -------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "iso"), [
    ("Monday, January 5, 2026", "2026-01-05"),
    ("5 January 2026", "2026-01-05"),
    ("Nov 9, 2016 at 3:42am", "2016-11-09"),
    ("the 6th of January, 2026", "2026-01-06"),
    ("January 2026", "2026-01"),
    ("May 2016", "2016-05"),
    ("2016-11-06", "2016-11-06"),
    ("2016", "2016"),
])
def test_explicit_year(written: str, iso: str) -> None:
    assert resolve(written, Anchor(published=datetime.date(1999, 1, 1))) == (iso, "text")


def test_impossible_day_keeps_the_month() -> None:
    assert resolve("February 30, 2026", Anchor()) == ("2026-02", "partial")


@pytest.mark.parametrize("text", [
    "More than 2000 people marched.", "The 1500 homes were empty.", "It fell 2016 metres.",
    "Call 0800 0560154.",
    "Sales rose 2015/16.",
])
def test_numbers_that_are_not_years(text: str) -> None:
    assert find_dates(text, Anchor()) == []


def test_a_clock_time_is_not_a_year() -> None:
    assert mentions("The clock showed 20:16 at the break.", Anchor()) == {"20:16": ("", "partial")}


@pytest.mark.parametrize("text", ["In 2016, the team won.", "Local vote 2016: Roe wins", "since 1921."])
def test_years_alone(text: str) -> None:
    [m] = find_dates(text, Anchor())
    assert m.basis == "text" and m.iso == m.text.strip(".") == re.search(r"\d{4}", text)[0]


# --- 2. month and day without a year -------------------------------------------------------------------

def test_weekday_written_with_the_date_picks_the_year() -> None:
    anchor = Anchor(today=TODAY)
    assert resolve("Tuesday, January 6", anchor) == ("2026-01-06", "weekday")
    assert resolve("Monday 5 January", anchor) == ("2026-01-05", "weekday")
    # the matching date nearest the publish date
    assert resolve("Tuesday, January 6", Anchor(published=PUB, today=TODAY)) == ("2015-01-06", "weekday")
    # no publish date: nearest the day the brief is made and never after it; years named elsewhere in the
    # text (history: a treaty, a founding) never date it
    assert resolve("Tuesday, January 6", Anchor(years=(2009, 2012), today=TODAY)) == ("2026-01-06", "weekday")
    made = datetime.date(2026, 1, 5)  # the day before: the latest earlier Tuesday, January 6
    assert resolve("Tuesday, January 6", Anchor(years=(1951,), today=made)) == ("2015-01-06", "weekday")


def test_publish_date_gives_the_nearest_occurrence_across_new_year() -> None:
    assert resolve("December 30", Anchor(published=datetime.date(2017, 1, 2))) == ("2016-12-30", "published")
    assert resolve("Jan 2", Anchor(published=datetime.date(2016, 12, 30))) == ("2017-01-02", "published")
    assert resolve("November 6", Anchor(published=PUB)) == ("2016-11-06", "published")


def test_a_year_named_elsewhere_never_dates_a_day() -> None:
    made = datetime.date(2026, 12, 2)
    assert resolve("January 6", Anchor(years=(1998,), today=made)) == ("2026-01-06", "today")
    assert resolve("January 6", Anchor(years=(2025, 2026), today=made)) == ("2026-01-06", "today")
    assert resolve("January 6, 1998", Anchor(today=made)) == ("1998-01-06", "text")  # its own year does


def test_no_year_anywhere_is_the_latest_such_day_not_after_the_brief() -> None:
    made = datetime.date(2026, 3, 1)
    assert resolve("January 6", Anchor(today=made)) == ("2026-01-06", "today")
    assert resolve("March 2", Anchor(today=made)) == ("2025-03-02", "today")  # never after the brief's day
    found = mentions("Talks resumed on January 6 in Rome.", Anchor(today=made))
    assert found == {"January 6": ("2026-01-06", "today")}
    assert resolve("February 29", Anchor(today=made)) == ("", "partial")  # no such day within a year


# --- 3. the dateline date ------------------------------------------------------------------------------

def test_dateline_date_takes_the_weekday_of_its_paragraph() -> None:
    text = "Talks\n\nROME, March 3: The ministers met on Tuesday in Rome.\n\nThey will meet again."
    anchor = Anchor(dateline="March 3", today=TODAY)
    assert mentions(text, anchor) == {"March 3": ("2026-03-03", "weekday"),
                                      "on Tuesday": ("2026-03-03", "dateline")}


def test_dateline_weekday_that_disagrees_with_the_publish_date_loses() -> None:
    text = "ROME, January 6: The ministers met on Monday."  # Jan 6 was a Monday in 2025, a Tuesday in 2026
    anchor = Anchor(dateline="January 6", published=datetime.date(2026, 1, 7), today=TODAY)
    assert mentions(text, anchor)["January 6"] == ("2026-01-06", "published")


def test_dateline_without_any_clue_is_the_latest_such_day() -> None:
    anchor = Anchor(dateline="January 6", today=datetime.date(2026, 12, 2))
    assert mentions("ROME, January 6: The ministers met.", anchor) == {"January 6": ("2026-01-06", "today")}


def test_dateline_day_anchors_other_month_days() -> None:
    text = "ROME, March 3: The ministers met on Tuesday. The deadline is March 31."
    found = mentions(text, Anchor(dateline="March 3", today=TODAY))
    assert found["March 31"] == ("2026-03-31", "dateline")


# --- 4. relative days ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "iso"), [
    ("on Tuesday", "2016-11-08"),  # the anchor day itself
    ("Sunday morning", "2016-11-06"),
    ("Wednesday night", "2016-11-02"),
    ("Tuesday's talks", "2016-11-08"),
    ("the early hours of Wednesday", "2016-11-02"),
    ("last Tuesday", "2016-11-01"),
    ("last Friday", "2016-11-04"),
    ("next Friday", "2016-11-11"),
    ("today", "2016-11-08"),
    ("this morning", "2016-11-08"),
    ("yesterday", "2016-11-07"),
    ("last night", "2016-11-07"),
    ("tomorrow", "2016-11-09"),
    ("two days ago", "2016-11-06"),
    ("three weeks ago", "2016-10-18"),
    ("last month", "2016-10"),
    ("two months ago", "2016-09"),
    ("last year", "2015"),
])
def test_relative_to_the_publish_date(written: str, iso: str) -> None:
    assert resolve(written, Anchor(published=PUB)) == (iso, "published")


def test_relative_without_an_anchor_day_is_partial() -> None:
    for written in ("on Tuesday", "yesterday", "two days ago", "Sunday morning"):
        assert resolve(written, Anchor(years=(2016,), today=TODAY)) == ("", "partial")


def test_a_week_is_not_a_date() -> None:
    assert resolve("last week", Anchor(published=PUB)) == ("", "partial")


def test_future_tense_takes_the_next_weekday() -> None:
    future = find_dates("Roe will meet Doe on Thursday.", Anchor(published=PUB))
    assert [(m.text, m.iso) for m in future] == [("on Thursday", "2016-11-10")]
    past = find_dates("They spoke on Thursday.", Anchor(published=PUB))
    assert [m.iso for m in past] == ["2016-11-03"]


# --- 5. times ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "iso"), [
    ("The ferry grounded shortly after 09:00 GMT near the pier.", "shortly after 09:00 GMT", ""),
    ("It happened at about 7.20am or 7.25am, coastguards said.", "at about 7.20am or 7.25am", ""),
    ("Crews were called at around 5am.", "at around 5am", ""),
    ("The last ferry left at 11:05 p.m. Thursday.", "at 11:05 p.m. Thursday", "2016-11-03"),
    ("The last ferry left 11:05 p.m. Thursday.", "11:05 p.m. Thursday", "2016-11-03"),
    ("The rain stopped almost midnight on Wednesday.", "almost midnight on Wednesday", "2016-11-02"),
    ("Fans gathered at 11am local time on Sunday.", "at 11am local time on Sunday", "2016-11-06"),
    ("Clock stopped at 23:15.", "at 23:15", ""),
])
def test_times_keep_their_qualifiers(text: str, written: str, iso: str) -> None:
    found = mentions(text, Anchor(published=PUB))
    assert written in found
    assert found[written] == (iso, "published" if iso else "partial")


def test_time_with_a_full_date() -> None:
    found = mentions("Posted Nov 9, 2016 at 3:42am.", Anchor())
    assert found == {"Nov 9, 2016 at 3:42am": ("2016-11-09", "text")}


def test_day_relative_to_an_event_is_a_mention() -> None:
    text = "The panel cleared him two days before the vote, and again two days before Polling Day."
    found = mentions(text, Anchor(published=PUB))
    assert found == {"two days before the vote": ("", "partial"),
                     "two days before Polling Day": ("", "partial")}


# --- 6. not dates, overlaps ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "After three days of slow searching, divers reached him.",
    "The lighthouse had been empty for five years.",
    "They had talked for months.",
    "The 17-year-old Dane passed 11 boats.",
    "The Rangers ended 96 years of waiting with a 4-3 win.",
    "Ruth May spoke, and the minister may resign. March on, they said.",
])
def test_durations_ages_and_numbers_are_not_mentions(text: str) -> None:
    assert find_dates(text, Anchor(published=PUB)) == []


def test_overlapping_mentions_keep_the_longest() -> None:
    found = find_dates("He landed on Monday, January 5, 2026, at noon.", Anchor())
    assert [m.text for m in found] == ["Monday, January 5, 2026, at noon"]
    assert found[0].iso == "2026-01-05"


def test_month_alone_after_a_preposition() -> None:
    text = "In July he resigned; by mid-March the board had met. May he rest."
    found = mentions(text, Anchor(published=PUB))
    assert found == {"In July": ("", "partial"), "mid-March": ("", "partial")}


def test_a_month_alone_is_placed_only_when_the_sentence_looks_ahead() -> None:
    text = ("Ministers will meet again in October. Roe will take up the office in January. "
            "Doe greeted the Lunds in November. The talks are due to resume in November.")
    found = find_dates(text, Anchor(published=PUB))
    assert [(m.text, m.iso, m.basis) for m in found] == [
        ("in October", "2017-10", "published"), ("in January", "2017-01", "published"),
        ("in November", "", "partial"), ("in November", "2016-11", "published")]
    assert mentions("The ministers will meet in March.", Anchor(years=(2016,))) == {"in March": ("", "partial")}


def test_explicit_years() -> None:
    text = "Since 1908, and on January 5, 2026, and in May 2016; 2000 people."
    assert explicit_years(text) == (1908, 2016, 2026)


# --- the seeds -----------------------------------------------------------------------------------------

def test_seed_arrival_date() -> None:
    [article] = load([INPUTS / "carney-arrives-in-paris.txt"])
    anchor = Anchor(published=article.published, dateline=article.dateline_date,
                    years=explicit_years(article.text), today=TODAY)
    found = find_dates(article.text, anchor)
    assert DateMention("Monday, January 5, 2026", found[0].start, found[0].end, "2026-01-05", "text") in found


def test_seed_talks_dateline_resolves_by_its_weekday() -> None:
    [article] = load([INPUTS / "carney-coalition-talks-paris.txt"])
    anchor = Anchor(published=article.published, dateline=article.dateline_date,
                    years=explicit_years(article.text), today=TODAY)
    found = mentions(article.text, anchor)
    assert found["January 6"] == ("2026-01-06", "weekday")
    assert found["on Tuesday"] == ("2026-01-06", "dateline")
    assert found["Tuesday’s"] == ("2026-01-06", "dateline")


# --- long texts and properties ------------------------------------------------------------------------------

def test_a_5kb_article_keeps_its_last_dates() -> None:
    """The dates at the end of a long text are found as at the start (how fast: bench/extract_speed.py)."""
    [article] = load([INPUTS / "carney-arrives-in-paris.txt"])
    last = "It ended on Sunday morning, two days ago, at 6.10am on November 6."
    text = ((article.text + "\n\n") * 2)[:5000] + "\n\n" + last
    found = mentions(text, Anchor(published=PUB))  # a Tuesday
    assert found["on Sunday morning"] == ("2016-11-06", "published")
    assert found["two days ago"] == ("2016-11-06", "published")
    assert found["at 6.10am on November 6"] == ("2016-11-06", "published")


_PIECES = st.sampled_from([
    "Monday", "Tuesday's", "on", "January", "Feb.", "May", "6", "31", "29", "2016", "1900", "2099", "9999",
    "at", "about", "6.10am", "06:00", "GMT", "midnight", "yesterday", "last", "next", "night", "two", "days",
    "ago", "before", "the", "election", ",", "of", "December", "3rd", "2016-02-30", "0001-01-01",
])
_ANCHORS = st.builds(
    Anchor,
    published=st.none() | st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)),
    dateline=st.none() | st.sampled_from(["January 6", "Tuesday, March 3", "Dec 31", "Feb 29", "nonsense"]),
    years=st.lists(st.integers(1, 9999), max_size=3).map(tuple),
    today=st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)),
)


@settings(max_examples=400, deadline=None)
@given(words=st.lists(_PIECES, min_size=1, max_size=8), anchor=_ANCHORS)
def test_resolve_never_returns_a_malformed_iso(words: list[str], anchor: Anchor) -> None:
    text = " ".join(words)
    iso, basis = resolve(text, anchor)
    assert ISO.match(iso)
    assert basis in ("text", "dateline", "published", "weekday", "today", "partial")
    if len(iso) == 10:
        datetime.date.fromisoformat(iso)
    for m in find_dates(text, anchor):
        assert ISO.match(m.iso) and text[m.start:m.end] == m.text
    assert (iso == "") <= (basis == "partial")


def test_a_modal_looks_ahead_unless_it_looks_back() -> None:
    text = ("Evacuees could begin returning on Thursday. The plane could not land on Monday. "
            "He may have left on Friday.")
    found = mentions(text, Anchor(published=PUB))  # a Tuesday
    assert found == {"on Thursday": ("2016-11-10", "published"), "on Monday": ("2016-11-07", "published"),
                     "on Friday": ("2016-11-04", "published")}
