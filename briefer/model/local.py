"""The embedded runtime: start ``llama-server`` on 127.0.0.1, wait until ready, stop it on every exit.

The server is a child process that dies with briefer (PR_SET_PDEATHSIG on Linux), is stopped by the
context manager on errors and Ctrl-C, and is reached through the same ``openai`` client as any remote
server. ``briefer serve`` keeps one running and records it in ``<home>/server.json``, where ``--served``
(``config.served_state``) finds it.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from briefer.config import SERVED_FILE, home
from briefer.errors import ModelError, SetupError
from briefer.model import install, prefix

log = logging.getLogger("briefer.local")

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 2


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def resolve_model(name: str) -> Path:
    """A local model key (``qwen2.5-coder-1.5b``) or a path to any GGUF file."""
    if name in install.MODELS:
        return install.verify_model(name)
    path = Path(name).expanduser()
    if path.suffix.lower() == ".gguf":
        if not path.is_file():
            raise SetupError(f"GGUF model file {path} not found", hint="check the path given to --model")
        return path
    raise SetupError(f"unknown local model {name!r}",
                     hint=f"use one of {', '.join(install.MODELS)} or a path to a .gguf file")


class LocalServer:
    """A ``llama-server`` child process; use as a context manager."""

    def __init__(self, model: Path, *, ctx: int = 8192, threads: int | None = None,
                 speculative: bool | None = None, persistent: bool = False) -> None:
        self.model = model
        self.ctx = ctx
        self.threads = threads or _cores()
        # Prompt-lookup drafts (--spec-type ngram-simple) paid on a Sapphire Rapids machine (FINDINGS 2) but
        # slowed generation on the 2-core Zen machines measured since: off unless BRIEFER_SPECULATIVE=1.
        if speculative is None:
            speculative = os.environ.get("BRIEFER_SPECULATIVE", "") == "1"
        self.speculative = speculative
        self.persistent = persistent
        self.port = 0
        self.api_key = ""
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = home() / "llama-server.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        binary = install.server_path()
        if not binary.exists():
            raise SetupError(f"the local runtime is not installed ({binary} missing)", hint=install.INSTALL_HINT)
        cmd = [str(binary), "-m", str(self.model), "--host", "127.0.0.1", "--port", str(self.port),
               "--api-key", self.api_key, "-c", str(self.ctx), "-t", str(self.threads), "-np", "1",
               "--seed", "7", "--no-webui", "--slot-save-path", str(prefix.folder())]
        if self.speculative:  # prompt-lookup drafts: a brief copies its article (FINDINGS 2)
            cmd += ["--spec-type", "ngram-simple"]
        return cmd

    def start(self, timeout: float = 180.0) -> LocalServer:
        return self.launch().wait(timeout)

    def launch(self) -> LocalServer:
        """Start the process and return at once: the model loads while the caller does other work."""
        self.port = _free_port()
        self.api_key = secrets.token_urlsafe(24)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        prefix.folder().mkdir(parents=True, exist_ok=True)
        logfile = self.log_path.open("wb")
        log.info("starting llama-server on 127.0.0.1:%d with %s", self.port, self.model.name)
        self.proc = subprocess.Popen(
            self.command(), stdin=subprocess.DEVNULL, stdout=logfile, stderr=subprocess.STDOUT,
            preexec_fn=None if self.persistent else _die_with_parent,
            start_new_session=self.persistent)
        logfile.close()
        return self

    def wait(self, timeout: float = 180.0) -> LocalServer:
        """Until the launched server answers /health; a server that exits or never answers is an error."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if self.proc is None or self.proc.poll() is not None:
                    tail = self.log_path.read_text(errors="replace").splitlines()[-5:]
                    self.proc = None
                    raise SetupError("the local runtime exited at start: " + " | ".join(tail)[-300:],
                                     hint=f"see {self.log_path}; `briefer setup --rebuild` rebuilds it")
                if self._healthy():
                    return self
                time.sleep(0.1)
        except BaseException:  # Ctrl-C / SIGTERM while it loads: nobody else knows of it yet, so stop it here
            self.stop()
            raise
        self.stop()
        raise SetupError(f"the local runtime was not ready after {timeout:.0f} s", hint=f"see {self.log_path}")

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as resp:
                return bool(resp.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def __enter__(self) -> LocalServer:
        return self.start() if self.proc is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST JSON to the server's own API (not the OpenAI one); its JSON answer, an object."""
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {self.api_key}"})
        try:
            with urllib.request.urlopen(req, timeout=600) as resp:
                answer = json.loads(resp.read())
        except (urllib.error.URLError, OSError) as exc:
            raise ModelError(f"the local runtime failed on {path}: {exc}") from None
        if not isinstance(answer, dict):
            raise ModelError(f"the local runtime answered {path} with JSON that is not an object")
        return answer

    def count_tokens(self, text: str) -> int:
        """Tokens by the model's own tokenizer (the server's /tokenize endpoint)."""
        return len(self.post("/tokenize", {"content": text})["tokens"])

    def complete_plain(self, prompt: str, max_tokens: int = 32) -> str:
        body = {"messages": [{"role": "user", "content": prompt}], "max_tokens": max_tokens,
                "temperature": 0}
        return str(self.post("/v1/chat/completions", body)["choices"][0]["message"]["content"] or "")

    # `briefer serve`: a running server others can find
    def write_state(self) -> Path:
        path = home() / SERVED_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"base_url": self.base_url, "api_key": self.api_key, "model": str(self.model),
                                   "pid": self.proc.pid if self.proc else None}))
        tmp.chmod(0o600)
        tmp.replace(path)
        return path
