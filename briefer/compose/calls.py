"""The small model calls of a brief: each one's JSON schema and the check of its answer.

The model never writes a name, a date or a quote, and writes no key it is forced to copy: code numbers
the candidates in the prompt, and the model answers with the numbers it picks (the main actors, the
statements about the focus's own doing, the key sentences), or a short summary. Every number it writes is
a decision; a forced token would cost a decoding step and decide nothing. All calls share one prompt
prefix (system + the numbered articles), so a server reuses its KV cache.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

SUMMARY_MAX = 400
HEADLINE_MAX = 110


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


def labels_schema(keys: Sequence[str], labels: Sequence[str] | dict[str, Sequence[str]]) -> dict[str, Any]:
    """An object whose keys are the candidates, each with its own enum of labels."""
    per_key = labels if isinstance(labels, dict) else {k: labels for k in keys}
    return _object({key: {"type": "string", "enum": list(per_key[key])} for key in keys})


def check_labels(keys: Sequence[str], labels: Sequence[str] | dict[str, Sequence[str]]):  # type: ignore[no-untyped-def]
    wanted = set(keys)
    per_key = labels if isinstance(labels, dict) else {k: labels for k in keys}

    def check(value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            raise ValueError("the answer must be a JSON object")
        missing = [k for k in keys if k not in value]
        extra = [k for k in value if k not in wanted]
        if missing:
            raise ValueError(f"these keys are missing: {', '.join(missing[:10])}")
        if extra:
            raise ValueError(f"these keys were not asked for: {', '.join(str(k) for k in extra[:10])}")
        bad = [k for k in keys if value[k] not in per_key[k]]
        if bad:
            raise ValueError(f"{bad[0]!r} must be one of {', '.join(per_key[bad[0]])}, not {value[bad[0]]!r}")
        return {k: str(value[k]) for k in keys}

    return check


def pick_schema(key: str, numbers: Sequence[int], max_items: int) -> dict[str, Any]:
    """``{key: [numbers]}``: some of ``numbers``, at most ``max_items``."""
    return _object({key: {"type": "array", "items": {"type": "integer", "enum": list(numbers)},
                          "maxItems": max_items}})


def check_pick(key: str, numbers: Sequence[int], max_items: int):  # type: ignore[no-untyped-def]
    allowed = set(numbers)

    def check(value: Any) -> list[int]:
        if not isinstance(value, dict) or not isinstance(value.get(key), list):
            given = value.get(key) if isinstance(value, dict) else value
            raise ValueError(f'the answer must be {{"{key}": [numbers]}}, not {str(given)[:60]!r}')
        picked: list[int] = []
        for n in value[key]:
            if isinstance(n, bool) or not isinstance(n, int) or n not in allowed:
                raise ValueError(f"{n!r} is not one of the numbers listed")
            if n not in picked:
                picked.append(n)
        return picked[:max_items]

    return check


def points_schema(numbers: Sequence[int], max_key: int, max_open: int) -> dict[str, Any]:
    item = {"type": "integer", "enum": list(numbers)}
    return _object({"key": {"type": "array", "items": item, "maxItems": max_key},
                    "open": {"type": "array", "items": item, "maxItems": max_open}})


def check_points(numbers: Sequence[int], max_key: int, max_open: int):  # type: ignore[no-untyped-def]
    allowed = set(numbers)

    def check(value: Any) -> tuple[list[int], list[int]]:
        if not isinstance(value, dict) or not isinstance(value.get("key"), list):
            raise ValueError('the answer must be {"key": [numbers], "open": [numbers]}')
        out: list[list[int]] = []
        for field, limit in (("key", max_key), ("open", max_open)):
            seen: list[int] = []
            for n in value.get(field) or []:
                if isinstance(n, bool) or not isinstance(n, int) or n not in allowed:
                    raise ValueError(f"{n!r} in {field!r} is not one of the sentence numbers")
                if n not in seen:
                    seen.append(n)
            out.append(seen[:limit])
        return out[0], out[1]

    return check


def summary_schema(headline: bool) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if headline:
        props["headline"] = {"type": "string"}
    # No maxLength: llama.cpp turns it into a grammar repetition that slows every token; the call's
    # max_tokens bounds the length and the check trims it to whole sentences.
    props["summary"] = {"type": "string"}
    return _object(props)


def salvage_summary(headline: bool):  # type: ignore[no-untyped-def]
    """A summary cut off at max_tokens keeps its complete sentences (small models copy on and on)."""
    check = check_summary(headline)

    def salvage(content: str) -> tuple[str, str]:
        fields = {}
        for key in ("headline", "summary"):
            match = re.search(rf'"{key}"\s*:\s*"((?:[^"\\]|\\.)*)', content)
            fields[key] = _unescape(match.group(1)) if match else ""
        text = fields["summary"].rstrip()
        if not text.endswith("."):
            text = text[: text.rfind(". ") + 1]
        if not text:
            raise ValueError("no complete sentence in the cut-off summary")
        return check({"headline": fields["headline"], "summary": text})

    return salvage


def _unescape(fragment: str) -> str:
    """A JSON string body that may end inside an escape."""
    fragment = fragment.rstrip("\\")
    try:
        return str(json.loads(f'"{fragment}"'))
    except json.JSONDecodeError:
        return fragment.replace('\\"', '"')


def check_summary(headline: bool):  # type: ignore[no-untyped-def]
    def check(value: Any) -> tuple[str, str]:
        if not isinstance(value, dict) or not isinstance(value.get("summary"), str):
            raise ValueError('the answer must be {"summary": "..."}')
        summary = " ".join(value["summary"].split())
        if len(summary) < 20:
            raise ValueError("the summary is empty or too short: write 2 or 3 sentences")
        if len(summary) > SUMMARY_MAX:
            cut = summary[:SUMMARY_MAX]
            end = cut.rfind(". ")
            summary = cut[:end + 1] if end > 0 else cut.rsplit(" ", 1)[0]
        title = ""
        if headline:
            title = " ".join(str(value.get("headline") or "").split())
            if not title:
                raise ValueError("the headline is empty")
        return title[:HEADLINE_MAX], summary

    return check
