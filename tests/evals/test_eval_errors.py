"""`briefer eval` on bad case files (invalid UTF-8, malformed YAML, no articles, JSON nested too deep):
one line each and exit 2; and failed cases fail the run (exit 1) unless `--max-failed N` allows them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from tests.conftest import ARRIVAL, ROOT
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply

CASE = ROOT / "evals" / "cases" / "carney-arrives-in-paris.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def _labels(folder: Path, data: bytes) -> Path:
    (folder / "a.txt").write_text(ARRIVAL.read_text())
    (folder / "labels.json").write_bytes(data)
    return folder


BAD: dict[str, tuple[str, bytes, str]] = {
    "labels.json not UTF-8": ("labels.json", b'{"cases": {"a.txt": {"who": [{"name": "Caf\xe9"}]}}}', "utf-8"),
    "case not UTF-8": ("case.yaml", b"articles: a.txt\nwho:\n  - name: Caf\xe9\n", "utf-8"),
    "malformed YAML": ("case.yaml", b"articles: a.txt\nwho:\n  - name: [unclosed\n    role: x\n", "not valid yaml"),
    "YAML not a mapping": ("case.yaml", b"- a.txt\n", "one mapping"),
    "no articles": ("case.yaml", b"who:\n  - name: Mark Carney\n", "articles"),
    "empty articles": ("case.yaml", b"articles: []\nwho:\n  - name: Mark Carney\n", "articles"),
    "several invalid labels": ("case.yaml", b"articles: a.txt\nwho:\n  - nom: x\n  - name: ''\nwhen:\n  - {}\n",
                               "who.0"),
    "nested labels.json": ("labels.json", b'{"cases": ' + b"[" * 100_000, "not valid json"),
    "nested YAML": ("case.yaml", b"articles: a.txt\nwho: " + b"[" * 20_000, "not valid yaml"),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_case_is_one_line_and_exit_2(remote_env: FakeOpenAI, tmp_path: Path, name: str) -> None:
    file, data, fragment = BAD[name]
    (tmp_path / "a.txt").write_text(ARRIVAL.read_text())
    (tmp_path / file).write_bytes(data)
    code, _, err = run("eval", str(tmp_path / file))
    assert code == 2, err
    assert err.startswith("briefer: error: ") and err.count("\n") == 1, err
    assert fragment in err.lower() and str(tmp_path / file) in err
    assert "Traceback" not in err and remote_env.requests == []


def test_a_bad_case_in_a_folder_names_its_file(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(CASE.read_text().replace("../../inputs/", str(ARRIVAL.parent) + "/"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.yaml").write_bytes(b"articles: a.txt\nwho: [\xff\n")
    code, _, err = run("eval", str(tmp_path))
    assert code == 2 and err.count("\n") == 1 and "bad.yaml" in err, err


@pytest.mark.usefixtures("fast_backoff")
def test_failed_cases_fail_the_run_unless_allowed(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.script = [Reply(status=500)] * 1000
    report = tmp_path / "r.json"
    code, _, err = run("eval", str(CASE), "--json", str(report))
    assert code == 1, err
    assert err.startswith("briefer: error: 1 of 1 eval cases failed") and err.count("\n") == 1, err
    assert "carney-arrives-in-paris" in err and "--max-failed" in err
    assert json.loads(report.read_text())["cases"][0]["error"]  # the report is written all the same
    code, _, err = run("eval", str(CASE), "--max-failed", "1")
    assert code == 0 and "error" not in err, err  # a notice (the run is recorded) at most

    remote_env.script, remote_env.handler = [], labeller  # no failed case: exit 0, as before
    code, _, err = run("eval", str(CASE))
    assert code == 0, err


def test_max_failed_must_not_be_negative(remote_env: FakeOpenAI) -> None:
    code, _, err = run("eval", str(CASE), "--max-failed", "-1")
    assert code == 2 and "--max-failed" in err and remote_env.requests == []
