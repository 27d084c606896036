"""Eval cases: hand-written labels of what a faithful brief of some articles says, and must not say.

A case is loaded from a YAML file (the format is documented in ``evals/README.md``) or converted at run
time from a Giveme5W1H-style ``labels.json`` folder. Article paths in a YAML file are relative to it.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from briefer.errors import InputError, UsageError
from briefer.schema import STATUSES, ClaimStatus

HINT = "see evals/README.md for the case format"
MUST_NOT_FIELDS = ("headline", "summary", "who", "where", "when", "focus_role", "key_points",
                   "open_questions", "discrepancies", "any")
MustNotField = Literal["headline", "summary", "who", "where", "when", "focus_role", "key_points",
                       "open_questions", "discrepancies", "any"]
# What `field: any` covers: the brief's own claims. A discrepancy only quotes the articles.
ANY_FIELDS = ("headline", "summary", "who", "where", "when", "focus_role", "key_points", "open_questions")
DiscrepancyKind = Literal["date", "number", "title", "status", "other"]
ISO_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__"}


def _scalar(value: Any) -> object:
    """YAML turns 2026-01-05 into a date and 2025 into an int: labels want strings."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _str_list(value: Any) -> object:
    if value is None:
        return []
    if isinstance(value, (str, int, float, _dt.date)):
        return [_scalar(value)]
    if isinstance(value, list):
        return [_scalar(v) for v in value]
    return value


def _groups(value: Any) -> object:
    """Keyword groups: a list (all of) of groups (any of); a bare word is a group of one."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        return [[_scalar(value)]]
    if isinstance(value, list):
        return [_str_list(g) for g in value]
    return value


def _refs(value: Any) -> object:
    """Sources of a fact: article numbers (1 = the first article of the case) or file names / stems."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [int(v) if isinstance(v, str) and v.strip().isdigit() else v for v in items]


StrList = Annotated[list[str], BeforeValidator(_str_list)]
SourceRefs = Annotated[list[int | str], BeforeValidator(_refs)]
Groups = Annotated[list[list[str]], BeforeValidator(_groups)]
StatusList = Annotated[list[ClaimStatus], BeforeValidator(_str_list)]


class _Label(BaseModel):
    model_config = ConfigDict(extra="forbid")

    required: bool = Field(default=True, description="False: counts only as support for precision, "
                                                     "never against recall")
    note: str = ""


class _Sourced(_Label):
    sources: SourceRefs = Field(default_factory=list, description="the articles that must support the matched "
                                                                  "item, no more, no fewer; empty: not checked")


class NameLabel(_Sourced):
    """A person, organisation, group (who) or a place (where)."""

    name: str = Field(min_length=1)
    aliases: StrList = Field(default_factory=list)
    role: str = ""


    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    @property
    def display(self) -> str:
        return self.name


class WhenLabel(_Sourced):
    date: str = Field(default="", description="ISO date; when set, a brief date matches by ISO equality")
    text: StrList = Field(default_factory=list, description="the date as written; used only without date")
    what: str = ""

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> object:
        return "" if v is None else _scalar(v)


    @model_validator(mode="after")
    def _check(self) -> WhenLabel:
        if self.date and not re.match(ISO_PATTERN, self.date):
            raise ValueError(f"date {self.date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        if not self.date and not any(t.strip() for t in self.text):
            raise ValueError("a when label needs a date or a text")
        return self

    @property
    def display(self) -> str:
        shown = self.date or " / ".join(f'"{t}"' for t in self.text)
        return f"{shown}: {self.what}" if self.what else shown


class WhatLabel(_Label):
    about: str = Field(min_length=1)
    keywords: Groups = Field(min_length=1)


    @property
    def display(self) -> str:
        return self.about


class RoleLabel(_Sourced):
    """A claim about the focus country's role, with the status(es) a faithful brief gives it."""

    claim: str = Field(min_length=1)
    status: StatusList = Field(min_length=1)
    keywords: Groups = Field(min_length=1)


    @property
    def display(self) -> str:
        return f"{self.claim} [{'/'.join(self.status)}]"


class DiscrepancyLabel(_Sourced):
    """A disagreement between the articles that the brief must flag."""

    about: str = Field(min_length=1)
    keywords: Groups = Field(min_length=1, description="matched against the discrepancy and its quotes")
    kind: DiscrepancyKind | None = None

    @property
    def display(self) -> str:
        return f"{self.about} [{self.kind}]" if self.kind else self.about


class MustNot(BaseModel):
    """A claim a faithful brief must not make. Every condition given must hold for an item to violate."""

    model_config = ConfigDict(extra="forbid")

    about: str = Field(min_length=1)
    field: MustNotField = "any"
    keywords: Groups = Field(default_factory=list)
    unless: StrList = Field(default_factory=list, description="any of these words excuses the item")
    iso: StrList = Field(default_factory=list, description="a date with one of these ISO prefixes")
    iso_not_in: StrList = Field(default_factory=list,
                               description="a date compatible with none of these ISO dates")
    inferred: bool = Field(default=False, description="a date whose year is not written with it (basis not text)")
    name: StrList = Field(default_factory=list, description="an actor/place named so")
    central: bool | None = None
    status: StatusList = Field(default_factory=list)
    any_item: bool = Field(default=False, description="every item of the field violates")

    @model_validator(mode="after")
    def _check(self) -> MustNot:
        if not (self.keywords or self.iso or self.iso_not_in or self.name or self.any_item):
            raise ValueError("a must_not rule needs keywords, iso, iso_not_in, name or any_item: true")
        if self.any_item and self.field == "any":
            raise ValueError("any_item: true needs a field other than 'any'")
        for iso in [*self.iso, *self.iso_not_in]:
            if not re.match(ISO_PATTERN, iso):
                raise ValueError(f"iso {iso!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        if (self.iso or self.iso_not_in) and self.field not in ("when", "any"):
            raise ValueError("iso / iso_not_in rules need field 'when' or 'any'")
        if self.inferred and not (self.iso or self.iso_not_in):
            raise ValueError("inferred: true needs iso: or iso_not_in:")
        if self.name and self.field not in ("who", "where", "any"):
            raise ValueError("name rules need field 'who', 'where' or 'any'")
        if self.central is not None and not self.name:
            raise ValueError("central: needs name:")
        if self.status and self.field not in ("focus_role", "any"):
            raise ValueError("status rules need field 'focus_role' or 'any'")
        return self


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    path: str = Field(default="", description="the case file")
    articles: list[Path] = Field(min_length=1)
    focus: str = "Canada"
    today: _dt.date | None = Field(default=None, description="the day the brief is taken as made")
    who: list[NameLabel] = Field(default_factory=list)
    where: list[NameLabel] = Field(default_factory=list)
    when: list[WhenLabel] = Field(default_factory=list)
    what: list[WhatLabel] = Field(default_factory=list)
    focus_role: list[RoleLabel] = Field(default_factory=list)
    discrepancies: list[DiscrepancyLabel] = Field(default_factory=list)
    must_not: list[MustNot] = Field(default_factory=list)
    notes: str = ""

    @model_validator(mode="after")
    def _resolve_sources(self) -> Case:
        """Every ``sources`` entry becomes an article number (1-based), or the case is refused."""
        for field in ("who", "where", "when", "focus_role", "discrepancies"):
            for i, label in enumerate(getattr(self, field)):
                label.sources = [self.article_number(ref, f"{field}.{i}.sources") for ref in label.sources]
        return self

    def article_number(self, ref: int | str, where: str = "sources") -> int:
        if isinstance(ref, int):
            if not 1 <= ref <= len(self.articles):
                raise ValueError(f"{where}: article {ref} does not exist (the case has {len(self.articles)})")
            return ref
        hits = [n for n, p in enumerate(self.articles, 1) if ref in (p.name, p.stem)]
        if len(hits) != 1:
            raise ValueError(f"{where}: {ref!r} names no single article of the case (give a number or a file name)")
        return hits[0]

    def source_texts(self) -> list[str]:
        return [p.read_text(encoding="utf-8", errors="replace") for p in self.articles]


def _fail(where: Path, err: ValidationError | str) -> UsageError:
    """One line that names the file and what is wrong in it (every invalid label, up to three)."""
    if isinstance(err, ValidationError):
        problems = [f"{'.'.join(str(x) for x in e['loc']) or '(case)'}: {e['msg']}" for e in err.errors()]
        more = f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
        err = "invalid case: " + "; ".join(problems[:3]) + more
    return UsageError(" ".join(f"{where}: {err}".split()), hint=HINT)


def _read(path: Path) -> str:
    """A case file's text; unreadable or not UTF-8 is one line, exit 2."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot read case file {path}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise _fail(path, f"not UTF-8 (byte {e.start})") from None


def _yaml_problem(e: yaml.YAMLError) -> str:
    """A YAML error in one line: what, and where (yaml's own text spans several lines)."""
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}" if mark else str(problem)


def _check_articles(case: Case, where: Path) -> Case:
    for article in case.articles:
        if not article.is_file():
            raise InputError(f"{where}: article {article} does not exist",
                             hint="article paths in a case file are relative to the case file")
    return case


def load_case_file(path: str | Path) -> Case:
    """Read one YAML case file."""
    path = Path(path)
    text = _read(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise _fail(path, f"not valid YAML: {_yaml_problem(e)}") from None
    except RecursionError:
        raise _fail(path, "not valid YAML: nested too deeply") from None
    if not isinstance(data, dict):
        raise _fail(path, "a case file holds one mapping (articles:, who:, where:, ...)")
    data = dict(data)
    if "canada_role" in data and "focus_role" not in data:
        data["focus_role"] = data.pop("canada_role")
    if "article" in data and "articles" not in data:
        data["articles"] = data.pop("article")
    articles = _str_list(data.get("articles"))
    if not isinstance(articles, list) or not all(isinstance(a, str) for a in articles):
        raise _fail(path, "articles: must be a path or a list of paths")
    if not articles:
        raise _fail(path, "articles: no article (give a path or a list of paths)")
    data["articles"] = [(path.parent / a).resolve() for a in articles]
    data.setdefault("id", path.stem)
    data["id"] = str(data["id"])
    data["path"] = str(path)
    try:
        case = Case.model_validate(data)
    except ValidationError as e:
        raise _fail(path, e) from e
    return _check_articles(case, path)


def _names(raw: Any) -> list[dict[str, Any]]:
    return [{"name": n["name"], "aliases": n.get("aliases") or []} for n in raw or [] if n.get("name")]


def load_labels_json(path: str | Path) -> list[Case]:
    """Convert a Giveme5W1H-style ``labels.json`` (see shared/evalsets/README.md) into cases."""
    path = Path(path)
    text = _read(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise _fail(path, f"not valid JSON: {e}") from None
    except RecursionError:
        raise _fail(path, "not valid JSON: nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), dict):
        raise _fail(path, 'a labels.json holds {"cases": {"<article>": {...}}}')
    cases = []
    for article, raw in sorted(data["cases"].items()):
        where = Path(f"{path}#{article}")
        try:
            when = [{"date": w.get("date") or "", "text": w.get("text") or []} for w in raw.get("when") or []]
            groups = raw.get("what_keywords") or []
            case = Case(
                id=Path(article).stem, path=str(path), articles=[(path.parent / article).resolve()],
                who=_names(raw.get("who")), where=_names(raw.get("where")), when=when,
                what=[{"about": "the main event: " + "; ".join("/".join(g) for g in groups),
                       "keywords": groups}] if groups else [],
                must_not=[{"about": "no focus-role items: the article does not concern the focus country",
                           "field": "focus_role", "any_item": True}],
                notes=str(raw.get("source") or ""),
            )
        except (ValidationError, AttributeError, TypeError) as e:
            raise _fail(where, e if isinstance(e, ValidationError) else f"malformed labels: {e}") from e
        cases.append(_check_articles(case, where))
    return cases


def _is_labels_json(path: Path) -> bool:
    return path.name == "labels.json"


def load_cases(path: str | Path) -> list[Case]:
    """Every case under ``path``: a case file, a labels.json, or a folder searched recursively for both."""
    path = Path(path).expanduser()
    if path.is_file():
        if _is_labels_json(path):
            return load_labels_json(path)
        if path.suffix.lower() in (".yaml", ".yml"):
            return [load_case_file(path)]
        raise UsageError(f"{path} is not a case file",
                         hint="give a .yaml/.yml case, a labels.json or a folder")
    if not path.is_dir():
        raise InputError(f"{path} does not exist", hint="give a case file or a folder of case files")
    cases: list[Case] = []
    for sub in sorted(path.rglob("*")):
        rel = sub.relative_to(path).parts
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel[:-1]) or not sub.is_file():
            continue
        if _is_labels_json(sub):
            cases.extend(load_labels_json(sub))
        elif sub.suffix.lower() in (".yaml", ".yml") and not sub.name.startswith("."):
            cases.append(load_case_file(sub))
    seen: dict[str, int] = {}
    for case in cases:  # ids name cases in reports: keep them unique
        n = seen.get(case.id, 0)
        seen[case.id] = n + 1
        if n:
            case.id = f"{case.id}~{n + 1}"
    if not cases:
        raise UsageError(f"no cases under {path}",
                         hint="cases are *.yaml/*.yml files or a labels.json; " + HINT)
    return cases


__all__ = ["ANY_FIELDS", "MUST_NOT_FIELDS", "STATUSES", "Case", "DiscrepancyLabel", "MustNot", "NameLabel",
           "RoleLabel", "WhatLabel", "WhenLabel", "load_case_file", "load_cases", "load_labels_json"]
