"""``briefer eval``: score briefs against hand-labelled cases; fail (exit 1) when cases failed beyond
``--max-failed``, and (exit 3) under the thresholds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefer.cli.support import (
    check_output,
    notice,
    quiet,
    run_command,
    setting_options,
    settings_from,
    write_atomic,
)
from briefer.config import history_path
from briefer.errors import UsageError
from briefer.model.history import open_history

if TYPE_CHECKING:
    from briefer.evals.report import Report
    from briefer.schema import Brief


def _parse_recall(values: tuple[str, ...]) -> float | dict[str, float] | None:
    """``--min-recall 0.8`` for every field, or ``--min-recall who=0.9 --min-recall when=0.8``."""
    if not values:
        return None
    floors: dict[str, float] = {}
    try:
        for value in values:
            if "=" not in value:
                return float(value)
            field, _, number = value.partition("=")
            floors[field.strip()] = float(number)
    except ValueError:
        raise UsageError(f"--min-recall {values[0]!r} is not a number", hint="e.g. 0.8 or who=0.9") from None
    return floors


@click.command("eval", short_help="Score briefs against hand-labelled cases", epilog="""\b
Examples:
  briefer eval evals/cases --html r.html   every case under the folder
  briefer eval evals/cases --only ID,ID    some cases
  briefer eval evals/cases --compare-model qwen2.5-coder-0.5b
  briefer eval evals/cases --against 3     against recorded eval run 3
  briefer eval evals/cases --min-recall 0.8   exit 3 under the threshold
""")
@click.argument("path", default="evals/cases")
@click.option("--only", help="Run only these case ids (comma-separated, or @FILE with one id a line)")
@click.option("--concurrency", "-j", "at_once", default=1, show_default=True, help="Cases at once (remote servers)")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Write the JSON report here")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Write the HTML report here")
@click.option("--details", is_flag=True, help="List every miss and violation under the table")
@click.option("--compare-prompts", type=str, help="Also run with this prompts folder and compare")
@click.option("--compare-model", type=str, help="Also run with this model and compare")
@click.option("--against", metavar="RUN", help="Compare with an earlier run: its id in `briefer history --evals`, "
              "or a report written with --json")
@click.option("--min-recall", multiple=True, help="Fail (exit 3) under this recall: 0.8, or FIELD=0.8")
@click.option("--min-grounding", type=float, help="Fail under this grounding rate")
@click.option("--min-status-accuracy", type=float, help="Fail under this focus-role status accuracy")
@click.option("--max-must-not", type=int, help="Fail over this many must-not violations")
@click.option("--max-failed", type=int, default=0, show_default=True,
              help="Failed cases (no brief could be made) the run may have; more exit 1")
@click.option("--max-guessed-years", type=int, help="Fail over this many guessed years")
@setting_options("eval")
def eval_cmd(path: str, only: str | None, at_once: int, json_out: Path | None, html_out: Path | None,
             details: bool, compare_prompts: str | None, compare_model: str | None, min_recall: tuple[str, ...],
             min_grounding: float | None, min_status_accuracy: float | None, max_must_not: int | None,
             max_failed: int, max_guessed_years: int | None, against: str | None, **given: Any) -> None:
    """Score briefs against the hand-labelled cases under PATH (a folder, a case file, or a labels.json).
    Each run is recorded in the history (`briefer history --evals`) for a later --against."""

    def run() -> None:
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.api import Briefer
        from briefer.evals.cases import load_cases
        from briefer.evals.compare import Comparison
        from briefer.evals.html import comparison_html, report_html
        from briefer.evals.runner import check_failed, compare, evaluate

        if max_failed < 0:
            raise UsageError(f"--max-failed must be 0 or more, not {max_failed}")
        if against and (compare_prompts or compare_model):
            raise UsageError("--against compares with an earlier run; --compare-* runs twice now",
                             hint="give one of them")
        settings = settings_from(**given)  # checked before anything is read
        for out_path in (json_out, html_out):
            if out_path is not None:
                check_output(out_path)
        cases = load_cases(path)
        if only:
            wanted = _ids(only)
            unknown = wanted - {c.id for c in cases}
            if unknown:
                raise UsageError(f"no case with id {sorted(unknown)[0]!r} under {path}", hint="check --only")
            cases = [c for c in cases if c.id in wanted]
        earlier = _earlier(against, {c.id for c in cases}) if against else None
        session = Briefer(settings)
        if at_once > 1:  # the embedded server starts here, in the main thread, not in a worker that ends
            session.connect()

        def make(paths: list[Path], case_focus: str, today: str | None = None) -> Brief:
            return session.brief([str(p) for p in paths], focus=case_focus, today=today)

        recorded: dict[str, Any] = {"model": settings.model, "base_url": settings.base_url or "embedded",
                                    "mode": settings.mode, "prompts": str(settings.prompts or "built-in")}
        if compare_prompts or compare_model:
            other = settings.with_(prompts=Path(compare_prompts) if compare_prompts else settings.prompts,
                                   model=compare_model or settings.model)
            if compare_model and settings.local:
                other = other.with_(base_url=None, api_key=None)
            session_b = Briefer(other)
            result = compare(path, recorded, {**recorded, "model": other.model, "prompts": str(other.prompts)},
                             make_brief_a=make,
                             make_brief_b=lambda p, f: session_b.brief([str(x) for x in p], focus=f),
                             concurrency=at_once, progress=not quiet(), cases=cases)
            report, reports = result.b, [result.a, result.b]
            click.echo(result.table())
        else:
            report = evaluate(path, make_brief=make, cases=cases, concurrency=at_once, progress=not quiet(),
                              **recorded)
            reports = [report]
            click.echo(report.table(details=details))
            if earlier is not None:
                versus = Comparison(name_a=f"run {against}", name_b="this run", a=earlier, b=report)
                click.echo(f"\nagainst run {against} ({earlier.created or 'undated'}):\n{versus.table()}")
        if json_out:
            write_atomic(json_out, result.to_json() if compare_prompts or compare_model else report.to_json())
        if html_out:
            write_atomic(html_out, comparison_html(result) if compare_prompts or compare_model else report_html(report))
        check_failed(reports, max_failed)  # exit 1: the scores cover only the cases that ran
        _record(settings.history, path, report)  # a run whose cases all ran, for a later --against
        fails = report.failed_thresholds(
            min_recall=_parse_recall(min_recall), min_grounding=min_grounding,
            min_status_accuracy=min_status_accuracy, max_must_not=max_must_not,
            max_guessed_years=max_guessed_years)
        if fails:
            click.echo("briefer: eval thresholds not met: " + "; ".join(fails), err=True)
            sys.exit(3)

    run_command(run)


def _earlier(run: str, ids: set[str]) -> Report:
    """The report of an earlier eval run (a history id, or a --json report file), cut to the cases ``ids``."""
    # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
    from briefer.evals.report import Report

    if run.isdigit():
        history = open_history(history_path())
        text = history.eval_json(int(run)) if history is not None else None
        if text is None:
            raise UsageError(f"--against {run}: no such eval run in the history", hint="see `briefer history --evals`")
    else:
        try:
            text = Path(run).expanduser().read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--against {run}: {exc.strerror}", hint="give a run id or a report from --json") from None
    try:
        report = Report.from_json(text)
    except ValueError:  # pydantic's ValidationError is one
        raise UsageError(f"--against {run}: not an eval report", hint="give a report written with --json") from None
    kept = [c for c in report.cases if c.case in ids]
    if not kept:
        raise UsageError(f"--against {run}: that run has none of these cases", hint="check PATH and --only")
    return report.model_copy(update={"cases": kept})


def _record(history_file: Path | None, path: str, report: Report) -> None:
    """Keep this run's report in the history, and say its id."""
    history = open_history(history_file)
    run_id = history.record_eval(path, report.settings, len(report.cases), report.to_json(indent=None)) \
        if history is not None else None
    if run_id is not None:
        notice(f"eval run {run_id} recorded: `briefer eval ... --against {run_id}` compares a later run with it")


def _ids(spec: str) -> set[str]:
    if spec.startswith("@"):
        try:
            lines = Path(spec[1:]).read_text().splitlines()
        except OSError as exc:
            raise UsageError(f"--only {spec}: {exc.strerror}", hint="give a file of case ids") from None
        return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}
    return {part.strip() for part in spec.split(",") if part.strip()}
