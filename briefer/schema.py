"""The brief: pydantic models, with field sizes bounded so that a brief fits one page. Rendering it is
``briefer.render``'s (``render.to_markdown(brief)``, ``to_html``, ``to_pdf``): the data does not know its pages.

Every fact carries ``quotes``: verbatim spans of a source article, each naming its article. A quote's
``verified`` flag is set by ``grounding`` alone, never by the model.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, computed_field

ClaimStatus = Literal["done", "planned", "expected", "speculative"]
STATUSES: tuple[ClaimStatus, ...] = ("done", "planned", "expected", "speculative")
# The languages briefer reads (``read.language``) and writes its page in (``render.i18n``).
Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")
# How a date's year (and day) was found: never "guessed".
Basis = Literal["text", "dateline", "published", "weekday", "today", "partial"]


class Quote(BaseModel):
    text: str = Field(max_length=400)
    source: str = Field(description="id of the article the quote comes from")
    verified: bool = False


class Fact(BaseModel):
    quotes: list[Quote] = Field(default_factory=list, max_length=4)

    @property
    def supported(self) -> bool:
        return any(q.verified for q in self.quotes)

    # mypy does not model a decorator over @property; pydantic's docs give this very ignore for computed_field
    @computed_field  # type: ignore[prop-decorator]
    @property
    def sources(self) -> list[str]:
        """The articles with a verified quote of this fact, in the order their quotes come."""
        return list(dict.fromkeys(q.source for q in self.quotes if q.verified))


class Actor(Fact):
    name: str = Field(max_length=80)
    kind: Literal["person", "organisation", "group"] = "person"
    role: str = Field(default="", max_length=160)
    central: bool = Field(default=False, description="an actor of the main event, not only mentioned")


class Place(Fact):
    name: str = Field(max_length=80)
    what: str = Field(default="", max_length=240)
    central: bool = False


class Dated(Fact):
    text: str = Field(max_length=80, description="the date as written")
    iso: str = Field(default="", pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                     description="YYYY-MM-DD, or YYYY-MM / YYYY / '' where only that is known")
    basis: Basis = "partial"
    what: str = Field(default="", max_length=240)


class RoleClaim(Fact):
    claim: str = Field(max_length=300)
    status: ClaimStatus


class Point(Fact):
    text: str = Field(max_length=400)


DiscrepancyKind = Literal["date", "number", "title", "status", "other"]


class Discrepancy(BaseModel):
    """Two articles that disagree about the same thing: both quotes, never resolved."""

    about: str = Field(max_length=160)
    kind: DiscrepancyKind = "other"
    quotes: list[Quote] = Field(default_factory=list, max_length=4)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(q.source for q in self.quotes if q.verified))


class Source(BaseModel):
    id: str
    title: str = ""
    path: str | None = None
    published: str | None = None
    dateline: str | None = None
    lang: Lang = Field(default="en", description="the article's language, told by code")
    warnings: list[str] = Field(default_factory=list)


class Grounding(BaseModel):
    verified: int = 0
    total: int = 0
    dropped: int = Field(default=0, description="facts removed because no quote was found in a source")

    @property
    def rate(self) -> float:
        return self.verified / self.total if self.total else 1.0


class CallUsage(BaseModel):
    name: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    server_seconds: float = Field(default=0.0, description="compute time the server reports (llama.cpp timings)")
    reused_tokens: int = Field(default=0, description="of prompt_tokens, those the server did not evaluate again: "
                               "its prompt cache (usage.prompt_tokens_details.cached_tokens)")
    attempts: int = 1
    cached: bool = False
    # The server's own split of its time (llama.cpp timings), for progress lines only: not in the JSON.
    _read_tokens: int = PrivateAttr(default=0)
    _read_ms: float = PrivateAttr(default=0.0)
    _written_tokens: int = PrivateAttr(default=0)
    _written_ms: float = PrivateAttr(default=0.0)

    def rates(self) -> tuple[float, float] | None:
        """(prompt tokens read, tokens written) a second, as the server timed them; None if it did not."""
        if self._read_ms <= 0 or self._written_ms <= 0:
            return None
        return self._read_tokens / self._read_ms * 1000, self._written_tokens / self._written_ms * 1000

    def add_timings(self, timings: dict[str, Any]) -> None:
        """Add a llama.cpp ``timings`` object (prompt_n/ms, predicted_n/ms); odd values count as none."""
        def number(name: str) -> float:
            value = timings.get(name)
            return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0

        self._read_tokens += int(number("prompt_n"))
        self._read_ms += number("prompt_ms")
        self._written_tokens += int(number("predicted_n"))
        self._written_ms += number("predicted_ms")


class Brief(BaseModel):
    headline: str = Field(max_length=160)
    summary: Point
    focus: str = "Canada"
    lang: Lang = Field(default="en", description="the language of the page: headings, labels, dates")
    who: list[Actor] = Field(default_factory=list, max_length=10)
    where: list[Place] = Field(default_factory=list, max_length=6)
    when: list[Dated] = Field(default_factory=list, max_length=8)
    focus_role: list[RoleClaim] = Field(default_factory=list, max_length=12)
    key_points: list[Point] = Field(default_factory=list, max_length=6)
    open_questions: list[Point] = Field(default_factory=list, max_length=4)
    discrepancies: list[Discrepancy] = Field(default_factory=list, max_length=4)
    sources: list[Source] = Field(default_factory=list)
    grounding: Grounding = Field(default_factory=Grounding)
    omitted: list[str] = Field(default_factory=list, description="what was cut to fit one page")
    model: str = ""
    usage: list[CallUsage] = Field(default_factory=list)

    def facts(self) -> list[Fact]:
        return [self.summary, *self.who, *self.where, *self.when, *self.focus_role,
                *self.key_points, *self.open_questions]
