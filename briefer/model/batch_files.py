"""The OpenAI Batch API, or any server with ``/v1/files`` and ``/v1/batches``: upload a JSONL file of
chat-completion requests, create the batch, poll it, download its output and error files.

Each line of the input is ``{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}``;
each line of the output and error files is ``{"custom_id", "response": {"status_code", "body"}, "error"}``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from briefer.config import Settings
from briefer.errors import ModelError
from briefer.model.client import api_errors
from briefer.redact import quote, redact

if TYPE_CHECKING:
    import openai

log = logging.getLogger("briefer.batches")

ENDPOINT: Final = "/v1/chat/completions"
MAX_REQUESTS = 50_000  # per batch (OpenAI's limit)
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})


@dataclass
class BatchAnswer:
    """One request's answer, or why there is none."""

    content: str = ""
    finish: str = "stop"
    prompt_tokens: int = 0
    completion_tokens: int = 0
    error: str = ""


@dataclass
class BatchState:
    id: str
    status: str
    output_file_id: str | None = None
    error_file_id: str | None = None
    completed: int = 0
    failed: int = 0
    total: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.status in TERMINAL


def submit(client: openai.OpenAI, settings: Settings, lines: Sequence[dict[str, Any]], metadata: dict[str, str]) -> str:
    """Upload the requests and create the batch; returns its id."""
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    with api_errors(settings):
        upload = client.files.create(file=("briefer-batch.jsonl", data, "application/jsonl"), purpose="batch")
        created = client.batches.create(input_file_id=upload.id, endpoint=ENDPOINT, completion_window="24h",
                                        metadata=metadata)
    log.info("submitted batch %s (%d requests, file %s)", created.id, len(lines), upload.id)
    return str(created.id)


def status(client: openai.OpenAI, settings: Settings, batch_id: str) -> BatchState:
    with api_errors(settings):
        b = client.batches.retrieve(batch_id)
    counts = b.request_counts
    errors = [f"{e.code or 'error'}: {e.message}" for e in ((b.errors.data or []) if b.errors else [])]
    return BatchState(id=b.id, status=b.status, output_file_id=b.output_file_id, error_file_id=b.error_file_id,
                  completed=counts.completed if counts else 0, failed=counts.failed if counts else 0,
                  total=counts.total if counts else 0, errors=errors)


def wait(client: openai.OpenAI, settings: Settings, batch_id: str, *, poll: float,
         on_status: Callable[[BatchState], None] | None = None,
         sleep: Callable[[float], None] = time.sleep) -> BatchState:
    """Poll until the batch is completed, failed, expired or cancelled."""
    while True:
        st = status(client, settings, batch_id)
        if on_status is not None:
            on_status(st)
        if st.done:
            return st
        sleep(poll)


def _file(client: openai.OpenAI, settings: Settings, file_id: str | None) -> list[str]:
    if not file_id:
        return []
    with api_errors(settings):
        content = client.files.content(file_id)
    return content.content.decode("utf-8", "replace").splitlines()


def parse_line(line: dict[str, Any], settings: Settings) -> BatchAnswer:
    """An output or error line as a BatchAnswer."""
    if line.get("error"):
        err = line["error"]
        text = err.get("message") or err.get("code") if isinstance(err, dict) else str(err)
        return BatchAnswer(error=quote(str(text), 300))
    response = line.get("response") or {}
    body = response.get("body") or {}
    code = int(response.get("status_code") or 0)
    if code != 200:
        message = (body.get("error") or {}).get("message") if isinstance(body, dict) else None
        return BatchAnswer(error=quote(f"HTTP {code}: {message or 'no message'}", 300))
    try:
        choice = body["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError):
        return BatchAnswer(error="the answer holds no choices")
    if message.get("refusal"):
        return BatchAnswer(error=f"the model refused: {quote(str(message['refusal']), 200)}")
    usage = body.get("usage") or {}
    return BatchAnswer(content=redact(str(message.get("content") or "")),
                   finish="length" if choice.get("finish_reason") == "length" else "stop",
                   prompt_tokens=int(usage.get("prompt_tokens") or 0),
                   completion_tokens=int(usage.get("completion_tokens") or 0))


def collect(client: openai.OpenAI, settings: Settings, st: BatchState) -> dict[str, BatchAnswer]:
    """Every answered or failed request of a finished batch, by ``custom_id``."""
    if st.status == "failed" and not st.output_file_id:
        raise ModelError(f"batch {st.id} failed: {'; '.join(st.errors)[:300] or 'no reason given'}",
                         hint="fix the request file's problem, or run without --via openai-batch")
    answers: dict[str, BatchAnswer] = {}
    for file_id in (st.output_file_id, st.error_file_id):
        for raw in _file(client, settings, file_id):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
                answers[str(line["custom_id"])] = parse_line(line, settings)
            except (ValueError, KeyError, TypeError, RecursionError):
                log.warning("skipping an unreadable line of batch %s's results", st.id)
    return answers
