"""Deterministic scoring of one brief against one case's labels.

Every rule is written out in evals/README.md, and every decision carries a ``how`` string that says why
a label matched an item (or was missed), so that a report can be checked by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, Field, computed_field

from briefer.evals.cases import ANY_FIELDS, Case, DiscrepancyLabel, MustNot, RoleLabel, WhenLabel
from briefer.evals.matching import contains, groups_hit, keyword_in, match_name, norm, quote_norm
from briefer.schema import Actor, Brief, Dated, Discrepancy, Place, RoleClaim

FIELDS = ("who", "where", "when", "what", "focus_role")
ITEM_FIELDS = ("who", "where", "when", "focus_role")
LABEL_FIELDS = (*FIELDS, "discrepancies")  # discrepancies are scored apart from the recall fields
# Bases under which a year absent from every source text is still found, not guessed.
YEAR_BASES = ("weekday", "published", "dateline", "today")


# --- result models ----------------------------------------------------------------------------------

class LabelResult(BaseModel):
    field: str
    label: str
    required: bool = True
    matched: bool
    item: int | None = Field(default=None, description="index of the matched item in the brief field")
    item_text: str = ""
    how: str = ""
    expected_status: list[str] = Field(default_factory=list)
    status: str | None = None
    status_ok: bool | None = None
    expected_sources: list[str] = Field(default_factory=list, description="article ids the label wants")
    sources: list[str] = Field(default_factory=list, description="article ids of the matched item's verified quotes")
    sources_ok: bool | None = None


class ItemResult(BaseModel):
    field: str
    item: int
    text: str
    matched: bool = Field(description="matches at least one label")
    verified: bool = Field(description="has at least one verified quote")

    # mypy does not model a decorator over @property; pydantic's docs give this very ignore for computed_field
    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts_against(self) -> bool:
        return not self.matched and not self.verified


class Violation(BaseModel):
    rule: str
    field: str
    item: int
    item_text: str
    why: str


class FieldScore(BaseModel):
    labels: int = 0
    matched: int = 0
    items: int = 0
    unmatched: int = 0
    unmatched_unverified: int = 0

    # mypy does not model a decorator over @property; pydantic's docs give this very ignore for computed_field
    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return self.matched / self.labels if self.labels else None

    # mypy does not model a decorator over @property; pydantic's docs give this very ignore for computed_field
    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return 1 - self.unmatched_unverified / self.items if self.items else None


class CaseResult(BaseModel):
    case: str
    path: str = ""
    articles: list[str] = Field(default_factory=list)
    focus: str = "Canada"
    error: str = ""
    schema_valid: bool = False
    brief: Brief | None = None
    fields: dict[str, FieldScore] = Field(default_factory=dict)
    labels: list[LabelResult] = Field(default_factory=list)
    items: list[ItemResult] = Field(default_factory=list)
    violations: list[Violation] = Field(default_factory=list)
    status_found: int = 0
    status_correct: int = 0
    sources_checked: int = Field(default=0, description="matched required labels that name their sources")
    sources_correct: int = Field(default=0, description="... whose item cites exactly those articles")
    discrepancies_expected: int = 0
    discrepancies_found: int = 0
    quotes: int = 0
    quotes_verified: int = 0
    quotes_verbatim: int = 0
    focus_role_items: int = 0
    guessed_years: list[str] = Field(default_factory=list)
    seconds: float = 0.0
    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    judge: dict[str, Any] | None = Field(default=None, description="optional LLM-judge second opinion")

    @property
    def ok(self) -> bool:
        return self.schema_valid and not self.error

    @property
    def status_accuracy(self) -> float | None:
        return self.status_correct / self.status_found if self.status_found else None

    @property
    def attribution(self) -> float | None:
        return self.sources_correct / self.sources_checked if self.sources_checked else None

    @property
    def grounding_rate(self) -> float | None:
        return self.quotes_verified / self.quotes if self.quotes else None

    @property
    def what_matched(self) -> bool | None:
        f = self.fields.get("what")
        return None if f is None or not f.labels else f.matched == f.labels


# --- matching ---------------------------------------------------------------------------------------

def _item_text(field: str, item: object) -> str:
    if field == "who" and isinstance(item, Actor):
        return f"{item.name} ({item.role})" if item.role else item.name
    if field == "where" and isinstance(item, Place):
        return item.name
    if field == "when" and isinstance(item, Dated):
        return f"{item.text} -> {item.iso or '?'} ({item.basis})" + (f": {item.what}" if item.what else "")
    if field == "focus_role" and isinstance(item, RoleClaim):
        return f"{item.claim} [{item.status}]"
    return str(getattr(item, "text", item))


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")


def _match(field: str, label: Any, item: Any) -> tuple[tuple[int, float], str] | None:
    if field in ("who", "where"):
        return match_name(label.names, item.name)
    if field == "when":
        lab: WhenLabel = label
        if lab.date:
            return ((3, 1.0), f"iso {item.iso} equals {lab.date}") if item.iso == lab.date else None
        text = norm(item.text)
        for t in lab.text:
            nt = norm(t)
            if text and nt and (contains(text, nt) or contains(nt, text)):
                return (2, 1.0), f'"{item.text}" and label text "{t}" contain one another'
            clock = _CLOCK.search(t)
            if clock and clock.group() in _CLOCK.findall(item.text):  # "just after 09:00" / "shortly after 09:00"
                return (1, 0.9), f'"{item.text}" and label text "{t}" give the same time, {clock.group()}'
        return None
    rl: RoleLabel = label
    hits = groups_hit(rl.keywords, norm(item.claim))
    if all(hits):
        return (2, 1.0), "claim has " + ", ".join(f'"{h}"' for h in hits)
    hits = groups_hit(rl.keywords, norm(" ".join([item.claim, *(q.text for q in item.quotes)])))
    if all(hits):
        return (1, 1.0), "claim and its quotes have " + ", ".join(f'"{h}"' for h in hits)
    return None


def article_numbers(case: Case, brief: Brief) -> dict[str, int]:
    """Each way a brief may name an article of the case (its source id, file name or stem) -> its number."""
    out: dict[str, int] = {}
    aligned = len(brief.sources) == len(case.articles)
    for n, path in enumerate(case.articles, 1):
        out.update({path.name: n, path.stem: n})
        if aligned:
            out[brief.sources[n - 1].id] = n
    return out


def _check_sources(lab: Any, item: Any, res: LabelResult, numbers: dict[str, int], out: CaseResult) -> None:
    """Source attribution: the item cites exactly the articles the label names (labels without sources
    are not checked; optional labels are shown, never counted)."""
    if not lab.sources:
        return
    names = {n: i for i, n in numbers.items()}  # number -> the brief's id of it (else the file stem)
    res.expected_sources = [names.get(n, str(n)) for n in lab.sources]
    res.sources = list(item.sources)
    res.sources_ok = {numbers.get(i, 0) for i in item.sources} == set(lab.sources)
    if lab.required:
        out.sources_checked += 1
        out.sources_correct += res.sources_ok


def _score_items(field: str, labels: Sequence[Any], items: Sequence[Any],
                 out: CaseResult, ids: dict[str, int] | None = None) -> FieldScore:
    fs = FieldScore(labels=sum(lab.required for lab in labels), items=len(items))
    matched_items: set[int] = set()
    for lab in labels:
        cands = []
        for i, item in enumerate(items):
            m = _match(field, lab, item)
            if m:
                matched_items.add(i)
                ok = item.status in lab.status if field == "focus_role" else True
                cands.append(((ok, m[0], -i), i, m[1]))
        res = LabelResult(field=field, label=lab.display, required=lab.required, matched=bool(cands),
                          how="missed")
        if field == "focus_role":
            res.expected_status = list(lab.status)
        if cands:
            _, i, how = max(cands)
            res.item, res.item_text, res.how = i, _item_text(field, items[i]), how
            fs.matched += lab.required
            if field == "focus_role":
                res.status = items[i].status
                res.status_ok = items[i].status in lab.status
                if lab.required:
                    out.status_found += 1
                    out.status_correct += res.status_ok
            _check_sources(lab, items[i], res, ids or {}, out)
        out.labels.append(res)
    for i, item in enumerate(items):
        ir = ItemResult(field=field, item=i, text=_item_text(field, item), matched=i in matched_items,
                        verified=item.supported)
        fs.unmatched += not ir.matched
        fs.unmatched_unverified += ir.counts_against
        out.items.append(ir)
    return fs


def discrepancy_text(d: Discrepancy) -> str:
    return " ".join([d.about, *(q.text for q in d.quotes)])


def _score_discrepancies(case: Case, brief: Brief, out: CaseResult, ids: dict[str, int]) -> None:
    """Expected discrepancies: each found when one flagged discrepancy has a keyword of every group (in its
    wording or quotes) and the label's kind, if given."""
    out.discrepancies_expected = sum(lab.required for lab in case.discrepancies)
    for lab in case.discrepancies:
        lab_: DiscrepancyLabel = lab
        res = LabelResult(field="discrepancies", label=lab_.display, required=lab_.required, matched=False,
                          how="missed")
        for i, d in enumerate(brief.discrepancies):
            hits = groups_hit(lab_.keywords, norm(discrepancy_text(d)))
            if all(hits) and (lab_.kind is None or d.kind == lab_.kind):
                res.matched, res.item, res.item_text = True, i, d.about
                res.how = f"{d.kind} discrepancy has " + ", ".join(f'"{h}"' for h in hits)
                out.discrepancies_found += lab_.required
                _check_sources(lab_, d, res, ids, out)
                break
        out.labels.append(res)


def _score_what(case: Case, brief: Brief, out: CaseResult) -> FieldScore:
    fs = FieldScore(labels=sum(lab.required for lab in case.what))
    text = norm(f"{brief.headline} {brief.summary.text}")
    for lab in case.what:
        hits = groups_hit(lab.keywords, text)
        ok = all(hits)
        fs.matched += ok and lab.required
        missing = [g for g, h in zip(lab.keywords, hits, strict=True) if not h]
        how = ("headline/summary has " + ", ".join(f'"{h}"' for h in hits) if ok else
               "missed: no keyword of " + "; ".join("[" + ", ".join(g) + "]" for g in missing))
        out.labels.append(LabelResult(field="what", label=lab.display, required=lab.required, matched=ok,
                                      item_text=brief.headline if ok else "", how=how))
    return fs


# --- must-not ---------------------------------------------------------------------------------------

def _items_of(brief: Brief, field: str) -> Iterator[tuple[str, int, Any, str]]:
    if field == "any":
        for f in ANY_FIELDS:
            yield from _items_of(brief, f)
        return
    if field == "headline":
        yield field, 0, None, brief.headline
        return
    if field == "summary":
        yield field, 0, brief.summary, brief.summary.text
        return
    for i, item in enumerate(getattr(brief, field)):
        if isinstance(item, Actor):
            text = f"{item.name} {item.role}"
        elif isinstance(item, Place):
            text = f"{item.name} {item.what}"
        elif isinstance(item, Dated):
            text = f"{item.text} {item.iso} {item.what}"
        elif isinstance(item, RoleClaim):
            text = item.claim
        elif isinstance(item, Discrepancy):
            text = discrepancy_text(item)
        else:
            text = item.text
        yield field, i, item, text


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def violates(rule: MustNot, item: Any, text: str) -> str | None:
    """Why ``item`` (with its text) breaks ``rule``, or None when it does not."""
    why = []
    if rule.keywords:
        hits = groups_hit(rule.keywords, norm(text))
        if not all(hits):
            return None
        why.append("has " + ", ".join(f'"{h}"' for h in hits))
    if rule.unless and any(keyword_in(u, norm(text)) for u in rule.unless):
        return None
    if rule.iso or rule.iso_not_in:
        if not isinstance(item, Dated) or not item.iso:
            return None
        if rule.iso and not any(item.iso.startswith(p) for p in rule.iso):
            return None
        if rule.iso_not_in and any(_compatible(item.iso, a) for a in rule.iso_not_in):
            return None
        if rule.inferred and item.basis == "text":
            return None
        why.append(f"iso {item.iso}" + (f" not in {', '.join(rule.iso_not_in)}" if rule.iso_not_in else ""))
    if rule.name:
        if not isinstance(item, (Actor, Place)):
            return None
        m = match_name(rule.name, item.name)
        if m is None or (rule.central is not None and item.central != rule.central):
            return None
        why.append(m[1] + (f", central={item.central}" if rule.central is not None else ""))
    if rule.status:
        if not isinstance(item, RoleClaim) or item.status not in rule.status:
            return None
        why.append(f"status {item.status}")
    if rule.any_item:
        why.append(f"any {rule.field} item")
    return "; ".join(why)


# --- one case ---------------------------------------------------------------------------------------

def score_case(case: Case, brief: Brief | None, sources: Sequence[str], *, seconds: float = 0.0,
               error: str = "") -> CaseResult:
    """Score ``brief`` (None when none was produced) against ``case``; ``sources`` are the article texts."""
    out = CaseResult(case=case.id, path=case.path, articles=[str(a) for a in case.articles],
                     focus=case.focus, error=error, schema_valid=brief is not None and not error,
                     brief=brief, seconds=round(seconds, 3))
    if brief is None:
        for field in FIELDS:
            labels = getattr(case, field)
            out.fields[field] = FieldScore(labels=sum(lab.required for lab in labels))
            out.labels += [LabelResult(field=field, label=lab.display, required=lab.required, matched=False,
                                       how="missed: no brief") for lab in labels]
        out.discrepancies_expected = sum(lab.required for lab in case.discrepancies)
        out.labels += [LabelResult(field="discrepancies", label=lab.display, required=lab.required, matched=False,
                                   how="missed: no brief") for lab in case.discrepancies]
        return out
    ids = article_numbers(case, brief)
    for field in ITEM_FIELDS:
        out.fields[field] = _score_items(field, getattr(case, field), getattr(brief, field), out, ids)
    out.fields["what"] = _score_what(case, brief, out)
    out.fields = {f: out.fields[f] for f in FIELDS}
    _score_discrepancies(case, brief, out, ids)
    out.labels.sort(key=lambda r: LABEL_FIELDS.index(r.field))
    for rule in case.must_not:
        for field, i, item, text in _items_of(brief, rule.field):
            why = violates(rule, item, text)
            if why is not None:
                out.violations.append(Violation(rule=rule.about, field=field, item=i,
                                                item_text=text.strip(), why=why))
    quotes = [q for f in brief.facts() for q in f.quotes] + [q for d in brief.discrepancies for q in d.quotes]
    normed = [quote_norm(s) for s in sources]
    out.quotes = len(quotes)
    out.quotes_verified = sum(q.verified for q in quotes)
    out.quotes_verbatim = sum(any(quote_norm(q.text) in s for s in normed) for q in quotes if q.text.strip())
    out.focus_role_items = len(brief.focus_role)
    for d in brief.when:
        if len(d.iso) >= 4 and d.basis not in YEAR_BASES and not any(d.iso[:4] in s for s in sources):
            out.guessed_years.append(f'"{d.text}" -> {d.iso} (basis {d.basis})')
    out.calls = len(brief.usage)
    out.cached_calls = sum(u.cached for u in brief.usage)
    out.prompt_tokens = sum(u.prompt_tokens for u in brief.usage)
    out.completion_tokens = sum(u.completion_tokens for u in brief.usage)
    return out


__all__ = ["FIELDS", "LABEL_FIELDS", "CaseResult", "FieldScore", "ItemResult", "LabelResult", "Violation",
           "article_numbers", "contains", "discrepancy_text", "groups_hit", "keyword_in", "match_name", "norm",
           "score_case", "violates"]
