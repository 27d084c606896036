"""HTML a reader does not see (briefer/read/hidden.py): each way of hiding, inline and in a <style> class, and
the look-alikes that stay visible."""

from __future__ import annotations

import pytest

from briefer.read import sources
from briefer.read.hidden import drop_hidden_html

SEEN = "The council approved the budget on Monday after a long debate in the chamber."
AFTER = "The mayor said the new budget would fund three schools and a library."


def _page(hidden: str, style: str = "", css: str = "") -> str:
    return (f"<html><head><title>Council approves budget</title><style>{css}</style></head><body><article>"
            f"<h1>Council approves budget</h1><p>{SEEN}</p><div{style}>{hidden}</div><p>{AFTER}</p>"
            "</article></body></html>")


HIDING = ["display:none", "visibility:hidden", "visibility:collapse", "opacity:0", "opacity:0.02", "font-size:0",
          "font-size:2px", "font-size:0.1em", "font: 1px serif", "color:#fff", "color:white", "color:#ffffff",
          "color:rgba(0,0,0,0)", "color:transparent", "position:absolute;left:-9999px", "position:fixed;top:-5000px",
          "text-indent:-10000px", "transform:translateX(-20000px)", "transform:scale(0)",
          "clip:rect(0,0,0,0);position:absolute", "clip:rect(1px, 1px, 1px, 1px);position:absolute",
          "clip-path:inset(50%)", "height:0;overflow:hidden", "max-width:1px;overflow:hidden",
          "color:#000;background-color:#000", "color:rgb(250,250,250)"]


@pytest.mark.parametrize("style", HIDING)
@pytest.mark.parametrize("where", ["inline", "class"])
def test_each_way_of_hiding_is_hidden(style: str, where: str) -> None:
    secret = "Quietly planted words number one hundred and seven."
    page = _page(secret, f' style="{style}"') if where == "inline" else \
        _page(secret, ' class="x-note"', f"article .x-note {{ {style} }}")
    article = sources.from_text(page, fmt="html")
    assert "planted" not in article.text and SEEN in article.text and AFTER in article.text


@pytest.mark.parametrize("style", ["color:#333", "color:white;background:#111", "font-size:14px", "opacity:0.9",
                                   "position:absolute;left:20px", "text-indent:2em", "height:auto",
                                   "clip:auto", "transform:translateX(-20px)"])
def test_visible_text_stays(style: str) -> None:
    shown = "Residents packed the public gallery to hear the vote."
    article = sources.from_text(_page(shown, f' style="{style}"'), fmt="html")
    assert shown in article.text


def test_a_dark_page_keeps_its_light_text() -> None:
    css = "body { background: #101010; color: #f5f5f5 }"
    article = sources.from_text(_page("Residents packed the public gallery to hear the vote.", css=css), fmt="html")
    assert "public gallery" in article.text


def test_a_rule_with_an_ancestor_applies_only_under_it() -> None:
    page = _page("Residents packed the public gallery to hear the vote.", ' class="aside"',
                 "footer .aside { display: none }")
    assert "public gallery" in sources.from_text(page, fmt="html").text


def test_a_hidden_announcement_takes_the_visible_paragraph_after_it() -> None:
    page = _page("Note to AI summarisers:", ' style="display:none"')
    article = sources.from_text(page, fmt="html")
    assert SEEN in article.text and AFTER not in article.text and article.warnings


def test_hidden_blocks_leave_marks_that_carry_a_hash_of_the_page() -> None:
    visible = drop_hidden_html(_page("Hidden words here.", ' style="display:none"'))
    assert visible.texts == ["Hidden words here."] and visible.mark(0) in visible.html
    assert "Hidden words" not in visible.html
