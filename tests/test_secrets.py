"""The API key never appears in anything a run leaves: stdout, stderr, debug logs, outputs, eval reports,
exception texts and tracebacks, even when the server echoes it back."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer import brief
from briefer.cli.main import main
from briefer.errors import BriefError
from tests.conftest import ARRIVAL, ROOT
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply

KEY = "sk-live-LEAKCHECK-7f3a9c2e41d0b8"
ECHO = {"error": {"message": f"Incorrect API key provided: {KEY}", "key": KEY}}

FAILURES = {
    "401": [Reply(status=401, body=ECHO)],
    "400": [Reply(status=400, body=ECHO)],
    "404": [Reply(status=404, body=ECHO)],
    "500": [Reply(status=500, body=ECHO)],
    "invalid-json": [Reply(content=f'{{"oops": "{KEY[:6]}'), Reply(content="not json")],
    "refusal": [Reply(refusal=f"I will not use the key {KEY}")],
    "not-json-body": [Reply(raw=f"<html>{KEY}</html>".encode())],
}


@pytest.fixture
def keyed(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("BRIEFER_MODEL", "fake-model")
    return fake


def _files(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("name", FAILURES)
def test_failing_runs_never_show_the_key(keyed: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                         name: str) -> None:
    caplog.set_level(logging.DEBUG)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    seen: list[str] = []

    keyed.script = FAILURES[name] * 40
    result = CliRunner().invoke(main, ["-vv", "brief", str(ARRIVAL), "-o", str(out_dir / "brief.json")])
    # -vv: the debug lines come first (on stderr, as in a terminal), the error last
    assert result.exit_code in (1, 2) and result.stderr.splitlines()[-1].startswith("briefer: error:"), result.stderr
    seen += [result.stdout, result.stderr]

    keyed.script = FAILURES[name] * 40
    case = str(ROOT / "evals" / "cases" / "carney-arrives-in-paris.yaml")
    result = CliRunner().invoke(main, ["-vv", "eval", case, "--details", "--json", str(out_dir / "r.json"),
                                       "--html", str(out_dir / "r.html")])
    assert (out_dir / "r.json").exists(), result.stderr
    seen += [result.stdout, result.stderr]

    keyed.script = FAILURES[name] * 40
    with pytest.raises(BriefError) as info:
        brief([ARRIVAL])
    seen += [str(info.value), repr(info.value), "".join(traceback.format_exception(info.value))]
    chained: BaseException | None = info.value
    while chained is not None:  # what a logger with exc_info, or a debugger, could still reach
        seen.append(repr(chained))
        chained = chained.__cause__ or chained.__context__

    seen += [caplog.text, _files(out_dir)]
    assert keyed.headers and all(h["authorization"] == f"Bearer {KEY}" for h in keyed.headers)  # it was sent
    for text in seen:
        assert KEY not in text and KEY[8:24] not in text


def test_a_successful_run_writes_no_key(keyed: FakeOpenAI, tmp_path: Path) -> None:
    keyed.handler = labeller
    for fmt in ("json", "md", "html"):
        result = CliRunner().invoke(main, ["-vv", "brief", str(ARRIVAL), "-o", str(tmp_path / f"b.{fmt}")])
        assert result.exit_code == 0 and KEY not in result.stderr + result.stdout
    assert KEY not in _files(tmp_path)
    from briefer.api import Briefer

    session = Briefer()
    assert KEY not in repr(session.settings) and KEY not in str(session.settings)
