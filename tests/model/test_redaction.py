"""A server that echoes the Authorization header into its answers: the key and any ``Bearer <token>`` are
redacted from every message built from model or server text (errors, re-asks, logs, journal, cache, outputs),
and the one redaction function does it."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from briefer.redact import redact, remember
from tests.conftest import ARRIVAL
from tests.support.fakes import labeller
from tests.support.fakeserver import AUTHORIZATION, FakeOpenAI, Reply, schema_of, task_of, valid_answer

SECRET = "sk-test-SECRET-123456"


def echoing(request: dict[str, Any]) -> Reply:
    """Every value of the answer is the request's Authorization header: the schema's enums refuse it."""
    props = (schema_of(request) or {}).get("properties", {})
    return Reply(content=json.dumps({key: AUTHORIZATION for key in props}))


def every_byte(*folders: Path) -> bytes:
    return b"".join(p.read_bytes() for folder in folders for p in folder.rglob("*") if p.is_file())


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_a_reask_error_never_shows_the_echoed_key(remote_env: FakeOpenAI, tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    remote_env.handler = echoing
    code, out, err = run("-vv", "brief", str(ARRIVAL), "-o", str(tmp_path / "b.md"))
    assert code == 1 and "stayed invalid" in err, err
    assert remote_env.headers[0]["authorization"] == f"Bearer {SECRET}"  # the server did echo it
    assert SECRET not in out + err + caplog.text and "Bearer sk-" not in err + caplog.text
    assert "***" in err  # what was there is said to be hidden
    reasks = [m["content"] for r in remote_env.requests for m in r["messages"] if m["role"] != "system"]
    assert SECRET not in "".join(reasks)  # the re-ask does not send the echo back either


def test_a_batch_journal_never_holds_the_echoed_key(remote_env: FakeOpenAI, articles: Path,
                                                    tmp_path: Path) -> None:
    remote_env.handler = echoing
    out = tmp_path / "out"
    code, _, err = run("batch", str(articles), "-o", str(out), "-j", "2", "--workers", "1")
    assert code == 4, err
    journal = (out / "batch-state.jsonl").read_text()
    assert "stayed invalid" in journal and "***" in journal
    assert SECRET not in journal + err and SECRET.encode() not in every_byte(out)


def test_an_answer_that_passes_with_the_key_in_it_is_kept_without_it(remote_env: FakeOpenAI,
                                                                     tmp_path: Path) -> None:
    def handler(request: dict[str, Any]) -> str:
        if task_of(request) == "summary":
            return valid_answer(request, summary=f"Mark Carney arrived in Paris; the header was {AUTHORIZATION}.")
        return labeller(request)

    remote_env.handler = handler
    target = tmp_path / "b.json"
    code, out, err = run("brief", str(ARRIVAL), "-o", str(target))
    assert code == 0, err
    assert "the header was Bearer ***" in json.loads(target.read_text())["summary"]["text"]
    home = Path(os.environ["BRIEFER_HOME"])
    assert SECRET.encode() not in every_byte(tmp_path, home)  # outputs and the response cache
    code, out, _ = run("brief", str(ARRIVAL), "--format", "json")  # from the cache now
    assert code == 0 and "Bearer ***" in out and SECRET not in out


@pytest.mark.parametrize("text, expected", [
    ("not 'Bearer sk-live-abc123def456'", "not 'Bearer ***'"),
    ("authorization: bearer eyJhbGciOiJIUzI1NiJ9.e30.sig0", "authorization: bearer ***"),
    ("key=sk-remembered-0123456789 again sk-remembered-0123456789", "key=*** again ***"),
    ("Bearer bonds were sold in 1932", "Bearer bonds were sold in 1932"),  # prose, not a credential
    ("no secret here", "no secret here"),
])
def test_the_one_redaction(text: str, expected: str) -> None:
    remember("sk-remembered-0123456789")
    assert redact(text) == expected


def test_the_environment_key_is_redacted_without_being_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-only-in-the-environment-42")
    assert redact("echo: sk-only-in-the-environment-42") == "echo: ***"
