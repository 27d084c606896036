"""Evals: how right a brief is, in numbers, against hand-labelled cases (see evals/README.md).

    from briefer.evals import evaluate
    report = evaluate("evals/cases", model="...")
    print(report.table())
    failures = report.failed_thresholds(min_recall=0.8)
"""

from __future__ import annotations

from briefer.evals.cases import Case, MustNot, NameLabel, RoleLabel, WhatLabel, WhenLabel, load_cases
from briefer.evals.compare import Comparison
from briefer.evals.report import Report, Totals
from briefer.evals.runner import Judge, MakeBrief, compare, default_make_brief, evaluate, run_cases
from briefer.evals.score import CaseResult, score_case

__all__ = ["Case", "CaseResult", "Comparison", "Judge", "MakeBrief", "MustNot", "NameLabel", "Report",
           "RoleLabel", "Totals", "WhatLabel", "WhenLabel", "compare", "default_make_brief", "evaluate",
           "load_cases", "run_cases", "score_case"]
