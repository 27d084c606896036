"""The one-page brief in a real renderer (WeasyPrint): one page on A4 and Letter, cuts by the stated
rule and never mid-sentence, a self-contained page, and a one-line error without the pdf extra."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefer import brief, render
from briefer.cli.main import main
from briefer.errors import SetupError, UsageError
from briefer.render import fit, pdf
from briefer.schema import STATUSES, Actor, Brief, Dated, Discrepancy, Grounding, Place, Point, Quote, RoleClaim, Source
from tests.conftest import ARRIVAL, TALKS
from tests.support.fakes import labeller, picky
from tests.support.fakeserver import FakeOpenAI

PAGE_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


@pytest.fixture(scope="module")
def seed() -> Brief:
    """The brief of both seed articles, made by the pipeline against the fake server, its role section held to
    six claims so that the page fits as it stands (fitting longer ones is tested on ``overlong``)."""
    with FakeOpenAI(picky) as fake:
        made = brief([ARRIVAL, TALKS], base_url=fake.base_url, api_key="sk-test", model="fake")
    return made.model_copy(update={"focus_role": made.focus_role[:6]})


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


@pytest.fixture(scope="module", params=["a4", "letter"])
def fitted_overlong(request: pytest.FixtureRequest) -> tuple[str, Brief, fit.Fitted]:
    b = overlong()
    return request.param, b, render.fit_page(b, request.param)


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    assert data.startswith(b"%PDF")
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(data)).pages]


class Shown(HTMLParser):
    """The text printed in each section's items (without source numbers), and every small-type quote."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.items: dict[str, list[str]] = {}
        self.quotes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag in ("li", "div", "span", "section", "p", "b"):
            self.stack.append((tag, cls))
        if tag == "li" and self.section:
            self.items.setdefault(self.section, []).append("")
        if cls == "q":
            self.quotes.append("")

    def handle_endtag(self, tag: str) -> None:
        if any(t == tag for t, _ in self.stack):
            while self.stack.pop()[0] != tag:
                pass

    @property
    def section(self) -> str:
        return next((c for t, c in reversed(self.stack) if t == "section"), "")


    def handle_data(self, data: str) -> None:
        classes = {word for _, c in self.stack for word in c.split()}
        if "q" in classes and "cite" not in classes:
            self.quotes[-1] += data
        elif any(t == "li" for t, _ in self.stack) and not classes & {"cite", "q", "badge"} and self.section:
            self.items[self.section][-1] += data


def shown(html: str) -> Shown:
    parser = Shown()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("page", ["a4", "letter"])
def test_seed_brief_is_one_page(seed: Brief, page: str) -> None:
    data = render.to_pdf(seed, page)
    assert len(pdf_pages(data)) == 1
    width, height = pdf_pages(data)[0]
    assert (round(width), round(height)) == tuple(round(x) for x in PAGE_POINTS[page])
    fitted = render.fit_page(seed, page)
    assert fitted.pages == 1 and fitted.brief.headline == seed.headline
    assert "Mark Carney" in render.page_html(fitted.brief, fitted.show, page)


def test_overlong_brief_is_cut_to_one_page_by_the_rule(fitted_overlong: tuple[str, Brief, fit.Fitted]) -> None:
    page, b, fitted = fitted_overlong
    assert len(fit.plan(b)) > 20
    unfitted = pdf.layout(render.page_html(b, page=page))
    assert len(unfitted.pages) > 1  # the test brief really does overflow
    assert fitted.pages == 1 and len(pdf_pages(pdf.write_pdf(fitted.document))) == 1
    cut = fitted.brief
    # What was cut is said, by count, and matches what is left.
    notes = "; ".join(cut.omitted)
    assert cut.omitted and "omitted" in notes
    for kind, (one, many) in fit.NOUNS.items():
        lost = len(getattr(b, kind)) - len(getattr(cut, kind))
        if lost:
            assert f"{lost} more {one if lost == 1 else many}" in notes
    assert len(cut.key_points) < len(b.key_points)
    # Never cut: the headline, the summary, the first two role claims.
    assert cut.headline == b.headline and cut.summary.text == b.summary.text
    assert [c.claim for c in cut.focus_role[:2]] == [c.claim for c in b.focus_role[:2]]
    # The page says it too.
    html = unescape(render.page_html(cut, fitted.show, page))
    assert "To fit one page: " in html and all(note in html for note in cut.omitted)


def test_html_and_pdf_show_the_same_page(fitted_overlong: tuple[str, Brief, fit.Fitted]) -> None:
    page, b, fitted = fitted_overlong
    if page == "a4":
        assert render.to_html(b, page) == render.page_html(fitted.brief, fitted.show, page)


def test_no_text_is_cut_mid_sentence(fitted_overlong: tuple[str, Brief, fit.Fitted]) -> None:
    page_size, b, fitted = fitted_overlong
    html = render.page_html(fitted.brief, fitted.show, page_size)
    assert "…" not in html and "..." not in html
    assert fitted.show.first_sentence or fitted.brief.key_points == []  # the sentence cut was needed here
    page = shown(html)
    points = {p.text: p for p in (*b.key_points, *b.open_questions)}
    for section in ("points", "questions"):
        for text in page.items.get(section, []):
            text = text.strip()
            assert any(text in (full, fit.first_sentence(full)) for full in points), text
    claims = {c.claim for c in b.focus_role}
    assert page.items["role"] and all(t.strip() in claims for t in page.items["role"])
    every_quote = {q.text for f in (*b.facts(), *b.discrepancies) for q in f.quotes}
    assert all(q.strip() in every_quote for q in page.quotes)


def test_a_brief_that_fits_is_not_cut(seed: Brief) -> None:
    fitted = render.fit_page(seed)
    assert fitted.layouts == 1 and fitted.cuts == [] and fitted.brief.omitted == seed.omitted


def test_cuts_follow_the_stated_order() -> None:
    b = overlong()
    kinds = [c.kind for c in fit.plan(b)]
    first = {k: kinds.index(k) for k in dict.fromkeys(kinds)}
    assert kinds[:3] == ["open_questions"] * 3  # open questions beyond the first go first
    assert first["open_questions"] < first["where"] < first["who"] < first["when"] < first["extra_quotes"] \
        < first["key_points"] < first["discrepancies"] < first["first_sentence"] < first["focus_role"] \
        < first["timeline"] < first["sources"]
    assert kinds.count("focus_role") == 6  # the first two role claims are never cut
    cuts = fit.plan(b)
    _, show = fit.apply(b, [c for c in cuts if c.kind == "first_sentence"])
    assert show.first_sentence
    one, _ = fit.apply(b, cuts[:3])
    assert len(one.open_questions) == 1 and one.omitted[-1] == "3 more open questions omitted"


def test_repeated_points_are_printed_once(seed: Brief) -> None:
    claim = seed.focus_role[0].claim
    own = Point(text="The ministers are to meet again in March.")
    above = {claim, seed.summary.text, *(c.claim for c in seed.focus_role)}
    dup = seed.model_copy(update={"key_points": [Point(text=claim), Point(text=seed.summary.text), own,
                                                 *seed.key_points, own, *seed.key_points]})
    page = shown(render.to_html(dup))
    points = [t.strip() for t in page.items["points"]]
    expected = [own.text, *(p.text for p in seed.key_points if p.text not in above)]
    assert points == expected  # each once, and none that is printed above
    assert claim in [t.strip() for t in page.items["role"]]


def test_page_is_self_contained_and_escaped(seed: Brief) -> None:
    hostile = seed.model_copy(update={"headline": "<script>alert(1)</script> Carney <img onerror=x>",
                                      "sources": [s.model_copy(update={"title": "See https://example.com/a"})
                                                  for s in seed.sources]})
    html = render.to_html(hostile)
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    for needle in ("<link", "@import", "url(", "src=", "href=", "@font-face"):
        assert needle not in html
    urls = re.findall(r"https?://\S+", html)
    assert urls and all(u.startswith("https://example.com/a") for u in urls)  # only as a source's text
    assert "<style>" in html and "@page { size: 210mm 297mm" in html


def test_page_size_and_unknown_size(seed: Brief) -> None:
    assert "@page { size: 215.9mm 279.4mm" in render.to_html(seed, "letter")
    with pytest.raises(UsageError, match="a4 or letter"):
        render.to_pdf(seed, "a5")


def test_dates_on_the_page() -> None:
    assert render.date_label(Dated(text="Monday", iso="2026-01-05")) == "5 Jan 2026"
    assert render.weekday(Dated(text="Monday", iso="2026-01-05")) == "Monday"
    assert render.date_label(Dated(text="January", iso="2026-01")) == "Jan 2026"
    assert render.date_label(Dated(text="last spring")) == "last spring"
    days = [Dated(text="x", iso=i) for i in ("2026-01-06", "2026-01-05", "2026-01")]
    span = render.date_span(Brief(headline="h", summary=Point(text="s"), when=days))
    assert span == "5–6 Jan 2026"


@pytest.fixture
def no_weasyprint(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    pdf._weasyprint.cache_clear()
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    yield
    pdf._weasyprint.cache_clear()


def test_without_weasyprint(seed: Brief, no_weasyprint: None, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(SetupError) as err:
        render.to_pdf(seed)
    assert "pip install 'briefer[pdf]'" in str(err.value) and "\n" not in str(err.value)
    html = render.to_html(seed)  # the page as it stands, said so
    assert "not fitted to one page" in html and "<h1>" in html
    assert "not fitted" in caplog.text


def test_cli_pdf(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    out = tmp_path / "brief.pdf"
    result = CliRunner().invoke(main, ["brief", str(ARRIVAL), str(TALKS), "-o", str(out), "--page", "letter"])
    assert result.exit_code == 0, result.stderr
    assert [(round(w), round(h)) for w, h in pdf_pages(out.read_bytes())] == [(612, 792)]  # one Letter page
    assert not list(tmp_path.glob(".*.tmp"))
    piped = CliRunner().invoke(main, ["brief", str(ARRIVAL), "--format", "pdf"])  # stdout is a pipe here
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"%PDF")
    assert len(pdf_pages(piped.stdout_bytes)) == 1


def test_cli_pdf_never_to_a_terminal(remote_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("briefer.cli.output._stdout_is_tty", lambda: True)
    result = CliRunner().invoke(main, ["brief", str(ARRIVAL), "--format", "pdf"])
    assert result.exit_code == 2 and "-o FILE.pdf" in result.stderr and not remote_env.requests


def test_cli_pdf_without_weasyprint(remote_env: FakeOpenAI, no_weasyprint: None, tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"yesterday")
    result = CliRunner().invoke(main, ["brief", str(ARRIVAL), "-o", str(target)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "pip install 'briefer[pdf]'" in result.stderr and "Traceback" not in result.stderr
    assert not remote_env.requests and target.read_bytes() == b"yesterday"  # checked before the model is asked
