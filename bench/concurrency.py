"""Concurrency: briefs against a fake server with a fixed latency per request, at several ``--concurrency``
levels, against the ideal (briefs x latency / concurrency: each brief's calls go out together, so one
brief costs one latency). Target: within 1.2x of ideal up to 16.

Each article is unique (a last line) and the cache is off, so every brief asks the server. Each level
runs with each ``--workers`` value (``auto``: what ``briefer batch`` picks, one process per 8 briefs at
once, at most one per CPU); a run's worker processes start with it, so their start is in its wall time.
The CPU column is briefer's own CPU time for the run, worker processes included: when it nears the wall
time times the CPUs it can use, briefer is the bottleneck, not the server.

Each level also has floor rows, "bare client": the same requests (4 per brief, sent together on threads
as briefer sends them, the same number of briefs at once, in as many processes as a run of the level)
through the bare ``openai`` client, with no briefer work at all: no run of briefer at that level can beat
it on this machine. The server is ``bench/fastserver.py`` (one asyncio thread), so that it takes as little
CPU as it can from what is measured.

    python bench/concurrency.py [--briefs 200] [--latency 0.2] [--levels 1,4,16,64] [--workers 1,auto]
                                [--burn 2,5,10] [--no-floor]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fakeproc import (  # bench/ is on sys.path
    INPUTS,
    brief_bodies,
    fake_server,
    remote_env,
    send_together,
    server_cpu,
    table,
)

from briefer import config
from briefer.api import Briefer
from briefer.batching.processes import shares
from briefer.batching.run import _processes, batch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the server waits per request")
    parser.add_argument("--levels", default="1,4,16,64")
    parser.add_argument("--workers", default="1,auto", help="worker processes: numbers and/or auto")
    parser.add_argument("--no-floor", action="store_true", help="leave out the bare client's rows")
    parser.add_argument("--burn", default="", help="ms of CPU per brief added to the bare client: more floor "
                        "rows (e.g. 2,5,10): how much work per brief a level leaves room for")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    choices: list[int | str] = [x if x == "auto" else int(x) for x in args.workers.split(",")]
    rows = []
    with fake_server(delay=args.latency) as url, tempfile.TemporaryDirectory() as tmp:
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
        bodies = [] if args.no_floor else brief_bodies(Briefer(config.resolve(cache=False)))
        for level in levels:
            settings = config.resolve(cache=False)
            runs = {_processes(w, settings, level, True): w for w in choices}  # "auto" may be one of the numbers
            for processes in sorted(runs) if bodies else []:
                for burn in [0.0, *(float(x) for x in args.burn.split(",") if x)]:
                    rows.append(_with_server(url, floor, bodies, level, args.briefs, args.latency, processes, burn))
            for workers in sorted(runs):
                rows.append(_with_server(url, measure, folder, Path(tmp) / f"out{level}-{workers}", level, workers,
                                         runs[workers], args.briefs, args.latency))
    print(f"{args.briefs} briefs, {args.latency * 1000:.0f} ms per request, 4 calls per brief sent together, "
          "lean fake server in another process\n")
    print(table(["concurrency", "workers", "wall s", "ideal s", "x ideal", "CPU s", "server CPU s", "briefs/s",
                 "failed"], rows))
    print(f"\nCPUs: {os.cpu_count()}; CPU s is briefer's own (this process and its workers), or the bare client's "
          "on its rows; server CPU s, the fake server's in the same run (warm-up included)")
    print("bare client: the same requests through the openai client alone, no briefer work: the floor of each "
          "level; + N ms: with N ms of CPU per brief besides")
    return 0


def _burn(ms: float) -> None:
    """``ms`` of this thread's CPU in Python, holding the GIL as briefer's own work does."""
    end = time.thread_time() + ms / 1000
    while time.thread_time() < end:
        sum(range(200))


def _share(bodies: list[list[dict[str, Any]]], level: int, briefs: int, ready: Any = None,
           out: Any = None, burn: float = 0.0) -> tuple[float, float]:
    """``briefs`` briefs' calls through one bare ``openai`` client, ``level`` briefs at once, each brief's calls
    together (the first on the brief's own thread, as ``ModelClient.ask_all``): (wall s, CPU s). ``ready``:
    a barrier to pass once warm (other processes run the other shares); ``out``: a queue for the result.
    ``burn``: ms of CPU per brief besides the calls, half before and half after (as prepare and finish)."""
    client = Briefer(config.resolve(cache=False)).model.client
    calls = ThreadPoolExecutor(max_workers=4 * level)

    def one(i: int) -> None:
        _burn(burn / 2)
        send_together(calls, client, bodies[i % len(bodies)])
        _burn(burn / 2)

    with ThreadPoolExecutor(max_workers=level) as at_once:
        list(at_once.map(one, range(min(briefs, 2 * level))))  # connections opened, as a warm batch has them
        if ready is not None:
            ready.wait()
        wall, cpu = time.perf_counter(), time.process_time()
        list(at_once.map(one, range(briefs)))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    calls.shutdown()
    if out is not None:
        out.put(cpu)
    return wall, cpu


def floor(bodies: list[list[dict[str, Any]]], level: int, briefs: int, latency: float, processes: int,
          burn: float = 0.0) -> list[str]:
    """The floor of a level: the bare client alone (plus ``burn`` ms of CPU per brief), in ``processes``
    processes sharing ``level`` and the briefs (as ``--workers``; their start is not timed)."""
    if processes == 1:
        wall, cpu = _share(bodies, level, briefs, burn=burn)
    else:
        ctx = multiprocessing.get_context("spawn")
        ready, out = ctx.Barrier(processes + 1), ctx.Queue()
        procs = [ctx.Process(target=_share, args=(bodies, n, briefs // processes + (i < briefs % processes), ready,
                                                  out, burn)) for i, n in enumerate(shares(level, processes))]
        for proc in procs:
            proc.start()
        ready.wait()
        wall = time.perf_counter()
        cpu = sum(out.get() for _ in procs)
        wall = time.perf_counter() - wall
        for proc in procs:
            proc.join()
    ideal = briefs * latency / level
    label = f"{processes}, bare client" + (f" + {burn:g} ms" if burn else "")
    return [str(level), label, f"{wall:.2f}", f"{ideal:.2f}", f"{wall / ideal:.2f}",
            f"{cpu:.2f}", f"{briefs / wall:.1f}", "0"]


def _with_server(url: str, run: Callable[..., list[str]], *args: Any) -> list[str]:
    """``run(*args)``'s row with the fake server's CPU seconds during it, before the last two columns."""
    before = server_cpu(url)
    row = run(*args)
    after = server_cpu(url)
    used = f"{after - before:.2f}" if before is not None and after is not None else "-"
    return [*row[:-2], used, *row[-2:]]


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
