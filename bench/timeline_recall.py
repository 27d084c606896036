"""When recall of the brief, with no model: dates are found, resolved, ranked and cut to the page by code
(``briefer.extract.dates``, ``briefer.compose.timeline``), so the brief's When is the same whichever model answers.

This runs the pipeline's own prepare -> assemble -> finish with no model answers and scores When with
``briefer eval``'s matcher, over eval folders or a labels.json (the giveme5w1h dev set is read at run time;
its texts stay outside the repository). It is the When column of ``briefer eval`` in seconds, not hours.

    .venv/bin/python bench/timeline_recall.py [PATH ...] [-v]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from briefer.compose import pipeline
from briefer.compose.assemble import assemble
from briefer.compose.prepare import prepare
from briefer.config import Settings
from briefer.evals.cases import load_cases
from briefer.evals.score import _match
from briefer.extract.focus import focus_on
from briefer.read.sources import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "evals" / "cases", ROOT / "evals" / "hostile",
           ROOT.parent / "shared" / "evalsets" / "giveme5w1h-dev" / "labels.json"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    rows = []
    for path in args.paths or [p for p in DEFAULT if p.exists()]:
        found = total = required = required_found = 0
        started = time.perf_counter()
        cases = load_cases(path)
        for case in cases:
            articles = load(case.articles)
            settings = Settings(model="none", focus=case.focus)
            prep = prepare(articles, settings, focus_on(settings.focus))
            brief = pipeline.finish(assemble(prep, settings, {}, []), [prep], articles, prep.focus)
            for label in case.when:
                hit = any(_match("when", label, d) for d in brief.when)
                total, found = total + 1, found + hit
                if label.required:
                    required, required_found = required + 1, required_found + hit
                if not hit and args.verbose:
                    print(f"miss {case.id}: {label.date or '-'} {label.text} | brief: "
                          f"{[(d.text, d.iso) for d in brief.when]}", file=sys.stderr)
        ms = (time.perf_counter() - started) * 1000 / max(len(cases), 1)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else Path("..", path.relative_to(ROOT.parent)) \
            if path.is_relative_to(ROOT.parent) else path
        rows.append((str(shown),
                     len(cases), f"{found}/{total}", f"{found / total:.2f}" if total else "-",
                     f"{required_found}/{required}", f"{ms:.0f}"))
    head = ("labels", "cases", "when found", "recall", "required found", "ms/case")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
