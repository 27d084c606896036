"""How a brief leaves a command (``brief``, ``show``): the format chosen (from ``-f`` or ``-o``'s extension),
the brief rendered in it, and written to stdout or atomically to a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefer.cli.support import check_output, notice, write_atomic
from briefer.errors import UsageError

if TYPE_CHECKING:
    from briefer.schema import Brief


def choose_format(fmt: str | None, output: Path | None, *, renderer: bool = True) -> str:
    """``fmt``, else the one ``output``'s extension names, else md; a PDF is checked as ``-o``/pipe, and,
    with ``renderer``, WeasyPrint is checked to be there (a page already rendered needs none)."""
    chosen = fmt or format_for(output)
    _check_binary_output(chosen, output, renderer)
    if output is not None:
        check_output(output)
    return chosen


def format_for(output: Path | None) -> str:
    if output is not None and output.suffix.lower().lstrip(".") in ("json", "html", "pdf"):
        return output.suffix.lower().lstrip(".")
    return "md"


def _check_binary_output(fmt: str, output: Path | None, renderer: bool) -> None:
    """A PDF goes to -o FILE or down a pipe, never onto a terminal; WeasyPrint must be there before the
    model is asked."""
    if fmt != "pdf":
        return
    if output is None and _stdout_is_tty():
        raise UsageError("--format pdf writes binary data", hint="give -o FILE.pdf, or pipe the output")
    if not renderer:
        return
    # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
    from briefer.render import pdf

    pdf.require()


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def render(result: Brief, fmt: str, page: str) -> str | bytes:
    """``result`` as ``fmt`` (md, json, html or pdf) on ``page`` (a4 or letter)."""
    # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
    from briefer import render as pages

    if fmt == "pdf":
        return pages.to_pdf(result, page.lower())
    if fmt == "html":
        return pages.to_html(result, page.lower())
    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    return pages.to_markdown(result)


def emit(text: str | bytes, output: Path | None) -> None:
    """A rendered brief to stdout, or to ``output`` atomically (said on stderr)."""
    if output is None and isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    elif output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        notice(f"wrote {output}")
