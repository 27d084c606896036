"""Batch workers (``--workers``): briefs made in other processes are the briefs one process makes, written,
journaled and listed by the parent as with one process; a rerun resumes; Ctrl-C or a dead worker loses
no brief that is done."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest

from briefer import config
from briefer.batching.journal import STATE_FILE
from briefer.batching.outputs import Run
from briefer.batching.processes import default_workers, shares
from briefer.batching.run import batch
from briefer.errors import UsageError
from tests.conftest import ARRIVAL, TALKS
from tests.support.fakes import fail_the_talks_article, labeller, run
from tests.support.fakeserver import FakeOpenAI


@pytest.fixture
def many(articles: Path) -> Path:
    """The batch fixture plus copies: 7 briefs."""
    for i in range(4):
        (articles / f"copy{i}.txt").write_text((ARRIVAL if i % 2 else TALKS).read_text() + f"\nNote {i}.\n")
    return articles


def _journal(out: Path) -> dict[str, dict[str, Any]]:
    entries = [json.loads(line) for line in (out / STATE_FILE).read_text().splitlines()]
    return {e["id"]: e for e in entries}  # the last line of an id wins


def _without_timings(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text())
    for usage in data["usage"]:
        usage.pop("seconds")
    return data  # type: ignore[no-any-return]


def test_two_workers_write_what_one_process_writes(remote_env: FakeOpenAI, many: Path, tmp_path: Path) -> None:
    remote_env.handler = labeller
    one, two = tmp_path / "one", tmp_path / "two"
    for out, fmt in ((one, "md"), (two, "md"), (tmp_path / "one-json", "json"), (tmp_path / "two-json", "json")):
        workers = "1" if out.name.startswith("one") else "2"
        code, _, err = run("batch", str(many), "-o", str(out), "-f", fmt, "-j", "4", "--workers", workers,
                           "--no-cache")
        assert code == 0, err
        assert "7 done" in err and "7/7" in err
    names = sorted(p.name for p in one.glob("*.md"))
    assert len(names) == 7 and names == sorted(p.name for p in two.glob("*.md"))
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
        stem = name.removesuffix(".md")
        assert _without_timings(tmp_path / "one-json" / f"{stem}.json") == \
            _without_timings(tmp_path / "two-json" / f"{stem}.json")
    assert {e["status"] for e in _journal(two).values()} == {"done"} and len(_journal(two)) == 7
    assert not list(two.glob(".*.tmp"))


def test_workers_list_failures_and_a_rerun_resumes(remote_env: FakeOpenAI, many: Path, tmp_path: Path) -> None:
    broken = fail_the_talks_article(remote_env)
    (many / "bin.txt").write_bytes(b"\x00\x01\x02" * 40)  # unreadable: fails alone
    (many / "empty").mkdir()  # a group without articles: fails in the parent, at once
    out = tmp_path / "out"
    code, _, err = run("batch", str(many), "-o", str(out), "-j", "4", "--workers", "2")
    assert code == 4
    failed = [line for line in err.splitlines() if line.startswith("  ")]
    assert any(x.startswith("  bin: ") and "binary" in x for x in failed)
    assert any(x.startswith("  b: ") and "no such luck" in x for x in failed)
    assert any(x.startswith("  empty: ") and "holds no" in x for x in failed)
    assert sorted(p.stem for p in out.glob("*.md")) == ["a", "copy1", "copy3"]  # TALKS's copies fail too
    assert _journal(out)["b"]["status"] == "failed" and "no such luck" in _journal(out)["b"]["error"]
    broken["on"] = False
    (many / "bin.txt").unlink()
    (many / "empty").rmdir()
    code, _, err = run("batch", str(many), "-o", str(out), "-j", "4", "--workers", "2")
    assert code == 0, err
    assert "3 skipped" in err and "4 done" in err
    sent = len(remote_env.requests)
    code, _, err = run("batch", str(many), "-o", str(out), "--workers", "2")
    assert code == 0 and "7 skipped" in err and len(remote_env.requests) == sent


def test_the_python_api_with_workers(remote_env: FakeOpenAI, many: Path, tmp_path: Path) -> None:
    remote_env.handler = labeller
    result = batch(many, tmp_path / "out", concurrency=3, workers=2, fmt="json", cache=False)
    assert result.ok and [i.status for i in result.items] == ["done"] * 7
    assert [i.id for i in result.items] == ["a", "b", "copy0", "copy1", "copy2", "copy3", "group"]
    assert all(i.path is not None and i.path.exists() and i.seconds > 0 for i in result.items)
    assert result.worker_cpu > 0  # what the worker processes used, counted here


def test_ctrl_c_stops_the_workers_and_keeps_what_is_done(remote_env: FakeOpenAI, many: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    remote_env.handler = labeller
    complete = Run.complete
    seen: list[str] = []

    def interrupted(self: Run, todo: Any, made: Any) -> Any:
        if seen:
            raise KeyboardInterrupt
        seen.append(todo.job.id)
        return complete(self, todo, made)

    monkeypatch.setattr(Run, "complete", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        batch(many, out, concurrency=4, workers=2, cache=False)
    assert not [p for p in multiprocessing.active_children() if p.name.startswith("briefer-worker")]
    journal = _journal(out)
    assert list(journal) == seen and journal[seen[0]]["status"] == "done"
    assert sorted(p.stem for p in out.glob("*.md")) == seen
    monkeypatch.setattr(Run, "complete", complete)
    result = batch(many, out, concurrency=4, workers=2, cache=False)
    assert result.ok and result.count("skipped") == 1 and result.count("done") == 6


def test_a_worker_that_dies_loses_only_its_briefs_in_flight(remote_env: FakeOpenAI, many: Path, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    killed: list[int] = []

    def handler(request: dict[str, Any]) -> Any:
        if not killed and "Canada Joins High-Stakes" in request["messages"][-1]["content"]:
            for proc in multiprocessing.active_children():  # b's worker among them: b is in flight
                if proc.name.startswith("briefer-worker") and proc.pid:
                    os.kill(proc.pid, signal.SIGKILL)
                    killed.append(proc.pid)
        return labeller(request)

    remote_env.handler = handler
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING, logger="briefer.batch"):
        result = batch(many, out, concurrency=2, workers=2, cache=False)
    assert killed
    failed = {i.id: i.error for i in result.failed}
    assert "b" in failed and len(failed) <= 2  # b, and what the other worker had in flight
    assert all("worker process stopped" in e for e in failed.values())
    assert result.count("done") == 7 - len(failed)  # the rest made in this process
    assert "briefing them in this process" in caplog.text
    assert batch(many, out, concurrency=2, workers=2, cache=False).count("done") == len(failed)


def test_how_many_workers() -> None:
    remote = config.resolve(base_url="http://x/v1", api_key="k")
    assert default_workers(remote, 8) == 1
    assert default_workers(remote, 16) == min(2, os.cpu_count() or 1)
    assert default_workers(remote, 64) == min(8, os.cpu_count() or 1)
    assert default_workers(config.resolve(), 64) == 1  # the embedded model
    assert shares(16, 3) == [6, 5, 5] and shares(2, 4) == [1, 1] and sum(shares(64, 2)) == 64


def test_workers_that_cannot_be(remote_env: FakeOpenAI, articles: Path, tmp_path: Path,
                                caplog: pytest.LogCaptureFixture) -> None:
    remote_env.handler = labeller
    with pytest.raises(UsageError, match="at least 1"):
        batch(articles, tmp_path / "out", workers=0)
    import openai

    client = openai.OpenAI(base_url=remote_env.base_url, api_key="sk-own")
    with caplog.at_level(logging.WARNING, logger="briefer.batch"):
        result = batch(articles, tmp_path / "out", workers=2, client=client, model="fake")
    assert result.ok and "stays in this process: 1 worker process" in caplog.text
    shutil.rmtree(tmp_path / "out")
