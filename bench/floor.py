"""What a brief costs against reading the article once, side by side on the embedded model, per article:

- the floor: a warm server reads the brief's own prompt prefix (system + numbered article) once and
  answers one token;
- naive: one call asking for the whole brief as JSON (headline, summary, who, where, when, the focus's role,
  key points), the way a plain client would;
- briefer: `briefer brief ARTICLE` one-shot, as a user runs it (its own server start included, no cache).

The ratio to the floor is the figure: machines here differ fourfold in speed, ratios measured in one run do
not. Seeds and the dev sample (evals/dev-sample.txt, read from ../shared/evalsets at run time) by default.

    python bench/floor.py [ARTICLE ...] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from briefer import config
from briefer.compose.prepare import prepare
from briefer.extract.focus import focus_on
from briefer.model.local import LocalServer, resolve_model
from briefer.read.sources import load

ROOT = Path(__file__).resolve().parent.parent
DEV = next((p / "shared" / "evalsets" / "giveme5w1h-dev" for p in (ROOT.parent, ROOT.parent.parent)
            if (p / "shared").is_dir()), ROOT.parent / "shared" / "evalsets" / "giveme5w1h-dev")

NAIVE_SCHEMA: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "required": ["headline", "summary", "who", "where", "when", "focus_role", "key_points"],
    "properties": {
        "headline": {"type": "string"}, "summary": {"type": "string"},
        "who": {"type": "array", "maxItems": 6, "items": {"type": "string"}},
        "where": {"type": "array", "maxItems": 4, "items": {"type": "string"}},
        "when": {"type": "array", "maxItems": 4, "items": {"type": "string"}},
        "focus_role": {"type": "array", "maxItems": 6, "items": {
            "type": "object", "additionalProperties": False, "required": ["claim", "status"],
            "properties": {"claim": {"type": "string"},
                           "status": {"enum": ["done", "planned", "expected", "speculative"]}}}},
        "key_points": {"type": "array", "maxItems": 4, "items": {"type": "string"}},
    },
}


def default_articles() -> list[Path]:
    seeds = sorted((ROOT / "inputs").glob("*.txt"))
    sample = ROOT / "evals" / "dev-sample.txt"
    names = [n.strip() for n in sample.read_text().splitlines() if n.strip() and not n.startswith("#")] \
        if sample.is_file() else []
    return [*seeds, *(DEV / f"{n}.txt" for n in names if (DEV / f"{n}.txt").is_file())]


def post(server: LocalServer, messages: list[dict[str, str]], max_tokens: int,
         schema: dict[str, Any] | None = None) -> tuple[float, dict[str, Any]]:
    import httpx2 as httpx  # the HTTP client openai itself uses

    body: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens, "temperature": 0, "seed": 7,
                            "repeat_penalty": 1.0, "cache_prompt": True}
    if schema is not None:
        body["response_format"] = {"type": "json_schema", "json_schema": {"name": "brief", "schema": schema}}
    started = time.perf_counter()
    reply = httpx.post(f"{server.base_url}/chat/completions", json=body, timeout=900,
                       headers={"Authorization": f"Bearer {server.api_key}"})
    reply.raise_for_status()
    return time.perf_counter() - started, reply.json()


def measure(path: Path, settings: config.Settings) -> dict[str, Any]:
    article = load([path])
    prep = prepare(article, settings, focus_on(settings.focus))
    server = LocalServer(resolve_model(settings.model), ctx=settings.context).start()
    try:
        # Warm, as briefer's own server is: the model has run and the system prompt is in the server's cache.
        post(server, [prep.prefix[0], {"role": "user", "content": "OK?"}], 1)
        floor, floor_body = post(server, prep.prefix, 1)
        ask = {"role": "user", "content": prep.prefix[1]["content"] + "\n\nTask: write the brief of these articles "
               f"as JSON: headline, a 2-3 sentence summary, who, where, when, what {settings.focus} does "
               "(each claim with its status: done, planned, expected or speculative) and key points."}
        naive, naive_body = post(server, [prep.prefix[0], ask], 700, NAIVE_SCHEMA)
    finally:
        server.stop()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "briefer", "brief", str(path), "--no-cache", "-f", "json"],
                          capture_output=True, text=True, check=False)
    one_shot = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"briefer brief {path} failed: {done.stderr.strip()}")
    usage = json.loads(done.stdout)["usage"]
    return {"article": path.stem, "floor": floor, "floor_prompt": floor_body["usage"]["prompt_tokens"],
            "naive": naive, "naive_prompt": naive_body["usage"]["prompt_tokens"],
            "naive_out": naive_body["usage"]["completion_tokens"], "briefer": one_shot, "calls": usage}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path)
    args = parser.parse_args()
    settings = config.resolve(local=True, cache=False)
    rows = [measure(p, settings) for p in args.articles or default_articles()]
    print(f"{'article':36} {'floor s':>8} {'prompt':>6} {'naive s':>8} {'x floor':>7} {'out':>4} "
          f"{'briefer s':>9} {'x floor':>7}  calls (prompt / reused / out tokens)")
    for r in rows:
        calls = ", ".join(f"{u['name']} {u['prompt_tokens']}/{u['reused_tokens']}/{u['completion_tokens']}"
                          for u in r["calls"])
        print(f"{r['article'][:36]:36} {r['floor']:8.1f} {r['floor_prompt']:6d} {r['naive']:8.1f} "
              f"{r['naive'] / r['floor']:7.2f} {r['naive_out']:4d} {r['briefer']:9.1f} "
              f"{r['briefer'] / r['floor']:7.2f}  {calls}")
    print(f"median x floor: naive {statistics.median(r['naive'] / r['floor'] for r in rows):.2f}, "
          f"briefer {statistics.median(r['briefer'] / r['floor'] for r in rows):.2f} (target <= 3, aim 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
