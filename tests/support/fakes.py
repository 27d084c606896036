"""Shared fakes: a model that labels like a plausible small model, the CLI runner, failing articles."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from briefer.cli.main import main
from tests.support.fakeserver import FakeOpenAI, Reply, schema_of, task_of, valid_answer

PLACES = {"Paris", "Charles de Gaulle Airport", "Kyiv", "Ottawa", "Denmark", "Finland", "Ukraine", "Russia"}


def labeller(request: dict[str, Any]) -> str:
    """A model that picks every name as taking part in the main event and every statement as the focus's own
    doing (it over-claims: code must cap statuses and keep the page's bounds)."""
    task = task_of(request)
    props = (schema_of(request) or {}).get("properties", {})
    if task in ("who", "role"):
        [(key, spec)] = props.items()
        return json.dumps({key: spec["items"]["enum"][: spec.get("maxItems", len(spec["items"]["enum"]))]})
    return valid_answer(request)


def picky(request: dict[str, Any]) -> str:
    """A model that picks a few of each list (the first three names, the first five statements), as a small
    model does: the brief of the seed articles it makes fits one page as it stands."""
    task = task_of(request)
    props = (schema_of(request) or {}).get("properties", {})
    if task in ("who", "role"):
        [(key, spec)] = props.items()
        return json.dumps({key: spec["items"]["enum"][: 3 if task == "who" else 5]})
    return valid_answer(request)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def fail_the_talks_article(fake: FakeOpenAI) -> dict[str, bool]:
    """Make ``fake`` answer 400 to every call about the talks article while the returned switch is on."""
    broken = {"on": True}

    def handler(request: dict[str, Any]) -> Any:
        if broken["on"] and "Canada Joins High-Stakes" in request["messages"][-1]["content"]:
            return Reply(status=400, body={"error": {"message": "no such luck"}})
        return labeller(request)

    fake.handler = handler
    return broken
