"""One brief kept current while articles arrive: ``briefer watch DIR -o brief.html`` and ``watch()``.

    from briefer import watch
    watch("pile/", "brief.html", keep=5)      # until Ctrl-C (or ``stop``, a threading.Event, is set)

It briefs the articles in DIR, then waits for files to be added, changed or removed (``watchfiles``:
the platform's file events, polling where there are none, or with ``poll=True``) and writes a new
version of the one page. Each article is briefed on its own, its calls answered from the response cache
(and kept in memory) once asked, and the articles' drafts are merged into one brief by code
(``compose.pipeline.brief_of_drafts``): a new article costs its own calls only, and merging,
discrepancies, fitting and rendering are redone. A file still being written is waited for
(``arrivals``); a file that cannot be read, or whose calls fail, is reported in one line and left out,
the rest of the brief stays. Every version is written atomically, the previous ones kept
(``versions``); the page marks what is new since the previous version, or since ``since``, and opens
with a short "What changed" block (``changes``), both fitted into the one page with the rest.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import watchfiles

from briefer import config, render
from briefer.api import Briefer
from briefer.batching.arrivals import Arrivals, own_pages, stamp
from briefer.batching.changes import Changes, changes, clock_label, marker
from briefer.batching.history import History, VersionNote, history_path
from briefer.batching.serve import PageServer
from briefer.batching.versions import publish
from briefer.compose.discrepancies import PairMemo
from briefer.compose.pipeline import brief_of_drafts, draft
from briefer.compose.prepare import Prepared
from briefer.config import Settings
from briefer.errors import BriefError, InputError, RenderError, UsageError
from briefer.read import sources
from briefer.read.sources import Article
from briefer.render import pdf
from briefer.render.fit import Display, dedupe
from briefer.schema import Brief

if TYPE_CHECKING:
    import threading

log = logging.getLogger("briefer.batch.watch")

TEMPLATE = "watch.html"
RETRY_SECONDS = 30.0  # an article whose calls failed is tried again after this, or when it changes
TICK_SECONDS = 0.5  # how often a file still being written, or a failed article, is looked at again
RESCAN_SECONDS = 10.0  # a look at the folder this often whatever the events say: an event lost is a delay
SERVE_POLL_MS = 2000


@dataclass
class Version:
    """One version of the page, as written."""

    number: int
    path: Path
    at: datetime
    articles: list[str]  # the ids of the articles briefed, in the brief's order
    added: list[str] = field(default_factory=list)  # files briefed for the first time, or again as changed
    removed: list[str] = field(default_factory=list)
    calls: int = 0  # model calls asked for this version (the others came from the cache or memory)
    seconds: float = 0.0
    brief: Brief | None = None  # the whole brief, before it was cut to one page
    changes: Changes | None = None
    omitted: list[str] = field(default_factory=list)  # what the page left out to fit one page

    def __str__(self) -> str:
        told = f"{len(self.added)} new or changed" if self.added else "none new"
        gone = f", {len(self.removed)} removed" if self.removed else ""
        count = f"{len(self.articles)} article{'s' if len(self.articles) != 1 else ''}"
        return (f"version {self.number} of {self.path.name}: {count} ({told}{gone}), "
                f"{self.calls} model call{'s' if self.calls != 1 else ''}, {self.seconds:.1f} s")


def now_local() -> datetime:
    return datetime.now().astimezone()


def parse_since(text: str | datetime, now: datetime) -> datetime:
    """``14:05`` (the last such time, today or yesterday), or an ISO date and time (local time unless it
    says its zone)."""
    if isinstance(text, datetime):
        return text if text.tzinfo else text.astimezone()
    value = text.strip()
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", value)
    try:
        if clock:
            hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
            moment = now.replace(hour=hour, minute=minute, second=second, microsecond=0)
            return moment - timedelta(days=1) if moment > now else moment
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None:
        raise UsageError(f"--since {text!r} is not a time", hint="give HH:MM (today) or YYYY-MM-DDTHH:MM")
    return moment if moment.tzinfo else moment.astimezone()


def check_page(out: Path, folder: Path) -> Path:
    out = out.expanduser()
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"-o {out}: a kept-current brief is an HTML page", hint="give a file name ending in .html")
    if out.is_dir():
        raise UsageError(f"-o {out} is a directory", hint="give a file name")
    if not out.parent.is_dir():
        raise UsageError(f"-o {out}: folder {out.parent} does not exist", hint="create it first")
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder", hint="give the folder the articles arrive in")
    return out


class Watcher:
    """The state of one watch: the articles read, their drafts, the history; ``update`` makes a version
    when the folder's articles changed, ``run`` waits for changes and updates until stopped."""

    def __init__(self, folder: str | Path, out: str | Path, session: Briefer, *, keep: int = 3,
                 since: str | datetime | None = None, page: str = "a4", settle: float = 1.0, refresh: int = 5,
                 server: PageServer | None = None, report: Callable[[str], None] | None = None,
                 clock: Callable[[], datetime] = now_local) -> None:
        self.folder = Path(folder).expanduser()
        self.out = check_page(Path(out), self.folder)
        if keep < 0:
            raise UsageError(f"--keep {keep}: a number of earlier versions, 0 or more")
        if refresh < 1:
            raise UsageError(f"--refresh {refresh}: seconds between the page's reloads, 1 or more")
        if not 0 <= settle <= 3600:
            raise UsageError(f"--settle {settle}: seconds a file must stay the same, 0 to 3600")
        pdf.page(page)  # an unknown size fails now, not at the first version
        self.session = session
        self.keep, self.page, self.refresh, self.server = keep, page, refresh, server
        self.clock = clock
        self.since = parse_since(since, clock()) if since is not None else None
        self.report = report or _log
        self.history = History.load(history_path(self.out))
        self.arrivals = Arrivals(self.folder, settle=settle, exclude=own_pages(self.out))
        self.articles: dict[Path, Article] = {}
        self._digests: dict[Path, str] = {}
        self._drafts: dict[tuple[str, str], tuple[Brief, list[Prepared]]] = {}
        self._pairs = PairMemo()  # the discrepancies of pairs of articles compared before
        self._retry: dict[Path, float] = {}  # an article whose calls failed -> when to try again (monotonic)
        self._written: tuple[tuple[str, str], ...] | None = None
        self._unfitted_told = False

    @property
    def busy(self) -> bool:
        """A file is settling or a failed article waits for its retry: look again soon, events or not."""
        return self.arrivals.waiting or bool(self._retry)

    # --- reading -----------------------------------------------------------------------------------

    def _read(self, path: Path) -> bool:
        """Read a settled file; False if it changed while it was read (still being written)."""
        before = stamp(path)
        if before is None:
            return True  # gone: the next look says it was removed
        present = {a.id for p, a in self.articles.items() if p != path}
        article_id = self.history.article_id(path.name, path.stem, present)
        try:
            article = sources.read_path(path, id=article_id)
        except InputError as exc:
            if stamp(path) != before:
                self.arrivals.wait_again(path)
                return False
            self.arrivals.take(path, before)
            self.report(f"warning: skipped {path.name}: {exc.message}")
            self._drop(path)
            return True
        if stamp(path) != before:
            self.arrivals.wait_again(path)
            return False
        self.arrivals.take(path, before)
        for warning in article.warnings:
            self.report(f"warning: {path.name}: {warning}")
        self.articles[path] = article
        self._digests[path] = hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
        self._retry.pop(path, None)
        return True

    def _drop(self, path: Path) -> None:
        self.articles.pop(path, None)
        self._digests.pop(path, None)
        self._retry.pop(path, None)

    # --- briefing ----------------------------------------------------------------------------------

    def _order(self) -> list[Path]:
        """Articles in the order they first arrived (then by name): the first one's summary leads."""
        far = datetime.max.replace(tzinfo=self.clock().tzinfo)

        def first(path: Path) -> datetime:
            note = self.history.articles.get(path.name)
            return note.first if note is not None and note.id == self.articles[path].id else far

        return sorted(self.articles, key=lambda p: (first(p), p.name))

    def _brief_each(self, paths: Sequence[Path], settings: Settings) -> dict[Path, Any]:
        """Each article's draft, briefed on its own (its calls from the cache where it has them), or the
        BriefError that stopped it. Against a server, several articles at once (``concurrency``); the
        embedded model, one at a time in this thread (its server lives as long as the thread that starts it)."""
        def one(path: Path) -> Any:
            try:
                return draft([self.articles[path]], settings, self.session.model, self.session.counter)
            except BriefError as exc:
                return exc

        if len(paths) < 2 or settings.embedded or settings.concurrency < 2:
            return {path: one(path) for path in paths}
        pool = ThreadPoolExecutor(max_workers=min(settings.concurrency, len(paths)), thread_name_prefix="briefer-watch")
        try:
            futures = {path: pool.submit(one, path) for path in paths}
            return {path: future.result() for path, future in futures.items()}
        finally:
            pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: nothing more is asked

    def _drafts_of(self, order: Sequence[Path], settings: Settings) -> tuple[list[Path], list[Any], int]:
        """The articles that can be in this version, their drafts, and the model calls asked for them: from
        memory, else briefed; an article whose calls fail is reported, left out, and tried again later."""
        now = time.monotonic()
        need = [p for p in order if (self.articles[p].id, self._digests[p]) not in self._drafts
                and self._retry.get(p, 0.0) <= now]
        calls = 0
        for path, found in self._brief_each(need, settings).items():
            if isinstance(found, BriefError):
                self._retry[path] = time.monotonic() + RETRY_SECONDS
                self.report(f"warning: left out {path.name} for now: {found}")
                continue
            self._retry.pop(path, None)
            self._drafts[(self.articles[path].id, self._digests[path])] = found
            calls += sum(1 for u in found[0].usage if not u.cached)
        chosen = [p for p in order if (self.articles[p].id, self._digests[p]) in self._drafts]
        return chosen, [self._drafts[(self.articles[p].id, self._digests[p])] for p in chosen], calls

    def update(self) -> Version | None:
        """Look at the folder; when the articles to brief changed, write a new version and return it."""
        started = time.perf_counter()
        look = self.arrivals.look()
        added: list[str] = []
        for path in look.ready:
            had = self._digests.get(path)
            if self._read(path) and path in self.articles and self._digests[path] != had:
                added.append(path.name)
        removed = []
        for path in look.removed:
            self.arrivals.forget(path)
            if path in self.articles:
                removed.append(path.name)
            self._drop(path)
        if not self.articles:
            return None
        settings = self.session.model.settings
        chosen, drafts, calls = self._drafts_of(self._order(), settings)
        current = {(a.id, self._digests[p]) for p, a in self.articles.items()}
        self._drafts = {k: v for k, v in self._drafts.items() if k in current}  # a changed file's old draft goes
        signature = tuple((self.articles[p].id, self._digests[p]) for p in chosen)
        if not chosen or signature == self._written:
            return None
        articles = [self.articles[p] for p in chosen]
        brief = brief_of_drafts(drafts, articles, settings, self._pairs)
        self._pairs.prune()
        try:
            version = self._write(brief, chosen, added, removed)
        except (RenderError, OSError) as exc:  # the last complete version stays; the next change tries again
            why = exc if isinstance(exc, RenderError) else f"cannot write {self.out}: {exc.strerror or exc}"
            self.report(f"warning: version not written: {why}")
            self.history = History.load(self.history.path)  # as it was after the last version
            return None
        self._written = signature
        version.calls = calls
        version.seconds = time.perf_counter() - started
        self.report(str(version))
        return version

    # --- writing -----------------------------------------------------------------------------------

    def _write(self, brief: Brief, chosen: Sequence[Path], added: list[str], removed: list[str]) -> Version:
        now = self.clock()
        previous = self.history.last
        number = previous.number + 1 if previous else 1
        self.history.note_articles({p.name: (self.articles[p].id, self.articles[p].title) for p in chosen}, now)
        self.history.record(brief, now)
        inclusive = self.since is not None
        since = self.since if self.since is not None else previous.at if previous else None
        found = changes(self.history, brief, since, now, inclusive=inclusive)
        mark = marker(self.history, since, now, inclusive=inclusive)
        if self.since is not None:
            heading = f"since {clock_label(self.since, now)} · version {number}, {clock_label(now, now)}"
        elif previous is not None:
            heading = f"since version {previous.number} ({clock_label(previous.at, now)}) · version {number}, " \
                      f"{clock_label(now, now)}"
        else:
            heading = f"version 1, {clock_label(now, now)}"
        nothing = f"Nothing new {heading.split(' · ')[0]}." if since is not None else \
            f"First version: {len(chosen)} article{'s' if len(chosen) != 1 else ''}."
        info = {"version": number, "refresh": self.refresh, "poll_ms": SERVE_POLL_MS, "changes": found,
                "heading": heading, "nothing": nothing, "live": None}
        shown, show = self._fit(brief, {"mark": mark, "watch": info})

        def page(live: str | None) -> str:
            return render.page_html(shown, show, self.page, extra={"mark": mark, "watch": {**info, "live": live}},
                                    template=TEMPLATE)

        publish(self.out, page("file"), self.keep)
        self.history.versions.append(VersionNote(number, now, len(chosen)))
        self.history.save()
        if self.server is not None:
            self.server.publish(page("serve"), number)
        return Version(number, self.out, now, [self.articles[p].id for p in chosen], added, removed, brief=brief,
                       changes=found, omitted=list(shown.omitted))

    def _fit(self, brief: Brief, extra: dict[str, Any]) -> tuple[Brief, Display | None]:
        """The brief cut to one page with the block and marks on it (the page as it stands, with a warning
        once, without WeasyPrint)."""
        if not pdf.available():
            if not self._unfitted_told:
                self.report(f"warning: the page is not fitted to one page: WeasyPrint is not installed "
                            f"({pdf.INSTALL_HINT})")
                self._unfitted_told = True
            return dedupe(brief), None
        fitted = render.fit_page(brief, self.page, extra=extra, template=TEMPLATE)
        return fitted.brief, fitted.show

    # --- the loop ----------------------------------------------------------------------------------

    def run(self, *, stop: threading.Event | None = None, poll: bool = False,
            on_version: Callable[[Version], None] | None = None) -> list[Version]:
        """Update now, then at every change of the folder until ``stop`` is set (or Ctrl-C: the page
        stays at its last complete version). Returns the versions written."""
        written: list[Version] = []

        def step() -> None:
            version = self.update()
            if version is not None:
                written.append(version)
                if on_version is not None:
                    on_version(version)

        step()
        if stop is not None and stop.is_set():
            return written
        looked = 0.0  # the first tick looks: files that came while the watcher started sent their events to no one
        for events in watchfiles.watch(self.folder, watch_filter=None, debounce=500, step=50, stop_event=stop,
                                       rust_timeout=int(TICK_SECONDS * 1000), yield_on_timeout=True,
                                       force_polling=True if poll else None, poll_delay_ms=300, recursive=False,
                                       raise_interrupt=True):
            if events or self.busy or time.monotonic() - looked >= RESCAN_SECONDS:
                looked = time.monotonic()
                step()
        return written


def _log(line: str) -> None:
    """Where a watch's lines go without ``report``: warnings as warnings, the rest as information."""
    if line.startswith("warning: "):
        log.warning("%s", line.removeprefix("warning: "))
    else:
        log.info("%s", line)


def watch(folder: str | Path, out: str | Path, *, keep: int = 3, since: str | datetime | None = None,
          page: str = "a4", serve: int | None = None, poll: bool = False, settle: float = 1.0, refresh: int = 5,
          stop: threading.Event | None = None, on_version: Callable[[Version], None] | None = None,
          client: Any = None, settings: Settings | None = None, report: Callable[[str], None] | None = None,
          **overrides: object) -> list[Version]:
    """Keep the one-page brief ``out`` (an .html file) of the articles in ``folder`` current until ``stop``
    is set or Ctrl-C; returns the versions written.

    ``keep``: earlier versions kept (``brief.1.html`` the one before); ``since``: mark what is new since
    this moment (``"14:05"``, an ISO time or a datetime) instead of since the previous version; ``serve``:
    also serve the page on http://127.0.0.1:PORT/; ``poll``: look for changes by polling; ``settle``:
    seconds a new file must stay unchanged before it is read; ``refresh``: seconds between the page's
    reloads of itself when opened as a file. Other keyword arguments are settings, as in ``brief()``: any of
    ``config.SETTINGS``; or ``settings``, as resolved."""
    if settings is None:
        if client is not None and overrides.get("base_url") is None:
            overrides = {**overrides, "base_url": str(client.base_url), "local": False,
                         "api_key": overrides.get("api_key") or getattr(client, "api_key", None) or "provided-client"}
        settings = config.resolve(**overrides)
    watcher = Watcher(folder, out, Briefer(settings, client=client), keep=keep, since=since, page=page,
                      settle=settle, refresh=refresh, report=report)
    server = None
    if serve is not None:
        if not 0 <= serve < 65536:
            raise UsageError(f"--serve {serve}: not a port number", hint="give a free port, e.g. 8765")
        server = watcher.server = PageServer(serve).start()
    watcher.report(f"watching {watcher.folder} for articles; the brief is {watcher.out} (Ctrl-C stops)")
    if server is not None:
        watcher.report(f"serving the page on {server.url}")
    try:
        return watcher.run(stop=stop, poll=poll, on_version=on_version)
    finally:
        if server is not None:
            server.stop()


__all__ = ["Version", "Watcher", "parse_since", "watch"]
