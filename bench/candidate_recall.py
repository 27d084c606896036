"""Candidate recall: how many labelled who/where/when items the deterministic candidate finder offers.

The model can only pick what ``briefer.extract.candidates`` finds, so this is the ceiling of its who/where/when
recall. Reads the labelled set at run time (its texts stay outside the repository) and the two seed
articles of ``inputs/`` with hand labels.

    .venv/bin/python bench/candidate_recall.py [DATASET_DIR] [--inputs inputs] [--max-names 14] [-v]

A who/where label matches when its name or an alias equals or is contained in a candidate name or alias,
or the other way round (case-insensitive). A when label matches a date mention with the same ISO date
when the label has one, else a mention whose text contains or is contained in one of the label's texts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from briefer.extract.candidates import Candidates, find_candidates
from briefer.extract.focus import focus_on
from briefer.read.sources import load

ROOT = Path(__file__).resolve().parent.parent

FIELDS = ("who", "where", "when")
SEED_LABELS: dict[str, dict[str, list[dict[str, Any]]]] = {
    "carney-arrives-in-paris.txt": {
        "who": [{"name": "Mark Carney", "aliases": ["Carney"]}, {"name": "Nadia Burger", "aliases": []}],
        "where": [{"name": "Paris", "aliases": []}],
        "when": [{"date": "2026-01-05", "text": ["Monday, January 5, 2026"]}],
    },
    "carney-coalition-talks-paris.txt": {
        "who": [{"name": "Mark Carney", "aliases": ["Carney"]}, {"name": "Mark Rutte", "aliases": []},
                {"name": "Denmark's and Finland's heads of government", "aliases": []},
                {"name": "coalition of the willing", "aliases": []}],
        "where": [{"name": "Paris", "aliases": []}],
        "when": [{"date": "2026-01-06", "text": ["January 6", "on Tuesday"]}],
    },
}


def _overlaps(a: str, b: str) -> bool:
    a, b = a.casefold().replace("’", "'"), b.casefold().replace("’", "'")
    return bool(a and b) and (a in b or b in a)


def name_found(label: dict[str, Any], cands: Candidates, aliases: bool = True) -> bool:
    forms = [label["name"], *(label.get("aliases", []) if aliases else [])]
    found = [f for n in cands.names for f in (n.name, *n.aliases)]
    return any(_overlaps(f, c) for f in forms for c in found)


def when_found(label: dict[str, Any], cands: Candidates) -> bool:
    if label.get("date"):
        return any(d.iso == label["date"] for d in cands.dates)
    return any(_overlaps(t, d.text) for t in label.get("text", []) for d in cands.dates)


def score(cases: dict[str, dict[str, Any]], folder: Path, max_names: int, verbose: bool
          ) -> tuple[dict[str, list[int]], list[float]]:
    """{field: [found, total, found by the label's main name alone]} and find_candidates times (ms)."""
    totals = {f: [0, 0, 0] for f in FIELDS}
    times: list[float] = []
    for name, labels in sorted(cases.items()):
        article = load([folder / name])[0]
        start = time.perf_counter()
        cands = find_candidates(article, focus_on("Canada"), max_names=max_names)
        times.append((time.perf_counter() - start) * 1000)
        for fld in FIELDS:
            for label in labels.get(fld, []):
                ok = when_found(label, cands) if fld == "when" else name_found(label, cands)
                totals[fld][0] += ok
                totals[fld][1] += 1
                totals[fld][2] += ok if fld == "when" else name_found(label, cands, aliases=False)
                if verbose and not ok:
                    shown = label.get("name") or label.get("date") or label.get("text")
                    print(f"  miss {fld:5} {name}: {shown!r}")
                    if fld == "when":
                        print("        dates:", [(d.text, d.iso) for d in cands.dates][:12])
                    else:
                        print("        names:", [n.name for n in cands.names])
    return totals, times


def _table(title: str, totals: dict[str, list[int]], times: list[float]) -> None:
    print(f"\n{title}")
    print(f"  {'field':6} {'found':>5} {'total':>5} {'recall':>7}   {'main name only':>14}")
    for fld in FIELDS:
        found, total, strict = totals[fld]
        recall = f"{found / total:.3f}" if total else "-"
        strict_recall = f"{strict}/{total} {strict / total:.3f}" if total else "-"
        print(f"  {fld:6} {found:>5} {total:>5} {recall:>7}   {strict_recall:>14}")
    if times:
        print(f"  find_candidates: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms "
              f"over {len(times)} articles")


def _here_or_in_repo(path: str) -> Path:
    """A relative path as given when it exists from the current folder, else relative to the repository."""
    p = Path(path)
    return p if p.is_absolute() or p.exists() else ROOT / p


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", default="../shared/evalsets/giveme5w1h-dev",
                        help="folder with the articles and labels.json")
    parser.add_argument("--inputs", default="inputs", help="folder with the seed articles")
    parser.add_argument("--max-names", type=int, default=14)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every label not found")
    args = parser.parse_args(argv)

    dataset = _here_or_in_repo(args.dataset)
    labels_path = dataset / "labels.json"
    if labels_path.is_file():
        cases = json.loads(labels_path.read_text(encoding="utf-8"))["cases"]
        totals, times = score(cases, dataset, args.max_names, args.verbose)
        _table(f"{dataset.name}: {len(cases)} articles", totals, times)
    else:
        print(f"{labels_path}: not found; pass the dataset folder as the first argument", file=sys.stderr)
    inputs = _here_or_in_repo(args.inputs)
    seeds = {k: v for k, v in SEED_LABELS.items() if (inputs / k).is_file()}
    if seeds:
        totals, times = score(seeds, inputs, args.max_names, args.verbose)
        _table(f"seed articles ({inputs}): {len(seeds)} articles", totals, times)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
