"""``briefer history`` (the briefs made, and eval runs) and ``briefer show ID`` (one again, no model)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from briefer.cli.output import choose_format, emit, render
from briefer.cli.support import FORMATS, PAGES, run_command
from briefer.config import history_path
from briefer.model.history import HISTORY_OFF, History, open_history


def _history() -> History | None:
    return open_history(history_path())


def _when(created: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(created))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("history", short_help="List the briefs made, newest first", epilog="""\b
Examples:
  briefer history                 the last 20 briefs
  briefer history -n 100 --json   as JSON lines
  briefer history --evals         eval runs, for `briefer eval --against ID`
""")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many")
@click.option("--evals", is_flag=True, help="List eval runs instead of briefs")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line")
def history_cmd(limit: int, evals: bool, as_json: bool) -> None:
    """The briefs made (or eval runs), newest first: id, time, model, focus, tokens, seconds, articles,
    headline. `briefer show ID` renders one again. Kept in the cache's SQLite file [env BRIEFER_HISTORY]."""

    def run() -> None:
        history = _history()
        if history is None:
            click.echo(HISTORY_OFF)
            return
        if evals:
            for e in history.evals(limit):
                row = {"id": e.id, "created": _when(e.created), "path": e.path, "cases": e.cases, **e.settings}
                click.echo(json.dumps(row) if as_json else
                           f"{e.id:>5}  {_when(e.created)}  {e.cases:>3} cases  {e.settings.get('model', '?')}"
                           f"  {e.path}")
            return
        rows = history.briefs(limit)
        if not rows and not as_json:
            click.echo(f"no briefs recorded yet in {history.path}")
        for b in rows:
            names = [Path(a["path"]).name if a.get("path") else a["id"] for a in b.articles]
            if as_json:
                click.echo(json.dumps({"id": b.id, "created": _when(b.created), "model": b.model, "focus": b.focus,
                                       "articles": b.articles, "prompt_tokens": b.prompt_tokens,
                                       "completion_tokens": b.completion_tokens, "calls": b.calls,
                                       "cached_calls": b.cached_calls, "seconds": b.seconds,
                                       "headline": b.headline}))
                continue
            cached = " cached" if b.calls and b.cached_calls == b.calls else ""
            more = f" +{len(names) - 1}" if len(names) > 1 else ""
            click.echo(f"{b.id:>5}  {_when(b.created)}  {_clip(b.model, 22):<22}  {_clip(b.focus, 12):<12}"
                       f"  {b.prompt_tokens:>6}+{b.completion_tokens:<5}  {b.seconds:6.1f}s{cached:<7}"
                       f"  {_clip(names[0] if names else '-', 34 - len(more)) + more:<34}  {_clip(b.headline, 60)}")

    run_command(run)


@click.command("show", short_help="Re-render a recorded brief, no model", epilog="""\b
Examples:
  briefer show 12                  Markdown on stdout
  briefer show 12 -o brief.pdf     one page of PDF
""")
@click.argument("brief_id", metavar="ID", type=int)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically) instead of stdout")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="md (default), json, html or pdf; guessed from -o's extension")
@click.option("--page", type=click.Choice(PAGES, case_sensitive=False), default="a4", show_default=True,
              help="Paper size of the html and pdf page")
def show_cmd(brief_id: int, output: Path | None, fmt: str | None, page: str) -> None:
    """Render brief ID of `briefer history` again, from its recorded JSON: no article is read and no
    model asked."""

    def run() -> None:
        # pydantic, jinja2 and the pipeline: imported when the command runs, so that --help stays instant
        from briefer.api import recorded

        chosen = choose_format(fmt, output)
        emit(render(recorded(brief_id), chosen, page), output)

    run_command(run)
