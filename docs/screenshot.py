"""The README's picture of the page: a brief (JSON) -> one-page PDF -> PNG.

    pip install -e '.[docs]'
    python docs/screenshot.py                      # docs/seed-brief.json -> docs/brief-seed.png
    python docs/screenshot.py brief.json out.png --page letter
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from briefer.render import pdf, to_pdf
from briefer.schema import Brief

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", nargs="?", default=str(HERE / "seed-brief.json"))
    parser.add_argument("out", nargs="?", default=str(HERE / "brief-seed.png"))
    parser.add_argument("--page", default="a4", choices=sorted(pdf.PAGES))
    parser.add_argument("--width", type=int, default=1100, help="picture width in pixels")
    args = parser.parse_args()

    import pypdfium2

    brief = Brief.model_validate_json(Path(args.brief).read_text())
    start = time.perf_counter()
    data = to_pdf(brief, args.page)
    seconds = time.perf_counter() - start
    document = pypdfium2.PdfDocument(data)
    assert len(document) == 1, f"{len(document)} pages"
    page = document[0]
    image = page.render(scale=args.width / page.get_width()).to_pil().convert("RGB").quantize(colors=64)
    image.save(args.out, optimize=True)
    print(f"{args.out}: {image.width}x{image.height}, {Path(args.out).stat().st_size // 1024} KB; "
          f"PDF of one page in {seconds:.2f} s")


if __name__ == "__main__":
    main()
