"""The timeline: which code-found dates make the brief's When (no model: dates are code's)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from briefer import brief
from briefer.compose.timeline import PUBLISHED_TEXT, anchor_days, needs_publication_item, rank, top
from briefer.schema import Dated
from tests.support.fakeserver import FakeOpenAI

PUB = datetime.date(2016, 11, 3)


def d(text: str, iso: str = "", basis: str = "partial") -> Dated:
    return Dated(text=text, iso=iso, basis=basis)  # type: ignore[arg-type]


def test_news_days_rank_before_times_history_and_vague_spans() -> None:
    anchors = [PUB]
    assert rank(d("Wednesday night", "2016-11-02", "published"), anchors) == 0
    assert rank(d("At 00:48"), anchors) == 1
    assert rank(d("Oct. 28", "2016-10-28", "published"), anchors) == 0  # six days before
    assert rank(d("Oct. 20", "2016-10-20", "published"), anchors) == 1
    assert rank(d("January 13, 2009", "2009-01-13", "text"), anchors) == 2
    assert rank(d("in May 2015", "2015-05", "text"), anchors) == 2
    assert rank(d("1908", "1908", "text"), anchors) == 3
    assert rank(d("last week"), anchors) == 3


def test_the_cut_keeps_the_news_day_and_shows_date_order() -> None:
    history = [d(str(y), str(y), "text") for y in (1908, 1945, 1948, 1984, 2003, 2015, 1969, 1970)]
    items = [*history, d("Wednesday night", "2016-11-02", "published"), d("At 12:47 a.m.")]
    kept = top(items, 4, [PUB])
    assert [i.text for i in kept] == ["1908", "1945", "Wednesday night", "At 12:47 a.m."]


def test_ties_keep_the_order_the_articles_mention_them_in() -> None:
    items = [d("2003", "2003", "text"), d("1908", "1908", "text"), d("1945", "1945", "text")]
    assert [i.text for i in top(items, 2, [PUB])] == ["1908", "2003"]  # the first two mentioned, in date order


def test_anchor_days_without_a_publish_date() -> None:
    items = [d("1908", "1908", "text"), d("January 6", "2026-01-06", "dateline"), d("June 1", "2026-06-01", "text")]
    assert anchor_days([None], items) == [datetime.date(2026, 1, 6)]
    assert anchor_days([None], [items[0], items[2]]) == [datetime.date(2026, 6, 1)]
    assert anchor_days([None], [items[0]]) == []
    assert anchor_days([PUB, None], items) == [PUB]


def test_publication_item_only_when_no_day_near_the_publish_date() -> None:
    assert needs_publication_item(PUB, ["1994", "2003", "2016-09-01"])
    assert not needs_publication_item(PUB, ["2016-11-02"])
    assert not needs_publication_item(PUB, ["2016-11-04"])  # "tomorrow" counts
    assert not needs_publication_item(None, [])


def test_an_undated_article_gets_its_publish_date_quoting_its_lead(fake: FakeOpenAI, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFER_CACHE", "off")
    path = tmp_path / "race.txt"
    lead = ("Max Ritter climbed from 14th on the grid to take second in Portugal, surprising even his father, "
            "who drove in rallies from 1994 to 2003.")
    path.write_text(f"Ritter climbs to second in Portugal\n\nPublished: 2016-11-13\n\n{lead}\n\n"
                    "His team said the strategy was wrong but the driver was right.\n")
    b = brief([path], base_url=fake.base_url, api_key="sk-test", model="fake")
    pub = [w for w in b.when if w.text == PUBLISHED_TEXT]
    assert len(pub) == 1 and pub[0].iso == "2016-11-13" and pub[0].basis == "published"
    assert pub[0].quotes[0].text == lead and pub[0].quotes[0].verified
    assert [w.iso for w in b.when] == ["1994", "2003", "2016-11-13"]
