"""The eval runner with an injected make_brief: parallel runs, failures, thresholds, reports, comparison."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from briefer.errors import InputError, UsageError
from briefer.evals import Case, Report, compare, evaluate, load_cases, runner
from briefer.evals.cases import load_labels_json
from briefer.evals.html import comparison_html, report_html
from briefer.schema import Actor, Brief, CallUsage, Dated, Place, Point, Quote, RoleClaim

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "evals" / "cases"


def echo_brief(case: Case, *, extra: str = "") -> Brief:
    """A brief written from the labels themselves: every required label should match it."""
    src = case.articles[0].name

    def quote() -> list[Quote]:
        return [Quote(text="x", source=src, verified=True)]

    what = " ".join(g[0] for lab in case.what for g in lab.keywords)
    return Brief(
        headline=(what or "headline")[:150], summary=Point(text=what + extra, quotes=quote()),
        focus=case.focus,
        who=[Actor(name=lab.name, quotes=quote()) for lab in case.who if lab.required][:10],
        where=[Place(name=lab.name, quotes=quote()) for lab in case.where if lab.required][:6],
        when=[Dated(text=lab.text[0] if lab.text else lab.date, iso=lab.date,
                    basis="weekday" if lab.date else "partial", quotes=quote()) for lab in case.when][:8],
        focus_role=[RoleClaim(claim=" ".join(g[0] for g in lab.keywords), status=lab.status[0],
                              quotes=quote()) for lab in case.focus_role if lab.required][:8],
        usage=[CallUsage(name="extract", prompt_tokens=100, completion_tokens=20, seconds=0.1)],
    )


def fake_maker(fail: str | None = None, extra: str = ""):
    """make_brief for the seed cases, keyed by the article set; raises for the case whose id is ``fail``."""
    by_articles = {tuple(c.articles): c for c in load_cases(CASES)}
    threads: set[str] = set()

    def make_brief(paths: list[Path], focus: str) -> Brief:
        threads.add(threading.current_thread().name)
        case = by_articles[tuple(paths)]
        assert focus == "Canada"
        if case.id == fail:
            raise RuntimeError("model server unreachable")
        return echo_brief(case, extra=extra)

    make_brief.threads = threads  # type: ignore[attr-defined]
    return make_brief


def test_seed_cases_load() -> None:
    cases = load_cases(CASES)
    assert [c.id for c in cases] == ["carney-arrives-in-paris", "carney-coalition-talks-paris",
                                     "carney-paris-both"]
    assert all(a.is_file() for c in cases for a in c.articles)
    assert len(cases[2].articles) == 2 and [w.date for w in cases[2].when] == ["2026-01-05", "2026-01-06"]


def test_parallel_run_of_seed_cases() -> None:
    maker = fake_maker()
    report = evaluate(CASES, make_brief=maker, concurrency=3)
    assert [c.case for c in report.cases] == [c.id for c in load_cases(CASES)]  # order kept
    t = report.totals
    assert t.cases == 3 and t.failed == 0 and t.schema_valid_rate == 1.0
    assert all(t.recall[f] == 1.0 for f in t.recall), t.recall
    assert t.must_not == 0 and t.status_accuracy == 1.0
    assert t.calls == 3 and t.prompt_tokens == 300 and t.prompt_tokens_per_call == 100
    assert all(name.startswith("eval") for name in maker.threads)  # type: ignore[attr-defined]


def test_failing_case_is_a_failed_case_not_a_crash() -> None:
    report = evaluate(CASES, make_brief=fake_maker(fail="carney-coalition-talks-paris"), concurrency=2)
    bad = report.cases[1]
    assert not bad.ok and not bad.schema_valid and "model server unreachable" in bad.error
    assert all(c.ok for i, c in enumerate(report.cases) if i != 1)
    t = report.totals
    assert t.failed == 1 and t.schema_valid_rate == pytest.approx(2 / 3)
    who = [c.fields["who"].labels for c in report.cases]
    assert t.recall["who"] == pytest.approx((who[0] + who[2]) / sum(who))  # its labels count as missed
    assert "FAILED" in report.table() and "model server unreachable" in report.table()


def test_schema_invalid_brief() -> None:
    def make_brief(paths: list[Path], focus: str) -> Brief:
        b = Brief(headline="ok", summary=Point(text="s"))
        b.headline = "x" * 500  # no validate_assignment: only the round trip catches it
        return b

    report = evaluate(CASES / "carney-arrives-in-paris.yaml", make_brief=make_brief)
    c = report.cases[0]
    assert not c.schema_valid and "schema" in c.error and c.brief is None


def test_thresholds() -> None:
    good = evaluate(CASES, make_brief=fake_maker(), concurrency=3)
    assert good.failed_thresholds(min_recall=0.8, min_grounding=0.9, max_must_not=0, min_schema_valid=1.0,
                                  max_failed=0, min_status_accuracy=1.0, max_guessed_years=0) == []
    bad = evaluate(CASES, make_brief=fake_maker(fail="carney-paris-both",
                                                extra=" Venezuela is on the agenda of the talks."))
    fails = bad.failed_thresholds(min_recall={"who": 0.9}, max_must_not=0, max_failed=0, min_schema_valid=0.9)
    assert any(f.startswith("who recall") for f in fails)
    assert any(f.startswith("must-not violations") for f in fails)
    assert any(f.startswith("failed cases 1 > 0") for f in fails)
    assert any(f.startswith("schema-valid rate") for f in fails)
    with pytest.raises(UsageError):
        bad.failed_thresholds(min_recall={"whom": 0.5})


def test_json_round_trip() -> None:
    report = evaluate(CASES, make_brief=fake_maker(), concurrency=2, model="m1", api_key="secret")
    text = report.to_json()
    data = json.loads(text)
    assert data["totals"]["recall"]["who"] == 1.0
    assert data["settings"] == {"model": "m1"}  # no api key in a report
    back = Report.from_json(text)
    assert back == report
    assert back.totals == report.totals


def test_html_is_self_contained_and_escaped() -> None:
    def make_brief(paths: list[Path], focus: str) -> Brief:
        return Brief(headline="<script>alert(1)</script>", summary=Point(text="a & b <img src=x onerror=1>"),
                     who=[Actor(name="<b>Evil</b>", quotes=[Quote(text="</div><script>", source="s")])])

    html = report_html(evaluate(CASES / "carney-arrives-in-paris.yaml", make_brief=make_brief))
    assert "<script" not in html and "<img" not in html and "<b>Evil" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;Evil&lt;/b&gt;" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html
    assert "Nadia Burger" in html and "missed" in html


def test_compare_two_configurations() -> None:
    a, b = fake_maker(), fake_maker(fail="carney-paris-both")
    cmp = compare(CASES, {"prompts": "p1"}, {"prompts": "p2"}, make_brief_a=a, make_brief_b=b)
    assert (cmp.name_a, cmp.name_b) == ("prompts=p1", "prompts=p2")
    who = next(m for m in cmp.metrics if m.metric == "who recall")
    assert who.a == 1.0 and who.b is not None and who.b < 1.0 and who.verdict == "worse"
    assert cmp.label_changes and all(x.case == "carney-paris-both" and x.found_by == "prompts=p1"
                                     for x in cmp.label_changes)
    assert "who recall" in cmp.table() and "prompts=p2" in cmp.table()
    assert json.loads(cmp.to_json())["metrics"][0]["metric"] == "who recall"
    assert "only prompts=p1" in comparison_html(cmp)


def test_default_make_brief_is_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], dict]] = []

    def brief(inputs, **kwargs):
        calls.append((inputs, kwargs))
        return Brief(headline="h", summary=Point(text="s"))

    monkeypatch.setattr(runner, "brief", brief)
    report = evaluate(CASES / "carney-paris-both.yaml", model="m", base_url="http://x", prompts=Path("p"))
    assert calls == [([str(a) for a in load_cases(CASES / "carney-paris-both.yaml")[0].articles],
                      {"focus": "Canada", "model": "m", "base_url": "http://x", "prompts": Path("p")})]
    assert report.settings == {"model": "m", "base_url": "http://x", "prompts": "p"}


def test_giveme5w1h_labels_json(tmp_path: Path) -> None:
    (tmp_path / "made-up-1.txt").write_text("Ferry strike\n\nPublished: 2019-03-04\n\nThe Harbour Union "
                                            "stopped ferries in Port Elm on Monday.", encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps({"cases": {"made-up-1.txt": {
        "who": [{"name": "Harbour Union", "aliases": ["union"]}],
        "where": [{"name": "Port Elm", "aliases": []}],
        "when": [{"date": "2019-03-04", "text": ["Monday"]}],
        "what_keywords": [["stop", "stopped"], ["ferry", "ferries"]], "source": "made up"}}}),
        encoding="utf-8")
    [case] = load_cases(tmp_path)
    assert case.id == "made-up-1" and case.focus_role == [] and case.must_not[0].any_item

    def make_brief(paths: list[Path], focus: str) -> Brief:
        v = [Quote(text="The Harbour Union stopped ferries", source="made-up-1", verified=True)]
        return Brief(headline="Union stops ferries", summary=Point(text="The Harbour Union stopped ferries."),
                     who=[Actor(name="The Harbour Union", quotes=v)],
                     where=[Place(name="Port Elm", quotes=v)],
                     when=[Dated(text="Monday", iso="2019-03-04", basis="weekday", quotes=v)],
                     focus_role=[RoleClaim(claim="Canada watches", status="speculative", quotes=v)])

    report = evaluate(tmp_path / "labels.json", make_brief=make_brief)
    c = report.cases[0]
    assert all(c.fields[f].recall == 1.0 for f in ("who", "where", "when", "what"))
    assert c.fields["focus_role"].recall is None
    assert len(c.violations) == 1 and c.violations[0].field == "focus_role"
    assert report.totals.focus_role_items == 1 and report.totals.what_rate == 1.0
    assert report.totals.quotes_verbatim == report.totals.quotes == 4


def test_case_outside_repo_and_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alice met Bob in Oslo on 3 May 2021.", encoding="utf-8")
    sub = tmp_path / "cases" / "deep"
    sub.mkdir(parents=True)
    (sub / "c.yml").write_text("article: ../../a.txt\nwho: [{name: Alice}]\n"
                               "when: [{date: 2021-05-03}]\n", encoding="utf-8")
    [case] = load_cases(tmp_path / "cases")
    assert case.articles == [(tmp_path / "a.txt").resolve()] and case.when[0].date == "2021-05-03"
    (sub / "bad.yaml").write_text("article: ../../a.txt\nwho: [{name: Alice, alias: [A]}]\n",
                                  encoding="utf-8")
    with pytest.raises(UsageError, match="alias"):
        load_cases(tmp_path / "cases")
    (sub / "bad.yaml").write_text("article: ../../missing.txt\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"missing\.txt"):
        load_cases(sub / "bad.yaml")
    (sub / "bad.yaml").write_text("article: ../../a.txt\nmust_not: [{about: x, field: when}]\n",
                                  encoding="utf-8")
    with pytest.raises(UsageError, match="must_not"):
        load_cases(sub / "bad.yaml")
    with pytest.raises(UsageError, match="no cases"):
        load_cases(_empty(tmp_path))
    with pytest.raises(InputError):
        load_labels_json(tmp_path / "nope" / "labels.json")


def _empty(tmp_path: Path) -> Path:
    d = tmp_path / "empty"
    d.mkdir()
    return d


def test_no_progress_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    evaluate(CASES / "carney-arrives-in-paris.yaml", make_brief=fake_maker(), progress=True)
    assert capsys.readouterr().err == ""
    with pytest.raises(UsageError):
        evaluate(CASES, make_brief=fake_maker(), concurrency=0)
