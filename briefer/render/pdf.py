"""The real renderer: WeasyPrint (the optional ``pdf`` extra), imported only when a page is laid out.

Page sizes: A4 and US Letter share one content box (180 x 257 mm, inside their intersection 210 x
279 mm), so a brief that fits one A4 page fits one Letter page and the other way round; only the
margins differ.
"""

from __future__ import annotations

import functools
import logging
import warnings
from dataclasses import dataclass
from types import ModuleType

from briefer.errors import SetupError, UsageError
from briefer.render.fit import Document

log = logging.getLogger("briefer.render")

INSTALL_HINT = "pip install 'briefer[pdf]'"


@dataclass(frozen=True)
class Page:
    name: str
    size: str  # CSS @page size
    margin: str  # CSS @page margin: top/bottom, left/right


CONTENT_MM = (180.0, 257.0)  # width, height of the text block on every page size
PAGES = {
    "a4": Page("a4", "210mm 297mm", f"{(297 - CONTENT_MM[1]) / 2:.2f}mm {(210 - CONTENT_MM[0]) / 2:.2f}mm"),
    "letter": Page("letter", "215.9mm 279.4mm",
                   f"{(279.4 - CONTENT_MM[1]) / 2:.2f}mm {(215.9 - CONTENT_MM[0]) / 2:.2f}mm"),
}


def content_height_px() -> float:
    """The height of the text block in CSS px (96 to the inch), as WeasyPrint measures."""
    return CONTENT_MM[1] / 25.4 * 96


def page(name: str) -> Page:
    try:
        return PAGES[name.lower()]
    except KeyError:
        raise UsageError(f"unknown page size {name!r}", hint="use a4 or letter") from None


@functools.lru_cache(maxsize=1)
def _weasyprint() -> ModuleType:
    try:
        with warnings.catch_warnings():  # "HarfBuzz-Subset will be required by future versions"
            warnings.simplefilter("ignore", DeprecationWarning)
            # About a second: only a PDF or a fitted page pays for it. WeasyPrint ships no type hints.
            import weasyprint  # type: ignore[import-untyped]
    except ImportError:
        raise SetupError("PDF output and one-page fitting need WeasyPrint", hint=INSTALL_HINT) from None
    except OSError as exc:  # installed, but its system libraries (pango, harfbuzz) are missing
        raise SetupError(f"WeasyPrint cannot load its system libraries: {exc}",
                         hint="install pango (apt install libpango-1.0-0 libpangoft2-1.0-0)") from None
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    module: ModuleType = weasyprint
    return module


def require() -> None:
    """Raise the one-line SetupError if WeasyPrint cannot be imported."""
    _weasyprint()


def available() -> bool:
    """Whether WeasyPrint can be imported here (imports it: about a second, once)."""
    try:
        _weasyprint()
    except SetupError:
        return False
    return True


def layout(html: str) -> Document:
    """Lay ``html`` out as pages: a WeasyPrint ``Document`` (``.pages``, ``.write_pdf()``). The page is
    self-contained: the renderer may fetch nothing, no file and no URL."""
    weasyprint = _weasyprint()
    offline = weasyprint.URLFetcher(allowed_protocols=set())
    document: Document = weasyprint.HTML(string=html, base_url=None, url_fetcher=offline).render()
    return document


def write_pdf(document: Document) -> bytes:
    return document.write_pdf()
