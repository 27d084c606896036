"""The benchmarks' own OpenAI-compatible chat completions server (bench/ imports nothing from tests/): one
asyncio thread, keep-alive HTTP/1.1, each answer built from the request's own schema (``valid_answer``) and
sent after a fixed delay; ``GET /bench/cpu`` tells the CPU seconds it has used. It takes less CPU per request
than a thread per connection, and on a machine of 2 CPUs that CPU is taken from what the benchmark measures.

    python bench/fastserver.py [--delay S]      prints its base URL on the first line

``InProcess`` is the same answers from a thread of the benchmark's own process, each priced by a handler of
the benchmark's (``handler(request) -> (content, delay)``), for a benchmark that counts its requests itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

_HEAD_END = b"\r\n\r\n"
SUMMARY = "Mark Carney arrived in Paris for talks on a Ukraine ceasefire."  # words of the seed articles


def schema_of(request: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON schema a request asks its answer to follow, in any of briefer's three modes."""
    fmt = request.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return dict(fmt["json_schema"]["schema"])
    if fmt.get("type") == "json_object":
        return fmt.get("schema")
    match = re.search(r"matching this JSON schema:\n(\{.*\})\s*$", request["messages"][-1]["content"], re.S)
    return dict(json.loads(match.group(1))) if match else None


def valid_answer(request: dict[str, Any]) -> str:
    """An answer that passes the request's schema: the first label of each enum, the first two of each list,
    a headline and a summary for text."""
    out: dict[str, Any] = {}
    for key, spec in (schema_of(request) or {}).get("properties", {}).items():
        if spec.get("type") == "string" and "enum" in spec:
            out[key] = spec["enum"][0]
        elif spec.get("type") == "array":
            out[key] = list(spec["items"]["enum"][: min(2, spec.get("maxItems", 2))])
        else:
            out[key] = "Carney in Paris for ceasefire talks" if key == "headline" else SUMMARY
    return json.dumps(out)


def _reply(status: int, body: bytes) -> bytes:
    reason = b"OK" if status == 200 else b"Error"
    return (b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
            % (status, reason, len(body)) + body)


def _completion(request: dict[str, Any], content: str | None = None) -> dict[str, Any]:
    content = valid_answer(request) if content is None else content
    return {"id": "chatcmpl-bench", "object": "chat.completion", "created": 0, "model": request.get("model", ""),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}}


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    try:
        while True:
            try:
                head = await reader.readuntil(_HEAD_END)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            data = await reader.readexactly(length) if length else b""
            path = head.split(b" ", 2)[1].split(b"?")[0]
            if path.endswith(b"/chat/completions"):
                status, body = 200, json.dumps(_completion(json.loads(data))).encode()
            elif path == b"/bench/cpu":  # this server's CPU seconds so far, for the benchmark's account
                status, body = 200, json.dumps({"cpu": time.process_time()}).encode()
            else:
                status, body = 404, b'{"error": {"message": "not here"}}'
            if delay and path != b"/bench/cpu":  # the benchmark's own question is answered at once
                await asyncio.sleep(delay)
            writer.write(_reply(status, body))
            await writer.drain()
    finally:
        writer.close()


class InProcess:
    """A chat completions server in a thread of this process (a thread per connection): each answer is what
    ``handler(request)`` gives, ``(content, delay)``, sent after ``delay`` seconds."""

    def __init__(self, handler: Callable[[dict[str, Any]], tuple[str, float]]) -> None:
        answer = handler

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the openai client expects

            def do_POST(self) -> None:
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not self.path.split("?")[0].endswith("/chat/completions"):
                    return self._send(404, b'{"error": {"message": "not here"}}')
                request = json.loads(data or b"{}")
                content, delay = answer(request)
                if delay:
                    time.sleep(delay)
                self._send(200, json.dumps(_completion(request, content)).encode())

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> InProcess:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()


async def main(delay: float) -> None:
    server = await asyncio.start_server(lambda r, w: _serve(r, w, delay), "127.0.0.1", 0, backlog=512)
    port = server.sockets[0].getsockname()[1]
    print(f"http://127.0.0.1:{port}/v1", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.0)
    asyncio.run(main(parser.parse_args().delay))
