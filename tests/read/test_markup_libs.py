"""Kept libraries doing the reading: htmldate (through trafilatura) dates a page from its markup, and
markdown-it-py turns Markdown into prose. Every page and text here is invented."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from briefer.read.markup import extract_html, strip_markdown
from briefer.read.sources import from_text
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

BODY = ("<article><h1>Dock strike ends after nine days</h1>"
        "<p>Dock workers in the port of Halvik returned to work on Friday after a nine-day strike, the union "
        "said in a statement.</p><p>The union's leader, Marta Olsen, said the agreement raised wages by six "
        "per cent and that talks on pensions would resume on Monday.</p>"
        "<p>Shipping firms said the backlog of containers would take about two weeks to clear.</p></article>")


def page(head: str = "", body: str = BODY) -> str:
    return f"<!doctype html><html><head><title>Dock strike ends | Halvik Herald</title>{head}</head>" \
           f"<body>{body}</body></html>"


JSON_LD = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
           '"headline": "Dock strike ends", "datePublished": "2025-03-14T08:30:00+01:00"}</script>')


def test_a_page_dated_only_by_json_ld_gets_its_date() -> None:
    text, title, published, _ = extract_html(page(JSON_LD), "page.html")
    assert published == datetime.date(2025, 3, 14)
    assert title == "Dock strike ends" and "Marta Olsen" in text


@pytest.mark.parametrize("head, body, expected", [
    ("", BODY.replace("<h1>", '<time datetime="2024-11-02" pubdate>2 November 2024</time><h1>'),
     datetime.date(2024, 11, 2)),  # a <time> element
    ('<meta property="article:published_time" content="2023-06-01T10:00:00Z">' + JSON_LD.replace("2025", "2022"),
     BODY, datetime.date(2023, 6, 1)),  # the page's own meta tag wins, as before
])
def test_other_markup_dates(head: str, body: str, expected: datetime.date) -> None:
    assert extract_html(page(head, body), "page.html")[2] == expected


def test_a_date_in_the_text_alone_is_not_a_publish_date() -> None:
    body = BODY.replace("on Friday", "on 3 February 2024")
    assert extract_html(page("", body), "page.html")[2] is None  # htmldate's text search would guess it


def test_relative_dates_hang_on_the_json_ld_date(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    days = {}
    for name, head in (("dated", JSON_LD), ("undated", "")):
        path = tmp_path / f"{name}.html"
        path.write_text(page(head))
        result = CliRunner().invoke(main, ["brief", str(path), "-f", "json"])
        assert result.exit_code == 0, result.stderr
        brief = json.loads(result.stdout)
        days[name] = {w["text"]: w["iso"] for w in brief["when"]}
        assert brief["sources"][0]["published"] == ("2025-03-14" if head else None)
    assert days["dated"]["on Friday"] == "2025-03-14" and days["dated"]["on Monday"]
    assert days["undated"] == {"on Friday": "", "on Monday": ""}  # nothing to hang them on


# --- markdown -------------------------------------------------------------------------------------------

def test_a_link_whose_url_holds_parentheses() -> None:
    md = "The ministry released [the audit](https://example.org/audit_(final)) on Tuesday, officials said."
    assert strip_markdown(md) == "The ministry released the audit on Tuesday, officials said."


def test_a_table_reads_as_lines_of_cells_without_pipes() -> None:
    md = ("Results came in overnight.\n\n| Party | Seats | Change |\n|:------|------:|:------:|\n"
          "| Harbour Party | 41 | +6 |\n| Inland Alliance | 12 | -4 |\n\nTurnout was 61 per cent.\n")
    assert strip_markdown(md).split("\n\n") == [
        "Results came in overnight.",
        "Party; Seats; Change\nHarbour Party; 41; +6\nInland Alliance; 12; -4",
        "Turnout was 61 per cent.",
    ]


@pytest.mark.parametrize("md, expected", [
    ("A *soft*\nwrapped **line** with `code` and ~~struck~~ words.", "A soft wrapped line with code and struck words."),
    ("Setext heading\n==============\n\nBody line.", "Setext heading\n\nBody line."),
    ("1. first\n2. second\n   - nested", "first\nsecond\nnested"),
    ("Keep &amp; decode \\*escapes\\* and 3 * 4 = 12.", "Keep & decode *escapes* and 3 * 4 = 12."),
    ("Shown <span>inline</span> text<!-- hidden -->.", "Shown inline text."),
    ("<div>\nA block of <b>HTML</b>\n<script>alert('hidden')</script>\n</div>\n\nAfter.", "A block of HTML\n\nAfter."),
    ("Before.\n\n    indented code\n\n***\n\nAfter [a ref][r].\n\n[r]: https://example.org", "Before.\n\nAfter a ref."),
])
def test_markdown_forms(md: str, expected: str) -> None:
    assert strip_markdown(md) == expected


def test_markdown_article_through_the_cli_keeps_no_markup(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    path = tmp_path / "results.md"
    path.write_text("# Harbour Party gains six seats\n\nPublished: 2025-05-04\n\n"
                    "HALVIK, May 4 - The Harbour Party won 41 seats, according to "
                    "[the count](https://example.org/count_(final)) released on Sunday.\n\n"
                    "| Party | Seats |\n|---|---|\n| Harbour Party | 41 |\n")
    article = from_text(path.read_text(), fmt="md")
    assert "the count released on Sunday." in article.text and "|" not in article.text
    result = CliRunner().invoke(main, ["brief", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert "|" not in result.stdout and "(final)" not in result.stdout
