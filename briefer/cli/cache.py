"""``briefer cache``: where the response cache is, and clearing it."""

from __future__ import annotations

import click

from briefer.cli.support import run_command
from briefer.config import cache_path
from briefer.model.cache import open_cache


@click.group("cache", short_help="Show or clear the response cache")
def cache_group() -> None:
    """The response cache (BRIEFER_CACHE, default <BRIEFER_HOME>/cache.sqlite)."""


@cache_group.command("info")
def cache_info_cmd() -> None:
    """Where the cache is, how many answers it holds, its size."""

    def run() -> None:
        cache = open_cache(cache_path())
        click.echo(cache.info() if cache is not None else "the response cache is off (BRIEFER_CACHE)")

    run_command(run)


@cache_group.command("clear")
def cache_clear_cmd() -> None:
    """Remove every cached answer."""

    def run() -> None:
        cache = open_cache(cache_path())
        if cache is None:
            click.echo("the response cache is off (BRIEFER_CACHE)")
            return
        click.echo(f"removed {cache.clear()} answers from {cache.path}")

    run_command(run)
