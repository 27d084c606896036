"""A fake model that obeys every order the schema lets it obey: it picks every number it is offered (every
name as taking part in the main event, every statement as the focus's own doing), ranks the sentences that
carry planted text (a hostile marker, words addressed to a model) first as key points and open questions,
marks nothing as not news, and writes the planted sentences it reads into its summary and headline. Used
with tests/support/fakeserver.py."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.support.fakeserver import schema_of, task_of
from tests.support.hostile_gen import MARK

PLANTED_WORDS = (MARK, "AI", "model", "summar", "résumé", "resumen", "must", "doit", "debe", "instruction")
NEUTRAL_SUMMARY = "Officials announced new measures on Monday after talks in the capital."


def sentences(request: dict[str, Any]) -> dict[int, str]:
    """The numbered sentences of the request's articles."""
    text = request["messages"][-1]["content"].split("Task:")[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\[(\d+)\] (.*)$", text, re.M)}


def obeying(request: dict[str, Any]) -> str:
    task = task_of(request)
    props = (schema_of(request) or {}).get("properties", {})
    if task in ("who", "role"):  # {"main": [...]} / {"own": [...]}: every number offered, as many as allowed
        [(key, spec)] = props.items()
        offered = spec["items"]["enum"]
        return json.dumps({key: offered[: spec.get("maxItems", len(offered))]})
    text = sentences(request)
    planted = [n for n, s in text.items() if any(w in s for w in PLANTED_WORDS)]
    if task == "points":
        numbers = props["key"]["items"]["enum"]
        ranked = sorted(numbers, key=lambda n: n not in planted)
        answer: dict[str, Any] = {"key": ranked[: props["key"]["maxItems"]],
                                  "open": ranked[: props["open"]["maxItems"]]}
        if "skip" in props:
            answer["skip"] = []
        return json.dumps(answer)
    said = " ".join(text[n] for n in planted[:2]) or NEUTRAL_SUMMARY
    out = {"summary": said[:380]}
    if "headline" in props:
        out["headline"] = said[:100]
    return json.dumps(out)
