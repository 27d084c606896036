"""The pages of a brief kept current: ``brief.html`` is always the latest complete version, written
atomically; with ``keep`` N the versions before it are ``brief.1.html`` (the one before) to
``brief.N.html``.

At every moment ``brief.html`` is a whole page: the version it replaces is copied to ``brief.1.html``
first (older ones move up a number, the oldest beyond N is dropped), then the new page replaces it in
one rename. A kept version no longer reloads itself: its live part (between the ``LIVE`` comments of
the page template) is taken out.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from briefer.batching.journal import write_atomic

LIVE = re.compile(r"<!-- live -->.*?<!-- /live -->\n?", re.S)


def numbered(out: Path, n: int) -> Path:
    """``brief.html`` -> ``brief.3.html``."""
    return out.with_name(f"{out.stem}.{n}{out.suffix}")


def still(page: str) -> str:
    """The page without the part that reloads it."""
    return LIVE.sub("", page)


def publish(out: Path, page: str, keep: int) -> None:
    """Write ``page`` as ``out``; the page it replaces becomes ``out``'s version 1, and so on up to ``keep``."""
    if keep > 0 and out.is_file():
        with contextlib.suppress(FileNotFoundError):
            numbered(out, keep).unlink()
        for n in range(keep - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(numbered(out, n), numbered(out, n + 1))
        try:
            previous = out.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            previous = None  # not a page this watch can read: kept as it is, byte for byte
        if previous is None:
            write_atomic(numbered(out, 1), out.read_bytes())
        else:
            write_atomic(numbered(out, 1), still(previous))
    write_atomic(out, page)


__all__ = ["LIVE", "numbered", "publish", "still"]
