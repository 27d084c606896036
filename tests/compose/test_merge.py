"""Merging the facts of several articles (no model): one item per fact, one quote per supporting source."""

from __future__ import annotations

from briefer.compose.merge import (
    SourceFacts,
    add_quotes,
    facts_of,
    fair_share,
    merge_brief,
    merge_dates,
    merge_named,
    merge_sentences,
    name_clusters,
    same_fact,
)
from briefer.extract.candidates import find_candidates
from briefer.extract.focus import focus_on
from briefer.extract.names import Name
from briefer.read.sources import load
from briefer.schema import Actor, Brief, Dated, Place, Point, Quote, RoleClaim
from tests.conftest import ARRIVAL, TALKS

CANADA = focus_on("Canada").pattern


def q(text: str, source: str) -> list[Quote]:
    return [Quote(text=text, source=source)]


def src(id: str, *body: str, names: list[Name] | None = None) -> SourceFacts:
    return SourceFacts(id, ["Title", *body], list(body), names or [])


def test_same_fact_needs_most_words_in_common() -> None:
    a = "Canada will send 200 additional troops to its NATO brigade in Latvia this winter."
    assert same_fact(a, "Ottawa said Canada will send 200 more troops to its NATO brigade in Latvia this winter.")
    assert not same_fact(a, "Latvia thanked its NATO partners for their support this winter.")
    # A shorter sentence holds only part of a longer fact: it does not support all of it.
    long = "Roe is in Lisbon for talks on a Baltic accord and will outline a bigger patrol role for Canada."
    assert not same_fact(long, "Roe is in Lisbon for talks on a Baltic accord.")
    assert same_fact("Roe is in Lisbon for talks on a Baltic accord.", long)
    # Shared names are not a shared fact: a caption and a credit line, a title said twice around other words.
    assert not same_fact("Deputy mayor elect Jane Roe is also on the trip",
                         "Deputy Mayor Paul Doe also had a meeting with Deputy Mayor-elect Jane Roe")
    assert not same_fact("Image caption Police Commissioner Jane Roe's latest report",
                         "Police Commissioner Jane A. Roe.")


def test_sentences_with_other_numbers_or_days_are_not_the_same_fact() -> None:
    a = "Canada will send a delegation of 15 ministers to the summit in Geneva."
    assert not same_fact(a, "Canada will send a delegation of 12 ministers to the summit in Geneva.")
    assert not same_fact("The G20 summit opened in Geneva on Monday, with leaders of many countries.",
                         "The G20 summit opened in Geneva on Tuesday, with leaders of many countries.")
    assert same_fact(a, "Canada will send a delegation of 15 ministers to the Geneva summit, officials said.")


def test_one_quote_per_source_at_most_four() -> None:
    quotes = add_quotes(q("x", "a"), [*q("y", "a"), *q("z", "b")])
    assert [(x.text, x.source) for x in quotes] == [("x", "a"), ("z", "b")]
    many = add_quotes([], [Quote(text=str(i), source=str(i)) for i in range(6)])
    assert len(many) == 4


def test_a_person_named_in_two_articles_is_one_item_citing_both() -> None:
    roe = Name("Jane Roe", ["Roe"], 3, 0, 0, "Prime Minister", "person")
    facts = [src("a", "Roe landed in Lisbon on Monday."),
             src("b", "The weather was cold.", "Prime Minister Jane Roe is in Lisbon on Tuesday.")]
    who = merge_named([Actor(name="Jane Roe", central=True, quotes=q("Roe landed in Lisbon on Monday.", "a"))],
                      name_clusters([roe]), facts)
    assert len(who) == 1
    assert [(x.source, x.text) for x in who[0].quotes] == [
        ("a", "Roe landed in Lisbon on Monday."), ("b", "Prime Minister Jane Roe is in Lisbon on Tuesday.")]


def test_a_surname_from_one_chunk_joins_the_full_name_of_another() -> None:
    names = [Name("Jane Roe", [], 1, 0, 0, "", "person"), Name("Roe", [], 1, 0, 0, "", "person")]
    facts = [src("a", "Jane Roe arrived.", "Roe spoke.")]
    who = merge_named([Actor(name="Roe", quotes=q("Roe spoke.", "a")),
                       Actor(name="Jane Roe", central=True, quotes=q("Jane Roe arrived.", "a"))],
                      name_clusters(names), facts)
    assert [(a.name, a.central, len(a.quotes)) for a in who] == [("Jane Roe", True, 1)]
    assert name_clusters(n for n in names)["roe"] == name_clusters(names)["roe"]  # any iterable
    # Two people with that surname: the bare surname joins neither.
    two = name_clusters([*names, Name("Paul Roe", [], 1, 0, 0, "", "person")])
    assert two["roe"] != two["jane roe"]


def test_a_place_only_one_article_names_keeps_that_one_source() -> None:
    facts = [src("a", "He landed at Humberto Delgado Airport."), src("b", "Talks opened in Lisbon.")]
    where = merge_named([Place(name="Humberto Delgado Airport", quotes=q("He landed at Humberto Delgado Airport.",
                                                                        "a"))], {}, facts)
    assert [x.source for x in where[0].quotes] == ["a"]


def test_one_timeline_item_per_day_quoting_each_article() -> None:
    when = merge_dates([
        Dated(text="Monday, January 5, 2026", iso="2026-01-05", basis="text", quotes=q("landed Monday", "a")),
        Dated(text="January 6", iso="2026-01-06", basis="weekday", quotes=q("talks January 6", "b")),
        Dated(text="on Tuesday", iso="2026-01-06", basis="dateline", quotes=q("on Tuesday", "b")),
        Dated(text="January 5", iso="2026-01-05", basis="published", quotes=q("arrived January 5", "b")),
    ])
    assert [(d.iso, d.text, [x.source for x in d.quotes]) for d in when] == [
        ("2026-01-05", "Monday, January 5, 2026", ["a", "b"]), ("2026-01-06", "January 6", ["b"])]


def test_near_duplicate_points_of_two_articles_merge_and_gain_support() -> None:
    s1 = "Canada will send 200 additional troops to its NATO brigade in Latvia this winter."
    s2 = "Ottawa said Canada will send 200 more troops to its NATO brigade in Latvia this winter."
    facts = [src("a", s1), src("b", s2), src("c", "Canada has sent 200 additional troops to its NATO brigade in "
                                                  "Latvia this winter.")]
    merged = merge_sentences([Point(text=s1, quotes=q(s1, "a")), Point(text=s2, quotes=q(s2, "b"))], facts)
    # c says it is done, not planned: never merged into a planned fact (that is a discrepancy).
    assert len(merged) == 1 and [x.source for x in merged[0].quotes] == ["a", "b"]
    alone = merge_sentences([Point(text=s2, quotes=q(s2, "b"))], facts)
    assert [x.source for x in alone[0].quotes] == ["b", "a"]


def test_claims_with_different_cues_stay_apart_and_same_cue_keeps_the_cautious_status() -> None:
    done = "Canada has sent 200 additional troops to its NATO brigade in Latvia this winter."
    plan = "Canada will send 200 additional troops to its NATO brigade in Latvia this winter."
    plan2 = "Canada will send 200 more troops to its NATO brigade in Latvia this winter, officials said."
    facts = [src("a", done), src("b", plan), src("c", plan2)]
    claims = merge_sentences([RoleClaim(claim=done, status="done", quotes=q(done, "a")),
                              RoleClaim(claim=plan, status="planned", quotes=q(plan, "b")),
                              RoleClaim(claim=plan2, status="expected", quotes=q(plan2, "c"))], facts, CANADA)
    assert [(c.status, [x.source for x in c.quotes]) for c in claims] == [("done", ["a"]),
                                                                        ("expected", ["b", "c"])]


def test_items_of_one_article_are_never_merged_as_duplicates() -> None:
    s = "Canada will send 200 additional troops to its NATO brigade in Latvia this winter."
    facts = [src("a", s, s)]
    assert len(merge_sentences([Point(text=s, quotes=q(s, "a")), Point(text=s, quotes=q(s, "a"))], facts)) == 2


def test_seed_pair_sources_per_fact() -> None:
    articles = load([ARRIVAL, TALKS])
    a, b = (x.id for x in articles)
    facts = facts_of([(x, find_candidates(x, focus_on("Canada"))) for x in articles], [a, b])
    brief = Brief.model_construct(
        headline="h", summary=Point(text=""), focus="Canada", discrepancies=[],
        who=[Actor(name="Mark Carney", central=True,
                   quotes=q("Carney landed at Charles de Gaulle Airport in Paris on Monday, January 5, 2026.", a)),
             Actor(name="Nadia Burger", quotes=q("He was greeted upon disembarking the government plane by Nadia "
                                                 "Burger, the deputy ambassador at the Canadian Embassy.", a)),
             Actor(name="Mark Rutte", quotes=q("During his visit, Carney is scheduled ...", b))],
        where=[Place(name="Paris", central=True, quotes=q("Carney in Paris for Ukraine Ceasefire Talks", a))],
        when=[Dated(text="Monday, January 5, 2026", iso="2026-01-05", quotes=q("on Monday, January 5, 2026", a)),
              Dated(text="January 6", iso="2026-01-06", quotes=q("PARIS, January 6", b))],
        focus_role=[], key_points=[], open_questions=[])
    merge_brief(brief, facts, CANADA)
    sources = {x.name: [y.source for y in x.quotes] for x in [*brief.who, *brief.where]}
    assert sources == {"Mark Carney": [a, b], "Nadia Burger": [a], "Mark Rutte": [b], "Paris": [a, b]}
    assert [(d.iso, [y.source for y in d.quotes]) for d in brief.when] == [("2026-01-05", [a]), ("2026-01-06", [b])]
    text_b = TALKS.read_text()
    assert brief.who[0].quotes[1].text in text_b  # the quote of the second article is that article's sentence


def test_a_page_of_claims_takes_each_article_in_turn() -> None:
    claims = [Point(text=f"{src}{i}", quotes=q(f"{src}{i}", src)) for src, n in (("a", 6), ("b", 3)) for i in range(n)]
    assert [p.text for p in fair_share(claims, 5)] == ["a0", "a1", "a2", "b0", "b1"]
    assert [p.text for p in fair_share(claims[:6], 4)] == ["a0", "a1", "a2", "a3"]  # one article: its first
    assert fair_share(claims, 20) == claims
