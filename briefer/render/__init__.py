"""Render a brief: Markdown and a self-contained printable HTML page, from the one Jinja environment."""

from __future__ import annotations

from typing import Any

from briefer import prompts
from briefer.schema import Brief, Fact

STATUS_LABEL = {"done": "DONE", "planned": "PLANNED", "expected": "EXPECTED", "speculative": "SPECULATIVE"}


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def context(brief: Brief) -> dict[str, Any]:
    tags = {s.id: str(i) for i, s in enumerate(brief.sources, 1)}

    def cite(fact: Fact) -> str:
        """The sources of a fact by number: "1,2"; "2 only" where several articles are briefed."""
        ids = fact.sources or sorted({q.source for q in fact.quotes})
        numbers = sorted((tags.get(i, i) for i in ids), key=lambda t: (len(t), t))
        only = " only" if len(brief.sources) > 1 and len(numbers) == 1 else ""
        return ",".join(numbers) + only

    def quote(fact: Fact, limit: int = 140) -> str:
        verified = [q for q in fact.quotes if q.verified]
        return _short(verified[0].text, limit) if verified else ""

    return {"b": brief, "cite": cite, "quote": quote, "short": _short, "tags": tags,
            "status_label": STATUS_LABEL, "rate": f"{brief.grounding.rate:.0%}"}


def to_markdown(brief: Brief) -> str:
    return prompts.render("brief.md.j2", **context(brief)) + "\n"


def to_html(brief: Brief) -> str:
    return prompts.render("brief.html", **context(brief)) + "\n"
