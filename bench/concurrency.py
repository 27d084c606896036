"""Concurrency: briefs against a fake server with a fixed latency per request, at several ``--concurrency``
levels, against the ideal (briefs x latency / concurrency: each brief's calls go out together, so one
brief costs one latency). Target: within 1.2x of ideal up to 16.

Each article is unique (a last line) and the cache is off, so every brief asks the server. Each level
runs with each ``--workers`` value (``auto``: what ``briefer batch`` picks, one process per 8 briefs at
once, at most one per CPU); a run's worker processes start with it, so their start is in its wall time.
The CPU column is briefer's own CPU time for the run, worker processes included: when it nears the wall
time times the CPUs it can use, briefer is the bottleneck, not the server.

    python bench/concurrency.py [--briefs 200] [--latency 0.2] [--levels 1,4,16,64] [--workers 1,auto]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from fakeproc import INPUTS, fake_server, remote_env, table  # bench/ is on sys.path

from briefer import config
from briefer.batching import _processes, batch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the server waits per request")
    parser.add_argument("--levels", default="1,4,16,64")
    parser.add_argument("--workers", default="1,auto", help="worker processes: numbers and/or auto")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    choices: list[int | str] = [x if x == "auto" else int(x) for x in args.workers.split(",")]
    rows = []
    server = _children_cpu()
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
        for level in levels:
            settings = config.resolve(cache=False)
            runs = {_processes(w, settings, level, True): w for w in choices}  # "auto" may be one of the numbers
            for workers in sorted(runs):
                rows.append(measure(folder, Path(tmp) / f"out{level}-{workers}", level, workers, runs[workers],
                                    args.briefs, args.latency))
    print(f"{args.briefs} briefs, {args.latency * 1000:.0f} ms per request, 4 calls per brief sent together, "
          "fake server in another process\n")
    print(table(["concurrency", "workers", "wall s", "ideal s", "x ideal", "CPU s", "briefs/s", "failed"], rows))
    server = _children_cpu() - server  # the fake server has stopped: its CPU is in
    print(f"\nCPUs: {os.cpu_count()}; CPU s is briefer's own (this process and its workers); the fake server "
          f"used {server:.2f} CPU s for all the runs ({len(levels) * len(choices)} x {args.briefs} briefs or fewer)")
    return 0


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
