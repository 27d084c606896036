"""The settings through the command line: every numeric one checked before any work (exit 2, one line that
names it), a blank focus refused, and --help showing what --mode and --prompts take."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from tests.conftest import ARRIVAL, ROOT
from tests.support.fakeserver import FakeOpenAI

NUMERIC = {"BRIEFER_TIMEOUT": "--timeout", "BRIEFER_CONTEXT": "--context", "BRIEFER_CONCURRENCY": "--concurrency",
           "BRIEFER_BATCH_POLL": "--poll"}
BAD_NUMBERS = ["inf", "-inf", "nan", "-1", "0", "lots", "1e999"]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _one_line_usage_error(code: int, err: str, names: str) -> None:
    assert code == 2, err
    assert err.startswith("briefer: error:") and err.count("\n") == 1 and "Traceback" not in err
    assert names in err


@pytest.mark.parametrize("variable", sorted(NUMERIC))
@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_a_bad_numeric_variable_stops_every_command_up_front(remote_env: FakeOpenAI, tmp_path: Path,
                                                               variable: str, value: str) -> None:
    for args in (["brief", str(ARRIVAL)], ["batch", str(ARRIVAL.parent), "-o", str(tmp_path / "out")]):
        code, out, err = run(*args, env={variable: value})
        _one_line_usage_error(code, err, variable)
        assert out == ""
    assert remote_env.requests == []  # nothing was asked: the setting was checked first
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
def test_a_bad_numeric_option_names_the_option(remote_env: FakeOpenAI, tmp_path: Path, value: str) -> None:
    for option in ("--timeout", "--context"):
        code, _, err = run("brief", str(ARRIVAL), option, value)
        _one_line_usage_error(code, err, option)
    for option in ("--concurrency", "--poll"):
        code, _, err = run("batch", str(ARRIVAL.parent), "-o", str(tmp_path / "out"), option, value)
        _one_line_usage_error(code, err, option)
    assert remote_env.requests == []


def test_an_infinite_timeout_is_no_traceback_in_a_fresh_process(tmp_path: Path) -> None:
    """What a user meets: the installed command, a real process."""
    env = {**os.environ, "BRIEFER_TIMEOUT": "inf", "OPENAI_API_KEY": "sk-x", "BRIEFER_HOME": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "briefer", "brief", str(ARRIVAL), "--base-url",
                           "http://127.0.0.1:9/v1"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "BRIEFER_TIMEOUT" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("focus", ["", "   ", "\t"])
def test_a_blank_focus_is_refused(remote_env: FakeOpenAI, focus: str) -> None:
    code, out, err = run("brief", str(ARRIVAL), "--focus", focus)
    _one_line_usage_error(code, err, "--focus")
    assert out == ""
    if focus:  # an empty variable is an unset one; spaces are a blank focus
        code, out, err = run("brief", str(ARRIVAL), env={"BRIEFER_FOCUS": focus})
        _one_line_usage_error(code, err, "BRIEFER_FOCUS")
    assert remote_env.requests == []


def test_help_shows_the_modes_and_that_prompts_is_a_folder() -> None:
    code, out, _ = run("brief", "--help")
    assert code == 0
    assert "[json_schema|json_object|prompt]" in out
    assert "--prompts DIRECTORY" in out
    assert "BRIEFER_TIMEOUT" in out and "--summary [auto|model|extract]" in out


def test_mode_and_prompts_are_checked_by_the_option(tmp_path: Path) -> None:
    code, _, err = run("brief", str(ARRIVAL), "--mode", "xml")
    assert code == 2 and "'xml' is not one of" in err
    code, _, err = run("brief", str(ARRIVAL), "--prompts", str(tmp_path / "missing"))
    assert code == 2 and "does not exist" in err
    (tmp_path / "file.j2").write_text("x")
    code, _, err = run("brief", str(ARRIVAL), "--prompts", str(tmp_path / "file.j2"))
    assert code == 2 and "is a file" in err
