"""Each job of a batch from plan to result, whichever way its brief is made (here, in worker processes, or
through the Batch API): which jobs are done already (``Run.plan``), writing each new output atomically
and journalling it (``Run.complete``), and its ``JobResult``."""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefer.batching.jobs import Job, inputs_hash
from briefer.batching.journal import STATE_FILE, Journal, write_atomic
from briefer.batching.progress import Bar
from briefer.compose import prompts
from briefer.config import VERSION, Settings
from briefer.errors import BriefError, InputError
from briefer.model.client import model_identity
from briefer.redact import quote
from briefer.render import to_html, to_markdown, to_pdf
from briefer.schema import Brief

log = logging.getLogger("briefer.batch")


@dataclass
class JobResult:
    id: str
    status: str  # done | cached (every call from the cache) | skipped (done by an earlier run) | failed
    path: Path | None = None  # the output, when there is one
    error: str = ""
    seconds: float = 0.0
    inputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def render(brief: Brief, fmt: str) -> str | bytes:
    """One brief in ``fmt``: Markdown, JSON, or the one page that ``briefer brief`` writes (HTML or PDF)."""
    if fmt == "md":
        return to_markdown(brief)
    if fmt == "html":
        return to_html(brief)
    if fmt == "pdf":
        return to_pdf(brief)
    return brief.model_dump_json(indent=2) + "\n"


def fingerprint(settings: Settings, fmt: str) -> str:
    """The settings that decide an output (with the job's articles and focus): a changed one re-briefs."""
    return json.dumps({"model": model_identity(settings), "mode": settings.mode, "fmt": fmt,
                       "prompts": prompts.version(settings.prompts), "summary": settings.model_summary,
                       "temperature": settings.temperature, "seed": settings.seed, "version": VERSION,
                       **({"lang": settings.lang} if settings.lang else {})})  # the page's language, when asked


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

    def plan(self, jobs: list[Job], settings: Settings) -> tuple[list[JobResult], list[Todo]]:
        """Jobs already done (skipped), those that cannot be written, and those to do."""
        base = fingerprint(settings, self.fmt)
        finished: list[JobResult] = []
        todo: list[Todo] = []
        for job in jobs:
            out = self.outdir / f"{job.id}.{self.fmt}"
            digest = inputs_hash(job, base + "\0" + (job.focus or settings.focus))
            entry = self.journal.get(job.id)
            if entry and entry.get("status") == "done" and entry.get("hash") == digest and out.exists():
                finished.append(JobResult(job.id, "skipped", out, inputs=job.paths))
            elif entry is None and out.exists():
                finished.append(JobResult(job.id, "failed", error=f"{out} exists and was not written by this "
                                           "batch; move it away or choose another output folder",
                                           inputs=job.paths))
            else:
                todo.append(Todo(job, out, digest))
        return finished, todo

    def finish(self, todo: Todo, make: Callable[[], Brief]) -> JobResult:
        """Make the brief (``make``), write it atomically, journal it; any failure is this job's alone."""
        def made() -> tuple[str | bytes, bool]:
            brief = make()
            return render(brief, self.fmt), bool(brief.usage) and all(u.cached for u in brief.usage)

        return self.complete(todo, made)

    def complete(self, todo: Todo, made: Callable[[], tuple[str | bytes, bool]]) -> JobResult:
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
            result = JobResult(job.id, "failed", error=describe(exc), inputs=job.paths)
        else:
            result = JobResult(job.id, "cached" if cached else "done", todo.out, inputs=job.paths)
        result.seconds = time.perf_counter() - started
        self.journal.record(job.id, status="failed" if result.status == "failed" else "done", hash=todo.hash,
                            output=todo.out.name, cached=result.status == "cached", error=result.error,
                            seconds=round(result.seconds, 4))
        self.bar.step(result.status, job.id, result.error)
        return result
