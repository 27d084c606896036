"""The small model calls of a brief: which calls one pass makes (``plan_calls``), each one's JSON schema and
the check of its answer, and whether they fit the model's context (``fits``).

The model never writes a name, a date or a quote: the candidates found by code are forced as JSON keys
(or enums), so its answer is a label per candidate, a few sentence numbers, or a short summary. All
calls share one prompt prefix (system + the numbered articles), so a local server reuses its KV cache.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from briefer.compose import prompts
from briefer.compose.prepare import Prepared
from briefer.config import Settings
from briefer.model.client import Call
from briefer.model.tokens import Counter, count_messages, estimate
from briefer.schema import STATUSES

WHO_LABELS = ("person-main", "org-main", "place-main", "person", "org", "place", "none")
ROLE_LABELS = (*STATUSES, "none")
SUMMARY_MAX = 400
HEADLINE_MAX = 110
MAX_KEY, MAX_OPEN = 5, 3  # key points and open questions the model may pick


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


KNOWN_KIND_LABELS = ("main", "minor")


def who_labels(kind_hint: str) -> tuple[str, ...]:
    """The labels open to a name: where code knows its kind (a country, an honorific, "Police"...), the
    model only says whether it takes part in the main event; otherwise it gives the kind too."""
    return KNOWN_KIND_LABELS if kind_hint else WHO_LABELS


def labels_schema(keys: Sequence[str], labels: Sequence[str] | Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """An object whose keys are the candidates, each with its own enum of labels."""
    per_key = labels if isinstance(labels, Mapping) else {k: labels for k in keys}
    return _object({key: {"type": "string", "enum": list(per_key[key])} for key in keys})


def check_labels(keys: Sequence[str],
                 labels: Sequence[str] | Mapping[str, Sequence[str]]) -> Callable[[Any], dict[str, str]]:
    """The check of an answer that labels each of ``keys`` with one of its labels."""
    wanted = set(keys)
    per_key = labels if isinstance(labels, Mapping) else {k: labels for k in keys}

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


def points_schema(numbers: Sequence[int], max_key: int, max_open: int) -> dict[str, Any]:
    item = {"type": "integer", "enum": list(numbers)}
    return _object({"key": {"type": "array", "items": item, "maxItems": max_key},
                    "open": {"type": "array", "items": item, "maxItems": max_open}})


def check_points(numbers: Sequence[int], max_key: int,
                 max_open: int) -> Callable[[Any], tuple[list[int], list[int]]]:
    """The check of an answer that picks sentence numbers: key points and open questions."""
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


def salvage_summary(headline: bool) -> Callable[[str], tuple[str, str]]:
    """A summary cut off at max_tokens keeps its complete sentences (small models copy on and on)."""
    check = check_summary(headline)

    def salvage(content: str) -> tuple[str, str]:
        fields: dict[str, str] = {}
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


def check_summary(headline: bool) -> Callable[[Any], tuple[str, str]]:
    """The check of a summary answer: (headline, summary), trimmed to whole sentences."""
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


# --- the calls of one pass -------------------------------------------------------------------------

def _task(prep: Prepared, settings: Settings, name: str, **context: Any) -> list[dict[str, str]]:
    text = prep.prefix[1]["content"] + "\n\n" + prompts.render(name, settings.prompts, **context)
    return [prep.prefix[0], {"role": "user", "content": text}]


def plan_calls(prep: Prepared, settings: Settings, *, summary: bool = True,
               headline: bool | None = None) -> list[Call[Any]]:
    """The calls of one pass; ``summary=False`` (later chunks) leaves the summary call out."""
    calls: list[Call[Any]] = []
    version = prompts.version(settings.prompts)
    keys = [n.name for n, _ in prep.names]
    if keys:
        first = {n.name: prep.number(a, n.sentence) for n, a in prep.names}
        options = {n.name: who_labels(n.kind_hint) for n, _ in prep.names}
        calls.append(Call("who", _task(prep, settings, "who",
                                       names=[{"name": n.name, "sentence": first[n.name], "kind": n.kind_hint}
                                              for n, _ in prep.names]),
                          labels_schema(keys, options),
                          check_labels(keys, options), max_tokens=20 + 12 * len(keys), prompts=version))
    if prep.about_focus:
        ids = [str(n) for n in prep.about_focus]
        rows = [{"n": n, "text": " ".join(prep.sentences[n].text.split())} for n in prep.about_focus]
        calls.append(Call("role", _task(prep, settings, "role", focus=settings.focus, sentences=rows,
                                             people=_people(prep)),
                          labels_schema(ids, ROLE_LABELS),
                          check_labels(ids, ROLE_LABELS), max_tokens=20 + 10 * len(ids), prompts=version))
    numbers = [n for n in sorted(prep.sentences) if n not in prep.heads] or sorted(prep.sentences)
    calls.append(Call("points", _task(prep, settings, "points", max_key=MAX_KEY, max_open=MAX_OPEN),
                      points_schema(numbers, MAX_KEY, MAX_OPEN),
                      check_points(numbers, MAX_KEY, MAX_OPEN), max_tokens=80, prompts=version))
    if settings.model_summary and summary:
        headline = len(prep.articles) > 1 if headline is None else headline
        calls.append(Call("summary", _task(prep, settings, "summary", headline=headline, focus=settings.focus),
                          summary_schema(headline), check_summary(headline), max_tokens=220,
                          salvage=salvage_summary(headline), prompts=version))
    return calls


def _people(prep: Prepared) -> list[str]:
    """The full names of the people who act for the focus country, once each."""
    return list(dict.fromkeys(p.name for p in prep.focus.people))


def fits(calls: Sequence[Call[Any]], settings: Settings, counter: Counter) -> bool:
    """Every call's prompt and answer fit the model's context. tiktoken (``estimate``) makes at most one
    token of a UTF-8 byte: where the bytes fit, the tokens do, and need no counting."""
    if counter is estimate and all(count_messages(c.messages, utf8_bytes) + c.max_tokens <= settings.context
                                   for c in calls):
        return True
    return all(count_messages(c.messages, counter) + c.max_tokens <= settings.context for c in calls)


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))
