"""Tokens: what a brief's prompts spend on instructions and schema against the article itself, per mode.

Every call repeats the same prefix (system prompt, then the numbered articles) and adds its task, so a
server with a prompt cache (llama-server, vLLM, OpenAI) evaluates the articles once per brief. Counted with
briefer/tokens.py (tiktoken cl100k; an estimate for non-OpenAI models):

- article: the article sentences themselves, once per call;
- framing: markers, sentence numbers, dateline and publish lines around them;
- instructions: the system prompt and each call's task text (with the candidates it lists);
- schema: the JSON schema; in the prompt only in ``prompt`` mode (json_schema / json_object send it as
  ``response_format``, where llama-server turns it into a grammar rather than prompt tokens).

    python bench/tokens.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fakeproc import INPUTS, table  # bench/ is on sys.path

from briefer import config
from briefer.compose.calls import plan_calls
from briefer.compose.prepare import prepare
from briefer.extract.focus import focus_on
from briefer.model.client import call_messages
from briefer.model.tokens import PER_MESSAGE, count_messages, estimate
from briefer.read import sources


def measure(paths: list[Path], mode: str) -> dict[str, int]:
    settings = config.resolve(base_url="http://localhost/v1", api_key="k", model="m", mode=mode)
    prep = prepare(sources.load(paths), settings, focus_on(settings.focus))
    calls = plan_calls(prep, settings)
    system = estimate(prep.prefix[0]["content"]) + PER_MESSAGE
    block = estimate(prep.prefix[1]["content"])
    article = sum(estimate(" ".join(row.text.split())) for row in prep.sentences.values())
    out = {"calls": len(calls), "prompt": 0, "article": article, "framing": block - article, "system": system,
           "tasks": 0, "schema": 0, "schema_sent": 0}
    for call in calls:
        total = count_messages(call_messages(call, mode))
        schema = estimate(json.dumps(call.schema, separators=(",", ":")))
        in_prompt = schema if mode == "prompt" else 0
        out["prompt"] += total
        out["tasks"] += total - block - system - in_prompt
        out["schema"] += in_prompt
        out["schema_sent"] += schema
    out["prefix"] = system + block + PER_MESSAGE  # what the calls share
    return out


def main() -> int:
    sets = [[p] for p in INPUTS] + [list(INPUTS)]
    rows = []
    for mode in ("json_schema", "json_object", "prompt"):
        for paths in sets:
            m = measure(paths, mode)
            n = m["calls"]
            fixed_per_call = m["framing"] + m["system"] + (m["tasks"] + m["schema"]) / n
            uncached = m["prompt"] - (n - 1) * m["prefix"]
            rows.append([mode, "+".join(p.stem.split("-")[1] for p in paths), str(n), str(m["prompt"]),
                         str(m["article"]), str(m["framing"]), str(m["system"]), f"{m['tasks'] / n:.0f}",
                         f"{m['schema'] / n:.0f}", f"{m['schema_sent'] / n:.0f}",
                         f"{fixed_per_call / m['article']:.2f}", str(uncached),
                         f"{(uncached - m['article']) / m['article']:.2f}"])
    print("prompt tokens of one brief (tiktoken cl100k); per call: article, framing, system, task, schema\n")
    print(table(["mode", "articles", "calls", "prompt, all calls", "article", "framing", "system", "task",
                 "schema in prompt", "schema as format", "fixed/article per call", "prompt once cached",
                 "fixed/article cached"], rows))
    print("\nfixed = framing + system + task + schema in prompt. 'prompt once cached': what a server with a prompt "
          "cache evaluates\n(the shared system + articles prefix once per brief, then each call's task).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
