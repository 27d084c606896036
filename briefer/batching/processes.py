"""Batch workers: briefs made in other processes, so that a batch is not held to one Python process's CPU.

Each worker is a process started by 'forkserver' where there is one (forked from a single-threaded
server that has imported briefer once: no fork of a threaded parent), else 'spawn'. It keeps its own
session (its own ``openai`` client and cache connection) and runs its share of the batch's concurrency
as threads. The parent keeps everything else, as with one process: the plan, the journal, every write
(atomic), the progress bar and the failures. A worker gets a job's paths and focus and gives back the
rendered brief, or the one-line reason it failed; Ctrl-C is the parent's alone.

A worker that dies takes only its briefs in flight with it: they fail with a reason, every other brief is
written, and a rerun retries the failed ones.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefer import logs
from briefer.api import Briefer
from briefer.batching.outputs import JobResult, Run, Todo, describe, render
from briefer.config import Settings
from briefer.errors import BriefError

log = logging.getLogger("briefer.batch")

BRIEFS_PER_WORKER = 8  # briefs in flight that one process keeps busy without running out of CPU


@dataclass(frozen=True)
class Task:
    index: int
    paths: tuple[str, ...]
    focus: str | None


@dataclass(frozen=True)
class WorkerReply:
    index: int
    text: str | bytes | None  # the rendered brief, None when it failed
    cached: bool = False
    error: str = ""
    seconds: float = 0.0


class WorkerFailed(BriefError):
    """A brief that failed in a worker process, told there in one line (``batching.describe``)."""


def default_workers(settings: Settings, concurrency: int) -> int:
    """One process for the embedded model (one slot) or up to 8 briefs at once; else one per 8 briefs at
    once, at most one per CPU."""
    if settings.embedded:
        return 1
    return max(1, min(os.cpu_count() or 1, math.ceil(concurrency / BRIEFS_PER_WORKER)))


def shares(concurrency: int, workers: int) -> list[int]:
    """Briefs at once per worker: ``concurrency`` split as evenly as it goes, no worker without one."""
    workers = max(1, min(workers, concurrency))
    return [concurrency // workers + (i < concurrency % workers) for i in range(workers)]


def make(session: Any, task: Task, fmt: str) -> WorkerReply:
    """One brief, rendered; any failure is told in one line."""
    started = time.perf_counter()
    try:
        brief = session.brief(list(task.paths), focus=task.focus)
        text = render(brief, fmt)
    except Exception as exc:  # this brief's failure, never the worker's
        return WorkerReply(task.index, None, error=describe(exc), seconds=time.perf_counter() - started)
    cached = bool(brief.usage) and all(u.cached for u in brief.usage)
    return WorkerReply(task.index, text, cached, seconds=time.perf_counter() - started)


def _log_levels() -> dict[str, int]:
    """The parent's log levels (the root's and every logger's own), for a worker to log as it does."""
    levels = {name: lg.level for name, lg in logging.Logger.manager.loggerDict.items()
              if isinstance(lg, logging.Logger) and lg.level}
    return {"": logging.getLogger().getEffectiveLevel(), **levels}


@dataclass(frozen=True)
class Setup:
    """What a worker takes from the parent besides the settings: where it runs, how it logs."""

    fmt: str
    threads: int
    cwd: str  # relative article paths are the parent's, and the forkserver may have started elsewhere
    env: dict[str, str]  # the parent's environment now (proxies, CA files), not the server's at its start
    levels: dict[str, int]
    verbosity: int | None = None  # the CLI's -v (``logs.configure``), None when the parent did not set it

    @classmethod
    def here(cls, fmt: str, threads: int) -> Setup:
        return cls(fmt, threads, os.getcwd(), dict(os.environ), _log_levels(), logs.verbosity())


def serve(settings: Settings, setup: Setup, tasks: Any, results: Any) -> None:
    """A worker process: ``setup.threads`` threads take tasks until each gets the end mark (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops the workers
    parent = multiprocessing.parent_process()
    if parent is not None:  # a parent killed outright (SIGKILL) leaves no worker behind

        def end_with(parent: multiprocessing.process.BaseProcess = parent) -> None:
            parent.join()
            os._exit(1)

        threading.Thread(target=end_with, daemon=True).start()
    os.chdir(setup.cwd)
    os.environ.clear()
    os.environ.update(setup.env)
    if setup.verbosity is not None:  # as the CLI logs: third-party lines only with -v, keys redacted
        logs.configure(setup.verbosity)
    else:
        logging.basicConfig(level=setup.levels.get("", logging.WARNING),
                            format="briefer: %(levelname)s %(name)s: %(message)s")
    for name, level in setup.levels.items():
        if name:
            logging.getLogger(name).setLevel(level)
    session = Briefer(settings)
    pid = os.getpid()

    def loop() -> None:
        while (task := tasks.get()) is not None:
            results.put(("start", task.index, pid))
            results.put(("done", make(session, task, setup.fmt), pid))

    running = [threading.Thread(target=loop, name=f"briefer-batch-{i}") for i in range(setup.threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    results.put(("end", time.process_time(), pid))  # the CPU it used, for the batch's account


def _context() -> multiprocessing.context.ForkServerContext | multiprocessing.context.SpawnContext:
    """'forkserver' (Unix), its server importing briefer's worker side once; else 'spawn'."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["briefer.batching.processes", "briefer.compose.pipeline", "briefer.render",
                                   "openai"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Pool:
    """The worker processes of one batch, their queues, and which briefs each one has in flight."""

    def __init__(self, settings: Settings, fmt: str, counts: list[int]) -> None:
        ctx = _context()
        self.tasks, self.results = ctx.Queue(), ctx.Queue()
        self.procs = [ctx.Process(target=serve, name=f"briefer-worker-{i}", daemon=True,
                                  args=(settings.with_(concurrency=n), Setup.here(fmt, n), self.tasks, self.results))
                      for i, n in enumerate(counts)]
        self.threads = sum(counts)
        self.inflight: dict[int, set[int]] = {}
        self.cpu = 0.0  # seconds of CPU the workers that ended used

    def start(self, tasks: list[Task]) -> None:
        for proc in self.procs:
            proc.start()
        for task in tasks:
            self.tasks.put(task)
        for _ in range(self.threads):
            self.tasks.put(None)

    def next(self, timeout: float) -> WorkerReply | None:
        """The next finished brief, or None when none came within ``timeout``."""
        while True:
            try:
                kind, payload, pid = self.results.get(timeout=timeout)
            except queue.Empty:
                return None
            if kind == "start":
                self.inflight.setdefault(pid, set()).add(payload)
                continue
            if kind == "end":
                self.cpu += payload
                continue
            if isinstance(payload, WorkerReply):  # "done": what a worker made
                self.inflight.get(pid, set()).discard(payload.index)
                return payload

    def check(self) -> tuple[list[WorkerReply], list[int], bool]:
        """When nothing came: what stopped workers sent before they stopped, the briefs they had in
        flight (lost), and whether any worker still runs."""
        stopped = [p for p in self.procs if p.exitcode is not None]
        sent = []
        while (reply := self.next(timeout=0)) is not None:
            sent.append(reply)
        lost = [i for p in stopped if p.exitcode != 0 for i in sorted(self.inflight.pop(p.pid or 0, set()))]
        return sent, lost, len(stopped) < len(self.procs)

    def stop(self, *, kill: bool) -> None:
        started = [p for p in self.procs if p.pid is not None]
        for proc in started:
            if kill and proc.is_alive():
                proc.terminate()
        for proc in started:
            proc.join(timeout=10)
        if not kill:
            while self.next(timeout=0) is not None:  # every brief is in: what is left are the ends
                pass
        for q in (self.tasks, self.results):  # nothing left to read or write: do not wait for their threads
            q.cancel_join_thread()
            q.close()


def run_in_workers(run: Run, todo: list[Todo], settings: Settings, concurrency: int, workers: int,
                   here: Callable[[list[Todo]], list[JobResult]]) -> tuple[list[JobResult], float]:
    """``todo`` briefed by ``workers`` processes, ``concurrency`` briefs at once in all; each written and
    journaled here, as it comes. Briefs no worker took (workers that cannot start or all stopped) are
    made ``here``, in this process, with a warning. Also returns the seconds of CPU the workers used."""
    results: dict[int, JobResult] = {}
    ready: list[int] = []
    for i, item in enumerate(todo):
        if item.job.problem:  # fails here at once, with its reason
            results[i] = run.complete(item, lambda: ("", False))
        else:
            ready.append(i)
    if not ready:
        return [results[i] for i in range(len(todo))], 0.0
    started = _Pool(settings, run.fmt, shares(min(concurrency, len(ready)), workers))
    pool: _Pool | None = started
    try:
        started.start([Task(i, tuple(str(p) for p in todo[i].job.paths), todo[i].job.focus) for i in ready])
    except OSError as exc:  # no processes or no shared memory here
        log.warning("cannot start worker processes (%s): briefing in this process", exc)
        started.stop(kill=True)
        pool = None
        results.update(zip(ready, here([todo[i] for i in ready]), strict=True))

    def complete(index: int, reply: WorkerReply) -> None:
        item = todo[index]
        item.started = time.perf_counter() - reply.seconds

        def made() -> tuple[str | bytes, bool]:
            if reply.text is None:
                raise WorkerFailed(reply.error)
            return reply.text, reply.cached

        results[index] = run.complete(item, made)

    try:
        while pool is not None and len(results) < len(todo):
            reply = pool.next(timeout=0.2)
            if reply is not None:
                complete(reply.index, reply)
                continue
            sent, lost, alive = pool.check()
            for reply in sent:
                complete(reply.index, reply)
            for i in lost:
                complete(i, WorkerReply(i, None, error="its worker process stopped; run the batch again"))
            if not alive:  # and all they sent is read: what is left, no worker took
                left = [i for i in ready if i not in results]
                log.warning("the worker processes stopped (exit codes %s) before taking %d brief(s): briefing "
                            "them in this process (a script that runs a batch with workers needs "
                            "`if __name__ == \"__main__\":`)", [p.exitcode for p in pool.procs], len(left))
                results.update(zip(left, here([todo[i] for i in left]), strict=True))
    except BaseException:  # Ctrl-C or a failure of the parent: start nothing more, stop the workers
        if pool is not None:
            pool.stop(kill=True)
        raise
    if pool is None:
        return [results[i] for i in range(len(todo))], 0.0
    pool.stop(kill=False)
    return [results[i] for i in range(len(todo))], pool.cpu
