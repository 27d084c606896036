"""``briefer watch --serve PORT``: the latest page on http://127.0.0.1:PORT/ for a browser on this
machine, and ``/version`` (JSON) that the served page polls, so that it reloads only when a new version
is written. Loopback only; it serves the page it is given and nothing from the disk.
"""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from briefer.errors import UsageError

log = logging.getLogger("briefer.batch.watch")

HOST = "127.0.0.1"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("a browser hung up on %s", client_address)


class PageServer:
    """Serves one page and its version number; ``publish`` swaps in a new version."""

    def __init__(self, port: int) -> None:
        self._lock = threading.Lock()
        self._page = b"<!doctype html><title>briefer</title><p>The first version is being written.</p>" \
                     b"<script>setTimeout(function(){location.reload()},2000)</script>"
        self._version = 0
        try:
            self._server = _Server((HOST, port), self._handler())
        except OSError as exc:
            raise UsageError(f"--serve {port}: cannot listen on {HOST}:{port} ({exc.strerror or exc})",
                             hint="choose another port, or leave --serve out and open the file") from None
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="briefer-serve", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._server.server_address[1]}/"

    def start(self) -> PageServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def publish(self, page: str, version: int) -> None:
        with self._lock:
            self._page, self._version = page.encode("utf-8"), version

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with owner._lock:
                    page, version = owner._page, owner._version
                if path in ("/", "/index.html"):
                    self._send(200, page, "text/html; charset=utf-8")
                elif path == "/version":
                    self._send(200, json.dumps({"version": version}).encode(), "application/json")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

        return Handler


__all__ = ["HOST", "PageServer"]
