"""The command line: parses arguments, calls the API, turns a BriefError into one line and an exit code.

Exit codes (``EXIT_CODES``, shown by ``--help``): 0 done, 1 runtime failure, 2 usage or setup error the user
fixes (a key the server refuses included), 3 an eval threshold was missed, 4 some briefs of a batch failed,
130 interrupted.

The brief, setup and serve commands are here; eval, batch, cache, watch, and history and show each in their
own module of ``cli/``; how a brief is rendered and written in ``cli.output``.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import time
from pathlib import Path
from typing import Any

import click

from briefer import config, logs
from briefer.batching.progress import Spinner, Steps
from briefer.cli.batch import batch_cmd
from briefer.cli.cache import cache_group
from briefer.cli.eval import eval_cmd
from briefer.cli.history import history_cmd, show_cmd
from briefer.cli.output import choose_format, emit, format_for, render
from briefer.cli.support import (
    FORMATS,
    PAGES,
    check_output,
    quiet,
    run_command,
    set_quiet,
    setting_options,
    settings_from,
    write_atomic,
)
from briefer.cli.watch import watch_cmd
from briefer.config import DEFAULT_LOCAL_MODEL
from briefer.errors import UsageError
from briefer.model import cache as pages
from briefer.model.cache import open_cache
from briefer.model.history import open_history

__all__ = ["EXIT_CODES", "check_output", "choose_format", "emit", "main", "render", "write_atomic"]

EXIT_CODES = """\b
Exit codes:
  0    done
  1    runtime failure: the server failed or cannot be reached, the
       model's answers stayed invalid, no embedded model, failed eval
       cases (beyond --max-failed)
  2    usage or setup error you fix: bad arguments or settings, unusable
       input, a key the server rejects (401, 403), an unknown model (404)
  3    an eval threshold was missed
  4    some briefs of a batch failed (the others are written)
  130  interrupted (Ctrl-C or SIGTERM)"""


EPILOG = EXIT_CODES + """

\b
Examples:
  briefer setup                        install the embedded model (once)
  briefer brief article.txt            a brief in Markdown on stdout
  briefer brief a.txt b.html -o b.pdf  one page of two articles (briefer[pdf])
  briefer brief - < article.txt        the article from stdin
  briefer brief x.txt --focus France   another desk's country
  briefer -q batch in/ -o briefs/      one brief per article, no progress
  briefer eval evals/cases             score briefs against hand labels
  briefer history                      the briefs made, newest first
  briefer show 12 -f html -o b.html    one of them again, without the model

\b
Shell completion (zsh_source and fish_source for those shells):
  eval "$(_BRIEFER_COMPLETE=bash_source briefer)"
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(package_name="briefer")
@click.option("-v", "--verbose", count=True,
              help="More log output on stderr (-vv for debug); other libraries' log lines only with -v")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no notices on stderr (errors still)")
def main(verbose: int, quiet: bool) -> None:
    """One-page, quote-grounded briefs of news articles.

    With no key and no server it runs on an embedded local model (`briefer setup` installs it); with
    OPENAI_API_KEY or --base-url, on any OpenAI-compatible server."""
    set_quiet(quiet)
    logs.configure(verbose)


def page_key(inputs: tuple[str, ...], settings: config.Settings, fmt: str, page: str) -> str | None:
    """The page cache's key of this brief, or None where there is no page cache or an input is stdin."""
    if settings.cache is None or "-" in inputs:
        return None
    what = {name: value for name, value in dataclasses.asdict(settings).items() if name not in UNPAGED}
    what["today"] = (settings.today or datetime.date.today()).isoformat()  # undated articles take its year
    what["prompts"] = _folder_digest(settings.prompts)
    return pages.page_key([Path(i).expanduser() for i in inputs], json.loads(json.dumps(what, default=str)),
                          fmt, page.lower(), config.MAX_INPUT_BYTES)


# Settings that change nothing on the page: where things are kept, how long to wait, how many at once.
UNPAGED = frozenset({"api_key", "cache", "history", "timeout", "max_response_mb", "concurrency", "poll",
                     "max_retries", "max_reasks"})


def _folder_digest(folder: Path | None) -> str:
    """A user's prompt templates, by content: editing one makes new pages."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.j2")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@main.command("brief", short_help="Brief articles as one page (md/json/html/pdf)",
              epilog="""\b
Examples:
  briefer brief article.txt                 Markdown on stdout
  briefer brief a.txt b.md c.html -o b.html one brief of three articles
  cat article.txt | briefer brief - -f json stdin, as JSON
  briefer brief article.txt --local         the embedded model, key or not
""")
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
        if output is not None:
            resolved = output.expanduser().resolve()
            if any(i != "-" and Path(i).expanduser().resolve() == resolved for i in inputs):
                raise UsageError(f"-o {output} is one of the inputs", hint="write the brief to another file")
        started = time.perf_counter()
        settings = settings_from(**given)
        # The same command on the same files again: one row of the cache, nothing parsed, nothing imported.
        key = page_key(inputs, settings, fmt or format_for(output), page)
        shelf = open_cache(settings.cache) if key else None
        kept = shelf.page(key) if shelf is not None and key else None
        if kept is not None:
            chosen = choose_format(fmt, output, renderer=False)
            for line in kept.notes:
                click.echo(line, err=True)
            emit(kept.body if chosen == "pdf" else kept.body.decode("utf-8"), output)
            history = open_history(settings.history) if kept.origin is not None else None
            if history is not None and kept.origin is not None:
                history.again(kept.origin, time.perf_counter() - started)
            return
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.api import Briefer, launch_local_server

        chosen = choose_format(fmt, output)
        if settings.local:  # no page kept: the model loads while the articles are read and parsed
            launch_local_server(settings)
        session = Briefer(settings)
        # The embedded model takes minutes on a small CPU: its phases are lines in a log too.
        with Spinner("briefing on the embedded model" if settings.embedded else "briefing",
                     enabled=False if quiet() else None, lines=settings.embedded and not quiet()) as spin:
            session.on_stage, session.on_done = spin.stage, spin.done
            session.model.on_call, session.model.on_answer = spin.call, spin.answered
            result = session.brief(list(inputs))
            spin.stage(f"rendering {chosen}")
            text = render(result, chosen, page)
        notes = [f"briefer: warning: {source.path or source.id}: {warning}"  # e.g. invalid UTF-8 decoded
                 for source in result.sources for warning in source.warnings]
        for line in notes:
            click.echo(line, err=True)
        emit(text, output)
        if shelf is not None and key:
            shelf.put_page(key, text if isinstance(text, bytes) else text.encode("utf-8"), notes, session.recorded)

    run_command(run)


@main.command("setup", short_help="Build the embedded runtime, fetch the model")
@click.option("--model", "-m", default=None,
              help="Local model to install (default qwen2.5-coder-1.5b), or a .gguf file of your own to prove")
@click.option("--rebuild", is_flag=True, help="Rebuild the local runtime even if it is built")
def setup_cmd(model: str | None, rebuild: bool) -> None:
    """Install the embedded runtime and model, and prove they work: builds llama-server once (6-13 minutes
    on 2 cores), downloads the model (1.1 GB), runs a smoke test. Progress goes to stderr."""

    def run() -> None:
        # subprocess, urllib and the installer: only the commands that run the embedded model pay for them
        from briefer.model.setup import setup

        done = setup(model or DEFAULT_LOCAL_MODEL, rebuild=rebuild, progress=Steps(enabled=not quiet()))
        click.echo(f"runtime: {done['server']}\nmodel:   {done['model']}\nsmoke:   {done['smoke']!r}")

    run_command(run)


@main.command("serve", short_help="Keep the embedded model loaded")
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
main.add_command(watch_cmd)
main.add_command(history_cmd)
main.add_command(show_cmd)


if __name__ == "__main__":  # pragma: no cover
    main()
