"""Speed of the deterministic extractors, as ratios of one bare pass over the same text measured in the same
run: ``find_dates`` on a 5 KB article, ``find_candidates`` on each seed article. (The tests check what they
find; how fast is measured here, never asserted in tests/.)

    .venv/bin/python bench/extract_speed.py [--runs 7]

The floor is one ``re.finditer(r"\\w+")`` over the same text: every extractor reads each word at least once.
The figures these replaced: find_dates under 20 ms on 5 KB, find_candidates under 100 ms a seed article.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefer.extract.candidates import find_candidates  # noqa: E402
from briefer.extract.dates import Anchor, find_dates  # noqa: E402
from briefer.extract.focus import focus_on  # noqa: E402
from briefer.read.sources import load  # noqa: E402

WORD = re.compile(r"\w+")


def best(fn: Callable[[int], object], runs: int) -> float:
    """The fastest of ``runs`` calls, in seconds (the least disturbed by the rest of the machine). Each call
    gets its run's number, to make its text its own: the extractors keep what they found for a text."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return min(times)


def floor(text: str, runs: int) -> float:
    return best(lambda i: sum(1 for _ in WORD.finditer(f"{text} {i}")), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    seeds = sorted((ROOT / "inputs").glob("*.txt"))
    [article] = load([seeds[0]])
    text = ((article.text + "\n\n") * 2)[:5000] + " It ended on Sunday morning, two days ago, at 6.10am on November 6."
    anchor = Anchor(published=datetime.date(2016, 11, 8))
    rows = [("find_dates, 5 KB", len(text), best(lambda i: find_dates(f"{text} {i}", anchor), args.runs),
             floor(text, args.runs))]
    canada = focus_on("Canada")
    today = Anchor(today=datetime.date(2026, 11, 23))
    for path in seeds:
        [a] = load([path])
        rows.append((f"find_candidates, {path.stem[:28]}", len(a.text),
                     best(lambda i, a=a: find_candidates(replace(a, text=f"{a.text} {i}"), canada, anchor=today),
                          args.runs), floor(a.text, args.runs)))
    print(f"{'extractor':48} {'chars':>6} {'ms':>8} {'floor ms':>9} {'x floor':>8}")
    for name, chars, seconds, base in rows:
        print(f"{name:48} {chars:6d} {seconds * 1000:8.2f} {base * 1000:9.3f} {seconds / base:8.0f}")


if __name__ == "__main__":
    main()
