"""The settings of a brief, each declared once in ``SETTINGS``: its name (the keyword argument of the Python
API and the field of ``Settings``), type, default, environment variable, command-line option and help, and
the check of its value. ``brief(**settings)``, ``Briefer(**settings)``, ``batch(**settings)`` and the
command line's options (``cli/support.py``) all come from this table, and every value, from wherever it
comes, goes through its check: a bad one is a ``ConfigError`` (exit 2) that names where it came from.

``resolve`` reads them at call time (never at import): arguments, then environment variables (and the
state of a running ``briefer serve``), then defaults. The environment variables:

  OPENAI_API_KEY       key for a remote OpenAI-compatible server (never logged, never a command-line option)
  OPENAI_BASE_URL      URL of a remote OpenAI-compatible server (``.../v1``)
  BRIEFER_MODEL        model name for a remote server, or a local model key / GGUF path
  BRIEFER_MODE         structured-output mode: json_schema | json_object | prompt
  BRIEFER_FOCUS        the focus country (default Canada)
  BRIEFER_LANG         the language of the brief's page: en | fr (default: the language of most articles)
  BRIEFER_CONTEXT      the model's context window in tokens, when the default guess is wrong
  BRIEFER_TIMEOUT      seconds one try of a model call may take in all, a slow or dripping answer included
                       (default 600)
  BRIEFER_MAX_RESPONSE_MB  the most a model server's answer may hold, in MB (default 4)
  BRIEFER_SUMMARY      model | extract: who writes the summary (default: the model for remote servers; the
                       two most important sentences, picked by the model, for the slow embedded one)
  BRIEFER_CACHE        the response cache: a file path, or off (default <BRIEFER_HOME>/cache.sqlite)
  BRIEFER_HISTORY      the history of briefs and eval runs: a file path, or off (default: the cache's file)
  BRIEFER_CONCURRENCY  briefs at once in a batch (default 8 for a server, 1 for the embedded model)
  BRIEFER_BATCH_POLL   seconds between status checks of an OpenAI Batch API job (default 30)
  BRIEFER_HOME         where the embedded runtime, its models and the cache live (default ~/.cache/briefer)
  BRIEFER_TODAY        the day the brief is made (YYYY-MM-DD; default today): dates articles without a
                       publish date
"""

from __future__ import annotations

import datetime
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefer.errors import ConfigError, ModelError

VERSION = "0.1.0"  # briefer's own (pyproject.toml's): part of what decides a batch's outputs
MODES = ("json_schema", "json_object", "prompt")
LANGS = ("en", "fr")  # the page's languages (schema.LANGS; render.i18n has their words)
SUMMARIES = ("auto", "model", "extract")  # auto: extract on the embedded model, the model's own elsewhere
DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
DEFAULT_LOCAL_MODEL = "qwen2.5-coder-1.5b"  # a key of ``model.install.MODELS``
DEFAULT_FOCUS = "Canada"
MAX_INPUT_BYTES = 10 * 1024 * 1024  # an article file over this is refused from its size, before it is read
OPENAI_URL = "https://api.openai.com/v1"
LOCAL_CONTEXT = 8192
# Context windows of well-known remote models; anything else gets BRIEFER_CONTEXT or this default.
KNOWN_CONTEXT = {"gpt-4o": 128_000, "gpt-4o-mini": 128_000, "gpt-4.1": 1_000_000, "gpt-4.1-mini": 1_000_000,
                 "gpt-5": 400_000, "gpt-5-mini": 400_000}
DEFAULT_REMOTE_CONTEXT = 32_768
DEFAULT_TIMEOUT = 600.0
DEFAULT_POLL = 30.0
DEFAULT_MAX_RESPONSE_MB = 4.0  # a brief's answers are a few kB
REMOTE_CONCURRENCY = 8  # briefs at once against a server (each brief sends its 3-4 calls together)
CACHE_FILE = "cache.sqlite"
SERVED_FILE = "server.json"  # what ``briefer serve`` records of its running server
_OFF = ("0", "off", "no", "false", "none")


def home() -> Path:
    """The briefer home, where the embedded runtime, its models and the cache live: ``BRIEFER_HOME`` or
    ``~/.cache/briefer`` (read at call time)."""
    env = os.environ.get("BRIEFER_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "briefer"


# --- the checks: a value as given (or as the environment holds it) -> the setting's value ---------------

class _Off:
    """A file turned off: the cache (``cache=False``, ``BRIEFER_CACHE=off``, ``--no-cache``) or the history
    (``history=False``, ``BRIEFER_HISTORY=off``, ``--no-history``)."""


OFF = _Off()
Value = str | int | float | bool | Path | _Off
# (the value given, what names where it came from) -> the value, or None for "not given"; ConfigError if unusable
Check = Callable[[object, str], "Value | None"]


def _text(value: object, where: str) -> str | None:
    if not isinstance(value, (str, Path)):
        raise ConfigError(f"{where} must be text, not {value!r}")
    return str(value) or None


def _name(value: object, where: str) -> str:
    """Text that must say something: given blank, it is an error, never the default."""
    text = _text(value, where)
    if text is None or not text.strip():
        raise ConfigError(f"{where} is blank", hint="name a country, e.g. --focus Canada")
    return text.strip()


def _choice(choices: tuple[str, ...]) -> Check:
    def check(value: object, where: str) -> str | None:
        text = _text(value, where)
        if text is not None and text not in choices:
            raise ConfigError(f"{where} must be one of {', '.join(choices)}, not {text!r}")
        return text

    return check


def _count(unit: str) -> Check:
    """A whole number of at least 1."""
    def check(value: object, where: str) -> int:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and value.strip().lstrip("+").isdecimal():
            number = int(value)
        if number is None or number < 1:
            raise ConfigError(f"{where} must be a whole number of {unit}, at least 1, not {value!r}")
        return number

    return check


def _above_zero(unit: str) -> Check:
    """A finite number of ``unit`` above 0."""
    def check(value: object, where: str) -> float:
        number: float | None = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                number = None
        if number is None or not math.isfinite(number) or number <= 0:
            raise ConfigError(f"{where} must be a number of {unit} above 0, not {value!r}")
        return number

    return check


_seconds = _above_zero("seconds")


def _folder(value: object, where: str) -> Path | None:
    text = _text(value, where)
    if text is None:
        return None
    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise ConfigError(f"{where}: {folder} is not a directory", hint="point it at a folder of .j2 templates")
    return folder


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where} must be True or False, not {value!r}")
    return value


def _file(value: object, where: str) -> Path | _Off | None:
    """A file path, or off; True: the default file (of the response cache, of the history)."""
    if isinstance(value, bool):
        return None if value else OFF
    text = _text(value, where)
    if text is None:
        return None
    return OFF if text.strip().lower() in _OFF else Path(text).expanduser()


def _iso_day(value: object, where: str) -> str | None:
    """A day as YYYY-MM-DD."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = _text(value, where)
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ConfigError(f"{where} must be a day written YYYY-MM-DD, not {text!r}") from None


# --- the declaration ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """One setting: where it may come from, what it may be."""

    name: str  # the keyword argument of brief(), Briefer() and batch(); the field of Settings
    kind: type  # on the command line: str, int, float, Path (an existing folder) or bool (a flag)
    help: str  # the option's help (its environment variable and default are added)
    check: Check = _text
    env: str | None = None
    flags: tuple[str, ...] = ()  # command-line flags; () for a key, which the environment alone gives
    choices: tuple[str, ...] = ()
    default: str = ""  # the default as the help says it ("" when the help says it itself)
    flag_value: bool = True  # what a flag gives when it is on (--no-cache: False)
    commands: tuple[str, ...] = ("brief", "batch", "eval", "watch")  # the commands that take the option

    def label(self) -> str:
        """How a message names the setting when it is given as an argument or an option."""
        return f"{self.name} ({self.flags[0]})" if self.flags else self.name


SETTINGS: tuple[Setting, ...] = (
    Setting("model", str, "Model name (remote), local model key, or a .gguf path", env="BRIEFER_MODEL",
            flags=("--model", "-m")),
    Setting("base_url", str, "OpenAI-compatible server URL, e.g. http://host:8000/v1", env="OPENAI_BASE_URL",
            flags=("--base-url",)),
    Setting("api_key", str, "Key of the remote server", env="OPENAI_API_KEY"),
    Setting("mode", str, "Structured-output mode", check=_choice(MODES), env="BRIEFER_MODE", flags=("--mode",),
            choices=MODES, default="json_schema"),
    Setting("focus", str, "The country whose role the brief reports", check=_name, env="BRIEFER_FOCUS",
            flags=("--focus",), default=DEFAULT_FOCUS),
    Setting("lang", str, "The language of the brief's page: headings, labels, statuses, dates (quotes stay as "
            "written)", check=_choice(LANGS), env="BRIEFER_LANG", flags=("--lang",), choices=LANGS,
            default="the language of most articles"),
    Setting("prompts", Path, "A folder of your own prompt templates", check=_folder, flags=("--prompts",)),
    Setting("context", int, "The model's context window in tokens", check=_count("tokens"), env="BRIEFER_CONTEXT",
            flags=("--context",), default="8192 for the embedded model, else known per model or 32768"),
    Setting("timeout", float, "Seconds one try of a model call may take in all", check=_seconds,
            env="BRIEFER_TIMEOUT", flags=("--timeout",), default="600"),
    Setting("max_response_mb", float, "The most a server's answer to one call may hold, in MB",
            check=_above_zero("MB"), env="BRIEFER_MAX_RESPONSE_MB", flags=("--max-response-mb",),
            default=f"{DEFAULT_MAX_RESPONSE_MB:g}"),
    Setting("summary", str, "Who writes the summary: the model, or extracted from the article",
            check=_choice(SUMMARIES), env="BRIEFER_SUMMARY", flags=("--summary",), choices=SUMMARIES,
            default="auto: extract on the embedded model"),
    Setting("cache", bool, "Neither read nor write the response cache", check=_file, env="BRIEFER_CACHE",
            flags=("--no-cache",), flag_value=False, default="<BRIEFER_HOME>/cache.sqlite"),
    Setting("history", bool, "Do not record this run in the history (`briefer history`)", check=_file,
            env="BRIEFER_HISTORY", flags=("--no-history",), flag_value=False, default="the cache's file"),
    Setting("concurrency", int, "Briefs at once", check=_count("briefs at once"), env="BRIEFER_CONCURRENCY",
            flags=("--concurrency", "-j"), default="8 for a server, 1 for the embedded model",
            commands=("batch", "watch")),
    Setting("poll", float, "Seconds between Batch API status checks", check=_seconds, env="BRIEFER_BATCH_POLL",
            flags=("--poll",), default="30", commands=("batch",)),
    Setting("today", str, "The day the brief is taken as made (YYYY-MM-DD): it dates articles without a publish "
            "date", check=_iso_day, env="BRIEFER_TODAY", flags=("--today",), default="today"),
    Setting("local", bool, "Use the embedded local model even if a key is set", check=_flag, flags=("--local",)),
    Setting("served", bool, "Use the local model kept running by `briefer serve`", check=_flag,
            flags=("--served",)),
)
BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """Everything that decides how a brief is made. Build it with ``resolve``."""

    model: str
    base_url: str | None = None  # None: the embedded local model
    api_key: str | None = field(default=None, repr=False)
    mode: str = "json_schema"
    focus: str = DEFAULT_FOCUS
    lang: str | None = None  # the page's language; None: the language of most articles
    prompts: Path | None = None
    context: int = LOCAL_CONTEXT
    temperature: float = 0.0  # fixed: briefs are repeatable
    seed: int = 7
    timeout: float = DEFAULT_TIMEOUT
    max_reasks: int = 2
    max_retries: int = 2
    summary: str = "auto"  # model | extract | auto (extract on the embedded model)
    embedded: bool = False  # the embedded model: started here (base_url None) or kept by `briefer serve`
    cache: Path | None = None  # the response cache file; None: no cache
    concurrency: int = 1  # briefs at once in a batch
    poll: float = DEFAULT_POLL  # seconds between Batch API status checks
    max_response_mb: float = DEFAULT_MAX_RESPONSE_MB  # the most a chat completion's response may hold
    history: Path | None = None  # where briefs and eval runs are recorded; None: nowhere
    today: datetime.date | None = None  # the day the brief is made (None: the real today)

    @property
    def model_summary(self) -> bool:
        return self.summary == "model" or (self.summary == "auto" and not self.embedded)

    @property
    def local(self) -> bool:
        """No server given: briefer starts the embedded model itself."""
        return self.base_url is None

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _read(setting: Setting, given: object, *, env: bool = True) -> Value | None:
    """The setting's value: the argument when given, else its environment variable; None when neither."""
    if given is not None:
        value = setting.check(given, setting.label())
        if value is not None:
            return value
    raw = os.environ.get(setting.env) if env and setting.env else None
    if raw:  # set but blank is checked (a blank focus is an error); set to "" is not set
        return setting.check(raw.strip(), setting.env or setting.name)
    return None


def resolve(**given: object) -> Settings:
    """The settings from keyword arguments (the names of ``SETTINGS``), then the environment, then the
    defaults. ``local=True`` forces the embedded model; ``served=True`` uses the one ``briefer serve``
    keeps running."""
    unknown = sorted(set(given) - set(BY_NAME))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]!r}", hint=f"the settings are {', '.join(BY_NAME)}")
    served = _read(BY_NAME["served"], given.get("served")) is True
    value = {s.name: _read(s, given.get(s.name), env=not (served and s.name == "model"))
             for s in SETTINGS if s.name != "served"}
    base_url, api_key, model = _str(value["base_url"]), _str(value["api_key"]), _str(value["model"])
    local = value["local"] if isinstance(value["local"], bool) else None
    if served:
        state = served_state()
        base_url, api_key, local = state["base_url"], state["api_key"], False
        model = model or Path(state["model"]).stem
    if local is None:
        local = base_url is None and api_key is None
    if local:
        base_url = None
    elif base_url is None:
        base_url = OPENAI_URL
    if local:
        model = model or DEFAULT_LOCAL_MODEL
    else:
        model = model or DEFAULT_REMOTE_MODEL
        if api_key is None and "api.openai.com" in str(base_url):
            raise ConfigError("no API key for the OpenAI API",
                              hint="set OPENAI_API_KEY, or drop --base-url to use the embedded local model")
    embedded = served or local
    cache = value["cache"]
    return Settings(model=model, base_url=base_url, api_key=api_key, mode=_str(value["mode"]) or "json_schema",
                    focus=_str(value["focus"]) or DEFAULT_FOCUS, lang=_str(value["lang"]),
                    prompts=_path(value["prompts"]),
                    context=_count_of(value["context"]) or (LOCAL_CONTEXT if local else
                                                           KNOWN_CONTEXT.get(model, DEFAULT_REMOTE_CONTEXT)),
                    timeout=_float_of(value["timeout"]) or DEFAULT_TIMEOUT, summary=_str(value["summary"]) or "auto",
                    embedded=embedded, cache=None if cache is OFF else _path(cache) or home() / CACHE_FILE,
                    concurrency=_count_of(value["concurrency"]) or (1 if embedded else REMOTE_CONCURRENCY),
                    poll=_float_of(value["poll"]) or DEFAULT_POLL,
                    max_response_mb=_float_of(value["max_response_mb"]) or DEFAULT_MAX_RESPONSE_MB,
                    history=_history_of(value["history"]), today=day_of(value["today"]))


# The value of a setting, as its check made it (None: not given).
def _str(value: Value | None) -> str | None:
    return value if isinstance(value, str) else None


def _count_of(value: Value | None) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float_of(value: Value | None) -> float | None:
    return value if isinstance(value, float) else None


def _path(value: Value | None) -> Path | None:
    return value if isinstance(value, Path) else None


def day_of(value: object) -> datetime.date | None:
    """A day given as a date or as YYYY-MM-DD text (None stays None)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value).strip())


def cache_path(cache: bool | str | Path | None = None) -> Path | None:
    """The response cache file: ``cache`` (a path, or False for none), else ``BRIEFER_CACHE`` (a path or
    ``off``), else ``<BRIEFER_HOME>/cache.sqlite``."""
    found = _read(BY_NAME["cache"], cache)
    return None if found is OFF else _path(found) or home() / CACHE_FILE



def history_path(history: bool | str | Path | None = None) -> Path | None:
    """The history's file: ``history`` (a path, or False for none), else ``BRIEFER_HISTORY`` (a path or
    ``off``), else the response cache's file as the environment sets it (``<BRIEFER_HOME>/cache.sqlite``
    when the cache is off)."""
    return _history_of(_read(BY_NAME["history"], history))


def _history_of(value: Value | None) -> Path | None:
    if value is OFF:
        return None
    return _path(value) or cache_path() or home() / CACHE_FILE


def served_state() -> dict[str, str]:
    """The running ``briefer serve`` (base_url, api_key, model), as it recorded itself; ModelError if none
    is running."""
    path = home() / SERVED_FILE
    try:
        state = json.loads(path.read_text())
        os.kill(int(state["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        raise ModelError("no `briefer serve` is running", hint="start one with `briefer serve` in another "
                         "terminal, or drop --served") from None
    return {k: str(state[k]) for k in ("base_url", "api_key", "model")}
