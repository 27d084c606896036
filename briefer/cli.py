"""The command line: parses arguments, calls the API, turns a BriefError into one line and an exit code.

Exit codes: 0 success, 1 runtime failure (model, server, setup), 2 usage error (arguments, unusable
input), 3 an eval threshold was missed, 130 interrupted.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from briefer.errors import BriefError, UsageError

FORMATS = ("md", "json", "html")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all at once: a temp file in the same folder, then a rename."""
    path = path.expanduser()
    if path.is_dir():
        raise UsageError(f"-o {path} is a directory", hint="give a file name")
    if not path.parent.exists():
        raise UsageError(f"-o {path}: folder {path.parent} does not exist", hint="create it first")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}", hint="check the path and its permissions") from None


def _run(fn: Callable[[], Any]) -> Any:
    """Run ``fn``; a BriefError becomes `briefer: error: ...` and its exit code, never a traceback."""
    try:
        return fn()
    except BriefError as exc:
        click.echo(f"briefer: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("briefer: interrupted", err=True)
        sys.exit(130)
    finally:
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
                          prompts=prompts, local=local)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefer")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug)")
def main(verbose: int) -> None:
    """One-page, quote-grounded briefs of news articles."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="briefer: %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpx2", "openai", "httpcore"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


@main.command("brief")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically) instead of stdout")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="md (default), json or html; guessed from -o's extension")
@_model_options
def brief_cmd(inputs: tuple[str, ...], output: Path | None, fmt: str | None, **model_opts: Any) -> None:
    """Brief one or more articles (.txt, .md, .html; - for stdin) as one page."""

    def run() -> None:
        from briefer.api import Briefer
        from briefer.progress import Spinner

        chosen = fmt or _format_for(output)
        if output is not None:
            resolved = output.expanduser().resolve()
            if any(i != "-" and Path(i).expanduser().resolve() == resolved for i in inputs):
                raise UsageError(f"-o {output} is one of the inputs", hint="write the brief to another file")
        settings = _settings(**model_opts)
        session = Briefer(settings)
        with Spinner("briefing" if not settings.local else "briefing on the embedded model") as spin:
            session.model.on_call = spin.stage
            result = session.brief(list(inputs))
        text = {"md": result.to_markdown, "html": result.to_html,
                "json": lambda: result.model_dump_json(indent=2) + "\n"}[chosen]()
        if output is None:
            click.echo(text, nl=False)
        else:
            write_atomic(output, text)
            click.echo(f"briefer: wrote {output}", err=True)

    _run(run)


def _format_for(output: Path | None) -> str:
    if output is not None and output.suffix.lower().lstrip(".") in ("json", "html"):
        return output.suffix.lower().lstrip(".")
    return "md"


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


if __name__ == "__main__":  # pragma: no cover
    main()
