"""What the commands share: output checks, atomic writes, the setting options, -q and notices, and running a
command so that a BriefError becomes one line and its exit code, and Ctrl-C ends it at once."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from briefer import config
from briefer.batching.journal import write_atomic as write
from briefer.errors import BriefError, UsageError
from briefer.redact import quote

T = TypeVar("T")
log = logging.getLogger("briefer.cli")

FORMATS = ("md", "json", "html", "pdf")
PAGES = ("a4", "letter")
_state = {"quiet": False, "told": False}  # one command line per process: -q, and the remote-model notice


def set_quiet(quiet: bool) -> None:
    """``-q``: no progress and no notices on stderr for this command (errors are still said)."""
    _state.update(quiet=quiet, told=False)


def quiet() -> bool:
    return _state["quiet"]


def notice(text: str) -> None:
    """One line on stderr that is neither an error nor a warning; ``-q`` silences it."""
    if not _state["quiet"]:
        click.echo(f"briefer: {text}", err=True)


def check_output(path: Path) -> Path:
    """``path`` if a file can be written there; checked before any model call, so no paid work is lost."""
    path = path.expanduser()
    if path.is_dir():
        raise UsageError(f"-o {path} is a directory", hint="give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"-o {path}: folder {path.parent} does not exist", hint="create it first")
    return path


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` all at once (``journal.write_atomic``); a failure is one line."""
    path = check_output(path)
    try:
        write(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}", hint="check the path and its permissions") from None


def run_command(fn: Callable[[], T]) -> T:
    """Run ``fn``; a BriefError becomes `briefer: error: ...` and its exit code, never a traceback.

    Ctrl-C (and SIGTERM) ends the run at once: the calls in flight are cancelled (their connections shut),
    the embedded server is stopped, what is written stays, and the exit code is 130. From the first signal
    on, further ones are ignored, so that a second Ctrl-C cannot break into the way out with a traceback."""
    main_thread = threading.current_thread() is threading.main_thread()
    previous: dict[int, Any] = {}
    if main_thread:
        for sig in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(sig) is not signal.SIG_IGN:  # a background job ignores Ctrl-C: leave it so
                previous[sig] = signal.signal(sig, on_signal)
    interrupted = False
    try:
        return fn()
    except BriefError as exc:
        click.echo(f"briefer: error: {exc}", err=True)
        code = exc.exit_code
    except KeyboardInterrupt:
        interrupted, code = True, 130
        _ignore_signals(main_thread)
        cancel_calls()
        click.echo("briefer: interrupted", err=True)
    except Exception as exc:  # a bug: one line all the same; -vv logs the traceback
        log.debug("unexpected error", exc_info=True)
        click.echo(f"briefer: error: unexpected {type(exc).__name__}: {quote(str(exc))} (please report it; "
                   "-vv shows where)", err=True)
        code = 1
    finally:
        if main_thread and not interrupted:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        api = sys.modules.get("briefer.api")  # only a run that made a brief can have started a server
        if api is not None:
            api.stop_local_servers()
    if interrupted:
        leave(code)
    sys.exit(code)


def on_signal(signum: int, frame: Any) -> None:
    """Ctrl-C or SIGTERM: the run ends as interrupted, and any later signal is ignored (see run_command)."""
    _ignore_signals(True)
    raise KeyboardInterrupt


def _ignore_signals(main_thread: bool) -> None:
    if main_thread:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)


def cancel_calls() -> None:
    """Cancel every model call in flight and let the call threads end, if any call was made (nothing to
    import otherwise)."""
    transport = sys.modules.get("briefer.model.transport")
    if transport is not None:
        transport.cancel_all()
    client = sys.modules.get("briefer.model.client")
    if client is not None:
        client.stop_pools()


def leave(code: int, grace: float = 0.5) -> NoReturn:
    """Exit with ``code`` once the other threads end; a thread still busy after ``grace`` seconds (one in
    a retry's back-off sleep) does not hold the process: written files are complete or untouched."""
    deadline = time.monotonic() + grace
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.current_thread()):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def setting_options(command: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options of the settings ``command`` takes, each made from its declaration in ``config.SETTINGS``
    (flags, type, choices, help, environment variable, default); the command gets them as keyword
    arguments named as the settings, None when not given, for ``config.resolve``."""
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        for setting in reversed([s for s in config.SETTINGS if command in s.commands and s.flags]):
            fn = click.option(*setting.flags, setting.name, **_option(setting))(fn)
        return fn

    return decorate


def _option(setting: config.Setting) -> dict[str, Any]:
    notes = [f"env {setting.env}"] if setting.env else []
    if setting.default:
        notes.append(f"default {setting.default}")
    help_text = setting.help + (f" [{'; '.join(notes)}]" if notes else "")
    if setting.kind is bool:
        return {"is_flag": True, "flag_value": setting.flag_value, "default": None, "help": help_text}
    if setting.choices:
        return {"type": click.Choice(setting.choices), "default": None, "help": help_text}
    if setting.kind is Path:
        return {"type": click.Path(exists=True, file_okay=False, path_type=Path), "default": None, "help": help_text}
    if setting.kind in (int, float):  # the text as typed, for the setting's own check: a bad number is then
        # one line that names the option, as from the environment
        return {"type": str, "metavar": "INTEGER" if setting.kind is int else "NUMBER", "default": None,
                "help": help_text}
    return {"type": setting.kind, "default": None, "help": help_text}


def settings_from(**given: Any) -> config.Settings:
    """The settings of a command's setting options (``setting_options``). When a key in the environment
    alone switched briefer from the embedded model to OpenAI's paid API, one notice says so (once per
    command, however many sessions it builds)."""
    settings = config.resolve(**given)
    if _paid_by_default(settings, given.get("base_url"), given.get("local")) and not _state["told"]:
        _state["told"] = True
        notice(f"using {settings.model} at api.openai.com (OPENAI_API_KEY is set); --local for the embedded model")
    return settings


def _paid_by_default(settings: config.Settings, base_url: str | None, local: bool | None) -> bool:
    """A key in the environment switched briefer from the embedded model to OpenAI's paid API: no
    --base-url, no OPENAI_BASE_URL, no --local."""
    return (not local and base_url is None and not os.environ.get("OPENAI_BASE_URL", "").strip()
            and not settings.local and "api.openai.com" in (settings.base_url or ""))
