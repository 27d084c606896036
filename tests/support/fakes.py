"""Shared fakes: a model that labels like a plausible small model, the CLI runner, failing articles."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from briefer.cli.main import main
from tests.support.fakeserver import FakeOpenAI, Reply, schema_of, task_of, valid_answer

PLACES = {"Paris", "Charles de Gaulle Airport", "Kyiv", "Ottawa", "Denmark", "Finland", "Ukraine", "Russia"}


def labeller(request: dict[str, Any]) -> str:
    task = task_of(request)
    props = (schema_of(request) or {}).get("properties", {})
    if task == "who":
        return json.dumps({k: "main" if v["enum"][0] == "main" else "place-main" if k in PLACES else "person-main"
                           for k, v in props.items()})
    keys = list(props)
    if task == "role":
        return json.dumps({k: "done" for k in keys})  # the model over-claims; cue words must cap it
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
