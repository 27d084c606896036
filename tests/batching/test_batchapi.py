"""``--via openai-batch`` against the fake server's /v1/files and /v1/batches: one line per call, joined
back by custom_id into the same check, build, grounding and output path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefer import config
from briefer.batching.run import batch
from briefer.cli.main import main
from briefer.errors import UsageError
from tests.conftest import ARRIVAL, TALKS
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply, task_of

SECRET = "sk-test-SECRET-123456"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ARRIVAL, folder / "a.txt")
    shutil.copy(TALKS, folder / "b.txt")
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


def test_round_trip_through_the_batch_api(remote_env: FakeOpenAI, articles: Path, tmp_path: Path) -> None:
    remote_env.handler = labeller
    remote_env.polls_until_done = 2
    out = tmp_path / "out"
    code, err = _run("batch", str(articles), "-o", str(out), "--via", "openai-batch", "--poll", "0.01",
                     "-f", "json")
    assert code == 0, err
    assert remote_env.requests == []  # nothing was asked directly
    ids = [line["custom_id"] for line in remote_env.batch_requests]
    assert sorted(ids) == sorted(f"{item}:{call}" for item in "ab" for call in ("who", "role", "points", "summary"))
    line = remote_env.batch_requests[0]
    assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
    assert line["body"]["model"] == "fake-model" and line["body"]["response_format"]["type"] == "json_schema"
    batch_obj = next(iter(remote_env.batches.values()))
    assert batch_obj["endpoint"] == "/v1/chat/completions" and batch_obj["completion_window"] == "24h"
    assert "in_progress" in err and "completed" in err  # the job's state, polled
    a = json.loads((out / "a.json").read_text())
    assert a["who"] and a["grounding"]["verified"] == a["grounding"]["total"]
    assert a["headline"].startswith("PM Carney in Paris")
    assert not (out / "batch-api.json").exists()
    for path in out.iterdir():
        assert SECRET not in path.read_text()
    code, err = _run("batch", str(articles), "-o", str(out), "--via", "openai-batch", "--poll", "0.01")
    assert code == 0 and len(remote_env.batches) == 1  # markdown now: every answer from the cache, no job


def test_a_failed_line_fails_its_item_and_a_rerun_sends_only_what_is_missing(remote_env: FakeOpenAI,
                                                                             articles: Path,
                                                                             tmp_path: Path) -> None:
    broken = {"on": True}

    def handler(request: dict[str, Any]) -> Any:
        text = request["messages"][-1]["content"]
        if broken["on"] and task_of(request) == "role" and "Canada Joins High-Stakes" in text:
            return Reply(status=400, body={"error": {"message": "context_length_exceeded"}})
        return labeller(request)

    remote_env.handler = handler
    out = tmp_path / "out"
    result = batch(articles, out, via="openai-batch", settings=config.resolve(poll=0.01))
    assert [i.status for i in result.items] == ["done", "failed"]
    assert "role call failed in the batch: HTTP 400: context_length_exceeded" in result.items[1].error
    assert (out / "batch-api.json").exists() is False
    broken["on"] = False
    again = batch(articles, out, via="openai-batch", settings=config.resolve(poll=0.01))
    assert [i.status for i in again.items] == ["skipped", "done"]
    second_job = [line["custom_id"] for line in remote_env.batch_requests[8:]]
    assert second_job == ["b:role"]  # the other answers came from the cache


def test_an_answer_that_fails_its_check_is_asked_again_directly(remote_env: FakeOpenAI, articles: Path,
                                                                 tmp_path: Path) -> None:
    sent: list[str] = []

    def handler(request: dict[str, Any]) -> Any:
        sent.append(task_of(request))
        if sent.count("who") == 1 and task_of(request) == "who":
            return '{"not": "the keys asked for"}'
        return labeller(request)

    remote_env.handler = handler
    (articles / "b.txt").unlink()
    result = batch(articles, tmp_path / "out", via="openai-batch", fmt="json", settings=config.resolve(poll=0.01))
    assert result.ok, str(result)
    assert [task_of(r) for r in remote_env.requests] == ["who"]  # the re-ask went directly
    brief = json.loads((tmp_path / "out" / "a.json").read_text())
    assert "Mark Carney" in [a["name"] for a in brief["who"]]
    who = next(u for u in brief["usage"] if u["name"] == "who")
    assert who["attempts"] == 2 and who["prompt_tokens"] == 200  # the batch answer and the direct one


def test_a_failed_job_is_one_error(remote_env: FakeOpenAI, articles: Path, tmp_path: Path) -> None:
    remote_env.handler = labeller
    remote_env.batch_final_status = "failed"
    code, err = _run("batch", str(articles), "-o", str(tmp_path / "out"), "--via", "openai-batch", "--poll", "0.01")
    assert code == 1 and "failed: invalid_file: bad lines" in err and "Traceback" not in err


def test_a_rerun_after_an_interrupt_polls_the_same_job(remote_env: FakeOpenAI, articles: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer.model import batch_files as batches

    remote_env.handler = labeller
    remote_env.polls_until_done = 3
    calls = {"n": 0}
    real_wait = batches.wait

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt
        return real_wait(*args, **kwargs)

    monkeypatch.setattr(batches, "wait", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        batch(articles, out, via="openai-batch", settings=config.resolve(poll=0.01))
    assert (out / "batch-api.json").exists()
    result = batch(articles, out, via="openai-batch", settings=config.resolve(poll=0.01))
    assert result.ok and len(remote_env.batches) == 1  # resumed, not submitted again


def test_the_embedded_model_has_no_batch_api(tmp_path: Path, articles: Path) -> None:
    with pytest.raises(UsageError, match="needs a server with the Batch API"):
        batch(articles, tmp_path / "out", via="openai-batch")
