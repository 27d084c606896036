"""The history of briefs: every brief recorded in the cache's SQLite file, listed by `briefer history`,
rendered again by `briefer show ID` without the model, and eval runs compared with `eval --against`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from tests.conftest import ARRIVAL, TALKS
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

ROOT = Path(__file__).resolve().parents[2]
CASE = str(ROOT / "evals" / "cases" / "carney-arrives-in-paris.yaml")
SECRET = "sk-test-SECRET-123456"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _ids(out: str) -> list[int]:
    return [int(line.split()[0]) for line in out.splitlines() if line.strip()[:1].isdigit()]


def test_briefs_are_listed_newest_first_and_shown_again_without_the_model(remote_env: FakeOpenAI,
                                                                          tmp_path: Path) -> None:
    remote_env.handler = labeller
    code, first_md, err = run("brief", str(ARRIVAL))
    assert code == 0, err
    code, both_json, _ = run("brief", str(ARRIVAL), str(TALKS), "-f", "json", "--focus", "France")
    assert code == 0
    code, again_md, _ = run("brief", str(ARRIVAL))  # answered by the cache: recorded too
    assert code == 0 and again_md == first_md
    code, out, _ = run("history")
    assert code == 0
    assert _ids(out) == [3, 2, 1]
    rows = out.splitlines()
    assert "fake-model" in rows[0] and "carney-arrives-in-paris.txt" in rows[0] and "cached" in rows[0]
    assert "France" in rows[1] and "carney-arrives-in-paris.txt +1" in rows[1]
    listed = [json.loads(line) for line in run("history", "--json", "-n", "2")[1].splitlines()]
    assert [r["id"] for r in listed] == [3, 2] and listed[0]["calls"] == listed[0]["cached_calls"] > 0
    assert listed[1]["articles"][0]["sha256"] and listed[1]["articles"][1]["path"].endswith("paris.txt")

    sent = len(remote_env.requests)
    assert run("show", "2", "-f", "json")[1] == both_json
    assert run("show", "1")[1] == first_md
    out_html = tmp_path / "b.html"
    code, _, err = run("show", "2", "-o", str(out_html))
    assert code == 0 and out_html.read_text().startswith("<!doctype html>") and "wrote" in err
    assert len(remote_env.requests) == sent  # no model asked

    code, _, err = run("show", "99")
    assert code == 2 and "no brief 99" in err and err.count("\n") == 1


def test_the_history_holds_no_key(remote_env: FakeOpenAI) -> None:
    remote_env.handler = labeller
    assert run("brief", str(ARRIVAL))[0] == 0
    db = Path(os.environ["BRIEFER_HOME"]) / "cache.sqlite"
    with sqlite3.connect(db) as con:
        settings = json.loads(con.execute("SELECT settings FROM briefs").fetchone()[0])
        dump = "\n".join(con.iterdump())
    assert SECRET not in dump and "api_key" not in settings
    assert settings["base_url"] == remote_env.base_url and settings["model"] == "fake-model"


@pytest.mark.parametrize("how", ["flag", "env"])
def test_history_can_be_off(remote_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    remote_env.handler = labeller
    if how == "env":
        monkeypatch.setenv("BRIEFER_HISTORY", "off")
    assert run("brief", str(ARRIVAL), *(["--no-history"] if how == "flag" else []))[0] == 0
    code, out, _ = run("history")
    assert code == 0
    assert _ids(out) == []
    assert ("history is off" in out) == (how == "env")


def test_history_in_its_own_file(remote_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    remote_env.handler = labeller
    monkeypatch.setenv("BRIEFER_HISTORY", str(tmp_path / "briefs.sqlite"))
    assert run("brief", str(ARRIVAL))[0] == 0
    assert (tmp_path / "briefs.sqlite").exists() and _ids(run("history")[1]) == [1]


def test_eval_runs_are_recorded_and_compared(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    code, out, err = run("eval", CASE, "--json", str(tmp_path / "first.json"))
    assert code == 0, err
    assert "eval run 1 recorded" in err and "--against 1" in err
    code, out, err = run("eval", CASE, "--against", "1")
    assert code == 0, err
    assert "against run 1" in out and "metric" in out and "who recall" in out and "this run" in out
    code, out, _ = run("eval", CASE, "--against", str(tmp_path / "first.json"))
    assert code == 0 and f"against run {tmp_path / 'first.json'}" in out
    evals = run("history", "--evals")[1]
    assert _ids(evals) == [3, 2, 1] and "carney-arrives-in-paris.yaml" in evals
    briefs = _ids(run("history")[1])
    assert len(briefs) == 3  # each run's brief, recorded as any other


@pytest.mark.parametrize("against, fragment", [("42", "no such eval run"), ("missing.json", "no such file"),
                                               ("CASE", "not an eval report")])
def test_against_a_run_that_is_not_there(remote_env: FakeOpenAI, against: str, fragment: str) -> None:
    code, _, err = run("eval", CASE, "--against", CASE if against == "CASE" else against)
    assert code == 2 and fragment in err.lower() and err.count("\n") == 1
    assert remote_env.requests == []  # told before any brief is made


def test_a_cached_brief_is_recorded_without_importing_openai(remote_env: FakeOpenAI) -> None:
    remote_env.handler = labeller
    assert run("brief", str(ARRIVAL))[0] == 0
    code = ("import sys; from briefer.cli.main import main; sys.argv = ['briefer', 'brief', sys.argv[1]];"
            "\ntry: main()\nexcept SystemExit: pass\nprint('openai' in sys.modules, file=sys.stderr)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code, str(ARRIVAL)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.stderr.strip().splitlines()[-1] == "False", proc.stderr
    assert _ids(run("history")[1]) == [2, 1]
