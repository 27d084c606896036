"""Running eval cases: one brief per case through an injected ``make_brief``, in parallel, then scoring.

By default ``make_brief`` is ``briefer.api.brief`` with the given settings (model, base_url, prompts, ...),
the same pipeline as ``briefer brief``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefer.api import brief
from briefer.errors import CasesFailed, UsageError
from briefer.evals.cases import Case, load_cases
from briefer.evals.compare import Comparison
from briefer.evals.report import Report
from briefer.evals.score import CaseResult, score_case
from briefer.redact import quote
from briefer.schema import Brief

MakeBrief = Callable[..., Brief]  # (paths, focus) or, for a case with a day, (paths, focus, today)
Judge = Callable[[Case, Brief], Mapping[str, Any]]
# Settings never written into a report.
PRIVATE = frozenset({"api_key", "client"})


def default_make_brief(**settings: Any) -> MakeBrief:
    """``(paths, focus, today) -> Brief`` through ``briefer.api.brief`` with ``settings``."""

    def make_brief(paths: list[Path], focus: str, today: str | None = None) -> Brief:
        if today:
            return brief([str(p) for p in paths], focus=focus, today=today, **settings)
        return brief([str(p) for p in paths], focus=focus, **settings)

    return make_brief


def public_settings(settings: Mapping[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in settings.items() if k not in PRIVATE and v is not None}


def _describe(e: BaseException) -> str:
    """One line for a failed case's report (keys redacted: reports are written and shared)."""
    return quote(f"{type(e).__name__}: {e}", 1000)


def _validated(out: Any) -> tuple[Brief | None, str]:
    """The brief, re-validated through a JSON round trip, or the reason it is not one."""
    if out is None:
        return None, "make_brief returned no brief"
    try:
        data = out.model_dump() if isinstance(out, BaseModel) else out
        brief = Brief.model_validate(data)
        return Brief.model_validate_json(brief.model_dump_json()), ""
    except ValidationError as e:
        return None, f"brief fails the schema ({e.error_count()} error(s)): {e}"


def run_case(case: Case, make_brief: MakeBrief, judge: Judge | None = None) -> CaseResult:
    """Make one brief and score it. Errors of ``make_brief`` fail the case, never the run."""
    try:
        sources = case.source_texts()
    except OSError as e:
        return score_case(case, None, [], error=f"cannot read an article: {e}")
    start = time.perf_counter()
    try:
        day = (case.today.isoformat(),) if case.today else ()
        out, error = make_brief(list(case.articles), case.focus, *day), ""
    except Exception as e:  # any failure of the pipeline is this case's result
        out, error = None, _describe(e)
    seconds = time.perf_counter() - start
    brief, invalid = _validated(out) if not error else (None, "")
    result = score_case(case, brief, sources, seconds=seconds, error=error or invalid)
    if judge is not None and brief is not None:
        try:
            result.judge = dict(judge(case, brief))
        except Exception as e:  # a second opinion must not sink the deterministic score
            result.judge = {"error": _describe(e)}
    return result


class _Progress:
    """``eval [####....] 3/10  12s`` on stderr, only when asked for and stderr is a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done, self.start = total, 0, time.monotonic()
        self.on = enabled and sys.stderr.isatty()
        self._show()

    def _show(self) -> None:
        if self.on:
            filled = 20 * self.done // max(self.total, 1)
            sys.stderr.write(f"\reval [{'#' * filled}{'.' * (20 - filled)}] {self.done}/{self.total}"
                             f"  {time.monotonic() - self.start:.0f}s")
            sys.stderr.flush()

    def step(self) -> None:
        self.done += 1
        self._show()

    def close(self) -> None:
        if self.on:
            sys.stderr.write("\n")
            sys.stderr.flush()


def run_cases(cases: Sequence[Case], make_brief: MakeBrief, *, concurrency: int = 1, progress: bool = False,
              judge: Judge | None = None) -> list[CaseResult]:
    """Results in the order of ``cases``; up to ``concurrency`` briefs are made at once."""
    if concurrency < 1:
        raise UsageError(f"concurrency must be at least 1, not {concurrency}")
    bar = _Progress(len(cases), progress)
    results: list[CaseResult | None] = [None] * len(cases)
    try:
        if concurrency == 1:
            for i, case in enumerate(cases):
                results[i] = run_case(case, make_brief, judge)
                bar.step()
        else:
            pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="eval")
            try:
                futures = {pool.submit(run_case, case, make_brief, judge): i for i, case in enumerate(cases)}
                for fut in as_completed(futures):
                    results[futures[fut]] = fut.result()
                    bar.step()
            except BaseException:  # Ctrl-C: start no more cases; running ones finish in the background
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown()
    finally:
        bar.close()
    return [r for r in results if r is not None]


def evaluate(path: str | Path, *, make_brief: MakeBrief | None = None, concurrency: int = 1,
             progress: bool = False, judge: Judge | None = None, name: str = "",
             cases: Sequence[Case] | None = None, **settings: Any) -> Report:
    """Run every case under ``path`` (a case file, a folder, or a labels.json) and score the briefs.

    ``settings`` go to ``briefer.api.brief`` (model, base_url, api_key, mode, prompts, client, cache) unless
    ``make_brief`` is given; they are recorded in the report, less api_key and client.
    """
    cases = list(cases) if cases is not None else load_cases(path)
    maker = make_brief or default_make_brief(**settings)
    results = run_cases(cases, maker, concurrency=concurrency, progress=progress, judge=judge)
    return Report(path=str(path), name=name, created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  settings=public_settings(settings), cases=results)


def check_failed(reports: Sequence[Report], allowed: int = 0) -> None:
    """Raise CasesFailed when more cases than ``allowed`` failed (their brief could not be made) across
    ``reports``: scores of a run whose cases failed measure only the cases that ran."""
    if allowed < 0:
        raise UsageError(f"--max-failed must be 0 or more, not {allowed}")
    failed = [c for r in reports for c in r.cases if c.error]
    if len(failed) > allowed:
        total = sum(len(r.cases) for r in reports)
        first = failed[0]
        raise CasesFailed(f"{len(failed)} of {total} eval cases failed (first: {first.case}: {first.error[:200]})",
                          hint=f"see the report; --max-failed {len(failed)} allows them")


def _names(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[str, str]:
    keys = [k for k in sorted(set(a) | set(b)) if k not in PRIVATE and a.get(k) != b.get(k)]

    def name(s: Mapping[str, Any]) -> str:
        return " ".join(f"{k}={str(s.get(k))[-40:]}" for k in keys)

    na, nb = name(a), name(b)
    return (na, nb) if na and nb and na != nb else ("A", "B")


def compare(path: str | Path, settings_a: Mapping[str, Any], settings_b: Mapping[str, Any], *,
            make_brief_a: MakeBrief | None = None, make_brief_b: MakeBrief | None = None,
            concurrency: int = 1, progress: bool = False, judge: Judge | None = None,
            names: tuple[str, str] | None = None, cases: Sequence[Case] | None = None) -> Comparison:
    """Run the same cases (``cases``, else every case under ``path``) under two configurations (e.g. two
    prompt dirs or two models) and compare."""
    cases = list(cases) if cases is not None else load_cases(path)
    name_a, name_b = names or _names(settings_a, settings_b)
    a = evaluate(path, make_brief=make_brief_a, concurrency=concurrency, progress=progress, judge=judge,
                 name=name_a, cases=cases, **settings_a)
    b = evaluate(path, make_brief=make_brief_b, concurrency=concurrency, progress=progress, judge=judge,
                 name=name_b, cases=cases, **settings_b)
    return Comparison(name_a=name_a, name_b=name_b, a=a, b=b)


__all__ = ["Judge", "MakeBrief", "check_failed", "compare", "default_make_brief", "evaluate", "run_case",
           "run_cases"]
