"""A real OpenAI-compatible HTTP server on 127.0.0.1 with scripted replies (openai 3.x uses httpx2,
which respx and pytest-httpx do not intercept): chat completions, and the Batch API's files and batches.

Faults a reply can script: a status, a raw body (not JSON, cut short, nested), a dropped connection, the
request's Authorization header echoed into the answer (``AUTHORIZATION`` in content, body or raw), a body sent
a byte at a time (``drip``, or ``endless``), an answer of ``size`` bytes (``chunked``: without a length), and
a server that never answers (``hang``, until the client hangs up). ``fake.hung_up`` counts the requests whose
client hung up first, ``fake.sent`` the bytes of each body sent, ``fake.abandoned`` the delayed replies whose
client hung up before they were sent.

For the tests alone: bench/ has its own server (bench/fastserver.py).
"""

from __future__ import annotations

import email.parser
import itertools
import json
import re
import select
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
    drip: float = 0.0  # seconds between the body's bytes (a slow server that never stalls long)
    endless: bool = False  # with drip: a body that never ends (chunked, one byte a chunk)
    hang: bool = False  # send nothing until the client hangs up (or a minute passes)
    size: int = 0  # an answer padded to this many bytes, sent in 1 MB writes
    chunked: bool = False  # with size: no Content-Length, the body in chunks (its size told by none)


AUTHORIZATION = "<<AUTHORIZATION>>"  # replaced by the request's Authorization header in a reply


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
    for name, marker in (("who", "which of the names"), ("role", "each statement below"),
                         ("points", "choose sentences"), ("summary", "write")):
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
        elif spec.get("type") == "array" and key == "skip":
            out[key] = []  # sentences that are not news: none
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
        # The Batch API: uploaded files, batches, and the requests that came in batches.
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_requests: list[dict[str, Any]] = []
        self.polls_until_done = 1  # retrieves that answer in_progress before a batch is completed
        self.hung_up = 0  # requests whose client closed the connection before the answer was complete
        self.sent: list[int] = []  # bytes of body sent, per drip or size reply
        self.batch_final_status = "completed"
        self.abandoned = 0  # delayed replies whose client hung up before they were sent (a timeout cut the try)
        self._busy = 0  # chat requests being answered now
        self._idle = threading.Condition()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
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

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Until every chat request that came in has been answered, or given up on its client."""
        with self._idle:
            self._idle.wait_for(lambda: self._busy == 0, timeout)

    def _reply(self, request: dict[str, Any]) -> Reply:
        if self.script:
            return self.script.pop(0)
        answer = self.handler(request)
        return answer if isinstance(answer, Reply) else Reply(content=str(answer))

    def _chat(self, request: dict[str, Any]) -> tuple[int, dict[str, Any], Reply]:
        reply = self._reply(request)
        if reply.body is not None or reply.status != 200:
            body = reply.body if reply.body is not None else {"error": {"message": "scripted failure"}}
        else:
            message: dict[str, Any] = {"role": "assistant", "content": reply.content}
            if reply.refusal:
                message = {"role": "assistant", "content": None, "refusal": reply.refusal}
            body = {"id": "x", "object": "chat.completion", "created": 0, "model": request.get("model"),
                    "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
                    "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}}
        return reply.status, body, reply

    def _new_id(self, prefix: str) -> str:
        with self._lock:
            return f"{prefix}-{next(self._ids)}"

    def _upload(self, content_type: str, data: bytes) -> dict[str, Any]:
        message = email.parser.BytesParser().parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n"
                                                         + data)
        parts = {part.get_param("name", header="content-disposition"): part for part in message.get_payload()}
        content = parts["file"].get_payload(decode=True)
        purpose = parts["purpose"].get_payload(decode=True).decode()
        file_id = self._new_id("file")
        self.files[file_id] = content
        return {"id": file_id, "object": "file", "bytes": len(content), "created_at": 0,
                "filename": parts["file"].get_filename() or "upload", "purpose": purpose, "status": "processed"}

    def _run_batch(self, request: dict[str, Any]) -> dict[str, Any]:
        """Answer every line now (through ``handler`` / ``script``), report it done after some polls."""
        out, errors = [], []
        for raw in self.files[request["input_file_id"]].decode().splitlines():
            line = json.loads(raw)
            self.batch_requests.append(line)
            status, body, _ = self._chat(line["body"])
            result = {"id": self._new_id("req"), "custom_id": line["custom_id"],
                      "response": {"status_code": status, "request_id": "r", "body": body}, "error": None}
            (out if status == 200 else errors).append(json.dumps(result))
        batch_id = self._new_id("batch")
        output_id = error_id = None
        if out:
            output_id = self._new_id("file")
            self.files[output_id] = ("\n".join(out) + "\n").encode()
        if errors:
            error_id = self._new_id("file")
            self.files[error_id] = ("\n".join(errors) + "\n").encode()
        self.batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": request["endpoint"], "errors": None,
            "input_file_id": request["input_file_id"], "completion_window": request["completion_window"],
            "status": "validating", "created_at": 0, "metadata": request.get("metadata"),
            "request_counts": {"total": len(out) + len(errors), "completed": 0, "failed": 0},
            "polls": 0, "final": {"output_file_id": output_id, "error_file_id": error_id,
                                  "request_counts": {"total": len(out) + len(errors), "completed": len(out),
                                                     "failed": len(errors)}}}
        return self._public(batch_id)

    def _public(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        return {k: v for k, v in batch.items() if k not in ("polls", "final")}

    def _retrieve(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        batch["polls"] += 1
        if batch["polls"] > self.polls_until_done:
            batch.update(batch["final"], status=self.batch_final_status)
            if self.batch_final_status == "failed":
                batch.update(output_file_id=None, error_file_id=None,
                             errors={"object": "list", "data": [{"code": "invalid_file", "message": "bad lines"}]})
        else:
            batch["status"] = "in_progress"
        return self._public(batch_id)

    def _make_handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
            disable_nagle_algorithm = True  # headers and body in separate writes must not wait for an ACK

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, data: bytes, headers: dict[str, str] | None = None,
                      content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                match = re.fullmatch(r"/v1/files/([^/]+)/content", path)
                if match and match.group(1) in fake.files:
                    return self._send(200, fake.files[match.group(1)], content_type="application/octet-stream")
                match = re.fullmatch(r"/v1/batches/([^/]+)", path)
                if match and match.group(1) in fake.batches:
                    return self._send(200, json.dumps(fake._retrieve(match.group(1))).encode())
                self._send(404, json.dumps({"error": {"message": f"no {path}"}}).encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                data = self.rfile.read(length)
                path = self.path.split("?")[0]
                if path == "/v1/files":
                    body = fake._upload(self.headers.get("Content-Type", ""), data)
                    return self._send(200, json.dumps(body).encode())
                if path == "/v1/batches":
                    return self._send(200, json.dumps(fake._run_batch(json.loads(data))).encode())
                with fake._idle:
                    fake._busy += 1
                try:
                    self._chat(data)
                finally:
                    with fake._idle:
                        fake._busy -= 1
                        fake._idle.notify_all()

            def _chat(self, data: bytes) -> None:
                request = json.loads(data or b"{}")
                fake.requests.append(request)
                fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                status, body, reply = fake._chat(request)
                if AUTHORIZATION in json.dumps(body) or (reply.raw and AUTHORIZATION.encode() in reply.raw):
                    reply, body = self._echo(reply, body)
                if reply.delay:
                    time.sleep(reply.delay)
                    if self._gone(0):
                        with fake._lock:
                            fake.abandoned += 1
                        self.close_connection = True
                        return
                if reply.hang:
                    return self._hang()
                if reply.drip or reply.size:
                    return self._slow(reply, reply.raw or json.dumps(body).encode())
                if reply.drop:  # a server that dies mid-request
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if reply.raw is not None:  # a body sent as is: not JSON, or cut short of its Content-Length
                    headers = dict(reply.headers)
                    self.send_response(reply.status)
                    self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
                    self.send_header("Content-Length", str(headers.pop("Content-Length", len(reply.raw))))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(reply.raw)
                    self.close_connection = True
                    return
                self._send(status, json.dumps(body).encode(), reply.headers)

            def _echo(self, reply: Reply, body: dict[str, Any]) -> tuple[Reply, dict[str, Any]]:
                """The reply with the request's Authorization header where it says ``AUTHORIZATION``."""
                auth = self.headers.get("Authorization", "")
                body = json.loads(json.dumps(body).replace(AUTHORIZATION, auth.replace('"', "")))
                raw = reply.raw.replace(AUTHORIZATION.encode(), auth.encode()) if reply.raw else reply.raw
                return Reply(**{**reply.__dict__, "raw": raw}), body

            def _gone(self, wait: float = 0.05) -> bool:
                """Whether the client closed the connection (a read would find its end). poll, not select:
                a long test run holds more than 1024 descriptors, and select refuses any numbered above."""
                poller = select.poll()
                poller.register(self.connection, select.POLLIN | select.POLLHUP | select.POLLERR)
                if not poller.poll(wait * 1000):
                    return False
                try:
                    return self.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    return True

            def _hang(self) -> None:
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    if self._gone():
                        with fake._lock:
                            fake.hung_up += 1
                        break
                self.close_connection = True

            def _slow(self, reply: Reply, data: bytes) -> None:
                """``data`` a byte every ``reply.drip`` seconds (forever if ``endless``), or padded to
                ``reply.size`` bytes in 1 MB writes; stops when the client hangs up."""
                self.close_connection = True
                if reply.size:  # the padding goes inside the content, so that the body stays one answer
                    head, _, tail = data.partition(b'"content": "')
                    pad = max(0, reply.size - len(data))
                    parts = [head + b'"content": "'] + [b"x" * min(2**20, pad - i) for i in range(0, pad, 2**20)]
                    parts.append(tail)
                else:
                    parts = [data[i:i + 1] for i in range(len(data))]
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                chunked = reply.endless or reply.chunked
                if chunked:  # no length that says how much is to come
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(sum(len(p) for p in parts)))
                self.end_headers()
                sent = 0
                chunks = itertools.chain(parts, itertools.repeat(b" ")) if reply.endless else iter(parts)
                if reply.chunked:
                    chunks = itertools.chain(chunks, [b""])  # the last chunk: the body's end
                deadline = time.monotonic() + 60
                try:
                    for part in chunks:
                        if time.monotonic() > deadline:
                            break
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
                        sent += len(part)
                        if reply.drip:
                            time.sleep(reply.drip)
                            if self._gone(0):
                                raise ConnectionResetError
                except OSError:
                    with fake._lock:
                        fake.hung_up += 1
                finally:
                    with fake._lock:
                        fake.sent.append(sent)

        return H
