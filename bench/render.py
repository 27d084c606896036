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
from briefer.schema import Brief  # noqa: E402
from tests.render.test_render import overlong  # noqa: E402


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
