"""The one code path to any model: the official ``openai`` client, three structured-output modes, re-asks.

Only this module imports ``openai``, and only when a call is made. One client is built per process and
settings (``OpenAI()`` costs ~17 ms; ``import openai`` ~0.5 s); each of its tries is bounded in total time
and size (``transport``). Text from a server or a model is redacted as it arrives (``briefer.redact``), so
that no error, re-ask, log line, cache entry or output can carry the key back out.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from briefer.config import Settings
from briefer.errors import BriefError, ConfigError, ModelError, ValidationFailed
from briefer.model import transport
from briefer.model.cache import Cache, key
from briefer.model.transport import ResponseTooLarge
from briefer.redact import quote, redact, remember
from briefer.schema import CallUsage

if TYPE_CHECKING:
    import openai

T = TypeVar("T")

log = logging.getLogger("briefer.model")

_clients: dict[tuple[str, str, float, int, int], openai.OpenAI] = {}
_lock = threading.Lock()
_pools: weakref.WeakSet[ThreadPoolExecutor] = weakref.WeakSet()  # every ModelClient's call threads


@dataclass
class Call(Generic[T]):
    """One structured request: messages, the JSON schema of the answer, and how to check the answer (its
    checked value is a ``T``)."""

    name: str
    messages: list[dict[str, str]]
    schema: dict[str, Any]
    check: Callable[[Any], T]  # parsed JSON -> value; raises ValueError with a message the model can act on
    max_tokens: int = 400
    # Turns an answer cut off at max_tokens into a usable value, or raises ValueError (then: re-ask).
    salvage: Callable[[str], T] | None = None
    prompts: str = ""  # the version of the prompt templates that wrote ``messages``: part of the cache key


def response_limit(settings: Settings) -> int:
    """The most bytes a chat completion's response may hold (``BRIEFER_MAX_RESPONSE_MB``)."""
    return int(settings.max_response_mb * 1_000_000)


def get_client(settings: Settings) -> openai.OpenAI:
    """One ``openai.OpenAI`` per (base_url, key, timeout, retries, size limit) in this process, its tries
    bounded: ``timeout`` seconds in all, the response size limit for chat completions."""
    key = (settings.base_url or "", settings.api_key or "", settings.timeout, settings.max_retries,
           response_limit(settings))
    with _lock:
        client = _clients.get(key)
        if client is None:
            import openai  # ~0.5 s: only a call that is sent pays for it, never a cached brief

            http = openai.DefaultHttpxClient(
                event_hooks=transport.Guard(settings.timeout, response_limit(settings)).hooks())
            transport.install(http)
            client = openai.OpenAI(api_key=settings.api_key or "not-needed", base_url=settings.base_url,
                                   timeout=settings.timeout, max_retries=settings.max_retries, http_client=http)
            _clients[key] = client
    return client


def response_format(mode: str, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}
    if mode == "json_object":
        return {"type": "json_object", "schema": schema}
    return None


def prompt_suffix(schema: dict[str, Any]) -> str:
    return ("\n\nAnswer with one JSON object only, no prose and no code fence, matching this JSON schema:\n"
            + json.dumps(schema, separators=(",", ":")))


def call_messages(call: Call[Any], mode: str) -> list[dict[str, str]]:
    """The messages sent for ``call`` (in prompt mode, the schema goes at the end of the last one)."""
    messages = [dict(m) for m in call.messages]
    if mode == "prompt":
        messages[-1]["content"] += prompt_suffix(call.schema)
    return messages


def request_body(settings: Settings, call: Call[Any], messages: list[dict[str, str]]) -> dict[str, Any]:
    """The chat-completions request of ``call``: what ``ModelClient`` sends and a Batch API line holds."""
    body: dict[str, Any] = {"model": settings.model, "messages": messages, "temperature": settings.temperature,
                            "seed": settings.seed, "max_tokens": call.max_tokens}
    fmt = response_format(settings.mode, call.name, call.schema)
    if fmt is not None:
        body["response_format"] = fmt
    return body


def send(client: openai.OpenAI, body: dict[str, Any]) -> object:
    """One chat completion through the ``openai`` client's own ``post`` (its auth, retries, timeouts and
    errors), returning the body as ``chat.completions.create`` reads it (JSON when the Content-Type says
    so, else JSON if it parses, else the text) but as plain JSON: the typed call spends ~2 ms of CPU per
    request converting the request's nested schema and building the response's objects."""
    import httpx2  # the openai client's own HTTP library

    response = client.post("/chat/completions", body=body, cast_to=httpx2.Response)
    if response.headers.get("content-type", "*").split(";")[0].endswith("json"):
        return response.json()  # ValueError when it is not JSON, as in the typed call
    try:
        return response.json()
    except Exception:  # what the typed call does with a body it cannot read
        return response.text


def model_identity(settings: Settings) -> tuple[str, str]:
    """(model, server) as far as answers go. The embedded model's server has a new port and key on every
    start: its identity is the model alone."""
    if settings.embedded:
        name = settings.model
        return f"embedded:{Path(name).stem if name.lower().endswith('.gguf') else name}", ""
    return settings.model, (settings.base_url or "").rstrip("/")


def cache_key(settings: Settings, call: Call[Any]) -> str:
    """What decides ``call``'s answer: model, server, messages, schema, mode, sampling, prompt templates."""
    model, server = model_identity(settings)
    return key({"model": model, "base_url": server, "call": call.name, "messages": call.messages,
                "schema": call.schema, "mode": settings.mode, "temperature": settings.temperature,
                "seed": settings.seed, "max_tokens": call.max_tokens, "prompts": call.prompts})


def _retry_after(response: Any) -> str:
    """The server's Retry-After, as said ("30" -> "30 s"), or ""."""
    value = str(getattr(response, "headers", {}).get("retry-after") or "").strip()[:40]
    return f"{value} s" if value.replace(".", "", 1).isdigit() else value


def _get(part: object, name: str) -> object:
    """A field of a response or one of its parts: a key of the decoded JSON (``send``), or an attribute
    of the typed object that ``chat.completions.create`` builds (without validating it)."""
    return part.get(name) if isinstance(part, dict) else getattr(part, name, None)


def _count(response: object, usage: CallUsage) -> None:
    """Add a response's token counts and llama.cpp timings to ``usage``; odd values count as none."""
    def number(value: object) -> float:
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0

    counts = _get(response, "usage")
    usage.prompt_tokens += int(number(_get(counts, "prompt_tokens")))
    usage.completion_tokens += int(number(_get(counts, "completion_tokens")))
    usage.reused_tokens += int(number(_get(_get(counts, "prompt_tokens_details"), "cached_tokens")))
    extra = response if isinstance(response, dict) else (getattr(response, "model_extra", None) or {})
    timings = extra.get("timings") if isinstance(extra, dict) else None
    if isinstance(timings, dict):
        usage.server_seconds += (number(timings.get("prompt_ms")) + number(timings.get("predicted_ms"))) / 1000
        usage.add_timings(timings)


def _unpack(response: object) -> tuple[str, str | None, str | None]:
    """(content, finish_reason, refusal) of a chat completion; ValueError when it has no usable choice.
    Nothing in a response is validated, so a broken server can send anything."""
    choices = _get(response, "choices")
    if not isinstance(choices, list) or not choices:
        return _no_choice("no choices")
    choice = choices[0]
    message = _get(choice, "message")
    if message is None:
        return _no_choice("a choice without a message")
    content = _get(message, "content")
    refusal = _get(message, "refusal")
    if content is None:
        content = ""
    elif not isinstance(content, str):
        return _no_choice("a message whose content is not text")
    finish = _get(choice, "finish_reason")
    return content, finish if isinstance(finish, str) else None, str(refusal) if refusal else None


def _no_choice(what: str) -> tuple[str, str | None, str | None]:
    raise ValueError(what)


def _parse(content: str) -> object:
    text = content.strip()
    if text.startswith("```"):  # prompt mode: some models fence their JSON anyway
        text = text.strip("`")
        text = text[text.find("{"):] if "{" in text else text
    try:
        return json.loads(text)
    except RecursionError:  # deeper than Python's parser goes: no answer of ours nests so
        raise ValueError("the JSON is nested too deeply") from None


@contextlib.contextmanager
def api_errors(s: Settings) -> Iterator[None]:
    """The ``openai`` client's exceptions as one-line BriefErrors that say what to do (the key redacted)."""
    import openai  # ~0.5 s: only a call that is sent pays for it, never a cached brief

    where = s.base_url or "the embedded model"
    try:
        yield
    except openai.AuthenticationError:
        raise ConfigError(f"{where} rejected the API key (401)",
                          hint="check OPENAI_API_KEY for this server") from None
    except openai.PermissionDeniedError:
        raise ConfigError(f"{where} refused the API key access (403)",
                          hint="check that OPENAI_API_KEY may use this model on this server") from None
    except openai.APITimeoutError:
        raise ModelError(f"{where} did not answer within {s.timeout:g} s",
                         hint="raise BRIEFER_TIMEOUT or use a faster model") from None
    except openai.APIConnectionError:
        raise ModelError(f"cannot reach the model server at {where}",
                         hint="start the server or fix --base-url / OPENAI_BASE_URL") from None
    except openai.RateLimitError as exc:
        wait = _retry_after(exc.response)
        raise ModelError(f"{where} kept answering 429 (rate limited)"
                         + (f" and asks to wait {wait}" if wait else f" after {s.max_retries} retries"),
                         hint="wait and run again, or lower --concurrency") from None
    except openai.NotFoundError as exc:
        raise ConfigError(f"{where} does not know model {s.model!r} or this endpoint: "
                          f"{quote(str(exc), 200)}", hint="check --model / BRIEFER_MODEL") from None
    except openai.BadRequestError as exc:
        raise ModelError(f"{where} rejected the request: {quote(str(exc), 300)}",
                         hint="try another --mode (json_object or prompt) for this server") from None
    except openai.APIStatusError as exc:
        raise ModelError(f"{where} failed with HTTP {exc.status_code} after {s.max_retries} retries",
                         hint="check the server's logs, or run again later") from None
    except openai.APIError as exc:  # a response the client cannot read (bad body, bad stream)
        raise ModelError(f"{where} sent a response that cannot be read ({type(exc).__name__})",
                         hint="check that --base-url points at an OpenAI-compatible server") from None
    except ResponseTooLarge as exc:
        raise ModelError(f"{where} sent a response larger than {exc.limit / 1_000_000:g} MB; the rest was not "
                         "read", hint="check the server, or raise BRIEFER_MAX_RESPONSE_MB") from None
    except RecursionError:  # JSON nested deeper than Python's parser goes
        raise ModelError(f"{where} answered with JSON nested too deeply to read",
                         hint="check that --base-url points at an OpenAI-compatible server") from None
    except ValueError:  # the body is not JSON (an HTML error page, a cut-off body)
        raise ModelError(f"{where} answered with a body that is not JSON",
                         hint="check that --base-url points at an OpenAI-compatible server (.../v1)") from None


class ModelClient:
    """Sends ``Call``s through the ``openai`` client and returns checked answers with their usage.

    With a ``cache``, a call whose answer is stored (and still passes its check) sends nothing; answers that
    pass are stored. ``connect`` is called once, before the first request, to start a server (the embedded
    model) and return the settings that reach it: a brief answered from the cache starts nothing."""

    def __init__(self, settings: Settings, client: openai.OpenAI | None = None,
                 on_call: Callable[[str], None] | None = None,
                 *, cache: Cache | None = None, connect: Callable[[], Settings] | None = None) -> None:
        self.settings = settings
        remember(settings.api_key)
        self._client = client
        self._own = client is None  # a client briefer builds is asked through ``send``; a given one, typed
        self.on_call = on_call  # told the name of each call as it starts (progress display)
        self.on_answer: Callable[[CallUsage], None] | None = None  # told each sent call's usage once it passed
        self.cache = cache
        self._connect = connect
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def connect(self) -> openai.OpenAI:
        """The ``openai`` client, after starting the server if there is one to start."""
        with self._lock:
            if self._connect is not None:
                self.settings, self._connect = self._connect(), None
                remember(self.settings.api_key)  # the embedded server's own key
            if self._client is None:
                self._client = get_client(self.settings)
            return self._client

    @property
    def client(self) -> openai.OpenAI:
        return self._client if self._client is not None and self._connect is None else self.connect()

    def _create(self, messages: list[dict[str, str]], call: Call[Any]) -> object:
        try:
            client = self.client  # may start the embedded server
            body = request_body(self.settings, call, messages)
            with api_errors(self.settings):
                return send(client, body) if self._own else client.chat.completions.create(**body)
        except BriefError as exc:
            # `from None` hides the client's exception but keeps it as __context__, and its text may hold
            # what the server echoed (a key, a body): drop it, so no traceback or logger can show it.
            exc.__context__ = exc.__cause__ = None
            raise exc from None

    @staticmethod
    def accept(call: Call[T], content: str, finish: str = "stop") -> T:
        """The checked value of an answer, or ValueError/TypeError with what the model should fix."""
        if finish == "length":
            if call.salvage is not None:
                try:
                    return call.salvage(content)
                except ValueError:
                    pass
            raise ValueError(f"the answer was cut off at {call.max_tokens} tokens; answer again, shorter, "
                             "with only the JSON asked for")
        try:
            return call.check(_parse(content))
        except (ValueError, TypeError, RecursionError) as exc:  # json.JSONDecodeError and pydantic errors too
            raise ValueError(f"that answer was not valid: {quote(str(exc), 600)}") from None

    def lookup(self, call: Call[T]) -> tuple[T, CallUsage] | None:
        """The cached answer of ``call`` if there is one and it passes the call's check."""
        if self.cache is None:
            return None
        started = time.perf_counter()
        entry = self.cache.get(cache_key(self.settings, call))
        if entry is None:
            return None
        try:
            value = self.accept(call, redact(str(entry["content"])), str(entry.get("finish", "stop")))
        except (KeyError, ValueError, TypeError) as exc:
            log.info("cached %s answer no longer passes (%s); asking again", call.name, str(exc)[:120])
            return None
        usage = CallUsage(name=call.name, attempts=0, cached=True, prompt_tokens=int(entry.get("prompt_tokens", 0)),
                          completion_tokens=int(entry.get("completion_tokens", 0)),
                          seconds=time.perf_counter() - started)
        return value, usage

    def store(self, call: Call[Any], content: str, finish: str, usage: CallUsage) -> None:
        """Keep an answer that passed ``call``'s check."""
        if self.cache is not None:
            self.cache.put(cache_key(self.settings, call),
                           {"content": content, "finish": finish, "prompt_tokens": usage.prompt_tokens,
                            "completion_tokens": usage.completion_tokens},
                           call=call.name, model=model_identity(self.settings)[0])

    def ask(self, call: Call[T], *, lookup: bool = True) -> tuple[T, CallUsage]:
        """The cached answer, else send ``call``; on invalid JSON or a failed check, re-ask with the error,
        up to ``max_reasks``."""
        if lookup:
            hit = self.lookup(call)
            if hit is not None:
                return hit
        s = self.settings
        messages = call_messages(call, s.mode)
        usage = CallUsage(name=call.name, attempts=0)
        started = time.perf_counter()
        last_error = ""
        for _attempt in range(s.max_reasks + 1):
            usage.attempts += 1
            if self.on_call is not None:
                self.on_call(call.name if usage.attempts == 1 else f"{call.name}, re-ask {usage.attempts - 1}")
            response = self._create(messages, call)
            _count(response, usage)
            try:
                content, finish_reason, refusal = _unpack(response)
            except ValueError as exc:  # no choices, or not the shape of a chat completion: ask again
                last_error = f"the server answered with {exc}"
                log.info("asking %s again: %s", call.name, last_error)
                continue
            if refusal:
                raise ModelError(f"the model refused the {call.name} request: {quote(refusal, 200)}",
                                 hint="check the article; a different model may answer")
            content = redact(content)  # a server may echo the key into an answer: it goes no further
            finish = "length" if finish_reason == "length" else "stop"
            try:
                value = self.accept(call, content, finish)
            except ValueError as exc:
                last_error = str(exc)
            else:
                usage.seconds = time.perf_counter() - started
                self.store(call, content, finish, usage)
                if self.on_answer is not None:
                    self.on_answer(usage)
                return value, usage
            log.info("re-asking %s: %s", call.name, last_error)
            messages = [*messages, {"role": "assistant", "content": content[:2000]},
                        {"role": "user", "content": last_error + ". Reply with the corrected JSON only."}]
        raise ValidationFailed(f"the model's {call.name} answer stayed invalid after {usage.attempts} tries: "
                               f"{last_error[:300]}", hint="try a larger model, or --mode json_schema")

    def ask_all(self, calls: Sequence[Call[Any]]) -> list[tuple[Any, CallUsage]]:
        """Ask ``calls`` (cache already looked up) together, on threads kept for the next brief."""
        if len(calls) <= 1:
            return [self.ask(c, lookup=False) for c in calls]
        with self._lock:
            if self._pool is None:  # threads on demand, up to 3 per brief in flight
                self._pool = ThreadPoolExecutor(max_workers=4 * max(1, self.settings.concurrency),
                                                thread_name_prefix="briefer-call")
                _pools.add(self._pool)
            pool = self._pool
        futures = [pool.submit(self.ask, c, lookup=False) for c in calls[1:]]
        try:  # this thread would only wait: it asks the first call itself
            first = self.ask(calls[0], lookup=False)
            return [first, *(f.result() for f in futures)]
        except BaseException:  # on an interrupt or a failed call, leave the calls in flight behind
            for f in futures:
                f.cancel()
            raise


def stop_pools() -> None:
    """Let every call thread of this process end once its call does, and start no queued call (Ctrl-C):
    idle threads end at once instead of waiting for a next brief."""
    for pool in list(_pools):
        pool.shutdown(wait=False, cancel_futures=True)
