"""Discrepancy false alarms: every pair of articles in a folder, compared as if briefed together.

Unrelated articles and different reports of one story (the giveme5w1h dev set has several: the FBI
letter, the Trump-Obama meeting, the Cubs, Toblerone) should raise no discrepancy unless the reports
really disagree; every flag is printed with both quotes to be judged by hand. Also counts the sentence
pairs that ``merge`` treats as the same fact (support across articles) and the time taken. The article
texts are read at run time and stay outside the repository.

    .venv/bin/python bench/discrepancy_alarms.py [DIR ...] [-v]
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from briefer.compose.discrepancies import find_discrepancies
from briefer.compose.merge import facts_of, same_fact
from briefer.extract.candidates import find_candidates
from briefer.extract.focus import focus_on
from briefer.read.sources import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT.parent / "shared" / "evalsets" / "giveme5w1h-dev", ROOT / "inputs"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("-v", "--verbose", action="store_true", help="print the same-fact sentence pairs too")
    args = parser.parse_args()
    paths = sorted(p for d in args.dirs if d.is_dir() for p in d.iterdir() if p.suffix in (".txt", ".md", ".html"))
    articles = load(paths)
    start = time.perf_counter()
    canada = focus_on("Canada")
    facts = facts_of([(a, find_candidates(a, canada)) for a in articles], [a.id for a in articles])
    found = find_discrepancies(facts, canada.pattern)
    seconds = time.perf_counter() - start
    same = [(a.id, b.id, s, t) for a, b in itertools.combinations(facts, 2) for s in a.body for t in b.body
            if same_fact(s, t)]
    pairs = len(facts) * (len(facts) - 1) // 2
    print(f"{'articles':<28}{len(facts):>8}")
    print(f"{'article pairs':<28}{pairs:>8}")
    print(f"{'discrepancies flagged':<28}{len(found):>8}")
    print(f"{'same-fact sentence pairs':<28}{len(same):>8}")
    print(f"{'seconds (candidates + all)':<28}{seconds:>8.2f}")
    for d in found:
        print(f"\n{d.kind}: {d.about}")
        for q in d.quotes:
            print(f"  [{q.source}] {q.text[:160]}")
    if args.verbose:
        for a, b, s, t in same:
            print(f"\nsame fact: [{a}] {s[:120]}\n           [{b}] {t[:120]}")


if __name__ == "__main__":
    main()
