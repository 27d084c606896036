"""Concurrency: briefs against a fake server with a fixed latency per request, at several ``--concurrency``
levels, against the ideal (briefs x latency / concurrency: each brief's calls go out together, so one
brief costs one latency). Target: within 1.2x of ideal up to 16.

Each article is unique (a last line) and the cache is off, so every brief asks the server. The CPU
column is briefer's own CPU time for the run: when it nears the wall time, briefer (one Python process)
is the bottleneck, not the server.

    python bench/concurrency.py [--briefs 200] [--latency 0.2] [--levels 1,4,16,64]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from fakeproc import INPUTS, fake_server, remote_env, table  # bench/ is on sys.path

from briefer import config
from briefer.batching import batch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the server waits per request")
    parser.add_argument("--levels", default="1,4,16,64")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    rows = []
    with fake_server(delay=args.latency) as url, tempfile.TemporaryDirectory() as tmp:
        os.environ.update(remote_env(url, Path(tmp)))
        folder = Path(tmp) / "in"
        folder.mkdir()
        texts = [p.read_text(encoding="utf-8") for p in INPUTS]
        for i in range(args.briefs):
            (folder / f"a{i:04d}.txt").write_text(texts[i % len(texts)] + f"\n\nDesk note {i}: benchmark copy.\n")
        warm = Path(tmp) / "warm"  # imports, regex compiles, the client: not part of any level
        warm.mkdir()
        (warm / "w.txt").write_text(texts[0])
        batch(warm, Path(tmp) / "warm-out", settings=config.resolve(cache=False))
        for level in levels:
            settings = config.resolve(cache=False)
            wall, cpu = time.perf_counter(), time.process_time()
            result = batch(folder, Path(tmp) / f"out{level}", concurrency=level, settings=settings)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            ideal = args.briefs * args.latency / level
            rows.append([str(level), f"{wall:.2f}", f"{ideal:.2f}", f"{wall / ideal:.2f}", f"{cpu:.2f}",
                         f"{args.briefs / wall:.1f}", str(len(result.failed))])
    print(f"{args.briefs} briefs, {args.latency * 1000:.0f} ms per request, 4 calls per brief sent together, "
          "fake server in another process\n")
    print(table(["concurrency", "wall s", "ideal s", "x ideal", "CPU s", "briefs/s", "failed"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
