"""What bounds one try of a model call: BRIEFER_TIMEOUT is its total time (a server that drips its answer
cannot stretch it), and BRIEFER_MAX_RESPONSE_MB its size (a huge answer is refused, not downloaded)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from tests.conftest import ARRIVAL
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply

CALLS = 4  # who, role, points, summary
TRIES = 3  # max_retries + 1


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def settle(fake: FakeOpenAI, done: Any) -> None:
    """Wait until the server's side of every request has ended (calls left in flight end on their own)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not done():
        time.sleep(0.05)


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("endless", [False, True], ids=["slow-drip", "endless-drip"])
def test_a_dripping_server_cannot_stretch_a_try(remote_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path, endless: bool) -> None:
    monkeypatch.setenv("BRIEFER_TIMEOUT", "0.5")
    remote_env.handler = lambda req: Reply(content=labeller(req), drip=0.01, endless=endless)
    target = tmp_path / "b.md"
    target.write_text("yesterday's brief")
    code, _, err = run("brief", str(ARRIVAL), "-o", str(target))
    assert code == 1 and err.count("\n") == 1 and "did not answer within 0.5 s" in err, err
    assert target.read_text() == "yesterday's brief"
    settle(remote_env, lambda: len(remote_env.sent) == len(remote_env.requests))
    # Every try was ended by the client, each before its answer was out: none ran to the server's end.
    assert remote_env.requests and len(remote_env.requests) <= CALLS * TRIES
    assert remote_env.hung_up == len(remote_env.requests)
    assert all(sent < 400 for sent in remote_env.sent), remote_env.sent


@pytest.mark.parametrize("size, chunked", [(50_000_000, False), (5_000_000, False), (50_000_000, True)],
                         ids=["50 MB", "5 MB", "50 MB, no length"])
def test_a_huge_answer_is_refused_without_downloading_it(remote_env: FakeOpenAI, tmp_path: Path,
                                                         size: int, chunked: bool) -> None:
    remote_env.handler = lambda req: Reply(content=labeller(req), size=size, chunked=chunked)
    target = tmp_path / "b.md"
    target.write_text("yesterday's brief")
    code, _, err = run("brief", str(ARRIVAL), "-o", str(target))
    assert code == 1 and err.count("\n") == 1, err
    assert "larger than 4 MB" in err and "BRIEFER_MAX_RESPONSE_MB" in err
    assert target.read_text() == "yesterday's brief"
    settle(remote_env, lambda: len(remote_env.sent) == len(remote_env.requests))
    assert len(remote_env.requests) <= CALLS  # neither retried nor re-asked
    assert all(sent < size for sent in remote_env.sent), remote_env.sent  # the rest was never read


def test_the_size_limit_is_a_setting(remote_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    remote_env.handler = lambda req: Reply(content=labeller(req), size=300_000)
    code, _, err = run("brief", str(ARRIVAL))
    assert code == 1 and "larger than" not in err  # 300 kB passes the default (the padded answer is invalid)
    monkeypatch.setenv("BRIEFER_MAX_RESPONSE_MB", "0.1")
    code, _, err = run("brief", str(ARRIVAL))
    assert code == 1 and "larger than 0.1 MB" in err, err
