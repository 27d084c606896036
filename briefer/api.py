"""The typed Python API: ``brief()`` and ``Briefer`` (a reusable session that keeps one model runtime)."""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefer import config
from briefer.compose import prompts
from briefer.compose.pipeline import make_brief
from briefer.config import Settings
from briefer.errors import BriefError, UsageError
from briefer.model.cache import open_cache
from briefer.model.client import ModelClient
from briefer.model.history import HISTORY_OFF, open_history
from briefer.model.tokens import Counter, estimate
from briefer.read import sources
from briefer.schema import Brief

if TYPE_CHECKING:
    from briefer.model.local import LocalServer

log = logging.getLogger("briefer")

_servers: dict[tuple[str, int], LocalServer] = {}
_servers_lock = threading.Lock()
_ready: set[tuple[str, int]] = set()  # servers loaded and warmed (a launched one may still be loading)


def _local_server(settings: Settings, *, wait: bool = True) -> LocalServer:
    """One embedded server per (model, context) in this process, stopped at exit (and with the process);
    ``wait=False`` launches it and returns while the model loads (a later call waits for it).

    Linux sends the death signal when the *thread* that started the child ends: start it from a thread
    that lives as long as the work (the CLI does so from its main thread)."""
    # subprocess, urllib and the installer: only a brief that starts the embedded model pays for them
    from briefer.model.local import LocalServer, resolve_model

    key = (settings.model, settings.context)
    with _servers_lock:
        server = _servers.get(key)
        if server is None or server.proc is None or server.proc.poll() is not None:
            server = LocalServer(resolve_model(settings.model), ctx=settings.context).launch()
            _ready.discard(key)
            if not _servers:
                atexit.register(stop_local_servers)
            _servers[key] = server  # known before anything else can fail or be interrupted: stopped on exit
        if wait and key not in _ready:
            server.wait()
            warm_prefix(server, settings)
            _ready.add(key)
    return server


def launch_local_server(settings: Settings) -> None:
    """Launch the embedded server now, from this thread, without waiting: its model loads while the
    articles are read and parsed. A brief that then needs no call has started it for nothing. A runtime
    that cannot start is reported by the first call, after the inputs are checked."""
    try:
        _local_server(settings, wait=False)
    except BriefError as exc:
        log.debug("embedded server not launched early: %s", exc)


def _running(settings: Settings) -> bool:
    """Whether this process already runs the embedded server ``settings`` need, loaded and warmed."""
    key = (settings.model, settings.context)
    with _servers_lock:
        server = _servers.get(key)
        return server is not None and server.proc is not None and server.proc.poll() is None and key in _ready


def warm_prefix(server: LocalServer, settings: Settings) -> None:
    """The system prompt's state restored (or evaluated and saved) on a fresh embedded server: see
    model/prefix.py."""
    # subprocess, urllib and the installer: only a brief that starts the embedded model pays for them
    from briefer.model import prefix

    try:
        system = prompts.render("system", settings.prompts, nonce=prefix.SENTINEL)
    except BriefError:  # a user's template that cannot render alone: the brief will say why
        return
    prefix.warm(server, system)


def stop_local_servers() -> None:
    with _servers_lock:
        for server in _servers.values():
            server.stop()
        _servers.clear()
        _ready.clear()


class Briefer:
    """Settings plus one model connection, reused across briefs (and threads).

    The embedded model's server starts on the first call the cache cannot answer, in the thread that makes
    that brief (or at ``connect()``): a brief answered from the cache starts nothing and imports no
    ``openai``."""

    def __init__(self, settings: Settings | None = None, *, client: Any = None, **overrides: object) -> None:
        """``settings`` as resolved, or ``overrides``: any of ``config.SETTINGS``."""
        self.settings = settings or config.resolve(**overrides)
        self._client = client
        self.recorded: int | None = None  # the history's id of the last brief made, when it was recorded
        self._model: ModelClient | None = None
        self._server: LocalServer | None = None
        self._lock = threading.Lock()
        # Progress display (the CLI's spinner): the phase under way, and a line for each phase finished.
        self.on_stage: Callable[[str], None] | None = None
        self.on_done: Callable[[str], None] | None = None

    def _stage(self, text: str) -> None:
        if self.on_stage is not None:
            self.on_stage(text)

    @property
    def _starts_server(self) -> bool:
        return self.settings.local and self._client is None

    @property
    def model(self) -> ModelClient:
        with self._lock:
            if self._model is None:
                self._model = ModelClient(self.settings, self._client, cache=open_cache(self.settings.cache),
                                          connect=self._start_server if self._starts_server else None)
            return self._model

    def connect(self) -> ModelClient:
        """Start the embedded server now, from this thread (it dies with the thread that started it)."""
        model = self.model
        model.connect()
        return model

    def _start_server(self) -> Settings:
        started = time.perf_counter()
        fresh = not _running(self.settings)
        if fresh:
            self._stage(f"starting the embedded runtime ({Path(self.settings.model).name})")
        server = self._server = _local_server(self.settings)
        if fresh and self.on_done is not None:
            self.on_done(f"embedded runtime ready ({server.model.name}, {time.perf_counter() - started:.1f} s)")
        return self.settings.with_(base_url=server.base_url, api_key=server.api_key)

    @property
    def counter(self) -> Counter:
        """How this session counts a prompt's tokens: the embedded model's tokenizer, else tiktoken."""
        return self._count if self._starts_server else estimate

    def _count(self, text: str) -> int:
        """Tokens by the embedded model's own tokenizer (its server must run: a call is due), else tiktoken."""
        if self._starts_server:
            self.connect()
            assert self._server is not None  # connect() started it: briefer starts the embedded model
            return self._server.count_tokens(text)
        return estimate(text)

    def articles(self, inputs: Sequence[str | Path] | str | Path, *, text: bool = False) -> list[sources.Article]:
        if text:
            return [sources.from_text(str(inputs))]
        items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
        return sources.load(items)

    def brief(self, inputs: Sequence[str | Path] | str | Path, *, text: bool = False,
              focus: str | None = None, today: str | None = None) -> Brief:
        """Brief paths (``-`` for stdin), or, with ``text=True``, a string of article text; ``focus`` and
        ``today`` (the day the brief is taken as made, YYYY-MM-DD) override the session's for this brief."""
        started = time.perf_counter()
        self._stage("reading the articles")
        articles = self.articles(inputs, text=text)
        model = self.model
        settings = model.settings if not focus or focus == model.settings.focus else \
            model.settings.with_(focus=focus)
        if today:
            settings = settings.with_(today=config.day_of(today))
        result = make_brief(articles, settings, model, counter=self.counter)
        self.recorded = self._record(result, articles, settings, time.perf_counter() - started)
        return result

    def _record(self, result: Brief, articles: Sequence[sources.Article], settings: Settings,
                seconds: float) -> int | None:
        """Keep the brief in the history (``briefer history``), unless it is off; its id there."""
        history = open_history(self.settings.history)
        return history.record(result, articles, settings, seconds) if history is not None else None


def brief(inputs: Sequence[str | Path] | str | Path, *, text: bool = False, client: Any = None,
          **settings: object) -> Brief:
    """One brief of one or more articles (paths, or text with ``text=True``).

    ``settings``: any of ``config.SETTINGS`` (model, base_url, api_key, mode, focus, prompts, context,
    timeout, max_response_mb, summary, cache, history, concurrency, poll, local, served); what is not given
    comes from
    ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL`` / ``BRIEFER_*``, then the defaults (the embedded local model).
    ``client`` may be an ``openai.OpenAI`` you built. The brief is recorded in the history (``briefer
    history``) unless ``history=False`` or ``BRIEFER_HISTORY=off``.
    """
    if client is not None and settings.get("base_url") is None:
        settings = {**settings, "base_url": str(client.base_url), "local": False,
                    "api_key": settings.get("api_key") or getattr(client, "api_key", None) or "provided-client"}
    return Briefer(config.resolve(**settings), client=client).brief(inputs, text=text)


def recorded(brief_id: int) -> Brief:
    """Brief ``brief_id`` of the history (``briefer history``), as it was made: no article is read and no
    model asked. UsageError when the history is off or holds no such brief."""
    history = open_history(config.history_path())
    if history is None:
        raise UsageError(HISTORY_OFF, hint="unset BRIEFER_HISTORY to record briefs")
    data = history.brief_json(brief_id)
    if data is None:
        raise UsageError(f"no brief {brief_id} in the history ({history.path})", hint="see `briefer history`")
    return Brief.model_validate_json(data)
