"""A real OpenAI-compatible HTTP server on 127.0.0.1 with scripted replies (openai 3.x uses httpx2,
which respx and pytest-httpx do not intercept)."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[dict[str, Any]], Any]


@dataclass
class Reply:
    """One scripted reply: a content string (or a full body), a status, headers, a delay, finish_reason."""

    content: str | None = None
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str = "stop"
    refusal: str | None = None
    raw: bytes | None = None  # sent as the body as is (with the status and headers): not JSON, cut short...
    drop: bool = False  # close the connection without answering (a server that dies mid-request)


def schema_of(request: dict[str, Any]) -> dict[str, Any] | None:
    fmt = request.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return fmt["json_schema"]["schema"]
    if fmt.get("type") == "json_object":
        return fmt.get("schema")
    content = request["messages"][-1]["content"]
    match = re.search(r"matching this JSON schema:\n(\{.*\})\s*$", content, re.S)
    return json.loads(match.group(1)) if match else None


def task_of(request: dict[str, Any]) -> str:
    text = request["messages"][-1]["content"]
    for name, marker in (("who", "label each name"), ("role", "mentions"), ("points", "choose sentences"),
                         ("summary", "write")):
        if "Task: " + marker in text or ("Task:" in text and marker in text.split("Task:")[-1][:60]):
            return name
    return "unknown"


def valid_answer(request: dict[str, Any], labels: dict[str, str] | None = None,
                 summary: str = "Mark Carney arrived in Paris for talks on a Ukraine ceasefire.") -> str:
    """A schema-valid answer built from the request's own schema."""
    schema = schema_of(request) or {}
    props = schema.get("properties", {})
    out: dict[str, Any] = {}
    for key, spec in props.items():
        if spec.get("type") == "string" and "enum" in spec:
            enum = spec["enum"]
            chosen = (labels or {}).get(key)
            out[key] = chosen if chosen in enum else enum[0]
        elif spec.get("type") == "array":
            out[key] = list(spec["items"]["enum"][: min(2, spec.get("maxItems", 2))])
        elif key == "headline":
            out[key] = "Carney in Paris for ceasefire talks"
        else:
            out[key] = summary
    return json.dumps(out)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and hung up: not a failure of the test, and nothing to print


class FakeOpenAI:
    """Start with ``with FakeOpenAI() as fake:``; ``fake.base_url`` for the client, ``fake.requests`` seen."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.script: list[Reply] = []
        self.handler = handler or (lambda req: valid_answer(req))
        self._server = _Server(("127.0.0.1", 0), self._make_handler())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def tasks(self) -> list[str]:
        return [task_of(r) for r in self.requests]

    def _reply(self, request: dict[str, Any]) -> Reply:
        if self.script:
            return self.script.pop(0)
        answer = self.handler(request)
        return answer if isinstance(answer, Reply) else Reply(content=str(answer))

    def _make_handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(request)
                fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = fake._reply(request)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if reply.raw is not None:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(reply.headers.pop("Content-Length", len(reply.raw))))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(reply.raw)
                    self.close_connection = True
                    return
                if reply.body is not None or reply.status != 200:
                    body = reply.body if reply.body is not None else {"error": {"message": "scripted failure"}}
                else:
                    message: dict[str, Any] = {"role": "assistant", "content": reply.content}
                    if reply.refusal:
                        message = {"role": "assistant", "content": None, "refusal": reply.refusal}
                    body = {"id": "x", "object": "chat.completion", "created": 0, "model": request.get("model"),
                            "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
                            "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}}
                data = json.dumps(body).encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        return H
