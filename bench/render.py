"""Render time of the one-page brief: fitting (layouts in WeasyPrint) and writing the PDF, as ratios of
one plain layout of the same page measured in the same run.

    python bench/render.py            # needs the pdf extra (WeasyPrint)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefer import render  # noqa: E402
from briefer.render import pdf  # noqa: E402
from briefer.schema import (  # noqa: E402
    STATUSES,
    Actor,
    Brief,
    Dated,
    Discrepancy,
    Grounding,
    Place,
    Point,
    Quote,
    RoleClaim,
    Source,
)


# The worst case the page must take (bench/ has its own copy of the brief tests/render builds).
def sentence(n: int, length: int) -> str:
    """A sentence of about ``length`` characters, with its own number so that each one is unique."""
    words = f"Sentence {n} says that the ministers agreed on a long list of measures".split()
    out: list[str] = []
    i = 0
    while len(" ".join(out)) < length - 12:
        out.append(words[i % len(words)] if i < len(words) else f"item{i}")
        i += 1
    return " ".join(out) + "."


def sentences(n: int, count: int, limit: int) -> str:
    """``count`` whole sentences that together stay under ``limit`` characters."""
    each = (limit - count) // count
    return " ".join(sentence(n * 10 + k, each) for k in range(count))


def overlong() -> Brief:
    """Every list at its schema maximum, every text near its maximum length, several quotes per fact."""
    ids = [f"s{i}" for i in range(8)]

    def quotes(n: int, k: int = 2) -> list[Quote]:
        return [Quote(text=sentence(1000 + n * 10 + j, 380), source=ids[(n + j) % 8], verified=True)
                for j in range(k)]

    b = Brief(
        headline="Ministers meet in Paris on a ceasefire plan for Ukraine as Canada weighs a monitoring role " * 1
        + "and more",
        summary=Point(text=sentences(1, 2, 400), quotes=quotes(1)),
        who=[Actor(name=f"Person Number {i} Of The Delegation", role=sentence(100 + i, 150), central=i < 6,
                   quotes=quotes(10 + i, 4)) for i in range(10)],
        where=[Place(name=f"Place {i}", central=i < 3, quotes=quotes(30 + i)) for i in range(6)],
        when=[Dated(text=f"January {i + 1}", iso=f"2026-01-{i + 1:02d}" if i < 6 else "", basis="text",
                    quotes=quotes(40 + i)) for i in range(8)],
        focus_role=[RoleClaim(claim=sentence(200 + i, 290), status=STATUSES[i % 4], quotes=quotes(50 + i, 3))
                    for i in range(8)],
        key_points=[Point(text=sentences(300 + i, 3, 400), quotes=quotes(60 + i, 3)) for i in range(6)],
        open_questions=[Point(text=sentences(400 + i, 3, 400), quotes=quotes(70 + i, 3)) for i in range(4)],
        discrepancies=[Discrepancy(about=sentence(500 + i, 150), quotes=quotes(80 + i, 4)) for i in range(4)],
        sources=[Source(id=s, title=f"A long title of source article number {i} about the talks in Paris on Ukraine",
                        published="2026-01-06", dateline="PARIS, January 6") for i, s in enumerate(ids)],
        grounding=Grounding(verified=60, total=60), model="hand-made")
    return Brief.model_validate_json(b.model_dump_json())  # it is a valid Brief



def timed(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    pdf.require()
    briefs = {"seed (real model)": Brief.model_validate_json((ROOT / "docs" / "seed-brief.json").read_text()),
              "overlong (every list full)": overlong()}
    print(f"{'brief':28} {'page':7} {'1 layout':>9} {'fit':>8} {'layouts':>8} {'cuts':>5} {'pdf write':>10} "
          f"{'fit+pdf / 1 layout':>19}")
    for name, b in briefs.items():
        for page in ("a4", "letter"):
            base, _ = timed(lambda b=b, page=page: pdf.layout(render.page_html(b, page=page)))
            fit_s, fitted = timed(lambda b=b, page=page: render.fit_page(b, page))
            write_s, _ = timed(lambda fitted=fitted: pdf.write_pdf(fitted.document))
            print(f"{name:28} {page:7} {base:8.2f}s {fit_s:7.2f}s {fitted.layouts:8d} {len(fitted.cuts):5d} "
                  f"{write_s:9.2f}s {(fit_s + write_s) / base:18.1f}x")


if __name__ == "__main__":
    main()
