"""Fault injection: `briefer brief` and `briefer batch` against a fake server set to each fault mode in turn.

For each mode: the exit code; one line on stderr (a batch: one error line, one line per failed brief); no
traceback; the key absent from every byte written (stdout, stderr with debug logs, outputs, the journal, the
cache); and an output written before, by an earlier good run, unchanged."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from tests.conftest import ARRIVAL
from tests.support.fakes import labeller
from tests.support.fakeserver import AUTHORIZATION, FakeOpenAI, Reply, schema_of

SECRET = "sk-test-SECRET-123456"
ECHO = {"error": {"message": f"bad request from {AUTHORIZATION}", "header": AUTHORIZATION}}


def echoing(request: dict[str, Any]) -> Reply:
    props = (schema_of(request) or {}).get("properties", {})
    return Reply(content=json.dumps({key: AUTHORIZATION for key in props}))


def good(**fault: Any) -> Callable[[dict[str, Any]], Reply]:
    """A valid answer, delivered with ``fault``."""
    return lambda request: Reply(content=labeller(request), **fault)


# mode: (the server's reply to each request, exit code of `brief`, what its error line says)
MODES: dict[str, tuple[Callable[[dict[str, Any]], Reply], int, str]] = {
    "key echoed into the answer's values": (echoing, 1, "stayed invalid"),
    "key echoed into a 400": (lambda r: Reply(status=400, body=ECHO), 1, "rejected the request"),
    "key echoed into a 500": (lambda r: Reply(status=500, body=ECHO), 1, "failed with http 500"),
    "key echoed into a body that is not JSON": (lambda r: Reply(raw=f"<p>{AUTHORIZATION}</p>".encode()), 1,
                                                "not json"),
    "401 echoing the key": (lambda r: Reply(status=401, body=ECHO), 2, "rejected the api key"),
    "1,000 nested [ as the body": (lambda r: Reply(raw=b"[" * 1000), 1, "nested too deeply"),
    "1,000 nested [ as the answer": (lambda r: Reply(content="[" * 1000), 1, "nested too deeply"),
    "a byte a tick": (good(drip=0.01), 1, "did not answer within"),
    "a drip without end": (good(drip=0.01, endless=True), 1, "did not answer within"),
    "a 50 MB answer": (good(size=50_000_000), 1, "larger than 4 mb"),
    "a server that hangs": (lambda r: Reply(hang=True), 1, "did not answer within"),
    "a dropped connection": (lambda r: Reply(drop=True), 1, "cannot reach"),
}


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def written(*folders: Path) -> bytes:
    return b"".join(p.read_bytes() for folder in folders for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("mode", MODES)
def test_every_fault_mode(remote_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mode: str) -> None:
    home = Path(os.environ["BRIEFER_HOME"])
    monkeypatch.setenv("BRIEFER_TIMEOUT", "0.3")
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    (articles / "a.txt").write_text(ARRIVAL.read_text())
    before = tmp_path / "brief.md"

    remote_env.handler = labeller  # a good run first: the outputs a failing run must leave as they are
    assert invoke("brief", str(ARRIVAL), "-o", str(before))[0] == 0
    assert invoke("batch", str(articles), "-o", str(out), "--workers", "1")[0] == 0
    kept = {p: p.read_bytes() for p in [before, out / "a.md"]}
    (articles / "a.txt").write_text(ARRIVAL.read_text() + "\nOne more line, so that the batch briefs it again.\n")

    reply, code, fragment = MODES[mode]
    remote_env.handler = reply
    exit_code, stdout, stderr = invoke("brief", str(ARRIVAL), "-o", str(before), "--no-cache")
    assert exit_code == code, stderr
    assert stderr.startswith("briefer: error: ") and stderr.count("\n") == 1 and fragment in stderr.lower(), stderr
    assert stdout == "" and "Traceback" not in stderr

    batch_code, batch_out, batch_err = invoke("-vv", "batch", str(articles), "-o", str(out), "--workers", "1")
    assert batch_code == 4, batch_err
    assert "Traceback" not in batch_err and batch_err.count("briefer: error: ") == 1
    failed = [line for line in batch_err.splitlines() if line.startswith("  a: ")]
    assert len(failed) == 1 and fragment in failed[0].lower(), batch_err  # the reason, in one line
    journal = [json.loads(line) for line in (out / "batch-state.jsonl").read_text().splitlines()]
    assert journal[-1]["status"] == "failed" and "\n" not in journal[-1]["error"]

    assert {p: p.read_bytes() for p in kept} == kept  # the good run's outputs, untouched
    assert not list(tmp_path.rglob(".*.tmp"))
    everything = stdout + stderr + batch_out + batch_err
    assert SECRET not in everything and "Bearer sk-" not in everything
    assert SECRET.encode() not in written(tmp_path, home)  # outputs, journal, cache
