"""``briefer eval``: score briefs against hand-labelled cases, and fail (exit 3) under the thresholds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefer.cli.support import check_output, run_command, setting_options, settings_from, write_atomic
from briefer.errors import UsageError

if TYPE_CHECKING:
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


@click.command("eval")
@click.argument("path", default="evals/cases")
@click.option("--only", help="Run only these case ids (comma-separated, or @FILE with one id a line)")
@click.option("--concurrency", "-j", "at_once", default=1, show_default=True, help="Cases at once (remote servers)")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Write the JSON report here")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Write the HTML report here")
@click.option("--details", is_flag=True, help="List every miss and violation under the table")
@click.option("--compare-prompts", type=str, help="Also run with this prompts folder and compare")
@click.option("--compare-model", type=str, help="Also run with this model and compare")
@click.option("--min-recall", multiple=True, help="Fail (exit 3) under this recall: 0.8, or FIELD=0.8")
@click.option("--min-grounding", type=float, help="Fail under this grounding rate")
@click.option("--min-status-accuracy", type=float, help="Fail under this focus-role status accuracy")
@click.option("--max-must-not", type=int, help="Fail over this many must-not violations")
@click.option("--max-failed", type=int, help="Fail over this many failed cases")
@click.option("--max-guessed-years", type=int, help="Fail over this many guessed years")
@setting_options("eval")
def eval_cmd(path: str, only: str | None, at_once: int, json_out: Path | None, html_out: Path | None,
             details: bool, compare_prompts: str | None, compare_model: str | None, min_recall: tuple[str, ...],
             min_grounding: float | None, min_status_accuracy: float | None, max_must_not: int | None,
             max_failed: int | None, max_guessed_years: int | None, **given: Any) -> None:
    """Score briefs against the hand-labelled cases under PATH (a folder, a case file, or a labels.json)."""

    def run() -> None:
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.api import Briefer
        from briefer.evals.cases import load_cases
        from briefer.evals.html import comparison_html, report_html
        from briefer.evals.runner import compare, evaluate

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
        session = Briefer(settings)
        if at_once > 1:  # the embedded server starts here, in the main thread, not in a worker that ends
            session.connect()

        def make(paths: list[Path], case_focus: str) -> Brief:
            return session.brief([str(p) for p in paths], focus=case_focus)

        recorded: dict[str, Any] = {"model": settings.model, "base_url": settings.base_url or "embedded",
                                    "mode": settings.mode, "prompts": str(settings.prompts or "built-in")}
        if compare_prompts or compare_model:
            other = settings.with_(prompts=Path(compare_prompts) if compare_prompts else settings.prompts,
                                   model=compare_model or settings.model)
            if compare_model and settings.local:
                other = other.with_(base_url=None, api_key=None)
            session_b = Briefer(other)
            result = compare(path, recorded, {**recorded, "model": other.model, "prompts": str(other.prompts)},
                             make_brief_a=make, make_brief_b=lambda p, f: session_b.brief([str(x) for x in p]),
                             concurrency=at_once, progress=True)
            report = result.b
            click.echo(result.table())
        else:
            report = evaluate(path, make_brief=make, cases=cases, concurrency=at_once, progress=True,
                              **recorded)
            click.echo(report.table(details=details))
        if json_out:
            write_atomic(json_out, result.to_json() if compare_prompts or compare_model else report.to_json())
        if html_out:
            write_atomic(html_out, comparison_html(result) if compare_prompts or compare_model else report_html(report))
        fails = report.failed_thresholds(
            min_recall=_parse_recall(min_recall), min_grounding=min_grounding,
            min_status_accuracy=min_status_accuracy, max_must_not=max_must_not, max_failed=max_failed,
            max_guessed_years=max_guessed_years)
        if fails:
            click.echo("briefer: eval thresholds not met: " + "; ".join(fails), err=True)
            sys.exit(3)

    run_command(run)



def _ids(spec: str) -> set[str]:
    if spec.startswith("@"):
        try:
            lines = Path(spec[1:]).read_text().splitlines()
        except OSError as exc:
            raise UsageError(f"--only {spec}: {exc.strerror}", hint="give a file of case ids") from None
        return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}
    return {part.strip() for part in spec.split(",") if part.strip()}
