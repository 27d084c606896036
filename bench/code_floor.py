"""What code guarantees whatever the model answers: the pipeline's own prepare -> assemble -> finish with
scripted model answers, scored by ``briefer eval``'s scorer, in seconds instead of hours.

Each policy answers every call the way a model could at worst or at best: ``shy`` picks no name as
taking part in the main event and no statement as the focus's own doing; ``eager`` picks every one. A
field whose recall holds under ``shy`` does not depend on the model's choice. Only totals are printed
(run it on a held-out set without reading any case).

    .venv/bin/python bench/code_floor.py [PATH ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from briefer.compose import pipeline
from briefer.compose.assemble import assemble
from briefer.compose.calls import plan_calls
from briefer.compose.prepare import prepare
from briefer.config import Settings
from briefer.evals.cases import load_cases
from briefer.evals.score import score_case
from briefer.extract.focus import focus_on
from briefer.read.sources import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "evals" / "cases", ROOT / "evals" / "hostile",
           ROOT.parent / "shared" / "evalsets" / "giveme5w1h-dev" / "labels.json"]
FIELDS = ("who", "where", "when", "what", "focus_role")


def answers(calls: list[Any], policy: str) -> dict[str, Any]:
    """The answer of each call under ``policy``, read off its JSON schema."""
    out: dict[str, Any] = {}
    for call in calls:
        props = call.schema.get("properties", {})
        if call.name in ("who", "role"):
            [(key, spec)] = props.items()
            offered = spec["items"]["enum"][: spec.get("maxItems")]
            out[call.name] = call.check({key: [] if policy == "shy" else offered})
        elif call.name == "points":
            out[call.name] = call.check({"key": [], "open": []})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--policy", action="append", choices=("shy", "eager"))
    args = parser.parse_args()
    policies = args.policy or ["shy", "eager"]
    head = ("labels", "policy", "cases", *FIELDS, "status", "must-not", "ms/case")
    rows = []
    for path in args.paths or [p for p in DEFAULT if p.exists()]:
        cases = load_cases(path)
        for policy in policies:
            totals = {f: [0, 0] for f in FIELDS}
            status = [0, 0]
            violations = 0
            started = time.perf_counter()
            for case in cases:
                articles = load(case.articles)
                settings = Settings(model="none", focus=case.focus, summary="extract", embedded=True,
                                    today=case.today)
                focus = focus_on(case.focus)
                prep = prepare(articles, settings, focus)
                calls = plan_calls(prep, settings)
                draft = assemble(prep, settings, answers(calls, policy), [])
                brief = pipeline.finish(draft, [prep], articles, focus)
                result = score_case(case, brief, [str(a) for a in case.articles])
                for f in FIELDS:
                    s = result.fields.get(f)
                    if s is not None:
                        totals[f][0] += s.matched
                        totals[f][1] += s.labels
                status[0] += result.status_correct
                status[1] += result.status_found
                violations += len(result.violations)
            ms = (time.perf_counter() - started) * 1000 / max(len(cases), 1)
            shown = path.name if path.name != "labels.json" else path.parent.name
            rows.append((shown, policy, str(len(cases)),
                         *(f"{m}/{n}" if n else "-" for m, n in totals.values()),
                         f"{status[0]}/{status[1]}", str(violations), f"{ms:.0f}"))
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
