"""``briefer batch``: many briefs, resumable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from briefer.cli.support import FORMATS, quiet, run_command, setting_options, settings_from


@click.command("batch", short_help="One brief per article of a folder or manifest", epilog="""\b
Examples:
  briefer batch in/ -o briefs/             one Markdown brief per article
  briefer batch desk.yaml -o out/ -f pdf   a manifest; one PDF page each
  briefer batch in/ -o out/ -j 16          16 at once (a remote server)
""")
@click.argument("source")
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), required=True,
              help="Folder for the briefs (<id>.<format>) and the batch's journal")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--workers", "-w", type=int, default=None,
              help="Processes that make the briefs, sharing -j [default: one per 8 briefs at once, at most one "
                   "per CPU; 1 for the embedded model]")
@click.option("--via", type=click.Choice(("direct", "openai-batch")), default="direct", show_default=True,
              help="openai-batch: send every call through the server's Batch API (/v1/batches) and wait")
@setting_options("batch")
def batch_cmd(source: str, outdir: Path, fmt: str, workers: int | None, via: str, **given: Any) -> None:
    """One brief per article or group of SOURCE (a folder, or a manifest: see the README), written to
    OUTDIR; a rerun skips what is done and retries what failed. Exit 4 when some briefs failed."""

    def run() -> None:
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.batching.run import batch

        result = batch(source, outdir, fmt=fmt, workers="auto" if workers is None else workers, via=via,
                       progress=not quiet(), settings=settings_from(**given))
        click.echo(f"briefer: {result}", err=True)
        result.raise_for_failures()

    run_command(run)
