"""Overhead: briefs against a fake server that answers at once; the time per brief spent in briefer itself
(read, candidates and prompts, calls with validation, build and grounding, render and atomic write),
against the bare ``openai`` round trip of the same requests to the same server (its own process).

"Own time" is briefer's CPU time per brief (the server's work is in another process, and waiting is not
CPU): the part of a brief that more machines or a faster model cannot remove. It is shown with and
without the official ``openai`` client's own cost per request, measured here on bare requests sent the
way briefer sends them (``client.post``, see ``model.client.send``); the typed
``client.chat.completions.create`` is measured too, for comparison. Target: briefer itself under 10 ms
per brief.

    python bench/overhead.py [--briefs 1000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fakeproc import INPUTS, brief_bodies, fake_server, remote_env, send_together, table  # bench/ is on sys.path

from briefer import config, render
from briefer.api import Briefer
from briefer.batching.journal import write_atomic
from briefer.compose.assemble import assemble
from briefer.compose.calls import plan_calls
from briefer.compose.pipeline import finish
from briefer.compose.prepare import prepare
from briefer.extract.focus import focus_on
from briefer.model.client import send

STAGES = ("read", "prepare", "calls", "build+ground", "render+write")


def _ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:.2f}"


def run(n: int, profile: bool) -> int:
    with fake_server() as url, tempfile.TemporaryDirectory() as tmp:
        os.environ.update(remote_env(url, Path(tmp)))
        settings = config.resolve(cache=False)  # every brief asks the server
        session = Briefer(settings)
        model = session.model
        client = model.client

        # Baseline: the same requests through the bare openai client, one at a time.
        bodies = brief_bodies(session)
        calls_per_brief = statistics.mean(len(b) for b in bodies)
        bare_wall, bare_cpu, typed_wall, typed_cpu = [], [], [], []
        for i in range(max(200, n // 2)):
            body = bodies[i % len(bodies)][i % len(bodies[i % len(bodies)])]
            w, c = time.perf_counter(), time.process_time()
            send(client, body)["choices"][0]["message"]["content"]
            bare_wall.append(time.perf_counter() - w)
            bare_cpu.append(time.process_time() - c)
            w, c = time.perf_counter(), time.process_time()
            client.chat.completions.create(**body).choices[0].message.content  # noqa: B018
            typed_wall.append(time.perf_counter() - w)
            typed_cpu.append(time.process_time() - c)

        # The same baseline with each brief's requests sent together, on threads, as briefer sends them: the
        # client's cost when its requests run at once (they contend for the GIL), with no briefer work.
        pool = ThreadPoolExecutor(max_workers=4)
        together_cpu = []
        for i in range(max(200, n // 2)):
            c = time.process_time()
            send_together(pool, client, bodies[i % len(bodies)])
            together_cpu.append(time.process_time() - c)
        pool.shutdown()

        texts = [p.read_text(encoding="utf-8") for p in INPUTS]
        stages: dict[str, list[float]] = {s: [] for s in STAGES}
        walls, cpus = [], []
        out = Path(tmp) / "out"
        out.mkdir()

        def one(i: int) -> tuple[list[float], float]:
            text = texts[i % len(texts)] + f"\n\nDesk note {i}: filed for the overhead benchmark."  # unique
            t = [time.perf_counter()]
            c0 = time.process_time()
            articles = session.articles(text, text=True)
            t.append(time.perf_counter())
            prep = prepare(articles, settings, focus_on(settings.focus))
            calls = plan_calls(prep, settings)
            t.append(time.perf_counter())
            results = model.ask_all(calls)
            t.append(time.perf_counter())
            answers = {c.name: r[0] for c, r in zip(calls, results, strict=True)}
            brief = finish(assemble(prep, settings, answers, [r[1] for r in results]), [prep], articles, prep.focus)
            t.append(time.perf_counter())
            write_atomic(out / f"{i % 50}.md", render.to_markdown(brief))
            t.append(time.perf_counter())
            return t, time.process_time() - c0

        for i in range(n + 20):  # the first 20 warm up
            t, cpu = one(i)
            if i >= 20:
                cpus.append(cpu)
                walls.append(t[-1] - t[0])
                for k, stage in enumerate(STAGES):
                    stages[stage].append(t[k + 1] - t[k])
        profiler = None
        if profile:  # apart from the timed briefs: the profiler slows what it watches
            profiler = cProfile.Profile()
            profiler.enable()
            for i in range(min(n, 200)):
                one(n + 20 + i)
            profiler.disable()

    bare = statistics.median(bare_wall)
    rows = [[s, _ms(stages[s]), f"{statistics.median(stages[s]) / statistics.median(walls):.2f}"] for s in STAGES]
    rows.append(["brief, wall", _ms(walls), "1.00"])
    print(f"{n} briefs of {len(INPUTS)} seed articles (each made unique by a last line), {calls_per_brief:.1f} "
          "calls each (sent together), fake server in another process, answering at once\n")
    print(table(["stage (median per brief)", "ms", "share"], rows))
    print()
    own = statistics.median(cpus)
    client_cpu = statistics.median(bare_cpu) * calls_per_brief
    together = statistics.median(together_cpu)
    rows = [["bare openai round trip, per request (wall)", f"{bare * 1000:.2f}", "1.00"],
            ["bare openai round trip, per request (CPU)", _ms(bare_cpu), f"{statistics.median(bare_cpu) / bare:.2f}"],
            ["  typed chat.completions.create (wall)", _ms(typed_wall), f"{statistics.median(typed_wall) / bare:.2f}"],
            ["  typed chat.completions.create (CPU)", _ms(typed_cpu), f"{statistics.median(typed_cpu) / bare:.2f}"],
            ["briefer brief, wall", _ms(walls), f"{statistics.median(walls) / bare:.2f}"],
            ["briefer brief, CPU (own time)", f"{own * 1000:.2f}", f"{own / bare:.2f}"],
            ["  of which the openai client (CPU x calls)", f"{client_cpu * 1000:.2f}", f"{client_cpu / bare:.2f}"],
            ["  briefer without the client", f"{(own - client_cpu) * 1000:.2f}", f"{(own - client_cpu) / bare:.2f}"],
            ["a brief's requests sent together, bare client (CPU)", f"{together * 1000:.2f}", f"{together / bare:.2f}"],
            ["  briefer without the client sent together", f"{(own - together) * 1000:.2f}",
             f"{(own - together) / bare:.2f}"]]
    print(table(["per brief vs the bare round trip", "ms", "x bare"], rows))
    itself = own - client_cpu
    print(f"\nbriefer itself: {itself * 1000:.1f} ms per brief ({'meets' if itself < 0.010 else 'misses'} the 10 ms "
          f"target); with the openai client's {client_cpu * 1000:.1f} ms: {own * 1000:.1f} ms")
    print(f"sent together, the bare client costs {together * 1000:.1f} ms per brief "
          f"({(together - client_cpu) * 1000:.1f} ms more than one at a time: the GIL); beyond that, briefer's own "
          f"work is {(own - together) * 1000:.1f} ms")
    if profiler:
        print()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="print the top costs (cProfile, by own time)")
    args = parser.parse_args()
    return run(args.briefs, args.profile)


if __name__ == "__main__":
    sys.exit(main())
