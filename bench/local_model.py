"""Brief the seed articles on the embedded model; compare briefer's wall time with the bare llama.cpp time.

The floor is what llama-server itself reports for the same requests (prompt evaluation + generation,
its `timings`): the ratio wall / floor is what briefer adds on top (candidates, prompts, the openai
client, validation, grounding, rendering). Target: under 1.05.

    python bench/local_model.py [ARTICLE ...] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from briefer import config
from briefer.api import Briefer, stop_local_servers

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, default=sorted((ROOT / "inputs").glob("*.txt")))
    parser.add_argument("--runs", type=int, default=1, help="briefs per article (the first warms the server)")
    parser.add_argument("--model", default=None, help="local model key or .gguf path")
    args = parser.parse_args()

    session = Briefer(config.resolve(local=True, model=args.model, cache=False))  # the model, not the cache
    started = time.perf_counter()
    session.connect()  # starts the server: timed apart from the briefs
    print(f"server start (model load): {time.perf_counter() - started:.1f} s")
    header = (f"{'article':34} {'wall s':>7} {'floor s':>8} {'ratio':>6} {'prompt':>7} {'compl':>6} "
              f"{'tok/s':>6} {'calls':>5}")
    print(header)
    print("-" * len(header))
    ratios = []
    try:
        for path in args.articles:
            for _ in range(args.runs):
                t0 = time.perf_counter()
                brief = session.brief([path])
                wall = time.perf_counter() - t0
                floor = sum(u.server_seconds for u in brief.usage)
                prompt = sum(u.prompt_tokens for u in brief.usage)
                completion = sum(u.completion_tokens for u in brief.usage)
                ratio = wall / floor if floor else float("nan")
                ratios.append(ratio)
                print(f"{path.stem[:34]:34} {wall:7.1f} {floor:8.1f} {ratio:6.3f} {prompt:7d} {completion:6d} "
                      f"{completion / wall:6.1f} {len(brief.usage):5d}")
                for u in brief.usage:
                    print(f"    {u.name:10} {u.seconds:6.1f} s  server {u.server_seconds:6.1f} s  "
                          f"prompt {u.prompt_tokens:5d}  completion {u.completion_tokens:4d}  tries {u.attempts}")
    finally:
        stop_local_servers()
    print(f"median ratio wall/floor: {statistics.median(ratios):.3f} (target < 1.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
