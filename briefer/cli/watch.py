"""``briefer watch``: one brief kept current while articles arrive (the logic is ``briefer.batching.watch``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from briefer.cli.support import PAGES, run_command, setting_options, settings_from


@click.command("watch", short_help="Keep one brief of a folder current as articles arrive")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The page kept current (.html); earlier versions beside it as NAME.1.html ...")
@click.option("--keep", type=int, default=3, show_default=True,
              help="Earlier versions kept: NAME.1.html (the one before) to NAME.N.html")
@click.option("--since", help="Mark what is new since TIME (HH:MM today, or YYYY-MM-DDTHH:MM), not since the "
                              "previous version")
@click.option("--page", type=click.Choice(PAGES, case_sensitive=False), default="a4", show_default=True,
              help="Paper size of the page")
@click.option("--serve", "port", type=int, default=None,
              help="Also serve the page on http://127.0.0.1:PORT/, reloaded as soon as a version is written")
@click.option("--poll", is_flag=True, help="Look for changes by polling (network folders, where file events do "
                                           "not arrive)")
@click.option("--settle", type=float, default=1.0, show_default=True,
              help="Seconds a new or changed file must stay the same before it is read")
@click.option("--refresh", type=int, default=5, show_default=True,
              help="Seconds between the page's reloads of itself, opened as a file")
@setting_options("watch")
def watch_cmd(folder: Path, output: Path, keep: int, since: str | None, page: str, port: int | None, poll: bool,
              settle: float, refresh: int, **given: Any) -> None:
    """Brief the articles in FOLDER as one page, then update it as articles are added, changed or removed,
    marking what is new. Only new articles cost model calls. Ctrl-C stops, leaving the last version."""

    def run() -> None:
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.batching.watch import watch

        watch(folder, output, keep=keep, since=since, page=page.lower(), serve=port, poll=poll, settle=settle,
              refresh=refresh, settings=settings_from(**given),
              report=lambda line: click.echo(f"briefer: {line}", err=True))

    run_command(run)
