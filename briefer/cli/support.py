"""What the commands share: output checks, atomic writes, the model options, and running a command so that
a BriefError becomes one line and its exit code."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from briefer import config
from briefer.batching.journal import write_atomic as write
from briefer.errors import BriefError, UsageError
from briefer.model.local import served as running

FORMATS = ("md", "json", "html", "pdf")
PAGES = ("a4", "letter")


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


def run_command(fn: Callable[[], Any]) -> Any:
    """Run ``fn``; a BriefError becomes `briefer: error: ...` and its exit code, never a traceback.
    SIGTERM is handled like Ctrl-C while it runs, so that the embedded server is stopped on the way out."""
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, on_sigterm) if main_thread else None
    try:
        return fn()
    except BriefError as exc:
        click.echo(f"briefer: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("briefer: interrupted", err=True)
        sys.exit(130)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.api import stop_local_servers

        stop_local_servers()


def on_sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # so that the local server is stopped on the way out


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
    return click.option("--no-cache", is_flag=True, help="Neither read nor write the response cache")(fn)


def settings_from(model: str | None, base_url: str | None, mode: str | None, prompts: str | None,
              focus: str | None, local: bool | None, served: bool) -> Any:
    api_key = None
    if served:
        state = running()
        base_url, api_key, local = state["base_url"], state["api_key"], False
        model = model or Path(state["model"]).stem
    return config.resolve(model=model, base_url=base_url, api_key=api_key, mode=mode, focus=focus,
                          prompts=prompts, local=local, embedded=served)

