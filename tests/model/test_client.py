from __future__ import annotations

import json

import pytest

from briefer import config
from briefer.compose.calls import check_labels, labels_schema
from briefer.errors import ConfigError, ModelError, ValidationFailed
from briefer.model.client import Call, ModelClient
from tests.support.fakeserver import FakeOpenAI, Reply, schema_of

KEYS = ["Mark Carney", "Paris"]
LABELS = ("person-main", "place-main", "none")


def _call() -> Call:
    return Call("who", [{"role": "system", "content": "sys"}, {"role": "user", "content": "Task: label each name"}],
                labels_schema(KEYS, LABELS), check_labels(KEYS, LABELS), max_tokens=50)


def _client(fake: FakeOpenAI, mode: str = "json_schema", **kw: object) -> ModelClient:
    settings = config.resolve(base_url=fake.base_url, api_key="sk-SECRET-abcdef", model="m", mode=mode)
    return ModelClient(settings.with_(**{"max_retries": 0, "timeout": 5, **kw}))


GOOD = json.dumps({"Mark Carney": "person-main", "Paris": "place-main"})


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "prompt"])
def test_three_modes_send_the_schema_their_way(fake: FakeOpenAI, mode: str) -> None:
    fake.script = [Reply(content=GOOD)]
    value, usage = _client(fake, mode).ask(_call())
    assert value == {"Mark Carney": "person-main", "Paris": "place-main"}
    assert usage.prompt_tokens == 100 and usage.completion_tokens == 10 and usage.attempts == 1
    request = fake.requests[0]
    fmt = request.get("response_format")
    if mode == "json_schema":
        assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    elif mode == "json_object":
        assert fmt["type"] == "json_object" and fmt["schema"]["required"] == KEYS
    else:
        assert fmt is None and "matching this JSON schema" in request["messages"][-1]["content"]
    assert schema_of(request)["properties"]["Paris"]["enum"] == list(LABELS)
    assert request["temperature"] == 0 and request["seed"] == 7


def test_invalid_then_valid_reasks_with_the_error(fake: FakeOpenAI) -> None:
    fake.script = [Reply(content="{not json"), Reply(content=json.dumps({"Mark Carney": "alien", "Paris": "none"})),
                   Reply(content=GOOD)]
    value, usage = _client(fake).ask(_call())
    assert value["Paris"] == "place-main" and usage.attempts == 3
    second, third = fake.requests[1]["messages"], fake.requests[2]["messages"]
    assert second[-2] == {"role": "assistant", "content": "{not json"}
    assert "not valid" in second[-1]["content"]
    assert "'Mark Carney' must be one of" in third[-1]["content"]


def test_stays_invalid_gives_up_with_clear_error(fake: FakeOpenAI) -> None:
    fake.script = [Reply(content="[]")] * 3
    with pytest.raises(ValidationFailed, match="stayed invalid after 3 tries"):
        _client(fake).ask(_call())
    assert len(fake.requests) == 3


def test_truncated_answer_is_reasked_then_fails(fake: FakeOpenAI) -> None:
    fake.script = [Reply(content='{"Mark Carney": "per', finish_reason="length")] * 3
    with pytest.raises(ValidationFailed, match="cut off at 50 tokens"):
        _client(fake).ask(_call())


def test_refusal_is_an_error(fake: FakeOpenAI) -> None:
    fake.script = [Reply(refusal="I can't help with that")]
    with pytest.raises(ModelError, match="refused"):
        _client(fake).ask(_call())


def test_server_error_and_empty_choices(fake: FakeOpenAI) -> None:
    fake.script = [Reply(status=500)]
    with pytest.raises(ModelError, match="HTTP 500"):
        _client(fake).ask(_call())
    fake.script = [Reply(body={"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []})] * 3
    with pytest.raises(ValidationFailed, match="no choices"):
        _client(fake).ask(_call())


def test_500_then_success_is_retried_by_the_client(fake: FakeOpenAI) -> None:
    fake.script = [Reply(status=500), Reply(content=GOOD)]
    value, _ = _client(fake, max_retries=1).ask(_call())
    assert value["Mark Carney"] == "person-main"


def test_unreachable_server_and_bad_key_never_leak_the_key() -> None:
    settings = config.resolve(base_url="http://127.0.0.1:9/v1", api_key="sk-SECRET-abcdef", model="m")
    with pytest.raises(ModelError) as info:
        ModelClient(settings.with_(max_retries=0, timeout=2)).ask(_call())
    assert "cannot reach" in str(info.value) and "SECRET" not in str(info.value)


def test_401_is_a_config_error(fake: FakeOpenAI) -> None:
    fake.script = [Reply(status=401, body={"error": {"message": "bad key sk-SECRET-abcdef"}})]
    with pytest.raises(ConfigError) as info:
        _client(fake).ask(_call())
    assert "SECRET" not in str(info.value)
    assert fake.headers[0]["authorization"] == "Bearer sk-SECRET-abcdef"


def test_cut_off_summary_is_salvaged_to_whole_sentences(fake: FakeOpenAI) -> None:
    from briefer.compose.calls import check_summary, salvage_summary, summary_schema

    call = Call("summary", [{"role": "user", "content": "Task: write"}], summary_schema(False), check_summary(False),
                max_tokens=30, salvage=salvage_summary(False))
    fake.script = [Reply(content='{"summary": "Carney is in Paris for talks. Canada is \\"expected\\" to outline '
                                 'its role. The meeting brings tog', finish_reason="length")]
    (_, summary), usage = _client(fake).ask(call)
    assert summary == 'Carney is in Paris for talks. Canada is "expected" to outline its role.'
    assert usage.attempts == 1


def _typed(fake: FakeOpenAI, mode: str = "json_schema") -> ModelClient:
    """A ModelClient with a client given to it: asked through the typed ``chat.completions.create``."""
    import openai

    settings = config.resolve(base_url=fake.base_url, api_key="sk-SECRET-abcdef", model="m", mode=mode)
    settings = settings.with_(max_retries=0, timeout=5)
    client = openai.OpenAI(api_key=settings.api_key, base_url=settings.base_url, timeout=5, max_retries=0)
    return ModelClient(settings, client)


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "prompt"])
def test_the_plain_json_path_sends_what_the_typed_call_sends(fake: FakeOpenAI, mode: str) -> None:
    """briefer's own client posts the body itself (``send``): the same request and headers as
    ``chat.completions.create``, the same answer and usage."""
    fake.script = [Reply(content=GOOD), Reply(content=GOOD)]
    own, typed = _client(fake, mode, max_retries=0, timeout=5).ask(_call()), _typed(fake, mode).ask(_call())
    assert own[0] == typed[0] and own[1].model_dump(exclude={"seconds"}) == typed[1].model_dump(exclude={"seconds"})
    assert fake.requests[0] == fake.requests[1]
    assert fake.headers[0] == fake.headers[1]


def _message(**fields: object) -> dict[str, object]:
    return {"choices": [{"index": 0, "message": {"role": "assistant", **fields}, "finish_reason": "stop"}]}


ODD_BODIES = {
    "not-json-content-type-json-body": (json.dumps({**_message(content=GOOD), "usage": {"prompt_tokens": 3}}),
                                        "text/plain"),
    "not-json-content-type-text": ("Bad gateway", "text/html"),
    "json-null": ("null", "application/json"),
    "json-list": ("[1, 2]", "application/json"),
    "choices-not-a-list": (json.dumps({"choices": {"0": 1}}), "application/json"),
    "choice-not-an-object": (json.dumps({"choices": ["x"]}), "application/json"),
    "message-a-string": (json.dumps({"choices": [{"message": "hi", "finish_reason": 3}]}), "application/json"),
    "content-a-number": (json.dumps(_message(content=5)), "application/json"),
    "refusal": (json.dumps(_message(content=None, refusal="no")), "application/json"),
    "odd-usage-and-timings": (json.dumps({**_message(content=GOOD),
                                          "usage": {"prompt_tokens": "7", "completion_tokens": 2.9},
                                          "timings": {"prompt_ms": 5, "predicted_ms": True}}),
                              "application/json; charset=utf-8"),
    "usage-not-an-object": (json.dumps({**_message(content=GOOD), "usage": 5, "timings": [1]}), "application/json"),
    "reused-tokens": (json.dumps({**_message(content=GOOD), "usage": {
        "prompt_tokens": 900, "completion_tokens": 20, "prompt_tokens_details": {"cached_tokens": 180}}}),
        "application/json"),
    "odd-reused-tokens": (json.dumps({**_message(content=GOOD), "usage": {
        "prompt_tokens": 900, "prompt_tokens_details": {"cached_tokens": "all"}}}), "application/json"),
    "reused-tokens-not-an-object": (json.dumps({**_message(content=GOOD), "usage": {
        "prompt_tokens": 900, "prompt_tokens_details": [180]}}), "application/json"),
}


def test_prompt_tokens_the_server_reused_are_counted(fake: FakeOpenAI) -> None:
    body, content_type = ODD_BODIES["reused-tokens"]
    fake.script = [Reply(raw=body.encode(), headers={"Content-Type": content_type, "Connection": "close"})]
    _, usage = _client(fake, max_retries=0, timeout=5).ask(_call())
    assert (usage.prompt_tokens, usage.reused_tokens, usage.completion_tokens) == (900, 180, 20)


@pytest.mark.parametrize("name", sorted(ODD_BODIES))
def test_odd_bodies_read_as_the_typed_call_reads_them(fake: FakeOpenAI, name: str) -> None:
    body, content_type = ODD_BODIES[name]

    def outcome(model: ModelClient) -> object:
        # The fake server closes the connection after a raw body: it says so, so that no retry is needed.
        headers = {"Content-Type": content_type, "Connection": "close"}
        fake.script = [Reply(raw=body.encode(), headers=headers)] * 3
        try:
            value, usage = model.ask(_call())
        except Exception as exc:  # the error is the outcome compared
            return type(exc).__name__, str(exc)
        return value, usage.model_dump(exclude={"seconds"})

    assert outcome(_client(fake, max_retries=0, timeout=5, max_reasks=2)) == outcome(_typed(fake))
