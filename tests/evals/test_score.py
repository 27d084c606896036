"""Scoring against hand-made briefs: a perfect brief scores 1.0, each defect loses exactly what it should."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.evals.cases import Case, load_case_file
from briefer.evals.html import report_html
from briefer.evals.score import FIELDS, groups_hit, keyword_in, match_name, norm, score_case
from briefer.schema import Actor, Brief, Dated, Discrepancy, Place, Point, Quote, RoleClaim

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "evals" / "cases"
ARRIVE, TALKS = "carney-arrives-in-paris.txt", "carney-coalition-talks-paris.txt"


def q(text: str, source: str, verified: bool = True) -> list[Quote]:
    return [Quote(text=text, source=source, verified=verified)]


def arrival_parts() -> dict[str, list]:
    s = ARRIVE
    return {
        "who": [
            Actor(name="Mark Carney", role="Prime Minister of Canada", central=True,
                  quotes=q("Carney landed at Charles de Gaulle Airport in Paris on Monday, January 5, "
                           "2026.", s)),
            Actor(name="Nadia Burger", role="deputy ambassador at the Canadian Embassy",
                  quotes=q("Nadia Burger, the deputy ambassador at the Canadian Embassy", s)),
        ],
        "where": [
            Place(name="Paris", what="high-level ceasefire talks", central=True,
                  quotes=q("Prime Minister Mark Carney has arrived in Paris", s)),
            Place(name="Charles de Gaulle Airport", what="where Carney landed",
                  quotes=q("Carney landed at Charles de Gaulle Airport in Paris", s)),
        ],
        "when": [Dated(text="Monday, January 5, 2026", iso="2026-01-05", basis="text",
                       what="Carney lands in Paris", quotes=q("on Monday, January 5, 2026", s))],
        "focus_role": [
            RoleClaim(claim="Canada has contributed billions in aid, military equipment and training to "
                            "Ukraine", status="done",
                      quotes=q("contributing billions in aid, military equipment, and training for Ukrainian "
                               "forces", s)),
            RoleClaim(claim="Canada could monitor ceasefire lines", status="speculative",
                      quotes=q("Analysts suggest Carney's involvement could see Canada taking on "
                               "responsibilities such as monitoring ceasefire lines", s)),
            RoleClaim(claim="Canada could take part in international peacekeeping or observer missions",
                      status="speculative",
                      quotes=q("participating in international peacekeeping or observer missions", s)),
            RoleClaim(claim="Canada could use its G7 membership to keep financial support for Ukraine's "
                            "recovery", status="speculative",
                      quotes=q("leveraging its G7 membership to ensure continued financial support for "
                               "Ukraine's recovery", s)),
        ],
        "key_points": [Point(text="The prospect of a ceasefire remains uncertain.",
                             quotes=q("the prospect of a ceasefire remains uncertain", s))],
        "open_questions": [Point(text="What role will Canada take once a ceasefire is agreed?")],
    }


def talks_parts() -> dict[str, list]:
    s = TALKS
    rutte = q("including NATO Secretary-General Mark Rutte and the heads of government from Denmark and "
              "Finland", s)
    return {
        "who": [
            Actor(name="Mark Carney", role="Prime Minister of Canada", central=True,
                  quotes=q("Prime Minister Mark Carney is in Paris on Tuesday", s)),
            Actor(name="Mark Rutte", role="NATO Secretary-General", quotes=rutte),
            Actor(name="Danish Prime Minister", role="head of government of Denmark", quotes=rutte),
            Actor(name="Finnish Prime Minister", role="head of government of Finland", quotes=rutte),
            Actor(name="Coalition of the willing", kind="group",
                  role="more than 30 countries backing Ukraine", central=True,
                  quotes=q("the so-called “coalition of the willing,” a group of more than 30 countries", s)),
        ],
        "where": [Place(name="Paris", central=True, quotes=q("PARIS, January 6", s))],
        "when": [Dated(text="January 6", iso="2026-01-06", basis="weekday", what="coalition talks in Paris",
                       quotes=q("PARIS, January 6", s))],
        "focus_role": [
            RoleClaim(claim="Canada is expected to outline how it could contribute to future security "
                            "arrangements", status="expected",
                      quotes=q("with Canada expected to outline how it could contribute to future security "
                               "arrangements", s)),
            RoleClaim(claim="Canada aims to make a meaningful and credible contribution to security "
                            "guarantees", status="expected",
                      quotes=q("how to make a “meaningful and credible” contribution to such guarantees", s)),
            RoleClaim(claim="Canada has significantly increased defence spending", status="done",
                      quotes=q("Canada’s recent move to significantly increase defence spending", s)),
            RoleClaim(claim="Carney is scheduled to hold bilateral meetings with Mark Rutte and the "
                            "Danish and Finnish heads of government", status="planned",
                      quotes=q("Carney is scheduled to hold bilateral meetings", s)),
        ],
        "key_points": [Point(text="An official said Ukraine remains the sole focus of the talks, despite "
                                  "attention on US actions involving Venezuela's Nicolas Maduro.",
                             quotes=q("the official stressed that Ukraine remains the sole focus of "
                                      "Tuesday’s high-level discussions", s))],
    }


def perfect(name: str) -> tuple[Case, Brief, list[str]]:
    case = load_case_file(CASES / f"{name}.yaml")
    if name == "carney-arrives-in-paris":
        parts = arrival_parts()
        brief = Brief(headline="Carney in Paris to discuss Canada's role in a future Ukraine ceasefire",
                      summary=Point(text="Prime Minister Mark Carney arrived in Paris on January 5, 2026 for "
                                         "talks on Canada's potential role in a future ceasefire in Ukraine.",
                                    quotes=q("Prime Minister Mark Carney has arrived in Paris for high-level "
                                             "discussions", ARRIVE)), **parts)
    elif name == "carney-coalition-talks-paris":
        brief = Brief(headline="Carney joins coalition-of-the-willing talks in Paris on a Ukraine ceasefire",
                      summary=Point(text="Prime Minister Mark Carney is in Paris for talks on a potential "
                                         "Ukraine ceasefire, where Canada is to outline how it could "
                                         "contribute to future security arrangements.",
                                    quotes=q("with Canada expected to outline how it could contribute to "
                                             "future security arrangements", TALKS)), **talks_parts())
    else:
        a, t = arrival_parts(), talks_parts()
        parts = {k: (a.get(k, []) + t.get(k, [])) for k in set(a) | set(t)}
        carney = a["who"][0].model_copy(update={"quotes": a["who"][0].quotes + t["who"][0].quotes})
        parts["who"] = [carney, a["who"][1], *t["who"][1:]]
        paris = a["where"][0].model_copy(update={"quotes": a["where"][0].quotes + t["where"][0].quotes})
        parts["where"] = [paris, *a["where"][1:]]
        parts["key_points"] = a["key_points"] + t["key_points"]
        brief = Brief(headline="Carney in Paris for coalition talks on Canada's role in a Ukraine ceasefire",
                      summary=Point(text="Prime Minister Mark Carney arrived in Paris on January 5, 2026 and "
                                         "joined coalition-of-the-willing talks on January 6 on a Ukraine "
                                         "ceasefire and Canada's contribution to security guarantees.",
                                    quotes=q("Prime Minister Mark Carney has arrived in Paris", ARRIVE)),
                      **parts)
    return case, brief, case.source_texts()


SEEDS = ["carney-arrives-in-paris", "carney-coalition-talks-paris", "carney-paris-both"]


@pytest.mark.parametrize("name", SEEDS)
def test_perfect_brief_scores_one(name: str) -> None:
    case, brief, sources = perfect(name)
    r = score_case(case, brief, sources)
    assert r.ok and r.schema_valid
    for f in FIELDS:
        assert r.fields[f].labels > 0, f
        assert r.fields[f].recall == 1.0, (f, [x for x in r.labels if not x.matched and x.required])
    assert r.violations == [], r.violations
    assert r.status_accuracy == 1.0
    assert all(s.precision == 1.0 for s in r.fields.values() if s.items)
    assert r.quotes_verified == r.quotes_verbatim == r.quotes > 0
    assert r.grounding_rate == 1.0
    assert r.guessed_years == []
    assert r.focus_role_items == len(brief.focus_role)
    if name == "carney-paris-both":  # every required who/where/when/role label says which articles back it
        assert r.sources_checked == 6 + 1 + 2 + 8 and r.attribution == 1.0  # who, where, when, role
    assert r.discrepancies_expected == 0


def test_a_fact_cited_from_too_few_articles_loses_attribution_only() -> None:
    case, brief, sources = perfect("carney-paris-both")
    full = score_case(case, brief, sources)
    brief.who[0].quotes = brief.who[0].quotes[:1]  # Carney from the arrival article only
    r = score_case(case, brief, sources)
    assert r.sources_correct == full.sources_correct - 1 == r.sources_checked - 1
    assert all(r.fields[f].recall == 1.0 for f in FIELDS)
    carney = next(x for x in r.labels if x.label == "Mark Carney")
    assert carney.sources_ok is False and carney.sources == [ARRIVE]
    assert carney.expected_sources == ["carney-arrives-in-paris", "carney-coalition-talks-paris"]
    from briefer.evals.report import Report

    report = Report(cases=[r])
    assert report.totals.attribution == pytest.approx(1 - 1 / r.sources_checked)
    assert "sources who Mark Carney: got carney-arrives-in-paris.txt" in report.table(details=True)
    assert report.failed_thresholds(min_attribution=1.0) and not report.failed_thresholds(min_attribution=0.9)


def test_a_false_discrepancy_on_the_seed_pair_is_a_must_not_violation() -> None:
    case, brief, sources = perfect("carney-paris-both")
    brief.discrepancies = [Discrepancy(about="different dates for the same event", kind="date", quotes=[
        *q("Carney landed at Charles de Gaulle Airport in Paris on Monday, January 5, 2026.", ARRIVE),
        *q("PARIS, January 6", TALKS)])]
    r = score_case(case, brief, sources)
    assert [(v.field, v.item) for v in r.violations] == [("discrepancies", 0)]
    assert r.quotes_verified == r.quotes  # its quotes count toward grounding too


def test_expected_discrepancies_are_found_by_keywords_kind_and_sources(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Summit\n\nThe summit opened in Geneva on Monday, March 2, 2026.\n")
    (tmp_path / "b.txt").write_text("Summit\n\nThe summit opened in Geneva on Tuesday, March 3, 2026.\n")
    (tmp_path / "case.yaml").write_text(
        "articles: [a.txt, b.txt]\n"
        "discrepancies:\n"
        "  - about: the opening day\n    kind: date\n    keywords: [[monday], [tuesday]]\n"
        "    sources: [a.txt, 2]\n"
        "  - about: the number of leaders\n    kind: number\n    keywords: [[leaders]]\n")
    case = load_case_file(tmp_path / "case.yaml")
    assert case.discrepancies[0].sources == [1, 2]
    found = Discrepancy(about="different dates for the same event (summit opened Geneva)", kind="date", quotes=[
        *q("The summit opened in Geneva on Monday, March 2, 2026.", "a"),
        *q("The summit opened in Geneva on Tuesday, March 3, 2026.", "b")])
    brief = Brief(headline="h", summary=Point(text="s"), discrepancies=[found])
    r = score_case(case, brief, case.source_texts())
    assert (r.discrepancies_found, r.discrepancies_expected) == (1, 2)
    assert r.sources_correct == r.sources_checked == 1
    assert [x.label for x in r.labels if not x.matched] == ["the number of leaders [number]"]
    from briefer.evals.report import Report

    page = report_html(Report(cases=[r]))
    assert "the number of leaders [number]" in page and "discrepancies 1/2" in page
    brief.discrepancies[0].kind = "number"  # the right words but the wrong kind
    assert score_case(case, brief, case.source_texts()).discrepancies_found == 0


def test_case_sources_must_name_an_article(tmp_path: Path) -> None:
    from briefer.errors import UsageError

    (tmp_path / "a.txt").write_text("Title\n\nBody text here.\n")
    for bad in ("[3]", "[c.txt]"):
        (tmp_path / "case.yaml").write_text(f"articles: [a.txt]\nwho:\n  - name: X\n    sources: {bad}\n")
        with pytest.raises(UsageError, match="sources"):
            load_case_file(tmp_path / "case.yaml")


def test_missing_person_loses_one_who_label() -> None:
    case, brief, sources = perfect("carney-coalition-talks-paris")
    full = score_case(case, brief, sources)
    n = full.fields["who"].labels
    brief.who = [a for a in brief.who if a.name != "Mark Rutte"]
    r = score_case(case, brief, sources)
    assert r.fields["who"].matched == n - 1
    assert r.fields["who"].recall == pytest.approx(1 - 1 / n)
    assert [x.label for x in r.labels if not x.matched and x.required] == ["Mark Rutte"]
    assert all(r.fields[f].recall == 1.0 for f in FIELDS if f != "who")
    assert r.violations == []


def test_wrong_date_loses_that_label_and_is_a_date_not_in_the_article() -> None:
    case, brief, sources = perfect("carney-paris-both")
    brief.when[1] = brief.when[1].model_copy(update={"iso": "2026-01-07"})
    r = score_case(case, brief, sources)
    assert r.fields["when"].recall == pytest.approx(1 / 2)
    missed = [x for x in r.labels if x.field == "when" and not x.matched]
    assert len(missed) == 1 and missed[0].label.startswith("2026-01-06")
    assert [v.rule for v in r.violations] == [case.must_not[-1].about]
    assert r.violations[0].field == "when" and "2026-01-07" in r.violations[0].why
    assert all(r.fields[f].recall == 1.0 for f in FIELDS if f != "when")


def test_invented_quote_lowers_grounding_exactly() -> None:
    case, brief, sources = perfect("carney-arrives-in-paris")
    full = score_case(case, brief, sources)
    brief.key_points.append(Point(text="Carney promised troops.",
                                  quotes=q("Carney promised to send troops", ARRIVE, verified=False)))
    r = score_case(case, brief, sources)
    assert r.quotes == full.quotes + 1 and r.quotes_verified == full.quotes_verified
    assert r.grounding_rate == pytest.approx(full.quotes / (full.quotes + 1))
    assert r.quotes_verbatim == full.quotes_verbatim
    assert all(r.fields[f].recall == 1.0 for f in FIELDS)


def test_must_not_claim_is_exactly_one_violation() -> None:
    case, brief, sources = perfect("carney-arrives-in-paris")
    brief.focus_role.append(RoleClaim(claim="Canada has committed to monitoring ceasefire lines",
                                      status="done", quotes=q("monitoring ceasefire lines", ARRIVE)))
    r = score_case(case, brief, sources)
    assert len(r.violations) == 1
    v = r.violations[0]
    assert v.field == "focus_role" and v.item == 4 and "monitor" in v.why and "status done" in v.why
    assert all(r.fields[f].recall == 1.0 for f in FIELDS)
    assert r.status_accuracy == 1.0  # the speculative claim still carries the right status


def test_central_maduro_is_one_violation() -> None:
    case, brief, sources = perfect("carney-coalition-talks-paris")
    brief.who.append(Actor(name="Nicolás Maduro", role="Venezuelan leader", central=True,
                           quotes=q("Venezuelan leader Nicolas Maduro", TALKS)))
    r = score_case(case, brief, sources)
    assert [(v.field, v.item) for v in r.violations] == [("who", 5)]
    brief.who[-1] = brief.who[-1].model_copy(update={"central": False})
    assert score_case(case, brief, sources).violations == []


def test_status_mislabel_lowers_status_accuracy_only() -> None:
    case, brief, sources = perfect("carney-arrives-in-paris")
    brief.focus_role[3] = brief.focus_role[3].model_copy(update={"status": "expected"})
    r = score_case(case, brief, sources)
    assert r.status_found == 4 and r.status_correct == 3
    assert r.status_accuracy == pytest.approx(3 / 4)
    assert all(r.fields[f].recall == 1.0 for f in FIELDS)
    assert r.violations == []
    bad = [x for x in r.labels if x.status_ok is False]
    assert len(bad) == 1 and bad[0].status == "expected" and bad[0].expected_status == ["speculative"]


def test_unmatched_unverified_item_counts_against_precision() -> None:
    case, brief, sources = perfect("carney-arrives-in-paris")
    n = len(brief.who)
    brief.who.append(Actor(name="John Smith", role="invented", quotes=q("John Smith said", ARRIVE, False)))
    brief.who.append(Actor(name="Kyiv", role="Ukraine's capital", quotes=q("supporting Kyiv", ARRIVE)))
    r = score_case(case, brief, sources)
    who = r.fields["who"]
    assert who.items == n + 2 and who.unmatched == 1 and who.unmatched_unverified == 1  # Kyiv: optional label
    assert who.precision == pytest.approx(1 - 1 / (n + 2))
    assert who.recall == 1.0


def test_guessed_year_counts_only_without_a_basis() -> None:
    case, brief, sources = perfect("carney-coalition-talks-paris")
    assert score_case(case, brief, sources).guessed_years == []
    brief.when[0] = brief.when[0].model_copy(update={"basis": "text"})
    r = score_case(case, brief, sources)
    assert len(r.guessed_years) == 1 and "2026-01-06" in r.guessed_years[0]
    assert r.fields["when"].recall == 1.0


def test_no_brief_misses_every_label() -> None:
    case, _, sources = perfect("carney-arrives-in-paris")
    r = score_case(case, None, sources, error="ModelError: down")
    assert not r.ok and not r.schema_valid
    assert all(r.fields[f].recall == 0.0 for f in FIELDS)
    assert all(not x.matched for x in r.labels)


# --- the matching rules ------------------------------------------------------------------------------

def test_norm_is_case_diacritics_punctuation_insensitive() -> None:
    assert norm("Nicolás MADURO") == "nicolas maduro"
    assert norm("U.S.") == "us"
    assert norm("Canada’s  Prime-Minister") == "canadas prime minister"


@pytest.mark.parametrize(("names", "item", "ok"), [
    (["Mark Carney", "Carney"], "Prime Minister Mark Carney", True),   # alias inside the item
    (["Mark Carney"], "Carney", True),                                 # item inside the label name
    (["Mark Carney"], "Mark Rutte", False),
    (["Nicolas Maduro"], "Nicolás Maduro", True),
    (["Volodymyr Zelensky"], "Volodymyr Zelenskyy", True),             # fuzzy >= 0.85
    (["Carney", "Prime Minister of Canada"], "Canada", False),          # item inside an alias: no
    (["Paris"], "Parisian suburbs", False),                             # not on a word boundary
])
def test_match_name(names: list[str], item: str, ok: bool) -> None:
    assert (match_name(names, item) is not None) is ok


def test_keywords_are_word_start_prefixes() -> None:
    text = norm("Roe arrives in Lisbon for Cup Final-style talks")
    assert keyword_in("arriv", text) and keyword_in("cup final", text)
    assert not keyword_in("rives", text)
    assert groups_hit([["arrive", "land"], ["berlin"]], text) == ["arrive", None]


def test_when_text_label_matches_by_containment() -> None:
    case = Case(id="t", articles=[ROOT / "inputs" / ARRIVE], when=[{"text": ["Sunday morning"]}])
    brief = Brief(headline="h", summary=Point(text="s"),
                  when=[Dated(text="Sunday", iso="2016-11-06", basis="published")])
    r = score_case(case, brief, ["Sunday"])
    assert r.fields["when"].recall == 1.0 and "contain" in r.labels[0].how
    brief.when[0] = Dated(text="Saturday")
    assert score_case(case, brief, ["x"]).fields["when"].recall == 0.0


def test_when_text_label_matches_the_same_clock_time_only() -> None:
    case = Case(id="t", articles=[ROOT / "inputs" / ARRIVE], when=[{"text": ["shortly after 06:00 GMT"]}])
    brief = Brief(headline="h", summary=Point(text="s"), when=[Dated(text="just after 06:00 GMT")])
    r = score_case(case, brief, ["It began just after 06:00 GMT."])
    assert r.fields["when"].recall == 1.0 and "same time, 06:00" in r.labels[0].how
    brief.when[0] = Dated(text="just after 07:00 GMT")
    assert score_case(case, brief, ["It began just after 07:00 GMT."]).fields["when"].recall == 0.0
