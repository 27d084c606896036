"""What --help tells a newcomer: whole one-line command summaries, examples, exit codes, completion; -q."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer import errors
from briefer.cli.main import main
from tests.conftest import ARRIVAL
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

NOTICE = "using gpt-4o-mini at api.openai.com"


def _help(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], terminal_width=80)
    assert result.exit_code == 0
    return result.stdout


def test_every_command_has_a_whole_summary_line() -> None:
    text = _help()
    listing = text.split("Commands:")[1].split("\n\n")[0]
    rows = [line.split(None, 1) for line in listing.strip().splitlines()]
    assert {name for name, _ in rows} == set(main.commands)
    for name, summary in rows:
        assert not summary.endswith("..."), f"{name}: {summary}"
        assert summary == main.commands[name].get_short_help_str(limit=1000)


def test_top_level_help_has_examples_and_the_exit_codes_that_errors_use() -> None:
    text = _help()
    assert "Examples:" in text and "briefer brief - < article.txt" in text
    codes = {int(m) for m in re.findall(r"^\s+(\d+)\s{2,}\S", text.split("Exit codes:")[1], re.M)}
    used = {cls.exit_code for cls in vars(errors).values() if isinstance(cls, type) and
            issubclass(cls, errors.BriefError)}
    assert used | {0, 3, 130} == codes  # 3: eval thresholds, 130: Ctrl-C, both set by the CLI itself
    assert "_BRIEFER_COMPLETE=bash_source briefer" in text
    for line in text.splitlines():
        assert len(line) <= 80, line


@pytest.mark.parametrize("command", ["brief", "batch", "eval"])
def test_commands_show_examples_that_name_themselves(command: str) -> None:
    text = _help(command)
    examples = text.split("Examples:")[1].strip().splitlines()
    assert examples and all(f"briefer {command}" in line for line in examples)
    assert all(len(line) <= 80 for line in text.splitlines())


def test_completion_script_comes_from_the_documented_variable() -> None:
    result = CliRunner().invoke(main, [], prog_name="briefer", env={"_BRIEFER_COMPLETE": "bash_source"})
    assert result.exit_code == 0
    assert "complete -o nosort -F _briefer_completion briefer" in result.stdout
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "_BRIEFER_COMPLETE=bash_source briefer" in readme


# --- the remote-model notice and -q ---------------------------------------------------------------------

def _key_only(monkeypatch: pytest.MonkeyPatch, fake: FakeOpenAI) -> None:
    """A user with OPENAI_API_KEY and nothing else; OpenAI's API is the fake server in this test."""
    import openai

    from briefer.model import client

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SECRET-123456")
    real = openai.OpenAI(api_key="sk-test-SECRET-123456", base_url=fake.base_url)
    monkeypatch.setattr(client, "get_client", lambda settings: real)


def test_a_key_alone_is_said_once_on_stderr(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    fake.handler = labeller
    _key_only(monkeypatch, fake)
    result = CliRunner().invoke(main, ["brief", str(ARRIVAL)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count(NOTICE) == 1 and "--local for the embedded model" in result.stderr
    assert NOTICE not in result.stdout and result.stdout.startswith("# ")
    assert fake.requests and all(r["model"] == "gpt-4o-mini" for r in fake.requests)


def test_q_silences_the_notice(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    fake.handler = labeller
    _key_only(monkeypatch, fake)
    result = CliRunner().invoke(main, ["-q", "brief", str(ARRIVAL)])
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize("extra, env, said", [
    ([], {}, True),  # the key alone: said, even though the brief then fails on its input
    (["--local"], {}, False), (["--base-url", "http://127.0.0.1:9/v1"], {}, False),
    ([], {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}, False), (["-q"], {}, False),
])
def test_the_notice_only_when_the_key_chose_the_server(extra: list[str], env: dict[str, str], said: bool,
                                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SECRET-123456")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    top = ["-q"] if "-q" in extra else []
    args = [*top, "brief", str(tmp_path / "missing.txt"), *(x for x in extra if x != "-q")]
    result = CliRunner().invoke(main, args)  # the missing input fails before any call
    assert result.exit_code == 2 and "no such file" in result.stderr
    assert (NOTICE in result.stderr) is said


def test_one_build_time_everywhere() -> None:
    """--help, the Makefile and the README state the same build time, the installer's BUILD_MINUTES."""
    from briefer.model.install import BUILD_MINUTES

    root = Path(__file__).resolve().parents[2]
    texts = {"--help": " ".join(_help("setup").split()), "Makefile": (root / "Makefile").read_text(),
             "README": " ".join((root / "README.md").read_text().split())}
    for where, text in texts.items():
        stated = set(re.findall(r"buil[dt][^.]{0,60}?(\d+-\d+)[ -]minute", text))
        assert stated == {BUILD_MINUTES}, (where, stated)
