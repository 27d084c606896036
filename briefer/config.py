"""Settings: arguments, then environment variables, then defaults, read at call time (never at import).

Environment variables:
  OPENAI_API_KEY    key for a remote OpenAI-compatible server (never logged)
  OPENAI_BASE_URL   URL of a remote OpenAI-compatible server (``.../v1``)
  BRIEFER_MODEL     model name for a remote server, or a local model key / GGUF path
  BRIEFER_MODE      structured-output mode: json_schema | json_object | prompt
  BRIEFER_FOCUS     the focus country (default Canada)
  BRIEFER_HOME      where the embedded runtime and models live (default ~/.cache/briefer)
  BRIEFER_CONTEXT   the model's context window in tokens, when the default guess is wrong
  BRIEFER_TIMEOUT   seconds to wait for one model call
  BRIEFER_SUMMARY   model | extract: who writes the summary (default: the model for remote servers; the
                    two most important sentences, picked by the model, for the slow embedded one)
  BRIEFER_CACHE     the response cache: a file path, or off (default <BRIEFER_HOME>/cache.sqlite)
  BRIEFER_CONCURRENCY  briefs at once in a batch (default 8 for a server, 1 for the embedded model)
  BRIEFER_BATCH_POLL   seconds between status checks of an OpenAI Batch API job (default 30)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefer.errors import ConfigError

VERSION = "0.1.0"  # briefer's own (pyproject.toml's): part of what decides a batch's outputs
MODES = ("json_schema", "json_object", "prompt")
DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
DEFAULT_LOCAL_MODEL = "qwen2.5-coder-1.5b"  # a key of ``model.install.MODELS``
DEFAULT_FOCUS = "Canada"
LOCAL_CONTEXT = 8192
# Context windows of well-known remote models; anything else gets BRIEFER_CONTEXT or this default.
KNOWN_CONTEXT = {"gpt-4o": 128_000, "gpt-4o-mini": 128_000, "gpt-4.1": 1_000_000, "gpt-4.1-mini": 1_000_000,
                 "gpt-5": 400_000, "gpt-5-mini": 400_000}
DEFAULT_REMOTE_CONTEXT = 32_768
REMOTE_CONCURRENCY = 8  # briefs at once against a server (each brief sends its 3-4 calls together)
CACHE_FILE = "cache.sqlite"
_OFF = ("0", "off", "no", "false", "none")


@dataclass(frozen=True)
class Settings:
    """Everything that decides how a brief is made. Build it with ``resolve``."""

    model: str
    base_url: str | None = None  # None: the embedded local model
    api_key: str | None = field(default=None, repr=False)
    mode: str = "json_schema"
    focus: str = DEFAULT_FOCUS
    prompts: Path | None = None
    context: int = LOCAL_CONTEXT
    temperature: float = 0.0
    seed: int = 7
    timeout: float = 600.0
    max_reasks: int = 2
    max_retries: int = 2
    summary: str = "auto"  # model | extract | auto (extract on the embedded model)
    embedded: bool = False  # the embedded model: started here (base_url None) or kept by `briefer serve`
    cache: Path | None = None  # the response cache file; None: no cache
    concurrency: int = 1  # briefs at once in a batch
    poll: float = 30.0  # seconds between Batch API status checks

    @property
    def model_summary(self) -> bool:
        return self.summary == "model" or (self.summary == "auto" and not self.embedded)

    @property
    def local(self) -> bool:
        """No server given: briefer starts the embedded model itself."""
        return self.base_url is None

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def home() -> Path:
    """The briefer home, where the embedded runtime, its models and the cache live: ``BRIEFER_HOME`` or
    ``~/.cache/briefer`` (read at call time)."""
    env = os.environ.get("BRIEFER_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "briefer"


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def resolve(
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    focus: str | None = None,
    prompts: str | Path | None = None,
    context: int | None = None,
    timeout: float | None = None,
    local: bool | None = None,
    summary: str | None = None,
    embedded: bool = False,
    cache: bool | str | Path | None = None,
    concurrency: int | None = None,
    poll: float | None = None,
) -> Settings:
    """Arguments > env vars > defaults. ``local=True`` forces the embedded model; ``embedded=True`` says
    that ``base_url`` serves it (``briefer serve``)."""
    base_url = base_url or (None if local else _env("OPENAI_BASE_URL"))
    api_key = api_key or _env("OPENAI_API_KEY")
    if local is None:
        local = base_url is None and api_key is None
    if local:
        base_url = None
    elif base_url is None:
        base_url = "https://api.openai.com/v1"
    model = model or _env("BRIEFER_MODEL")
    if local:
        model = model or DEFAULT_LOCAL_MODEL
    else:
        model = model or DEFAULT_REMOTE_MODEL
        if api_key is None and "api.openai.com" in (base_url or ""):
            raise ConfigError("no API key for the OpenAI API",
                              hint="set OPENAI_API_KEY, or drop --base-url to use the embedded local model")
    mode = mode or _env("BRIEFER_MODE") or "json_schema"
    if mode not in MODES:
        raise ConfigError(f"invalid mode {mode!r}", hint=f"use one of: {', '.join(MODES)}")
    prompt_dir = Path(prompts).expanduser() if prompts else None
    if prompt_dir is not None and not prompt_dir.is_dir():
        raise ConfigError(f"--prompts {prompt_dir} is not a directory", hint="point it at a folder of .j2 templates")
    env_ctx = _env("BRIEFER_CONTEXT")
    if context is None and env_ctx:
        if not env_ctx.isdigit():
            raise ConfigError(f"BRIEFER_CONTEXT={env_ctx!r} is not a number of tokens")
        context = int(env_ctx)
    if context is None:
        context = LOCAL_CONTEXT if local else KNOWN_CONTEXT.get(model, DEFAULT_REMOTE_CONTEXT)
    summary = summary or _env("BRIEFER_SUMMARY") or "auto"
    if summary not in ("auto", "model", "extract"):
        raise ConfigError(f"invalid summary mode {summary!r}", hint="use model, extract or auto")
    env_timeout = _env("BRIEFER_TIMEOUT")
    if timeout is None and env_timeout:
        try:
            timeout = float(env_timeout)
        except ValueError as exc:
            raise ConfigError(f"BRIEFER_TIMEOUT={env_timeout!r} is not a number of seconds") from exc
    embedded = embedded or local
    if concurrency is None:
        concurrency = int(_number("BRIEFER_CONCURRENCY", int) or 0) or (1 if embedded else REMOTE_CONCURRENCY)
    if concurrency < 1:
        raise ConfigError(f"concurrency must be at least 1, not {concurrency}")
    return Settings(model=model, base_url=base_url, api_key=api_key, mode=mode,
                    focus=(focus or _env("BRIEFER_FOCUS") or DEFAULT_FOCUS).strip(),
                    prompts=prompt_dir, context=context, timeout=timeout or 600.0, summary=summary,
                    embedded=embedded, cache=cache_path(cache), concurrency=concurrency,
                    poll=poll if poll is not None else _number("BRIEFER_BATCH_POLL", float) or 30.0)


def _number(name: str, kind: type[int] | type[float]) -> float | None:
    value = _env(name)
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a number") from None


def cache_path(cache: bool | str | Path | None = None) -> Path | None:
    """The response cache file: ``cache`` (a path, or False for none), else ``BRIEFER_CACHE`` (a path or
    ``off``), else ``<BRIEFER_HOME>/cache.sqlite``."""
    if cache is False:
        return None
    if cache is None or cache is True:
        cache = _env("BRIEFER_CACHE")
    if cache is None:
        return home() / CACHE_FILE
    if str(cache).strip().lower() in _OFF:
        return None
    return Path(cache).expanduser()
