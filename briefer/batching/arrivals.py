"""The article files of a watched folder, and when each is ready to read.

A file being written (a download, a copy, an editor saving) grows: its size or modification time
changes from one look to the next. A file is ready once it has looked the same for ``settle`` seconds,
or at first sight when it was last modified longer ago than that; until then it is waiting, never read
half-written. A file is read only after its article is ready and is read again only when it changes.
Hidden files, files that are not articles (.txt, .md, .html) and the watch's own pages are left out.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefer.batching.jobs import ARTICLE_SUFFIXES

log = logging.getLogger("briefer.batch.watch")


@dataclass(frozen=True)
class Stamp:
    size: int
    mtime_ns: int


@dataclass
class Look:
    ready: list[Path] = field(default_factory=list)  # new or changed, and settled
    removed: list[Path] = field(default_factory=list)
    waiting: list[Path] = field(default_factory=list)  # new or changed, still settling


def stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return Stamp(st.st_size, st.st_mtime_ns)


def own_pages(out: Path) -> Callable[[Path], bool]:
    """Whether a path is one of the pages a watch writes to ``out``: ``brief.html``, ``brief.3.html``."""
    pattern = re.compile(rf"{re.escape(out.stem)}(?:\.\d+)?{re.escape(out.suffix)}")
    folder = out.expanduser().resolve().parent

    def mine(path: Path) -> bool:
        return path.parent.resolve() == folder and pattern.fullmatch(path.name) is not None

    return mine


class Arrivals:
    """What changed among the article files of ``folder`` since the files last taken (``taken``)."""

    def __init__(self, folder: Path, *, settle: float = 1.0, exclude: Callable[[Path], bool] = lambda _: False,
                 monotonic: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time) -> None:
        self.folder = folder
        self.settle = settle
        self.exclude = exclude
        self._monotonic = monotonic
        self._wall = wall
        self.known: dict[Path, Stamp] = {}  # the files taken, as they were when taken
        self._pending: dict[Path, tuple[Stamp, float]] = {}  # a file's stamp, and since when it has had it

    def files(self) -> dict[Path, Stamp]:
        """The article files in the folder now, with their stamps."""
        out = {}
        try:
            entries = sorted(self.folder.iterdir())
        except OSError as exc:
            log.warning("cannot list %s: %s", self.folder, exc)
            return dict(self.known)  # as it was: a folder briefly unreadable removes nothing
        for path in entries:
            if path.name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES or self.exclude(path):
                continue
            found = stamp(path)
            if found is not None and path.is_file():
                out[path] = found
        return out

    def look(self) -> Look:
        now, wall = self._monotonic(), self._wall()
        current = self.files()
        look = Look(removed=[p for p in self.known if p not in current])
        for path in list(self._pending):
            if path not in current:
                del self._pending[path]
        for path, st in current.items():
            if self.known.get(path) == st:
                self._pending.pop(path, None)
                continue
            pending = self._pending.get(path)
            if pending is None or pending[0] != st:
                # Untouched for longer than the settle time already: nothing is writing it.
                if pending is None and wall - st.mtime_ns / 1e9 >= self.settle:
                    look.ready.append(path)
                    continue
                self._pending[path] = (st, now)
                look.waiting.append(path)
            elif now - pending[1] >= self.settle:
                look.ready.append(path)
            else:
                look.waiting.append(path)
        return look

    def take(self, path: Path, st: Stamp) -> None:
        """``path`` was read (or found unreadable) as ``st``: read again only when it changes."""
        self.known[path] = st
        self._pending.pop(path, None)

    def forget(self, path: Path) -> None:
        self.known.pop(path, None)
        self._pending.pop(path, None)

    def wait_again(self, path: Path) -> None:
        """``path`` changed while it was read: it is still being written; wait for it to settle."""
        st = stamp(path)
        if st is not None:
            self._pending[path] = (st, self._monotonic())

    @property
    def waiting(self) -> bool:
        return bool(self._pending)


__all__ = ["Arrivals", "Look", "Stamp", "own_pages", "stamp"]
