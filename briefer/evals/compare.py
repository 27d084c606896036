"""Comparing two eval runs over the same cases (two prompt dirs, two models): metrics side by side."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field, computed_field

from briefer.evals.report import SHORT, Report, Totals, frac, text_table
from briefer.evals.score import FIELDS, CaseResult

Metric = tuple[str, Callable[[Totals], float | None], bool]  # name, value, higher is better
METRICS: list[Metric] = [
    *((f"{SHORT[f]} recall", (lambda t, f=f: t.recall[f]), True) for f in FIELDS),
    ("precision", lambda t: t.precision_all, True),
    ("status accuracy", lambda t: t.status_accuracy, True),
    ("source attribution", lambda t: t.attribution, True),
    ("discrepancy recall", lambda t: t.discrepancy_recall, True),
    ("must-not violations", lambda t: t.must_not, False),
    ("grounding rate", lambda t: t.grounding_rate, True),
    ("verbatim rate", lambda t: t.verbatim_rate, True),
    ("schema-valid rate", lambda t: t.schema_valid_rate, True),
    ("guessed years", lambda t: t.guessed_years, False),
    ("focus-role items", lambda t: t.focus_role_items, False),
    ("mean seconds", lambda t: t.seconds_mean, False),
    ("prompt tokens", lambda t: t.prompt_tokens, False),
    ("completion tokens", lambda t: t.completion_tokens, False),
]


def show(x: float | None) -> str:
    if x is None:
        return "-"
    return str(int(x)) if float(x).is_integer() and abs(x) >= 2 else f"{x:.3f}".rstrip("0").rstrip(".")


class MetricRow(BaseModel):
    metric: str
    a: float | None
    b: float | None
    delta: float | None
    verdict: str = Field(description="better, worse, or empty when equal or unknown")


class LabelChange(BaseModel):
    case: str
    field: str
    label: str
    found_by: str


def signed(x: float | None) -> str:
    return "" if x is None else ("+" if x > 0 else "") + show(x)


class Comparison(BaseModel):
    """Two reports over the same cases: A (``name_a``) against B (``name_b``)."""

    name_a: str = "A"
    name_b: str = "B"
    a: Report
    b: Report

    # mypy does not model a decorator over @property; pydantic's docs give this very ignore for computed_field
    @computed_field  # type: ignore[prop-decorator]
    @property
    def metrics(self) -> list[MetricRow]:
        ta, tb = self.a.totals, self.b.totals
        out: list[MetricRow] = []
        for name, get, up in METRICS:
            va, vb = get(ta), get(tb)
            d = None if va is None or vb is None else vb - va
            verdict = "" if not d else ("better" if (d > 0) == up else "worse")
            out.append(MetricRow(metric=name, a=va, b=vb, delta=d, verdict=verdict))
        return out

    # mypy does not model a decorator over @property; pydantic's docs give this very ignore for computed_field
    @computed_field  # type: ignore[prop-decorator]
    @property
    def label_changes(self) -> list[LabelChange]:
        """Labels found by one configuration and missed by the other."""
        bcases = {c.case: c for c in self.b.cases}
        out = []
        for ca in self.a.cases:
            cb = bcases.get(ca.case)
            if cb is None:
                continue
            found_b = {(r.field, r.label): r for r in cb.labels}
            for ra in ca.labels:
                rb = found_b.get((ra.field, ra.label))
                if rb is not None and ra.matched != rb.matched:
                    out.append(LabelChange(case=ca.case, field=ra.field, label=ra.label,
                                           found_by=self.name_a if ra.matched else self.name_b))
        return out

    def table(self) -> str:
        rows = [[m.metric, show(m.a), show(m.b), signed(m.delta), m.verdict] for m in self.metrics]
        out = [text_table(["metric", self.name_a, self.name_b, "delta", ""], rows)]
        bcases = {c.case: c for c in self.b.cases}
        per_case = [[c.case, *pair_cells(c, bcases.get(c.case))] for c in self.a.cases]
        out += ["", text_table(["case", f"found {self.name_a}", f"found {self.name_b}",
                                f"must-not {self.name_a}", f"must-not {self.name_b}",
                                f"time {self.name_a}", f"time {self.name_b}"], per_case)]
        if self.label_changes:
            out += ["", "labels found by only one side:"]
            out += [f"  {x.case} {x.field}: {x.label} (only {x.found_by})" for x in self.label_changes]
        return "\n".join(out)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)


def _found(c: CaseResult | None) -> str:
    if c is None:
        return "-"
    return frac(sum(s.matched for s in c.fields.values()), sum(s.labels for s in c.fields.values()))


def pair_cells(a: CaseResult, b: CaseResult | None) -> list[str]:
    return [_found(a), _found(b), str(len(a.violations)), "-" if b is None else str(len(b.violations)),
            f"{a.seconds:.1f}s", "-" if b is None else f"{b.seconds:.1f}s"]


__all__ = ["Comparison", "LabelChange", "MetricRow"]
