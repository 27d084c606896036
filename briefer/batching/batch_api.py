"""``briefer batch --via openai-batch``: every call of every brief as one line of a Batch API job.

Code prepares each brief as usual (candidates, prompts), looks each call up in the cache, and writes one
request per missing call with ``custom_id`` ``<item-id>:<call>``. The job is submitted, polled, and its
answers are joined back by ``custom_id`` into the same path as a direct brief: the call's check (an answer
that fails it is re-asked directly), build, grounding, render, atomic write. Checked answers go into the
cache, so a rerun after a failure only sends what is still missing. ``OUTDIR/batch-api.json`` remembers the
submitted job: a rerun with the same requests (after Ctrl-C, say) polls it instead of submitting again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.api import Briefer
from briefer.batching.journal import write_atomic
from briefer.batching.outputs import JobResult, Run, Todo
from briefer.compose.assemble import assemble
from briefer.compose.calls import fits, plan_calls
from briefer.compose.pipeline import finish
from briefer.compose.prepare import Prepared, prepare
from briefer.config import Settings
from briefer.errors import ContextTooLong, InputError, ModelError, UsageError
from briefer.extract.focus import focus_on
from briefer.model import batch_files as batches
from briefer.model.batch_files import BatchAnswer
from briefer.model.client import Call, ModelClient, call_messages, request_body
from briefer.model.tokens import estimate
from briefer.schema import Brief, CallUsage

log = logging.getLogger("briefer.batch")

STATE = "batch-api.json"


@dataclass
class Pending:
    todo: Todo
    prep: Prepared
    settings: Settings
    calls: list[Call[Any]]
    found: dict[str, tuple[Any, CallUsage] | None]


def custom_id(item: str, call: str) -> str:
    return f"{item}:{call}"


def _prepare(item: Todo, session: Briefer, model: ModelClient) -> tuple[Pending, list[dict[str, Any]]]:
    job = item.job
    if job.problem:
        raise InputError(job.problem)
    settings = model.settings.with_(focus=job.focus) if job.focus else model.settings
    prep = prepare(session.articles([str(p) for p in job.paths]), settings, focus_on(settings.focus))
    calls = plan_calls(prep, settings)
    found = {call.name: model.lookup(call) for call in calls}
    missing = [call for call in calls if found[call.name] is None]
    if missing and not fits(missing, settings, estimate):  # one request per call: no chunking here
        raise ContextTooLong(f"the articles of {job.id} do not fit the model's {settings.context}-token context",
                             hint="brief them without --via openai-batch (long articles are then chunked)")
    lines = [{"custom_id": custom_id(job.id, call.name), "method": "POST", "url": "/v1/chat/completions",
              "body": request_body(settings, call, call_messages(call, settings.mode))} for call in missing]
    return Pending(item, prep, settings, calls, found), lines


def _assemble(p: Pending, model: ModelClient, replies: dict[str, BatchAnswer]) -> Brief:
    """The brief from cached and batch answers. Every good answer is checked and cached before a failed one
    fails the item, so that a rerun sends only what is still missing."""
    answers: dict[str, Any] = {}
    usage: list[CallUsage] = []
    problems: list[ModelError] = []
    for call in p.calls:
        hit = p.found[call.name]
        if hit is None:
            cid = custom_id(p.todo.job.id, call.name)
            reply = replies.get(cid)
            if reply is None or reply.error:
                problems.append(ModelError(f"the batch returned no answer for {cid}" if reply is None else
                                           f"the {call.name} call failed in the batch: {reply.error}",
                                           hint="run the batch again to retry it"))
                continue
            hit = _checked(call, cid, reply, model)
        answers[call.name] = hit[0]
        usage.append(hit[1])
    if problems:
        raise problems[0]
    return finish(assemble(p.prep, p.settings, answers, usage), [p.prep], p.prep.articles, p.prep.focus)


def _checked(call: Call[Any], cid: str, reply: BatchAnswer, model: ModelClient) -> tuple[Any, CallUsage]:
    """A batch answer through the call's check (and into the cache); one that fails is asked directly."""
    usage = CallUsage(name=call.name, prompt_tokens=reply.prompt_tokens, completion_tokens=reply.completion_tokens)
    try:
        value = model.accept(call, reply.content, reply.finish)
    except ValueError as exc:  # re-ask this one call directly, with the usual re-asks
        log.info("batch answer %s failed its check (%s); asking directly", cid, str(exc)[:120])
        value, direct = model.ask(call, lookup=False)
        direct.attempts += 1
        direct.prompt_tokens += usage.prompt_tokens
        direct.completion_tokens += usage.completion_tokens
        return value, direct
    model.store(call, reply.content, reply.finish, usage)
    return value, usage


def _requests_hash(lines: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(lines, sort_keys=True).encode()).hexdigest()


def _batch_answers(run: Run, model: ModelClient, lines: list[dict[str, Any]]) -> tuple[dict[str, BatchAnswer], Path]:
    if len(lines) > batches.MAX_REQUESTS:
        raise UsageError(f"{len(lines)} requests are more than one batch takes ({batches.MAX_REQUESTS})",
                         hint="split the articles into several batches")
    client, settings = model.client, model.settings
    state_path = run.outdir / STATE
    digest = _requests_hash(lines)
    batch_id = None
    try:
        state = json.loads(state_path.read_text())
        if state.get("requests") == digest:
            batch_id = str(state["batch_id"])
            if batches.status(client, settings, batch_id).status in ("failed", "expired", "cancelled"):
                batch_id = None
    except (OSError, ValueError, KeyError, ModelError):
        batch_id = None
    if batch_id is None:
        batch_id = batches.submit(client, settings, lines, {"tool": "briefer", "outdir": run.outdir.name[:60]})
        write_atomic(state_path, json.dumps({"batch_id": batch_id, "requests": digest,
                                             "submitted": time.time()}) + "\n")
    else:
        log.info("resuming batch %s", batch_id)
    seen: list[tuple[str, int]] = []

    def show(st: batches.BatchState) -> None:
        now = (st.status, st.completed + st.failed)
        if run.bar.enabled and (not seen or seen[-1] != now):
            seen.append(now)
            run.bar.note(f"batch {st.id}: {st.status}, {st.completed + st.failed}/{st.total or len(lines)} "
                         "requests answered")

    final = batches.wait(client, settings, batch_id, poll=settings.poll, on_status=show)
    return batches.collect(client, settings, final), state_path


def via_batch_api(run: Run, todo: list[Todo], session: Briefer) -> list[JobResult]:
    """Brief ``todo`` through the server's Batch API; results in the order of ``todo``."""
    if session.settings.local:
        raise UsageError("--via openai-batch needs a server with the Batch API, not the embedded model",
                         hint="give --base-url and OPENAI_API_KEY, or drop --via")
    model = session.model
    results: dict[str, JobResult] = {}
    pending: list[Pending] = []
    lines: list[dict[str, Any]] = []
    for item in todo:
        item.started = time.perf_counter()
        try:
            p, more = _prepare(item, session, model)
        except Exception as exc:  # this item's problem only

            def fail(exc: Exception = exc) -> Brief:
                raise exc

            results[item.job.id] = run.finish(item, fail)
            continue
        pending.append(p)
        lines.extend(more)
    replies, state = _batch_answers(run, model, lines) if lines else ({}, None)
    for p in pending:

        def made(p: Pending = p) -> Brief:
            return _assemble(p, model, replies)

        results[p.todo.job.id] = run.finish(p.todo, made)
    if state is not None:  # every answer is used (and cached): the job is no longer needed to resume
        state.unlink(missing_ok=True)
    return [results[item.job.id] for item in todo]
