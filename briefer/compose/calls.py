"""The small model calls of a brief: each one's JSON schema and the check of its answer.

The model never writes a name, a date or a quote: the candidates found by code are forced as JSON keys
(or enums), so its answer is a label per candidate, a few sentence numbers, or a short summary. All
calls share one prompt prefix (system + the numbered articles), so a local server reuses its KV cache.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from briefer.schema import STATUSES

WHO_LABELS = ("person-main", "org-main", "place-main", "person", "org", "place", "none")
ROLE_LABELS = (*STATUSES, "none")
SUMMARY_MAX = 400
MAX_SKIP = 4  # sentence numbers the points call may mark as not news: a short list keeps the answer short
# On the embedded 1.5B model the not-news list stopped none of 5 planted messages that code let through and
# took a real role claim out of a seed article (role recall 0.94 -> 0.75 on the seed cases, who 0.80 and when
# 0.86 on the hostile cases): it is asked of other models only (``skip_asked``).
HEADLINE_MAX = 110


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


KNOWN_KIND_LABELS = ("main", "minor")


def who_labels(kind_hint: str) -> tuple[str, ...]:
    """The labels open to a name: where code knows its kind (a country, an honorific, "Police"...), the
    model only says whether it takes part in the main event; otherwise it gives the kind too."""
    return KNOWN_KIND_LABELS if kind_hint else WHO_LABELS


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


def points_schema(numbers: Sequence[int], max_key: int, max_open: int, max_skip: int = MAX_SKIP) -> dict[str, Any]:
    """Key points, open questions, and ("skip", unless ``max_skip`` is 0) the sentences that are not news for
    a reader: instructions to an AI or to the reader, adverts, sponsorship lines, site furniture (left out
    like code's)."""
    item = {"type": "integer", "enum": list(numbers)}
    fields = {"key": {"type": "array", "items": item, "maxItems": max_key},
              "open": {"type": "array", "items": item, "maxItems": max_open}}
    if max_skip:
        fields["skip"] = {"type": "array", "items": item, "maxItems": max_skip}
    return _object(fields)


def skip_asked(embedded: bool) -> int:
    """How many not-news sentence numbers the points call asks for: none of the embedded model."""
    return 0 if embedded else MAX_SKIP


def check_points(numbers: Sequence[int], max_key: int, max_open: int,  # type: ignore[no-untyped-def]
                 max_skip: int = MAX_SKIP):
    allowed = set(numbers)

    def check(value: Any) -> tuple[list[int], list[int], list[int]]:
        if not isinstance(value, dict) or not isinstance(value.get("key"), list):
            raise ValueError('the answer must be {"key": [numbers], "open": [numbers], "skip": [numbers]}')
        out: list[list[int]] = []
        for field, limit in (("key", max_key), ("open", max_open), ("skip", max_skip)):
            seen: list[int] = []
            for n in value.get(field) or []:
                if isinstance(n, bool) or not isinstance(n, int) or n not in allowed:
                    raise ValueError(f"{n!r} in {field!r} is not one of the sentence numbers")
                if n not in seen:
                    seen.append(n)
            out.append(seen[:limit])
        skip = set(out[2])
        return [n for n in out[0] if n not in skip], [n for n in out[1] if n not in skip], out[2]

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
