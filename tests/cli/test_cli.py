"""The CLI through click's runner: outputs, formats, atomic writes, one-line errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from tests.conftest import ARRIVAL
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply

SECRET = "sk-test-SECRET-123456"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_markdown_to_stdout(remote_env: FakeOpenAI) -> None:
    remote_env.handler = labeller
    code, out, err = run("brief", str(ARRIVAL))
    assert code == 0, err
    assert out.startswith("# PM Carney in Paris")
    for section in ("## Who", "## Where", "## When", "## Canada's role", "## Sources"):
        assert section in out
    assert "**Mark Carney**" in out and "2026-01-05" in out and "grounding:" in out


def test_formats_and_atomic_output(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    out_json = tmp_path / "b.json"
    assert run("brief", str(ARRIVAL), "-o", str(out_json))[0] == 0
    data = json.loads(out_json.read_text())
    assert data["who"] and data["grounding"]["verified"] >= 1
    out_html = tmp_path / "b.html"
    assert run("brief", str(ARRIVAL), "-o", str(out_html))[0] == 0
    assert out_html.read_text().startswith("<!doctype html>")
    assert not list(tmp_path.glob(".*.tmp"))


def test_stdin(remote_env: FakeOpenAI) -> None:
    remote_env.handler = labeller
    code, out, _ = run("brief", "-", "--format", "json", input=ARRIVAL.read_text())
    assert code == 0 and json.loads(out)["sources"][0]["id"] == "stdin"


def test_failed_run_never_clobbers_existing_output(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("yesterday's brief")
    remote_env.script = [Reply(status=500)] * 10
    code, _, err = run("brief", str(ARRIVAL), "-o", str(target))
    assert code == 1 and target.read_text() == "yesterday's brief"
    assert err.count("\n") == 1 and err.startswith("briefer: error:") and "Traceback" not in err
    assert SECRET not in err


def test_output_may_not_be_an_input(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARRIVAL.read_text())
    code, _, err = run("brief", str(article), "-o", str(article))
    assert code == 2 and "one of the inputs" in err and article.read_text() == ARRIVAL.read_text()


@pytest.mark.parametrize("make, fragment", [
    (lambda p: p / "missing.txt", "no such file"),
    (lambda p: p, "directory"),
    (lambda p: (p / "e.txt").write_text("   \n") and p / "e.txt", "empty"),
    (lambda p: (p / "b.bin").write_bytes(b"\x00\x01\x02" * 50) and p / "b.bin", "binary"),
])
def test_bad_inputs_are_one_line_usage_errors(remote_env: FakeOpenAI, tmp_path: Path, make, fragment) -> None:
    code, out, err = run("brief", str(make(tmp_path)))
    assert code == 2 and out == ""
    assert err.startswith("briefer: error:") and err.count("\n") == 1 and fragment in err.lower()
    assert remote_env.requests == []


def test_bad_mode_and_missing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("brief", str(ARRIVAL), "--mode", "xml", "--base-url", "http://127.0.0.1:9/v1")
    assert code == 2 and "'xml' is not one of" in err and "Traceback" not in err
    code, _, err = run("brief", str(ARRIVAL), "--base-url", "https://api.openai.com/v1")
    assert code == 2 and "OPENAI_API_KEY" in err


def test_unreachable_server_is_a_runtime_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    code, _, err = run("brief", str(ARRIVAL), "--base-url", "http://127.0.0.1:9/v1")
    assert code == 1 and "cannot reach the model server" in err and SECRET not in err


def test_local_model_missing_names_the_install_command() -> None:
    code, _, err = run("brief", str(ARRIVAL))
    assert code == 1 and "make setup" in err


def test_served_without_a_server() -> None:
    code, _, err = run("brief", str(ARRIVAL), "--served")
    assert code == 1 and "briefer serve" in err


def test_eval_command_table_reports_and_thresholds(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    case = str(Path(__file__).resolve().parents[2] / "evals" / "cases" / "carney-arrives-in-paris.yaml")
    report_json, report_html = tmp_path / "r.json", tmp_path / "r.html"
    code, out, err = run("eval", case, "--json", str(report_json), "--html", str(report_html))
    assert code == 0, err
    assert "carney-arrives-in-paris" in out
    data = json.loads(report_json.read_text())
    assert data["cases"][0]["brief"]["who"] and SECRET not in report_json.read_text()
    assert report_html.read_text().lstrip().lower().startswith("<!doctype html>")
    code, _, err = run("eval", case, "--min-recall", "1.01")
    assert code == 3 and "thresholds not met" in err
    code, _, err = run("eval", case, "--only", "no-such-case")
    assert code == 2 and "no-such-case" in err
