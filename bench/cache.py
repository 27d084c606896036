"""Cache: a brief whose calls are all in the response cache, through the CLI path, against the same brief
asked of a fake server (cold cache). Target: under 50 ms per warm brief, interpreter start excluded.

Rows: the CLI in this process (``briefer brief FILE`` through click, imports already done), and a fresh
``python -m briefer brief FILE`` process less a bare ``python -c pass`` (so with briefer's imports: the
price of a new process per brief). Every cold brief is of a new article (a unique last line).

    python bench/cache.py [--briefs 30] [--latency 0]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from fakeproc import INPUTS, ROOT, fake_server, remote_env, table  # bench/ is on sys.path

from briefer.cli.main import main as cli


def _brief(path: Path) -> float:
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["brief", str(path)])
    elapsed = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(f"brief failed: {result.stderr}")
    return elapsed


def _process(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=30)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds the fake server waits per request")
    args = parser.parse_args()
    with fake_server(args.latency) as url, tempfile.TemporaryDirectory() as tmp:
        os.environ.update(remote_env(url, Path(tmp)))
        texts = [p.read_text(encoding="utf-8") for p in INPUTS]
        paths = []
        for i in range(args.briefs + 1):
            path = Path(tmp) / f"a{i:03d}.txt"
            path.write_text(texts[i % len(texts)] + f"\n\nDesk note {i}: benchmark copy.\n")
            paths.append(path)
        _brief(paths[-1])  # imports and first-use costs, in no row
        cold = [_brief(p) for p in paths[:-1]]
        warm = [_brief(p) for p in paths[:-1]]
        check = subprocess.run([sys.executable, "-c", "import sys, runpy; sys.argv = ['briefer', 'brief', "
                                f"{str(paths[0])!r}]\ntry: runpy.run_module('briefer', run_name='__main__')\n"
                                "except SystemExit: pass\nprint('openai' in sys.modules, file=sys.stderr)"],
                               capture_output=True, text=True, cwd=ROOT)
        n = min(10, args.briefs)
        bare = statistics.median(_process(["-c", "pass"]) for _ in range(n))
        process = statistics.median(_process(["-m", "briefer", "brief", str(p)]) for p in paths[:n])
    c, w = statistics.median(cold), statistics.median(warm)
    rows = [["cold cache: fake server answers (CLI, in process)", f"{c * 1000:.1f}", "1.00"],
            ["warm cache: every call cached (CLI, in process)", f"{w * 1000:.1f}", f"{w / c:.2f}"],
            ["warm cache, new process, less bare interpreter start", f"{(process - bare) * 1000:.1f}",
             f"{(process - bare) / c:.2f}"],
            ["  (bare `python -c pass`)", f"{bare * 1000:.1f}", f"{bare / c:.2f}"]]
    print(f"{args.briefs} briefs of new articles, fake server latency {args.latency * 1000:.0f} ms per request, "
          "median per brief\n")
    print(table(["brief", "ms", "x cold"], rows))
    openai_imported = check.stderr.strip().splitlines()[-1] if check.stderr.strip() else "?"
    print(f"\nwarm in-process brief {w * 1000:.1f} ms: {'meets' if w < 0.050 else 'misses'} the 50 ms target; "
          f"a warm brief in a new process imports openai: {openai_imported}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
