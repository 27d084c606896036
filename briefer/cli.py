"""The command line: parses arguments, calls the API, turns a BriefError into one line and an exit code.

Exit codes: 0 success, 1 runtime failure (model, server, setup), 2 usage error (arguments, unusable
input), 3 an eval threshold was missed, 4 some briefs of a batch failed, 130 interrupted.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from briefer.errors import BriefError, UsageError

FORMATS = ("md", "json", "html", "pdf")
PAGES = ("a4", "letter")


def check_output(path: Path) -> Path:
    """``path`` if a file can be written there; checked before any model call, so no paid work is lost."""
    path = path.expanduser()
    if path.is_dir():
        raise UsageError(f"-o {path} is a directory", hint="give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"-o {path}: folder {path.parent} does not exist", hint="create it first")
    return path


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` all at once: a temp file in the same folder, then a rename."""
    path = check_output(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}", hint="check the folder's permissions") from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}", hint="check the path and its permissions") from None
    except BaseException:  # Ctrl-C / SIGTERM mid-write: no temp file left behind, the old output untouched
        Path(tmp).unlink(missing_ok=True)
        raise


def _run(fn: Callable[[], Any]) -> Any:
    """Run ``fn``; a BriefError becomes `briefer: error: ...` and its exit code, never a traceback.
    SIGTERM is handled like Ctrl-C while it runs, so that the embedded server is stopped on the way out."""
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if main_thread else None
    try:
        return fn()
    except BriefError as exc:
        click.echo(f"briefer: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("briefer: interrupted", err=True)
        sys.exit(130)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        from briefer.api import stop_local_servers

        stop_local_servers()


def _on_sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # so that the local server is stopped on the way out


def _model_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--model", "-m", help="Model name (remote), local model key, or a .gguf path [env BRIEFER_MODEL]"),
        click.option("--base-url", help="OpenAI-compatible server URL, e.g. http://host:8000/v1 [env OPENAI_BASE_URL]"),
        click.option("--mode", type=str, help="json_schema | json_object | prompt [env BRIEFER_MODE]"),
        click.option("--prompts", "prompts", type=str, help="A folder of your own prompt templates"),
        click.option("--focus", help="The country whose role the brief reports [env BRIEFER_FOCUS; default Canada]"),
        click.option("--local", is_flag=True, default=None, help="Use the embedded local model even if a key is set"),
        click.option("--served", is_flag=True, help="Use the local model kept running by `briefer serve`"),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _cache_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--no-cache", is_flag=True, help="Neither read nor write the response cache")(fn)


def _settings(model: str | None, base_url: str | None, mode: str | None, prompts: str | None,
              focus: str | None, local: bool | None, served: bool) -> Any:
    from briefer import config

    api_key = None
    if served:
        from briefer.model.local import served as running

        state = running()
        base_url, api_key, local = state["base_url"], state["api_key"], False
        model = model or Path(state["model"]).stem
    return config.resolve(model=model, base_url=base_url, api_key=api_key, mode=mode, focus=focus,
                          prompts=prompts, local=local, embedded=served)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefer")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug)")
def main(verbose: int) -> None:
    """One-page, quote-grounded briefs of news articles."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="briefer: %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpx2", "openai", "httpcore", "httpcore2"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


@main.command("brief")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically) instead of stdout")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="md (default), json, html or pdf (one page); guessed from -o's extension")
@click.option("--page", type=click.Choice(PAGES, case_sensitive=False), default="a4", show_default=True,
              help="Paper size of the html and pdf page")
@_model_options
@_cache_option
def brief_cmd(inputs: tuple[str, ...], output: Path | None, fmt: str | None, page: str, no_cache: bool,
              **model_opts: Any) -> None:
    """Brief one or more articles (.txt, .md, .html; - for stdin) as one page."""

    def run() -> None:
        from briefer.api import Briefer
        from briefer.progress import Spinner

        chosen = fmt or _format_for(output)
        _check_binary_output(chosen, output)
        if output is not None:
            check_output(output)
            resolved = output.expanduser().resolve()
            if any(i != "-" and Path(i).expanduser().resolve() == resolved for i in inputs):
                raise UsageError(f"-o {output} is one of the inputs", hint="write the brief to another file")
        settings = _settings(**model_opts)
        session = Briefer(settings.with_(cache=None) if no_cache else settings)
        with Spinner("briefing on the embedded model" if settings.embedded else "briefing") as spin:
            session.model.on_call = spin.stage
            result = session.brief(list(inputs))
        for source in result.sources:  # e.g. invalid UTF-8 decoded with replacements: say so, one line each
            for warning in source.warnings:
                click.echo(f"briefer: warning: {source.path or source.id}: {warning}", err=True)
        text = _render(result, chosen, page)
        if output is None and isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        elif output is None:
            click.echo(text, nl=False)
        else:
            write_atomic(output, text)
            click.echo(f"briefer: wrote {output}", err=True)

    _run(run)


def _format_for(output: Path | None) -> str:
    if output is not None and output.suffix.lower().lstrip(".") in ("json", "html", "pdf"):
        return output.suffix.lower().lstrip(".")
    return "md"


def _check_binary_output(fmt: str, output: Path | None) -> None:
    """A PDF goes to -o FILE or down a pipe, never onto a terminal; WeasyPrint must be there before the
    model is asked."""
    if fmt != "pdf":
        return
    if output is None and _stdout_is_tty():
        raise UsageError("--format pdf writes binary data", hint="give -o FILE.pdf, or pipe the output")
    from briefer.render import pdf

    pdf.require()


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def _render(result: Any, fmt: str, page: str) -> str | bytes:
    if fmt == "pdf":
        return bytes(result.to_pdf(page.lower()))
    if fmt == "html":
        return str(result.to_html(page.lower()))
    if fmt == "json":
        return str(result.model_dump_json(indent=2)) + "\n"
    return str(result.to_markdown())


@main.command("setup")
@click.option("--model", "-m", default=None, help="Local model to install (default qwen2.5-coder-1.5b)")
@click.option("--rebuild", is_flag=True, help="Rebuild the local runtime even if it is built")
def setup_cmd(model: str | None, rebuild: bool) -> None:
    """Install the embedded runtime and model (builds llama-server, ~6 min once), and prove they work."""

    def run() -> None:
        from briefer.model import install

        logging.getLogger("briefer.install").setLevel(logging.INFO)
        done = install.setup(model or install.DEFAULT_LOCAL_MODEL, rebuild=rebuild)
        click.echo(f"runtime: {done['server']}\nmodel:   {done['model']}\nsmoke:   {done['smoke']!r}")

    _run(run)


@main.command("serve")
@click.option("--model", "-m", default=None, help="Local model key or .gguf path")
@click.option("--ctx", default=8192, show_default=True, help="Context window in tokens")
def serve_cmd(model: str | None, ctx: int) -> None:
    """Keep the embedded model running; `briefer brief --served` then skips the start-up."""

    def run() -> None:
        from briefer.model import install
        from briefer.model.local import LocalServer, resolve_model

        server = LocalServer(resolve_model(model or install.DEFAULT_LOCAL_MODEL), ctx=ctx)
        with server:
            state = server.write_state()
            click.echo(f"briefer: serving {server.model.name} at {server.base_url} (state in {state}); "
                       "Ctrl-C stops it", err=True)
            try:
                assert server.proc is not None
                server.proc.wait()
            finally:
                state.unlink(missing_ok=True)

    _run(run)


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


@main.command("eval")
@click.argument("path", default="evals/cases")
@click.option("--only", help="Run only these case ids (comma-separated, or @FILE with one id a line)")
@click.option("--concurrency", "-j", default=1, show_default=True, help="Cases at once (remote servers)")
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
@_model_options
@_cache_option
def eval_cmd(path: str, only: str | None, concurrency: int, json_out: Path | None, html_out: Path | None,
             details: bool, compare_prompts: str | None, compare_model: str | None, min_recall: tuple[str, ...],
             min_grounding: float | None, min_status_accuracy: float | None, max_must_not: int | None,
             max_failed: int | None, max_guessed_years: int | None, no_cache: bool, **model_opts: Any) -> None:
    """Score briefs against the hand-labelled cases under PATH (a folder, a case file, or a labels.json)."""

    def run() -> None:
        from briefer.api import Briefer
        from briefer.evals import compare, evaluate, load_cases

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
        focus = model_opts.pop("focus")
        settings = _settings(focus=focus, **model_opts)
        if no_cache:
            settings = settings.with_(cache=None)
        session = Briefer(settings)
        if concurrency > 1:  # the embedded server starts here, in the main thread, not in a worker that ends
            session.connect()

        def make(paths: list[Path], case_focus: str) -> Any:
            return session.brief([str(p) for p in paths], focus=case_focus)

        recorded = {"model": settings.model, "base_url": settings.base_url or "embedded", "mode": settings.mode,
                    "prompts": str(settings.prompts or "built-in")}
        if compare_prompts or compare_model:
            other = settings.with_(prompts=Path(compare_prompts) if compare_prompts else settings.prompts,
                                   model=compare_model or settings.model)
            if compare_model and settings.local:
                other = other.with_(base_url=None, api_key=None)
            session_b = Briefer(other)
            result = compare(path, recorded, {**recorded, "model": other.model, "prompts": str(other.prompts)},
                             make_brief_a=make, make_brief_b=lambda p, f: session_b.brief([str(x) for x in p]),
                             concurrency=concurrency, progress=True)
            report = result.b
            click.echo(result.table())
        else:
            report = evaluate(path, make_brief=make, cases=cases, concurrency=concurrency, progress=True,
                              **recorded)
            click.echo(report.table(details=details))
        if json_out:
            write_atomic(json_out, result.to_json() if compare_prompts or compare_model else report.to_json())
        if html_out:
            write_atomic(html_out, result.to_html() if compare_prompts or compare_model else report.to_html())
        fails = report.failed_thresholds(
            min_recall=_parse_recall(min_recall), min_grounding=min_grounding,
            min_status_accuracy=min_status_accuracy, max_must_not=max_must_not, max_failed=max_failed,
            max_guessed_years=max_guessed_years)
        if fails:
            click.echo("briefer: eval thresholds not met: " + "; ".join(fails), err=True)
            sys.exit(3)

    _run(run)


@main.command("batch")
@click.argument("source")
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), required=True,
              help="Folder for the briefs (<id>.<format>) and the batch's journal")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--concurrency", "-j", type=int, default=None,
              help="Briefs at once [env BRIEFER_CONCURRENCY; default 8 for a server, 1 for the embedded model]")
@click.option("--workers", "-w", type=int, default=None,
              help="Processes that make the briefs, sharing -j [default: one per 8 briefs at once, at most one "
                   "per CPU; 1 for the embedded model]")
@click.option("--via", type=click.Choice(("direct", "openai-batch")), default="direct", show_default=True,
              help="openai-batch: send every call through the server's Batch API (/v1/batches) and wait")
@click.option("--poll", type=float, default=None, help="Seconds between Batch API status checks [default 30]")
@_model_options
@_cache_option
def batch_cmd(source: str, outdir: Path, fmt: str, concurrency: int | None, workers: int | None, via: str,
              poll: float | None, no_cache: bool, **model_opts: Any) -> None:
    """One brief per article or group of SOURCE (a folder, or a manifest: see the README), written to
    OUTDIR; a rerun skips what is done and retries what failed. Exit 4 when some briefs failed."""

    def run() -> None:
        from briefer.batching import batch

        settings = _settings(**model_opts)
        settings = settings.with_(cache=None if no_cache else settings.cache,
                                  poll=settings.poll if poll is None else poll)
        result = batch(source, outdir, fmt=fmt, concurrency=concurrency, workers="auto" if workers is None else workers,
                       via=via, progress=True, settings=settings)
        click.echo(f"briefer: {result}", err=True)
        result.raise_for_failures()

    _run(run)


@main.group("cache")
def cache_group() -> None:
    """The response cache (BRIEFER_CACHE, default <BRIEFER_HOME>/cache.sqlite)."""


@cache_group.command("info")
def cache_info_cmd() -> None:
    """Where the cache is, how many answers it holds, its size."""

    def run() -> None:
        from briefer.cache import open_cache
        from briefer.config import cache_path

        cache = open_cache(cache_path())
        click.echo(cache.info() if cache is not None else "the response cache is off (BRIEFER_CACHE)")

    _run(run)


@cache_group.command("clear")
def cache_clear_cmd() -> None:
    """Remove every cached answer."""

    def run() -> None:
        from briefer.cache import open_cache
        from briefer.config import cache_path

        cache = open_cache(cache_path())
        if cache is None:
            click.echo("the response cache is off (BRIEFER_CACHE)")
            return
        click.echo(f"removed {cache.clear()} answers from {cache.path}")

    _run(run)


def _ids(spec: str) -> set[str]:
    if spec.startswith("@"):
        try:
            lines = Path(spec[1:]).read_text().splitlines()
        except OSError as exc:
            raise UsageError(f"--only {spec}: {exc.strerror}", hint="give a file of case ids") from None
        return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}
    return {part.strip() for part in spec.split(",") if part.strip()}


if __name__ == "__main__":  # pragma: no cover
    main()
