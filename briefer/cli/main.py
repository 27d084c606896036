"""The command line: parses arguments, calls the API, turns a BriefError into one line and an exit code.

Exit codes: 0 success, 1 runtime failure (model, server, setup), 2 usage error (arguments, unusable
input), 3 an eval threshold was missed, 4 some briefs of a batch failed, 130 interrupted.

The brief, setup and serve commands are here; eval, batch and cache each in their own module of ``cli/``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefer import config
from briefer.batching.progress import Spinner
from briefer.cli.batch import batch_cmd
from briefer.cli.cache import cache_group
from briefer.cli.eval import eval_cmd
from briefer.cli.support import (
    FORMATS,
    PAGES,
    check_output,
    run_command,
    setting_options,
    settings_from,
    write_atomic,
)
from briefer.config import DEFAULT_LOCAL_MODEL
from briefer.errors import UsageError

if TYPE_CHECKING:
    from briefer.schema import Brief

__all__ = ["check_output", "main", "write_atomic"]


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
@setting_options("brief")
def brief_cmd(inputs: tuple[str, ...], output: Path | None, fmt: str | None, page: str, **given: Any) -> None:
    """Brief one or more articles (.txt, .md, .html; - for stdin) as one page."""

    def run() -> None:
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.api import Briefer

        chosen = fmt or _format_for(output)
        _check_binary_output(chosen, output)
        if output is not None:
            check_output(output)
            resolved = output.expanduser().resolve()
            if any(i != "-" and Path(i).expanduser().resolve() == resolved for i in inputs):
                raise UsageError(f"-o {output} is one of the inputs", hint="write the brief to another file")
        settings = settings_from(**given)
        session = Briefer(settings)
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

    run_command(run)


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
    # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
    from briefer.render import pdf

    pdf.require()


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def _render(result: Brief, fmt: str, page: str) -> str | bytes:
    # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
    from briefer import render

    if fmt == "pdf":
        return render.to_pdf(result, page.lower())
    if fmt == "html":
        return render.to_html(result, page.lower())
    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    return render.to_markdown(result)


@main.command("setup")
@click.option("--model", "-m", default=None, help="Local model to install (default qwen2.5-coder-1.5b)")
@click.option("--rebuild", is_flag=True, help="Rebuild the local runtime even if it is built")
def setup_cmd(model: str | None, rebuild: bool) -> None:
    """Install the embedded runtime and model (builds llama-server, ~6 min once), and prove they work."""

    def run() -> None:
        # subprocess, urllib and the installer: only the commands that run the embedded model pay for them
        from briefer.model.setup import setup

        logging.getLogger("briefer.install").setLevel(logging.INFO)
        done = setup(model or DEFAULT_LOCAL_MODEL, rebuild=rebuild)
        click.echo(f"runtime: {done['server']}\nmodel:   {done['model']}\nsmoke:   {done['smoke']!r}")

    run_command(run)


@main.command("serve")
@click.option("--model", "-m", default=None, help="Local model key or .gguf path")
@click.option("--ctx", default=8192, show_default=True, help="Context window in tokens")
def serve_cmd(model: str | None, ctx: int) -> None:
    """Keep the embedded model running; `briefer brief --served` then skips the start-up."""

    def run() -> None:
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.api import warm_prefix

        # subprocess, urllib and the installer: only the commands that run the embedded model pay for them
        from briefer.model.local import LocalServer, resolve_model

        server = LocalServer(resolve_model(model or DEFAULT_LOCAL_MODEL), ctx=ctx)
        with server:
            warm_prefix(server, config.resolve(local=True))
            state = server.write_state()
            click.echo(f"briefer: serving {server.model.name} at {server.base_url} (state in {state}); "
                       "Ctrl-C stops it", err=True)
            try:
                assert server.proc is not None
                server.proc.wait()
            finally:
                state.unlink(missing_ok=True)

    run_command(run)



main.add_command(eval_cmd)
main.add_command(batch_cmd)
main.add_command(cache_group)


if __name__ == "__main__":  # pragma: no cover
    main()
