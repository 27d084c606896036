"""The typed Python API: ``brief()`` and ``Briefer`` (a reusable session that keeps one model runtime)."""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefer import config, sources
from briefer.config import Settings
from briefer.model.client import ModelClient
from briefer.schema import Brief
from briefer.tokens import Counter, estimate

log = logging.getLogger("briefer")

_servers: dict[tuple[str, int], Any] = {}
_servers_lock = threading.Lock()


def _local_server(settings: Settings) -> Any:
    """One embedded server per (model, context) in this process, stopped at exit (and with the process).

    Linux sends the death signal when the *thread* that started the child ends: start it from a thread
    that lives as long as the work (the CLI does so from its main thread)."""
    from briefer.model.local import LocalServer, resolve_model

    key = (settings.model, settings.context)
    with _servers_lock:
        server = _servers.get(key)
        if server is None or server.proc is None or server.proc.poll() is not None:
            server = LocalServer(resolve_model(settings.model), ctx=settings.context).start()
            if not _servers:
                atexit.register(stop_local_servers)
            _servers[key] = server
    return server


def stop_local_servers() -> None:
    with _servers_lock:
        for server in _servers.values():
            server.stop()
        _servers.clear()


class Briefer:
    """Settings plus one model connection, reused across briefs (and threads)."""

    def __init__(self, settings: Settings | None = None, *, client: Any = None, **overrides: Any) -> None:
        self.settings = settings or config.resolve(**overrides)
        self._client = client
        self._model: ModelClient | None = None
        self._counter: Counter = estimate
        self._lock = threading.Lock()

    @property
    def model(self) -> ModelClient:
        with self._lock:
            if self._model is None:
                if self.settings.local and self._client is None:
                    server = _local_server(self.settings)
                    self.settings = self.settings.with_(base_url=server.base_url, api_key=server.api_key)
                    self._counter = server.count_tokens
                self._model = ModelClient(self.settings, self._client)
            return self._model

    def brief(self, inputs: Sequence[str | Path] | str | Path, *, text: bool = False) -> Brief:
        """Brief paths (``-`` for stdin), or, with ``text=True``, a string of article text."""
        from briefer.pipeline import make_brief

        if text:
            articles = [sources.from_text(str(inputs))]
        else:
            items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
            articles = sources.load(items)
        model = self.model
        settings = model.settings
        return make_brief(articles, settings, model, counter=self._counter)


def brief(
    inputs: Sequence[str | Path] | str | Path,
    *,
    text: bool = False,
    focus: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    prompts: str | Path | None = None,
    client: Any = None,
    local: bool | None = None,
) -> Brief:
    """One brief of one or more articles (paths, or text with ``text=True``).

    ``client`` may be an ``openai.OpenAI`` you built; otherwise settings come from the arguments, then
    ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL`` / ``BRIEFER_*``, then the embedded local model.
    """
    if client is not None and base_url is None:
        base_url = str(client.base_url)
        api_key = api_key or getattr(client, "api_key", None) or "provided-client"
        local = False
    settings = config.resolve(model=model, base_url=base_url, api_key=api_key, mode=mode, focus=focus,
                              prompts=prompts, local=local)
    return Briefer(settings, client=client).brief(inputs, text=text)
