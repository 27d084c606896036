"""The eval report: totals over cases, thresholds, and its three forms (terminal table, JSON, HTML)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import mean

from pydantic import BaseModel, Field, computed_field

from briefer.errors import UsageError
from briefer.evals.score import FIELDS, CaseResult

SHORT = {"who": "who", "where": "where", "when": "when", "what": "what", "focus_role": "role"}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


class CallStats(BaseModel):
    calls: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    reused_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0


class Totals(BaseModel):
    """Everything summed over the cases of a report. Recall is micro-averaged unless said macro."""

    cases: int = 0
    failed: int = 0
    schema_valid_rate: float | None = None
    labels: dict[str, int] = Field(default_factory=dict)
    matched: dict[str, int] = Field(default_factory=dict)
    recall: dict[str, float | None] = Field(default_factory=dict)
    recall_macro: dict[str, float | None] = Field(default_factory=dict)
    precision: dict[str, float | None] = Field(default_factory=dict)
    precision_all: float | None = None
    unmatched: dict[str, int] = Field(default_factory=dict)
    unmatched_unverified: dict[str, int] = Field(default_factory=dict)
    what_rate: float | None = Field(default=None, description="cases whose what labels all matched")
    status_found: int = 0
    status_correct: int = 0
    status_accuracy: float | None = None
    sources_checked: int = 0
    sources_correct: int = 0
    attribution: float | None = Field(default=None, description="matched labels citing exactly their articles")
    discrepancies_expected: int = 0
    discrepancies_found: int = 0
    discrepancy_recall: float | None = None
    must_not: int = 0
    cases_with_violations: int = 0
    quotes: int = 0
    quotes_verified: int = 0
    grounding_rate: float | None = None
    quotes_verbatim: int = 0
    verbatim_rate: float | None = None
    focus_role_items: int = 0
    guessed_years: int = 0
    seconds_total: float = 0.0
    seconds_mean: float | None = None
    seconds_max: float | None = None
    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    prompt_tokens_per_call: float | None = None
    completion_tokens_per_call: float | None = None
    per_call: dict[str, CallStats] = Field(default_factory=dict, description="by CallUsage.name")

    @classmethod
    def of(cls, cases: Sequence[CaseResult]) -> Totals:
        t = cls(cases=len(cases), failed=sum(not c.ok for c in cases))
        t.schema_valid_rate = _ratio(sum(c.schema_valid for c in cases), len(cases))
        items = bad = 0
        for f in FIELDS:
            scores = [c.fields[f] for c in cases if f in c.fields]
            t.labels[f] = sum(s.labels for s in scores)
            t.matched[f] = sum(s.matched for s in scores)
            t.recall[f] = _ratio(t.matched[f], t.labels[f])
            per_case = [s.recall for s in scores if s.recall is not None]
            t.recall_macro[f] = mean(per_case) if per_case else None
            n = sum(s.items for s in scores)
            t.unmatched_unverified[f] = sum(s.unmatched_unverified for s in scores)
            t.unmatched[f] = sum(s.unmatched for s in scores)
            t.precision[f] = 1 - t.unmatched_unverified[f] / n if n else None
            items, bad = items + n, bad + t.unmatched_unverified[f]
        t.precision_all = 1 - bad / items if items else None
        whats = [c.what_matched for c in cases if c.what_matched is not None]
        t.what_rate = _ratio(sum(whats), len(whats))
        t.status_found = sum(c.status_found for c in cases)
        t.status_correct = sum(c.status_correct for c in cases)
        t.status_accuracy = _ratio(t.status_correct, t.status_found)
        t.sources_checked = sum(c.sources_checked for c in cases)
        t.sources_correct = sum(c.sources_correct for c in cases)
        t.attribution = _ratio(t.sources_correct, t.sources_checked)
        t.discrepancies_expected = sum(c.discrepancies_expected for c in cases)
        t.discrepancies_found = sum(c.discrepancies_found for c in cases)
        t.discrepancy_recall = _ratio(t.discrepancies_found, t.discrepancies_expected)
        t.must_not = sum(len(c.violations) for c in cases)
        t.cases_with_violations = sum(bool(c.violations) for c in cases)
        t.quotes, t.quotes_verified = sum(c.quotes for c in cases), sum(c.quotes_verified for c in cases)
        t.quotes_verbatim = sum(c.quotes_verbatim for c in cases)
        t.grounding_rate = _ratio(t.quotes_verified, t.quotes)
        t.verbatim_rate = _ratio(t.quotes_verbatim, t.quotes)
        t.focus_role_items = sum(c.focus_role_items for c in cases)
        t.guessed_years = sum(len(c.guessed_years) for c in cases)
        secs = [c.seconds for c in cases]
        t.seconds_total = round(sum(secs), 3)
        t.seconds_mean = round(mean(secs), 3) if secs else None
        t.seconds_max = max(secs) if secs else None
        t.calls, t.cached_calls = sum(c.calls for c in cases), sum(c.cached_calls for c in cases)
        t.prompt_tokens = sum(c.prompt_tokens for c in cases)
        t.completion_tokens = sum(c.completion_tokens for c in cases)
        t.prompt_tokens_per_call = _ratio(t.prompt_tokens, t.calls)
        t.completion_tokens_per_call = _ratio(t.completion_tokens, t.calls)
        for c in cases:
            for u in c.brief.usage if c.brief else []:
                st = t.per_call.setdefault(u.name, CallStats())
                st.calls, st.cached = st.calls + 1, st.cached + u.cached
                st.prompt_tokens += u.prompt_tokens
                st.reused_tokens += u.reused_tokens
                st.completion_tokens += u.completion_tokens
                st.seconds = round(st.seconds + u.seconds, 3)
        return t


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def num(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]],
               total: Sequence[str] | None = None) -> str:
    """Plain text, first column left-aligned, the others right-aligned; ``total`` below a rule."""
    everything = [header, *rows, *([total] if total else [])]
    widths = [max(len(str(r[i])) for r in everything) for i in range(len(header))]

    def line(r: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows), *([rule, line(total)] if total else [])])


def frac(m: int, n: int) -> str:
    return f"{m}/{n}" if n else "-"


HEADER = ["case", "who", "where", "when", "what", "role", "status", "sources", "disc", "prec", "must-not",
          "ground", "time", "tokens"]


def case_row(c: CaseResult) -> list[str]:
    if not c.ok and c.brief is None:
        fs = c.fields
        return [f"{c.case} FAILED", *(frac(0, fs[f].labels) if f in fs else "-" for f in FIELDS),
                "-", "-", frac(0, c.discrepancies_expected), "-", "-", "-", f"{c.seconds:.1f}s", "-"]
    items = sum(s.items for s in c.fields.values())
    bad = sum(s.unmatched_unverified for s in c.fields.values())
    return [c.case + ("" if c.ok else " INVALID"),
            *(frac(c.fields[f].matched, c.fields[f].labels) for f in FIELDS),
            frac(c.status_correct, c.status_found), frac(c.sources_correct, c.sources_checked),
            frac(c.discrepancies_found, c.discrepancies_expected), num(1 - bad / items if items else None),
            str(len(c.violations)), pct(_ratio(c.quotes_verified, c.quotes)), f"{c.seconds:.1f}s",
            f"{c.prompt_tokens}+{c.completion_tokens}"]


def total_row(t: Totals) -> list[str]:
    return ["TOTAL", *(frac(t.matched[f], t.labels[f]) for f in FIELDS),
            frac(t.status_correct, t.status_found), frac(t.sources_correct, t.sources_checked),
            frac(t.discrepancies_found, t.discrepancies_expected), num(t.precision_all), str(t.must_not),
            pct(t.grounding_rate), f"{t.seconds_total:.1f}s", f"{t.prompt_tokens}+{t.completion_tokens}"]


def summary_lines(t: Totals) -> list[str]:
    fields = "  ".join(f"{SHORT[f]} {num(t.recall[f])}" for f in FIELDS)
    macro = "  ".join(f"{SHORT[f]} {num(t.recall_macro[f])}" for f in FIELDS)
    prec = "  ".join(f"{SHORT[f]} {num(t.precision[f])}" for f in FIELDS if f != "what")
    return [
        f"recall (micro): {fields}",
        f"recall (macro): {macro}",
        f"precision: {prec}  all {num(t.precision_all)}  (unmatched items: "
        f"{sum(t.unmatched.values())}, of them unverified: {sum(t.unmatched_unverified.values())})",
        f"what matched in headline/summary: {pct(t.what_rate)}   status accuracy: {num(t.status_accuracy)}"
        f" ({t.status_correct}/{t.status_found})",
        f"source attribution: {num(t.attribution)} ({t.sources_correct}/{t.sources_checked} matched labels cite "
        f"exactly their articles)   discrepancies flagged: {frac(t.discrepancies_found, t.discrepancies_expected)}",
        f"must-not violations: {t.must_not} in {t.cases_with_violations} case(s)   focus-role items: "
        f"{t.focus_role_items}   guessed years: {t.guessed_years}",
        f"quotes: {t.quotes}, verified {pct(t.grounding_rate)}, verbatim in a source {pct(t.verbatim_rate)}",
        f"schema-valid: {pct(t.schema_valid_rate)} ({t.cases - t.failed}/{t.cases} ok)   time: mean "
        f"{num(t.seconds_mean, 1)}s, max {num(t.seconds_max, 1)}s",
        f"calls: {t.calls} ({t.cached_calls} cached)   tokens per call: prompt "
        f"{num(t.prompt_tokens_per_call, 0)}, completion {num(t.completion_tokens_per_call, 0)}",
        *(f"  {name}: {st.calls} call(s), {st.prompt_tokens / st.calls:.0f} prompt "
          f"({st.reused_tokens / st.calls:.0f} of them reused from the server's cache) + "
          f"{st.completion_tokens / st.calls:.0f} completion tokens, {st.seconds / st.calls:.1f}s per call"
          for name, st in t.per_call.items()),
    ]


def details_lines(c: CaseResult) -> list[str]:
    """What a case lost: missed labels, wrong statuses, violations, guessed years, unsupported items."""
    if c.brief is None:
        return [f"{c.case}: no brief, every label missed ({c.error})"]
    out = [f"  missed {r.field}: {r.label}" for r in c.labels if r.required and not r.matched]
    out += [f"  status {r.label}: got {r.status} -> [{r.item}] {r.item_text}" for r in c.labels
            if r.required and r.status_ok is False]
    out += [f"  sources {r.field} {r.label}: got {', '.join(r.sources) or 'none'}, expected "
            f"{', '.join(r.expected_sources)} -> [{r.item}] {r.item_text}" for r in c.labels
            if r.required and r.sources_ok is False]
    out += [f"  MUST-NOT {v.rule}: {v.field}[{v.item}] {v.item_text!r} ({v.why})" for v in c.violations]
    out += [f"  guessed year: {g}" for g in c.guessed_years]
    out += [f"  no label, unverified {i.field}[{i.item}]: {i.text}" for i in c.items if i.counts_against]
    return [f"{c.case}:", *out] if out else []


class Report(BaseModel):
    """The result of ``evaluate``: one CaseResult per case, and totals over them."""

    path: str = ""
    name: str = ""
    created: str = ""
    settings: dict[str, str] = Field(default_factory=dict)
    cases: list[CaseResult] = Field(default_factory=list)

    # mypy does not model a decorator over @property; pydantic's docs give this very ignore for computed_field
    @computed_field  # type: ignore[prop-decorator]
    @property
    def totals(self) -> Totals:
        return Totals.of(self.cases)

    def table(self, details: bool = False) -> str:
        """The terminal table and totals; ``details`` adds each case's misses and violations."""
        out = [text_table(HEADER, [case_row(c) for c in self.cases], total_row(self.totals)), "",
               *summary_lines(self.totals)]
        errors = [f"{c.case}: {c.error}" for c in self.cases if c.error]
        if errors:
            out += ["", "errors:", *errors]
        if details:
            out += ["", *(line for c in self.cases for line in details_lines(c))]
        return "\n".join(out)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.model_validate_json(text)

    def failed_thresholds(self, min_recall: float | Mapping[str, float] | None = None,
                          min_precision: float | None = None, min_grounding: float | None = None,
                          max_must_not: int | None = None, min_schema_valid: float | None = None,
                          min_status_accuracy: float | None = None, max_failed: int | None = None,
                          max_guessed_years: int | None = None, min_attribution: float | None = None,
                          min_discrepancy_recall: float | None = None) -> list[str]:
        """One message per threshold not met; empty when all pass. A metric with no data passes."""
        return check_thresholds(self.totals, min_recall=min_recall, min_precision=min_precision,
                                min_grounding=min_grounding, max_must_not=max_must_not,
                                min_schema_valid=min_schema_valid, min_status_accuracy=min_status_accuracy,
                                max_failed=max_failed, max_guessed_years=max_guessed_years,
                                min_attribution=min_attribution, min_discrepancy_recall=min_discrepancy_recall)


def check_thresholds(t: Totals, *, min_recall: float | Mapping[str, float] | None = None,
                     min_precision: float | None = None, min_grounding: float | None = None,
                     max_must_not: int | None = None, min_schema_valid: float | None = None,
                     min_status_accuracy: float | None = None, max_failed: int | None = None,
                     max_guessed_years: int | None = None, min_attribution: float | None = None,
                     min_discrepancy_recall: float | None = None) -> list[str]:
    fails: list[str] = []

    def low(name: str, value: float | None, floor: float | None) -> None:
        if floor is not None and value is not None and value < floor:
            fails.append(f"{name} {value:.3f} < {floor}")

    def high(name: str, value: int, ceiling: int | None) -> None:
        if ceiling is not None and value > ceiling:
            fails.append(f"{name} {value} > {ceiling}")

    if min_recall is not None:
        floors = min_recall if isinstance(min_recall, Mapping) else {f: min_recall for f in FIELDS}
        unknown = set(floors) - set(FIELDS)
        if unknown:
            raise UsageError(f"unknown recall field(s): {', '.join(sorted(unknown))}",
                             hint=f"fields are {', '.join(FIELDS)}")
        for f, floor in floors.items():
            low(f"{f} recall", t.recall.get(f), floor)
    low("precision", t.precision_all, min_precision)
    low("grounding rate", t.grounding_rate, min_grounding)
    low("schema-valid rate", t.schema_valid_rate, min_schema_valid)
    low("status accuracy", t.status_accuracy, min_status_accuracy)
    low("source attribution", t.attribution, min_attribution)
    low("discrepancy recall", t.discrepancy_recall, min_discrepancy_recall)
    high("must-not violations", t.must_not, max_must_not)
    high("failed cases", t.failed, max_failed)
    high("guessed years", t.guessed_years, max_guessed_years)
    return fails


__all__ = ["HEADER", "CallStats", "Report", "Totals", "case_row", "check_thresholds", "details_lines",
           "summary_lines", "text_table", "total_row"]
