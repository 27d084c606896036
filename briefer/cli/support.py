"""What the commands share: output checks, atomic writes, the model options, and running a command so that
a BriefError becomes one line and its exit code."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from briefer.errors import BriefError, UsageError
from briefer.redact import quote

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
    """Write ``text`` (or bytes) to ``path`` all at once (``jobs.write_atomic``); a failure is one line."""
    from briefer.batching.journal import write_atomic as write

    path = check_output(path)
    try:
        write(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}", hint="check the path and its permissions") from None


def run_command(fn: Callable[[], Any]) -> Any:
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
        from briefer.api import stop_local_servers

        stop_local_servers()
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


def leave(code: int, grace: float = 0.5) -> None:
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


def model_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--model", "-m", help="Model name (remote), local model key, or a .gguf path [env BRIEFER_MODEL]"),
        click.option("--base-url", help="OpenAI-compatible server URL, e.g. http://host:8000/v1 [env OPENAI_BASE_URL]"),
        click.option("--mode", type=str, help="json_schema | json_object | prompt [env BRIEFER_MODE]"),
        click.option("--prompts", "prompts", type=str, help="A folder of your own prompt templates"),
        click.option("--focus", help="The country whose role the brief reports [env BRIEFER_FOCUS; default Canada]"),
        click.option("--local", is_flag=True, default=None, help="Use the embedded local model even if a key is set"),
        click.option("--served", is_flag=True, help="Use the local model kept running by `briefer serve`"),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def cache_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--no-cache`` and ``--no-history``."""
    fn = click.option("--no-history", is_flag=True,
                      help="Do not record this run in the history [env BRIEFER_HISTORY=off]")(fn)
    return click.option("--no-cache", is_flag=True, help="Neither read nor write the response cache")(fn)


def settings_from(model: str | None, base_url: str | None, mode: str | None, prompts: str | None,
              focus: str | None, local: bool | None, served: bool) -> Any:
    from briefer import config

    api_key = None
    if served:
        from briefer.model.local import served as running

        state = running()
        base_url, api_key, local = state["base_url"], state["api_key"], False
        model = model or Path(state["model"]).stem
    settings = config.resolve(model=model, base_url=base_url, api_key=api_key, mode=mode, focus=focus,
                              prompts=prompts, local=local, embedded=served)
    if _paid_by_default(settings, base_url, local) and not _state["told"]:
        _state["told"] = True  # once per command, however many sessions it builds
        notice(f"using {settings.model} at api.openai.com (OPENAI_API_KEY is set); --local for the embedded model")
    return settings


def _paid_by_default(settings: Any, base_url: str | None, local: bool | None) -> bool:
    """A key in the environment switched briefer from the embedded model to OpenAI's paid API: no
    --base-url, no OPENAI_BASE_URL, no --local."""
    return (not local and base_url is None and not os.environ.get("OPENAI_BASE_URL", "").strip()
            and not settings.local and "api.openai.com" in (settings.base_url or ""))

