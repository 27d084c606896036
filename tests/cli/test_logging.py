"""What reaches stderr: briefer's own lines; a third-party library's log output (trafilatura's warnings on a
page with no text, for one) and Python warnings only with -v; and the key redacted from every log line."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefer import logs
from tests.conftest import ROOT

SCRIPTS_ONLY = "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>"


def brief(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    return subprocess.run([sys.executable, "-m", "briefer", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_third_party_log_lines_stay_under_verbose(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(SCRIPTS_ONLY)
    done = brief("brief", str(page))
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("briefer: error: ") and "no article text" in done.stderr
    done = brief("-v", "brief", str(page))
    assert done.returncode == 2 and "trafilatura" in done.stderr, done.stderr  # -v shows them


def test_the_handler_lets_briefer_through_and_libraries_only_when_verbose(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-in-a-log-line-0123456789")
    try:
        logs.configure(0)
        logging.getLogger("briefer.model").warning("server said %s", "sk-in-a-log-line-0123456789")
        logging.getLogger("somelibrary").warning("library noise")
        logging.getLogger("briefer.read").info("not at this level")
        err = capsys.readouterr().err
        assert err == "briefer: WARNING briefer.model: server said ***\n", err
        logs.configure(1)
        logging.getLogger("somelibrary").warning("library noise")
        logging.getLogger("briefer.read").info("now at this level")
        err = capsys.readouterr().err
        assert "library noise" in err and "now at this level" in err
    finally:
        logs.reset()
