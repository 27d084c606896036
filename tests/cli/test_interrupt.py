"""Ctrl-C, as a user at a terminal gives it, to `briefer brief` and `briefer batch` (threads and worker
processes) while their calls hang: the run ends at once, its calls are cancelled (the server sees each
client hang up, and no call is sent again), what was written stays, the exit code is 130, and a second
Ctrl-C, sent at once after the first, never shows a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ARRIVAL, ROOT
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply

TALKS_MARK = "Canada Joins High-Stakes"  # a line of the talks article: its calls hang


def start(*args: str) -> subprocess.Popen[str]:
    # A shell without job control starts background jobs with SIGINT ignored: give the child the default,
    # as a terminal would.
    return subprocess.Popen([sys.executable, "-m", "briefer", *args], cwd=ROOT, env={**os.environ,
                            "BRIEFER_TIMEOUT": "120"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for(what: Callable[[], bool], proc: subprocess.Popen[str] | None = None) -> None:
    deadline = time.monotonic() + 60  # a busy machine starts Python slowly
    while time.monotonic() < deadline and not what():
        assert proc is None or proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    assert what()


def interrupt(proc: subprocess.Popen[str], fake: FakeOpenAI) -> tuple[int, str, int]:
    """Ctrl-C, and again at once (the second must change nothing); the exit code, stderr, and the requests
    the server had then."""
    sent = len(fake.requests)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    try:  # the process is gone long before this; it would take the hanging calls' 120 s otherwise
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the process lived on after Ctrl-C: " + proc.communicate()[1])
    return proc.returncode, err, sent


def hanging(fake: FakeOpenAI, only: str | None = None) -> Callable[[dict[str, Any]], Any]:
    """Hang every call (or only those whose prompt holds ``only``); count them in ``fake.hanging``."""
    fake.hanging = 0  # type: ignore[attr-defined]

    def handler(request: dict[str, Any]) -> Any:
        if only is None or only in request["messages"][-1]["content"]:
            fake.hanging += 1  # type: ignore[attr-defined]
            return Reply(hang=True)
        return labeller(request)

    return handler


def assert_cancelled(fake: FakeOpenAI, sent: int, *, threads: bool = True) -> None:
    """Every hanging call was hung up on by the client. In this process's threads no call starts after
    Ctrl-C (a cancelled call is never sent again); a worker process may start one in the moment before it
    is stopped, and that one is hung up on as well."""
    wait_for(lambda: fake.hung_up == fake.hanging)  # type: ignore[attr-defined]
    if threads:
        assert len(fake.requests) == sent


def test_ctrl_c_ends_a_brief_at_once(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = hanging(remote_env)
    target = tmp_path / "b.md"
    target.write_text("yesterday's brief")
    proc = start("brief", str(ARRIVAL), "-o", str(target))
    wait_for(lambda: remote_env.hanging >= 4, proc)  # type: ignore[attr-defined]  # every call in flight
    code, err, sent = interrupt(proc, remote_env)
    assert code == 130 and err.strip().splitlines()[-1] == "briefer: interrupted", err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert target.read_text() == "yesterday's brief" and not list(tmp_path.glob(".*.tmp"))
    assert_cancelled(remote_env, sent)


@pytest.mark.parametrize("workers", ["1", "2"], ids=["threads", "processes"])
def test_ctrl_c_ends_a_batch_at_once_and_keeps_what_is_written(remote_env: FakeOpenAI, articles: Path,
                                                                tmp_path: Path, workers: str) -> None:
    remote_env.handler = hanging(remote_env, only=TALKS_MARK)
    out = tmp_path / "out"
    proc = start("batch", str(articles), "-o", str(out), "-j", "3", "--workers", workers)
    wait_for(lambda: (out / "a.md").exists() and remote_env.hanging >= 2, proc)  # type: ignore[attr-defined]
    code, err, sent = interrupt(proc, remote_env)
    assert code == 130 and err.strip().splitlines()[-1] == "briefer: interrupted", err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert (out / "a.md").read_text().startswith("# ") and not list(out.glob(".*.tmp"))
    assert '"id": "a", "status": "done"' in (out / "batch-state.jsonl").read_text()
    assert_cancelled(remote_env, sent, threads=workers == "1")

    if workers == "1":
        return
    remote_env.handler = labeller  # the server answers again: the rerun keeps a and does the rest
    rerun = subprocess.run([sys.executable, "-m", "briefer", "batch", str(articles), "-o", str(out), "-j", "3",
                            "--workers", "1"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0 and "1 skipped" in rerun.stderr, rerun.stderr
