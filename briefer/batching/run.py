"""Many briefs: one per article or group (``jobs``), N at once, each output written atomically, resumable.

A rerun skips every job whose output exists and whose inputs hash (articles and settings) is the one the
journal recorded, and retries the rest. A failing job never stops the others: its one-line reason is in
the result (and the journal), and ``BatchResult.ok`` is False (the CLI exits 4).

    from briefer import batch
    result = batch("articles/", "briefs/", concurrency=8)
    print(result)                     # counts, then one line per failed item
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer.api import Briefer
from briefer.batching.journal import STATE_FILE, Job, Journal, find_jobs, inputs_hash, write_atomic
from briefer.batching.progress import Bar
from briefer.config import Settings
from briefer.errors import BatchFailed, BriefError, InputError, UsageError
from briefer.redact import quote
from briefer.schema import Brief

log = logging.getLogger("briefer.batch")

FORMATS = ("md", "json", "html", "pdf")
VIA = ("direct", "openai-batch")


@dataclass
class ItemResult:
    id: str
    status: str  # done | cached (every call from the cache) | skipped (done by an earlier run) | failed
    path: Path | None = None  # the output, when there is one
    error: str = ""
    seconds: float = 0.0
    inputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass
class BatchResult:
    items: list[ItemResult]
    outdir: Path
    seconds: float = 0.0
    worker_cpu: float = 0.0  # seconds of CPU the worker processes used (none without --workers)

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def failed(self) -> list[ItemResult]:
        return [i for i in self.items if i.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s}" for s in ("done", "cached", "skipped", "failed"))
        return f"{len(self.items)} briefs in {self.outdir}: {counts} ({self.seconds:.1f} s)"

    def failures(self) -> str:
        return "\n".join(f"  {i.id}: {i.error}" for i in self.failed)

    def __str__(self) -> str:
        return self.summary() + (("\nfailed:\n" + self.failures()) if self.failed else "")

    def raise_for_failures(self) -> None:
        if self.failed:
            raise BatchFailed(f"{len(self.failed)} of {len(self.items)} briefs failed",
                              hint="fix them and run the same command again: done briefs are skipped")


def render(brief: Brief, fmt: str) -> str | bytes:
    """One brief in ``fmt``: Markdown, JSON, or the one page that ``briefer brief`` writes (HTML or PDF)."""
    if fmt == "md":
        return brief.to_markdown()
    if fmt == "html":
        return brief.to_html()
    if fmt == "pdf":
        return bytes(brief.to_pdf())
    return brief.model_dump_json(indent=2) + "\n"


def fingerprint(settings: Settings, fmt: str) -> str:
    """The settings that decide an output (with the job's articles and focus): a changed one re-briefs."""
    from briefer import __version__
    from briefer.model.cache import prompt_version
    from briefer.model.client import model_identity

    return json.dumps({"model": model_identity(settings), "mode": settings.mode, "fmt": fmt,
                       "prompts": prompt_version(settings.prompts), "summary": settings.model_summary,
                       "temperature": settings.temperature, "seed": settings.seed, "version": __version__})


def describe(exc: BaseException) -> str:
    """One line: a BriefError's message and hint, else the exception's type and text."""
    if isinstance(exc, BriefError):
        return " ".join(str(exc).split())
    log.debug("unexpected error:\n%s", "".join(traceback.format_exception(exc)))
    return quote(f"{type(exc).__name__}: {exc}".splitlines()[0], 400)


@dataclass
class Todo:
    job: Job
    out: Path
    hash: str
    started: float = 0.0


class Run:
    """One batch run: its journal, its progress, and the end of each job (written, or failed)."""

    def __init__(self, outdir: Path, fmt: str, bar: Bar) -> None:
        self.outdir, self.fmt, self.bar = outdir, fmt, bar
        self.journal = Journal.open(outdir / STATE_FILE)

    def plan(self, jobs: list[Job], settings: Settings) -> tuple[list[ItemResult], list[Todo]]:
        """Jobs already done (skipped), those that cannot be written, and those to do."""
        base = fingerprint(settings, self.fmt)
        finished: list[ItemResult] = []
        todo: list[Todo] = []
        for job in jobs:
            out = self.outdir / f"{job.id}.{self.fmt}"
            digest = inputs_hash(job, base + "\0" + (job.focus or settings.focus))
            entry = self.journal.get(job.id)
            if entry and entry.get("status") == "done" and entry.get("hash") == digest and out.exists():
                finished.append(ItemResult(job.id, "skipped", out, inputs=job.paths))
            elif entry is None and out.exists():
                finished.append(ItemResult(job.id, "failed", error=f"{out} exists and was not written by this "
                                           "batch; move it away or choose another output folder",
                                           inputs=job.paths))
            else:
                todo.append(Todo(job, out, digest))
        return finished, todo

    def finish(self, todo: Todo, make: Callable[[], Brief]) -> ItemResult:
        """Make the brief (``make``), write it atomically, journal it; any failure is this job's alone."""
        def made() -> tuple[str | bytes, bool]:
            brief = make()
            return render(brief, self.fmt), bool(brief.usage) and all(u.cached for u in brief.usage)

        return self.complete(todo, made)

    def complete(self, todo: Todo, made: Callable[[], tuple[str | bytes, bool]]) -> ItemResult:
        """Write the brief that ``made`` gives (its text, and whether every call came from the cache)
        atomically and journal it; any failure is this job's alone."""
        started = todo.started or time.perf_counter()
        job = todo.job
        try:
            if job.problem:
                raise InputError(job.problem)
            text, cached = made()
            self.journal.record(job.id, status="writing", hash=todo.hash, output=todo.out.name)
            write_atomic(todo.out, text)
        except Exception as exc:  # this job's failure, never the batch's
            result = ItemResult(job.id, "failed", error=describe(exc), inputs=job.paths)
        else:
            result = ItemResult(job.id, "cached" if cached else "done", todo.out, inputs=job.paths)
        result.seconds = time.perf_counter() - started
        self.journal.record(job.id, status="failed" if result.status == "failed" else "done", hash=todo.hash,
                            output=todo.out.name, cached=result.status == "cached", error=result.error,
                            seconds=round(result.seconds, 4))
        self.bar.step(result.status, job.id, result.error)
        return result


def _direct(run: Run, todo: list[Todo], session: Briefer, concurrency: int) -> list[ItemResult]:
    def one(item: Todo) -> ItemResult:
        return run.finish(item, lambda: session.brief([str(p) for p in item.job.paths], focus=item.job.focus))

    if concurrency == 1:  # in this thread: the embedded model's server may start here, and must live on
        return [one(item) for item in todo]
    results: dict[str, ItemResult] = {}
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="briefer-batch")
    try:
        futures = {pool.submit(one, item): item.job.id for item in todo}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
    except BaseException:  # Ctrl-C: start nothing more; what is journaled stays done
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [results[item.job.id] for item in todo]


def _processes(workers: int | str | None, settings: Settings, at_once: int, own_session: bool) -> int:
    """How many processes make the briefs: ``workers``; "auto": ``workers.default_workers``; None: 1."""
    from briefer.batching.processes import default_workers

    if workers == "auto":
        count = default_workers(settings, at_once)
    elif workers is None or isinstance(workers, int):
        count = 1 if workers is None else workers
    else:
        raise UsageError(f"workers must be a number or 'auto', not {workers!r}")
    if count < 1:
        raise UsageError(f"--workers must be at least 1, not {count}")
    if count > 1 and settings.embedded:
        log.warning("the embedded model answers one request at a time: 1 worker process, not %d", count)
        return 1
    if count > 1 and not own_session:
        log.warning("a given session or client stays in this process: 1 worker process, not %d", count)
        return 1
    return min(count, at_once)


def batch(source: str | Path, outdir: str | Path, *, fmt: str = "md", concurrency: int | None = None,
          workers: int | str | None = None, via: str = "direct", progress: bool = False, session: Briefer | None = None,
          settings: Settings | None = None, client: Any = None, **overrides: Any) -> BatchResult:
    """Brief every article (or group) of ``source`` (a folder or a manifest) into ``outdir/<id>.<fmt>``.

    ``concurrency``: briefs at once (default: the settings', 8 for a server; always 1 for the embedded
    model). ``workers``: processes that make them, sharing ``concurrency``: a number, or "auto" (one per 8
    briefs at once, at most one per CPU; the CLI's default); default 1, this process (a script that asks for
    more needs ``if __name__ == "__main__":``). Always 1 for the embedded model, a given ``session`` or
    ``client``.
    ``via="openai-batch"`` sends the calls through the server's Batch API (``/v1/batches``).
    Other keyword arguments are settings (model, base_url, api_key, mode, focus, prompts, cache, ...).
    """
    started = time.perf_counter()
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if via not in VIA:
        raise UsageError(f"unknown --via {via!r}", hint=f"use one of {', '.join(VIA)}")
    if fmt == "pdf":  # WeasyPrint must be there before any model is asked
        from briefer.render import pdf

        pdf.require()
    own_session = session is None and client is None  # a given one cannot go to other processes
    if session is None:
        from briefer import config

        settings = settings or config.resolve(**overrides)
        if concurrency is not None:
            settings = settings.with_(concurrency=concurrency)
        session = Briefer(settings, client=client)
    settings = session.settings
    at_once = concurrency or settings.concurrency
    if at_once < 1:
        raise UsageError(f"--concurrency must be at least 1, not {at_once}")
    if settings.embedded and at_once > 1:
        log.warning("the embedded model answers one request at a time: concurrency 1, not %d", at_once)
        at_once = 1
    processes = _processes(workers, settings, at_once, own_session)
    out = Path(outdir).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create output folder {out}: {exc.strerror}", hint="check the path") from None
    jobs = find_jobs(source, outdir=out)
    bar = Bar(0, enabled=progress)
    run = Run(out, fmt, bar)
    finished, todo = run.plan(jobs, settings)
    bar.total = len(jobs)
    for item in finished:
        bar.counts[item.status] += 1
    bar.start()
    worker_cpu = 0.0
    try:
        if via == "direct" and processes > 1 and len(todo) > 1:
            from briefer.batching.processes import run_in_workers

            results, worker_cpu = run_in_workers(run, todo, settings, at_once, processes,
                                                 here=lambda items: _direct(run, items, session, at_once))
        elif via == "direct":
            results = _direct(run, todo, session, at_once)
        else:
            from briefer.batching.batch_api import via_batch_api

            results = via_batch_api(run, todo, session)
    finally:
        bar.close()
    by_id = {r.id: r for r in [*finished, *results]}
    return BatchResult([by_id[j.id] for j in jobs], out, time.perf_counter() - started, worker_cpu)
