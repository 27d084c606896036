"""What bounds one HTTP try to a model server (its total time and its size), and what ends them all at once.

The ``openai`` client's timeout (httpx2's connect, read, write and pool timeouts) bounds each socket
operation, never a whole request: a server that sends its answer a byte a second never trips it. Here each
try (every request the client sends, its retries included) gets a deadline, and each connect, read and
write may take only what is left of it, so that the try ends when ``BRIEFER_TIMEOUT`` is spent however the
server paces its bytes; it ends as a read timeout, which the client retries and then reports as one. The
response of a chat completion may hold only ``limit`` bytes: a Content-Length over it is refused before
the body is read, and a body that grows past it is cut off there; neither is retried.

The deadline lives in the network layer: httpcore2's network backend, wrapped on the client's connection
pools (``install``), with the try started by an httpx2 request hook. ``cancel_all`` (Ctrl-C) shuts every
open connection and refuses new ones, so that threads waiting on a server end at once.
"""

from __future__ import annotations

import contextlib
import logging
import math
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("briefer.model")

CHAT_PATH = "/chat/completions"


class ResponseTooLarge(Exception):
    """A chat completion's response holds more than its limit (bytes)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"a response over {limit} bytes")


class Cancelled(BaseException):
    """Every call of this process was ended (Ctrl-C). A BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` takes it for a failed call to retry or record."""


@dataclass
class _Try:
    deadline: float
    limit: int | None  # bytes the response may hold; None: no limit
    read: int = 0

    def left(self, timeout: float | None, expired: type[Exception]) -> float | None:
        """What an operation may take: ``timeout`` or the time left to the deadline, the lesser."""
        left = self.deadline - time.monotonic()
        if math.isinf(left):
            return timeout
        if left <= 0:
            raise expired("the try's time ran out")
        return left if timeout is None else min(timeout, left)

    def took(self, data: bytes) -> None:
        self.read += len(data)
        if self.limit is not None and self.read > self.limit:
            raise ResponseTooLarge(self.limit)


_tries = threading.local()  # the try this thread is making (sync clients read in the thread that asks)
_cancelled = threading.Event()
_streams: set[_Stream] = set()
_streams_lock = threading.Lock()


def _current() -> _Try | None:
    return getattr(_tries, "current", None)


def _check() -> None:
    if _cancelled.is_set():
        raise Cancelled


@dataclass(frozen=True)
class Guard:
    """The bounds of one client's tries: ``timeout`` seconds each, ``limit`` bytes a chat completion."""

    timeout: float
    limit: int | None

    def hooks(self) -> dict[str, list[Any]]:
        """httpx2 event hooks: a request starts a try; a response's declared length is checked."""
        return {"request": [self._start], "response": [self._check_length]}

    def _start(self, request: Any) -> None:
        _check()
        chat = request.url.path.endswith(CHAT_PATH)
        _tries.current = _Try(time.monotonic() + self.timeout, self.limit if chat else None)

    def _check_length(self, response: Any) -> None:
        current = _current()
        length = response.headers.get("content-length", "")
        if current is not None and current.limit is not None and length.isdigit() and int(length) > current.limit:
            raise ResponseTooLarge(current.limit)


def install(http_client: Any) -> bool:
    """Bound the tries of ``http_client`` (an httpx2.Client built with ``Guard.hooks``): wrap the network
    backend of each of its connection pools (the default one and any proxy's). False when it has none that
    can be wrapped (another httpx2): then only each operation is bounded, and a warning says so."""
    transports = [getattr(http_client, "_transport", None), *getattr(http_client, "_mounts", {}).values()]
    wrapped = False
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is None:
            continue
        if not isinstance(backend, _Backend):
            pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
        wrapped = True
    if not wrapped:
        log.warning("this httpx2 has no network backend to bound: BRIEFER_TIMEOUT bounds each read, not each try")
    return wrapped


def cancel_all() -> None:
    """End every call of this process now: each open connection is shut (a thread blocked reading it wakes
    up), and every read, write, connect or request from now on raises ``Cancelled``. For a process on its
    way out: there is no undoing it."""
    _cancelled.set()
    with _streams_lock:
        streams = list(_streams)
    for stream in streams:
        sock = stream.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Stream:
    """A connection whose operations keep to the try's deadline and size, and end when cancelled."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        with _streams_lock:
            _streams.add(self)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore2  # ~0.15 s, loaded with the openai client: only a call that is sent needs it

        _check()
        current = _current()
        try:
            data: bytes = self._inner.read(max_bytes, current.left(timeout, httpcore2.ReadTimeout)
                                           if current else timeout)
        except Exception:
            _check()  # a read that failed because the connection was shut: the cancel, not a server fault
            raise
        _check()
        if current is not None:
            current.took(data)
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore2  # ~0.15 s, loaded with the openai client: only a call that is sent needs it

        _check()
        current = _current()
        try:
            self._inner.write(buffer, current.left(timeout, httpcore2.WriteTimeout) if current else timeout)
        except Exception:
            _check()
            raise

    def close(self) -> None:
        with _streams_lock:
            _streams.discard(self)
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> _Stream:
        import httpcore2  # ~0.15 s, loaded with the openai client: only a call that is sent needs it

        current = _current()
        inner = self._inner.start_tls(ssl_context, server_hostname,
                                      current.left(timeout, httpcore2.ConnectTimeout) if current else timeout)
        with _streams_lock:
            _streams.discard(self)  # the TLS stream takes this one's place
        return _Stream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend:
    """httpcore2's network backend, its connections made as ``_Stream``s within the try's deadline."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> _Stream:
        import httpcore2  # ~0.15 s, loaded with the openai client: only a call that is sent needs it

        _check()
        current = _current()
        return _Stream(self._inner.connect_tcp(host, port, current.left(timeout, httpcore2.ConnectTimeout)
                                               if current else timeout, local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> _Stream:
        import httpcore2  # ~0.15 s, loaded with the openai client: only a call that is sent needs it

        _check()
        current = _current()
        return _Stream(self._inner.connect_unix_socket(path, current.left(timeout, httpcore2.ConnectTimeout)
                                                       if current else timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
