"""The small model calls of a brief: each one's JSON schema, the check of its answer, and the plan of the calls
of one pass.

The model never writes a name, a date or a quote, and writes no key it is forced to copy: code numbers the
candidates in the prompt, and the model answers with the numbers it picks (the main actors, the statements
about the focus's own doing, the key sentences), or a short summary. Every number it writes is a decision;
a forced token would cost a decoding step and decide nothing. All calls share one prompt prefix (system +
the numbered articles), so a server reuses its KV cache.
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

SUMMARY_MAX = 400
MAX_SKIP = 4  # sentence numbers the points call may mark as not news: a short list keeps the answer short
# On the embedded 1.5B model the not-news list stopped none of 5 planted messages that code let through and
# took a real role claim out of a seed article (role recall 0.94 -> 0.75 on the seed cases, who 0.80 and when
# 0.86 on the hostile cases): it is asked of other models only (``skip_asked``).
HEADLINE_MAX = 110
MAX_KEY, MAX_OPEN = 5, 3  # key points and open questions the model may pick
MAX_MAIN = 8  # names the model may pick as taking part in the main event


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


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


def pick_schema(key: str, numbers: Sequence[int], max_items: int) -> dict[str, Any]:
    """``{key: [numbers]}``: some of ``numbers``, at most ``max_items``."""
    return _object({key: {"type": "array", "items": {"type": "integer", "enum": list(numbers)},
                          "maxItems": max_items}})


def check_pick(key: str, numbers: Sequence[int], max_items: int) -> Callable[[Any], list[int]]:
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


def check_points(numbers: Sequence[int], max_key: int, max_open: int,
                 max_skip: int = MAX_SKIP) -> Callable[[Any], tuple[list[int], list[int], list[int]]]:
    """The check of an answer that picks sentence numbers: key points, open questions and the sentences that
    are not news (never a key point or an open question too)."""
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
    if prep.names:
        first = {n.name: prep.number(a, n.sentence) for n, a in prep.names}
        numbers = list(range(1, len(prep.names) + 1))
        most = min(len(numbers), MAX_MAIN)
        calls.append(Call("who", _task(prep, settings, "who",
                                       names=[{"n": i, "name": n.name, "sentence": first[n.name],
                                               "kind": n.kind_hint} for i, (n, _) in enumerate(prep.names, 1)]),
                          pick_schema("main", numbers, most), check_pick("main", numbers, most),
                          max_tokens=24 + 5 * most, prompts=version))
    if prep.asked_roles:
        numbers = list(range(1, len(prep.asked_roles) + 1))
        rows = [{"n": i, "sentence": r.n, "text": r.text} for i, r in enumerate(prep.asked_roles, 1)]
        calls.append(Call("role", _task(prep, settings, "role", focus=settings.focus, rows=rows,
                                        people=_people(prep)),
                          pick_schema("own", numbers, len(numbers)), check_pick("own", numbers, len(numbers)),
                          max_tokens=24 + 5 * len(numbers), prompts=version))
    numbers = [n for n in sorted(prep.sentences) if n not in prep.heads] or sorted(prep.sentences)
    skip = skip_asked(settings.embedded)
    calls.append(Call("points", _task(prep, settings, "points", max_key=MAX_KEY, max_open=MAX_OPEN, max_skip=skip),
                      points_schema(numbers, MAX_KEY, MAX_OPEN, skip),
                      check_points(numbers, MAX_KEY, MAX_OPEN, skip), max_tokens=96 if skip else 80,
                      prompts=version))
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
