"""How a briefer process logs: one handler on stderr, briefer's own loggers at the level asked for, every
other library's records (and Python's warnings) only from ``-v`` up, every line with keys redacted.

The CLI configures it (``configure``); a batch's worker processes configure it the same way.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from briefer.redact import redact

FORMAT = "briefer: %(levelname)s %(name)s: %(message)s"
_QUIET = ("httpx", "httpx2", "openai", "httpcore", "httpcore2")  # never below WARNING: their debug holds bodies
_handler: logging.Handler | None = None
_verbosity: int | None = None
_levels: dict[str, int] = {}  # the levels ``configure`` changed, as they were, for ``reset``


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to ``sys.stderr`` as it is at each record (a test runner may have replaced it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


class _Gate(logging.Filter):
    """Lets briefer's records through, others only when verbose; redacts each line it lets through."""

    def __init__(self, verbosity: int) -> None:
        super().__init__()
        self.verbosity = verbosity

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name == "briefer" or record.name.startswith("briefer.")
        if not ours and self.verbosity < 1:
            return False
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def configure(verbosity: int) -> None:
    """Log on stderr at WARNING (``verbosity`` 0), INFO (1) or DEBUG (2+); replaces an earlier call's handler."""
    global _handler, _verbosity
    level = logging.WARNING - 10 * min(max(verbosity, 0), 2)
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
    for name in ("", *_QUIET):
        _levels.setdefault(name, logging.getLogger(name or None).level)
    _handler = _Stderr()
    _handler.setFormatter(logging.Formatter(FORMAT))
    _handler.addFilter(_Gate(verbosity))
    root.addHandler(_handler)
    root.setLevel(level)
    for name in _QUIET:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    logging.captureWarnings(True)  # a library's warnings.warn() goes through the gate too
    _verbosity = verbosity


def verbosity() -> int | None:
    """What ``configure`` was given in this process, or None when it was not called."""
    return _verbosity


def reset() -> None:
    """Undo ``configure`` (for tests)."""
    global _handler, _verbosity
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
    for name, level in _levels.items():
        logging.getLogger(name or None).setLevel(level)
    _levels.clear()
    _handler = _verbosity = None
    logging.captureWarnings(False)
