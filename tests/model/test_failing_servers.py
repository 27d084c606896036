"""A failing model server, through the CLI: bounded retries or re-asks, then one clear line and exit 1;
the output file untouched, and a rerun against a healthy server completes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer import config
from briefer.cli.main import main
from briefer.compose.calls import check_labels, labels_schema
from briefer.errors import ModelError
from briefer.model.client import Call, ModelClient
from tests.conftest import ARRIVAL
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply

SECRET = "sk-test-SECRET-123456"
CALLS = 4  # who, role, points, summary
TRIES = 3  # max_reasks + 1, and max_retries + 1 of the openai client


def _body(choices: object) -> dict[str, object]:
    return {"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": choices}


SCENARIOS: dict[str, tuple[Reply, str]] = {
    "http-500": (Reply(status=500), "http 500"),
    "429-retry-after": (Reply(status=429, headers={"Retry-After": "0.1"}), "429"),
    "connection-dropped": (Reply(drop=True), "cannot reach"),
    "body-not-json": (Reply(raw=b"<html><body>Bad gateway</body></html>"), "not json"),
    # A body cut short of its Content-Length on every try: a broken connection, after the retries.
    "body-cut-short": (Reply(raw=b'{"id": "x", "choices": [{"mess', headers={"Content-Length": "900"}), "cannot reach"),
    "invalid-json": (Reply(content="{not json at all"), "stayed invalid"),
    "schema-violation": (Reply(content='{"unexpected": ["answer"]}'), "stayed invalid"),
    "truncated": (Reply(content='{"Mark Carney": "per', finish_reason="length"), "cut off"),
    "empty-choices": (Reply(body=_body([])), "no choices"),
    "choice-without-message": (Reply(body=_body([{"index": 0, "message": None, "finish_reason": "stop"}])),
                               "without a message"),
    "refusal": (Reply(refusal="I can't help with that."), "refused"),
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.usefixtures("fast_backoff")
def test_failing_server_gives_one_clear_line_and_a_rerun_completes(remote_env: FakeOpenAI, tmp_path: Path,
                                                                   name: str) -> None:
    reply, fragment = SCENARIOS[name]
    target = tmp_path / "brief.md"
    target.write_text("yesterday's brief")
    remote_env.script = [reply] * 100
    code, out, err = run("brief", str(ARRIVAL), "-o", str(target))
    assert code == 1, err
    assert err.startswith("briefer: error: ") and err.count("\n") == 1 and fragment in err.lower(), err
    assert "Traceback" not in err and SECRET not in err and out == ""
    assert len(remote_env.requests) <= CALLS * TRIES * TRIES  # bounded: re-asks x client retries
    assert target.read_text() == "yesterday's brief" and not list(tmp_path.glob(".*.tmp"))

    remote_env.script, remote_env.handler = [], labeller  # the server recovers: run again
    code, _, err = run("brief", str(ARRIVAL), "-o", str(target))
    assert code == 0, err
    assert target.read_text().startswith("# PM Carney in Paris")


@pytest.mark.usefixtures("fast_backoff")
def test_timeouts_are_retried_then_reported(remote_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFER_TIMEOUT", "0.3")
    remote_env.script = [Reply(content="{}", delay=1.0)] * 100
    code, _, err = run("brief", str(ARRIVAL))
    assert code == 1 and err.count("\n") == 1, err
    assert "did not answer within 0.3 s" in err and "BRIEFER_TIMEOUT" in err
    assert 0 < len(remote_env.requests) <= CALLS * TRIES  # the tries are bounded ...
    remote_env.wait_idle()
    assert remote_env.abandoned == len(remote_env.requests)  # ... and the client cut each one off at its timeout


KEYS = ["Mark Carney", "Paris"]
GOOD = json.dumps({"Mark Carney": "person-main", "Paris": "place-main"})


def _client(fake: FakeOpenAI, **kw: object) -> ModelClient:
    settings = config.resolve(base_url=fake.base_url, api_key=SECRET, model="m")
    return ModelClient(settings.with_(**{"timeout": 5, **kw}))


def _call() -> Call:
    labels = ("person-main", "place-main", "none")
    return Call("who", [{"role": "user", "content": "Task: label each name"}], labels_schema(KEYS, labels),
                check_labels(KEYS, labels), max_tokens=50)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits the openai client asks for between tries, recorded instead of slept."""
    import openai._base_client

    asked: list[float] = []
    monkeypatch.setattr(openai._base_client.time, "sleep", asked.append)
    return asked


def test_retry_after_is_honoured(fake: FakeOpenAI, waits: list[float]) -> None:
    fake.script = [Reply(status=429, headers={"Retry-After": "0.6"}), Reply(content=GOOD)]
    value, _ = _client(fake).ask(_call())
    assert value["Paris"] == "place-main" and len(fake.requests) == 2
    assert waits == [0.6]  # the server's own figure, not the client's backoff


def test_a_long_retry_after_is_not_waited_for(fake: FakeOpenAI, waits: list[float]) -> None:
    fake.script = [Reply(status=429, headers={"Retry-After": "3600"})] * 5
    with pytest.raises(ModelError, match="asks to wait 3600 s"):
        _client(fake).ask(_call())
    assert len(fake.requests) == 1 and waits == []  # given up at once, not after an hour


@pytest.mark.usefixtures("fast_backoff")
def test_retries_are_bounded_by_max_retries(fake: FakeOpenAI) -> None:
    fake.script = [Reply(status=500)] * 10
    with pytest.raises(ModelError, match="HTTP 500 after 1 retries"):
        _client(fake, max_retries=1).ask(_call())
    assert len(fake.requests) == 2


@pytest.mark.usefixtures("fast_backoff")
def test_a_server_that_recovers_mid_call_is_used(fake: FakeOpenAI) -> None:
    fake.script = [Reply(drop=True), Reply(status=502), Reply(content=GOOD)]
    value, _ = _client(fake, max_retries=2).ask(_call())
    assert value["Mark Carney"] == "person-main" and len(fake.requests) == 3
