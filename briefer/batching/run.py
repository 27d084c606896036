"""Many briefs: one per article or group (``jobs``), N at once, each output written atomically, resumable.

A rerun skips every job whose output exists and whose inputs hash (articles and settings) is the one the
journal recorded, and retries the rest. A failing job never stops the others: its one-line reason is in
the result (and the journal), and ``BatchResult.ok`` is False (the CLI exits 4).

    from briefer import batch
    result = batch("articles/", "briefs/", concurrency=8)
    print(result)                     # counts, then one line per failed item
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer import config
from briefer.api import Briefer
from briefer.batching.batch_api import via_batch_api
from briefer.batching.jobs import find_jobs
from briefer.batching.outputs import JobResult, Run, Todo
from briefer.batching.processes import default_workers, run_in_workers
from briefer.batching.progress import Bar
from briefer.config import Settings
from briefer.errors import BatchFailed, UsageError
from briefer.render import pdf

log = logging.getLogger("briefer.batch")

FORMATS = ("md", "json", "html", "pdf")
VIA = ("direct", "openai-batch")


@dataclass
class BatchResult:
    items: list[JobResult]
    outdir: Path
    seconds: float = 0.0
    worker_cpu: float = 0.0  # seconds of CPU the worker processes used (none without --workers)

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def failed(self) -> list[JobResult]:
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


def _direct(run: Run, todo: list[Todo], session: Briefer, concurrency: int) -> list[JobResult]:
    def one(item: Todo) -> JobResult:
        return run.finish(item, lambda: session.brief([str(p) for p in item.job.paths], focus=item.job.focus))

    if concurrency == 1:  # in this thread: the embedded model's server may start here, and must live on
        return [one(item) for item in todo]
    results: dict[str, JobResult] = {}
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
          settings: Settings | None = None, client: Any = None, **overrides: object) -> BatchResult:
    """Brief every article (or group) of ``source`` (a folder or a manifest) into ``outdir/<id>.<fmt>``.

    ``concurrency``: briefs at once (default: the settings', 8 for a server; always 1 for the embedded
    model). ``workers``: processes that make them, sharing ``concurrency``: a number, or "auto" (one per 8
    briefs at once, at most one per CPU; the CLI's default); default 1, this process (a script that asks for
    more needs ``if __name__ == "__main__":``). Always 1 for the embedded model, a given ``session`` or
    ``client``.
    ``via="openai-batch"`` sends the calls through the server's Batch API (``/v1/batches``).
    Other keyword arguments are settings: any of ``config.SETTINGS`` (model, base_url, mode, focus, cache, ...).
    """
    started = time.perf_counter()
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if via not in VIA:
        raise UsageError(f"unknown --via {via!r}", hint=f"use one of {', '.join(VIA)}")
    if fmt == "pdf":  # WeasyPrint must be there before any model is asked
        pdf.require()
    own_session = session is None and client is None  # a given one cannot go to other processes
    if session is None:
        if settings is None:
            settings = config.resolve(concurrency=concurrency, **overrides)
        elif concurrency is not None:
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
            results, worker_cpu = run_in_workers(run, todo, settings, at_once, processes,
                                                 here=lambda items: _direct(run, items, session, at_once))
        elif via == "direct":
            results = _direct(run, todo, session, at_once)
        else:
            results = via_batch_api(run, todo, session)
    finally:
        bar.close()
    by_id = {r.id: r for r in [*finished, *results]}
    return BatchResult([by_id[j.id] for j in jobs], out, time.perf_counter() - started, worker_cpu)
