"""Concurrency: briefs against a fake server with a fixed latency per request, at several ``--concurrency``
levels, against the ideal (briefs x latency / concurrency: each brief's calls go out together, so one
brief costs one latency). Target: within 1.2x of ideal up to 16.

Each article is unique (a last line) and the cache is off, so every brief asks the server. Each level
runs with each ``--workers`` value (``auto``: what ``briefer batch`` picks, one process per 8 briefs at
once, at most one per CPU); a run's worker processes start with it, so their start is in its wall time.
The CPU column is briefer's own CPU time for the run, worker processes included: when it nears the wall
time times the CPUs it can use, briefer is the bottleneck, not the server.

Each level also has a floor row, "bare client": the same requests (4 per brief, sent together on threads
as briefer sends them, the same number of briefs at once) through the bare ``openai`` client in this
process, with no briefer work at all. No run of briefer at that level can beat it on this machine. The
server is ``bench/fastserver.py`` (one asyncio thread), so that it takes as little CPU as it can from
what is measured.

    python bench/concurrency.py [--briefs 200] [--latency 0.2] [--levels 1,4,16,64] [--workers 1,auto]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fakeproc import INPUTS, fake_server, remote_env, table  # bench/ is on sys.path

from briefer import config
from briefer.batching import _processes, batch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the server waits per request")
    parser.add_argument("--levels", default="1,4,16,64")
    parser.add_argument("--workers", default="1,auto", help="worker processes: numbers and/or auto")
    parser.add_argument("--no-floor", action="store_true", help="leave out the bare client's rows")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    choices: list[int | str] = [x if x == "auto" else int(x) for x in args.workers.split(",")]
    rows = []
    server = _children_cpu()
    with fake_server(delay=args.latency, lean=True) as url, tempfile.TemporaryDirectory() as tmp:
        os.environ.update(remote_env(url, Path(tmp)))
        folder = Path(tmp) / "in"
        folder.mkdir()
        texts = [p.read_text(encoding="utf-8") for p in INPUTS]
        for i in range(args.briefs):
            (folder / f"a{i:04d}.txt").write_text(texts[i % len(texts)] + f"\n\nDesk note {i}: benchmark copy.\n")
        warm = Path(tmp) / "warm"  # imports, regex compiles, the client, the forkserver: not part of any level
        warm.mkdir()
        for i in range(2):
            (warm / f"w{i}.txt").write_text(texts[0])
        batch(warm, Path(tmp) / "warm-out", settings=config.resolve(cache=False))
        batch(warm, Path(tmp) / "warm-out2", concurrency=2, workers=2, settings=config.resolve(cache=False))
        bodies = _bodies(config.resolve(cache=False)) if not args.no_floor else []
        for level in levels:
            if bodies:
                rows.append(floor(bodies, level, args.briefs, args.latency))
            settings = config.resolve(cache=False)
            runs = {_processes(w, settings, level, True): w for w in choices}  # "auto" may be one of the numbers
            for workers in sorted(runs):
                rows.append(measure(folder, Path(tmp) / f"out{level}-{workers}", level, workers, runs[workers],
                                    args.briefs, args.latency))
    print(f"{args.briefs} briefs, {args.latency * 1000:.0f} ms per request, 4 calls per brief sent together, "
          "lean fake server in another process\n")
    print(table(["concurrency", "workers", "wall s", "ideal s", "x ideal", "CPU s", "briefs/s", "failed"], rows))
    server = _children_cpu() - server  # the fake server has stopped: its CPU is in
    print(f"\nCPUs: {os.cpu_count()}; CPU s is briefer's own (this process and its workers), or the bare client's "
          f"on its rows; the fake server used {server:.2f} CPU s for all the runs")
    print("bare client: the same requests through the openai client alone, no briefer work: the floor of each level")
    return 0


def _bodies(settings: config.Settings) -> list[list[dict[str, Any]]]:
    """The request bodies of one brief of each input article, as briefer sends them."""
    from briefer.api import Briefer
    from briefer.model.client import call_messages, request_body
    from briefer.pipeline import plan_calls, prepare

    session = Briefer(settings)
    out = []
    for path in INPUTS:
        calls = plan_calls(prepare(session.articles([path]), settings), settings)
        out.append([request_body(settings, c, call_messages(c, settings.mode)) for c in calls])
    return out


def floor(bodies: list[list[dict[str, Any]]], level: int, briefs: int, latency: float) -> list[str]:
    """The bare ``openai`` client alone: ``briefs`` x the calls of a brief, ``level`` briefs at once, each
    brief's calls together (the first on the brief's own thread, as ``ModelClient.ask_all``)."""
    from briefer.api import Briefer
    from briefer.model.client import send

    client = Briefer(config.resolve(cache=False)).model.client
    calls = ThreadPoolExecutor(max_workers=4 * level)

    def one(i: int) -> None:
        mine = bodies[i % len(bodies)]
        rest = [calls.submit(send, client, b) for b in mine[1:]]
        send(client, mine[0])
        for f in rest:
            f.result()

    with ThreadPoolExecutor(max_workers=level) as at_once:
        list(at_once.map(one, range(min(briefs, 2 * level))))  # connections opened, as a warm batch has them
        wall, cpu = time.perf_counter(), time.process_time()
        list(at_once.map(one, range(briefs)))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    calls.shutdown()
    ideal = briefs * latency / level
    return [str(level), "bare client", f"{wall:.2f}", f"{ideal:.2f}", f"{wall / ideal:.2f}", f"{cpu:.2f}",
            f"{briefs / wall:.1f}", "0"]


def _children_cpu() -> float:
    """CPU seconds of the child processes that ended and were waited for (the fake server, once stopped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(folder: Path, out: Path, level: int, workers: int, asked: int | str, briefs: int,
            latency: float) -> list[str]:
    """One batch run: its row of the table."""
    settings = config.resolve(cache=False)
    wall, cpu = time.perf_counter(), time.process_time()
    result = batch(folder, out, concurrency=level, workers=workers, settings=settings)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu + result.worker_cpu
    ideal = briefs * latency / level
    label = f"{workers} (auto)" if asked == "auto" else str(workers)
    return [str(level), label, f"{wall:.2f}", f"{ideal:.2f}", f"{wall / ideal:.2f}", f"{cpu:.2f}",
            f"{briefs / wall:.1f}", str(len(result.failed))]


if __name__ == "__main__":
    sys.exit(main())
