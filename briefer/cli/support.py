"""What the commands share: output checks, atomic writes, the model options, and running a command so that
a BriefError becomes one line and its exit code."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from briefer import config
from briefer.batching.journal import write_atomic as write
from briefer.errors import BriefError, UsageError

T = TypeVar("T")

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


def run_command(fn: Callable[[], T]) -> T:
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
    """The settings of a command's setting options (``setting_options``)."""
    return config.resolve(**given)
