"""Property-based tests (hypothesis) over the loaders, the quote verifier and the date resolver."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.compose.grounding import is_verbatim, verify_quote
from briefer.errors import InputError
from briefer.extract import dates
from briefer.read import sources
from briefer.read.clean import clean_text
from briefer.schema import Quote
from briefer.text import normalise, split_sentences

FAST = settings(max_examples=60, deadline=None)
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\U000e0000-\U000e0fff]")

# Text that looks like an article: words, names, dates, markup, tokens, invisible and control characters.
FRAGMENTS = st.sampled_from([
    "Canada", "Ottawa", "said", "on", "Monday", "Tuesday,", "January 6", "5 January 2026", "2025", "the", "talks",
    ".", ",", "\n", "\n\n", "  ", "\t", "<p>", "</p>", "<!--", "-->", "<script>", "# ", "**", "![a](b)", "[x](y)",
    "<|im_start|>", "<<END 0>>", "SYSTEM:", "Ignore previous instructions", "\u200b", "\ufeff", "\u202e", "\x00",
    "\x07", "\r\n", "\U000e0041", "\u00ad", "é", "Published: 2026-01-05", "PARIS, January 6:", "“", "”", "—",
])
CHAT_TOKEN = re.compile(r"<\|[A-Za-z0-9_]{1,40}\|>")
ARTICLE_TEXT = st.lists(FRAGMENTS | st.text(max_size=12), max_size=60).map(" ".join)


@FAST
@given(text=ARTICLE_TEXT, fmt=st.sampled_from(["txt", "md", "html"]))
def test_from_text_gives_clean_text_or_an_input_error(text: str, fmt: str) -> None:
    try:
        article = sources.from_text(text, fmt=fmt)
    except InputError as exc:
        assert "\n" not in exc.message
        return
    assert article.text.strip() and article.text == clean_text(article.text)
    # no chat-template token survives ("<|" alone, written by the article, may)
    assert not INVISIBLE.search(article.text) and not CHAT_TOKEN.search(article.text) and "\x00" not in article.text
    assert article.title


@FAST
@given(data=st.binary(max_size=1500) | ARTICLE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
       encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_decode_gives_text_or_an_input_error(data: bytes, encoding: str) -> None:
    try:
        raw = data.decode("utf-8", "replace").encode(encoding, "replace") if encoding != "utf-8" else data
        text, warnings = sources.decode(raw, "x.txt")
    except InputError as exc:
        assert "\n" not in exc.message
        return
    assert text.strip() and set(warnings) <= {sources.REPLACEMENT_WARNING}


SOURCE_TEXT = st.lists(st.sampled_from(["Canada", "pledged", "aid", "on", "Monday", "the", "minister", "said",
                                        "talks", "in", "Paris", "will", "resume", ".", ",", "\u2019s", "—"]),
                       min_size=3, max_size=80).map(" ".join)


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@FAST
@given(text=SOURCE_TEXT, data=st.data())
def test_a_span_of_the_source_always_verifies(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    span = text[start:end]
    quote = verify_quote(Quote(text=span, source="a"), {"a": text}, {"a": _sentences(text)})
    if normalise(span).strip(" .,;:\"'"):
        assert quote.verified and quote.text == span


@FAST
@given(text=SOURCE_TEXT, words=st.lists(st.sampled_from(["troops", "deployed", "Venezuela", "2023", "signed",
                                                         "treaty", "ceasefire", "agreed"]), min_size=1, max_size=8))
def test_words_the_source_lacks_never_verify(text: str, words: list[str]) -> None:
    invented = " ".join(words)
    quote = verify_quote(Quote(text=invented, source="a"), {"a": text}, {"a": _sentences(text)})
    assert not quote.verified


@FAST
@given(text=SOURCE_TEXT, quote_text=st.text(max_size=80) | SOURCE_TEXT)
def test_a_verified_quote_is_always_in_the_source(text: str, quote_text: str) -> None:
    quote = verify_quote(Quote(text=quote_text, source="a"), {"a": text}, {"a": _sentences(text)})
    if quote.verified:
        assert is_verbatim(quote.text, text)


DATE_TEXT = st.lists(st.sampled_from([
    "on", "Monday", "Tuesday", "Friday", "last", "next", "January", "Jan.", "6", "5", "29", "February", "30",
    "December", "31", "2016", "2025", "2026", "yesterday", "today", "tomorrow", "two days ago", "this year",
    "at 06:00 GMT", "in", "since", "the", "talks", "will", "meet", ",", ".", "2000 people", "March 2026",
    "2026-01-05", "early hours of", "Wednesday's",
]), max_size=30).map(" ".join)
ANCHORS = st.builds(
    dates.Anchor,
    published=st.none() | st.dates(datetime.date(2015, 1, 1), datetime.date(2030, 12, 31)),
    dateline=st.none() | st.sampled_from(["January 6", "Jan. 5", "December 31", "February 29"]),
    today=st.just(datetime.date(2026, 6, 1)),
)
ISO = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")


@FAST
@given(text=DATE_TEXT, anchor=ANCHORS)
def test_dates_never_raise_and_never_invent_a_year(text: str, anchor: dates.Anchor) -> None:
    anchor = dates.Anchor(published=anchor.published, dateline=anchor.dateline, today=anchor.today,
                          years=dates.explicit_years(text))
    for mention in dates.find_dates(text, anchor):
        assert ISO.match(mention.iso), mention
        assert mention.text == text[mention.start:mention.end]
        if len(mention.iso) < 4:
            continue
        year = int(mention.iso[:4])
        written = set(dates.explicit_years(text))
        if mention.basis in ("text", "partial"):
            assert year in written, mention
        elif mention.basis == "published":
            assert anchor.published is not None and abs(year - anchor.published.year) <= 1, mention
        elif mention.basis == "weekday":
            assert len(mention.iso) == 10
            day = datetime.date.fromisoformat(mention.iso)
            assert day.strftime("%A") in text, mention  # the weekday is written in the article
        elif mention.basis == "today":  # no publish date: the latest such day, never after the brief's day
            made = anchor.today or datetime.date.today()
            assert made.year - 1 <= year <= made.year and mention.iso <= made.isoformat(), mention
        else:  # dateline: from the dateline's own resolution
            assert anchor.dateline is not None, mention
    iso, basis = dates.resolve(text, anchor)
    assert ISO.match(iso) and basis in ("text", "dateline", "published", "weekday", "today", "partial")


def _gates() -> list[tuple[str, tuple[str, ...], object, bool]]:
    """(name, words, pattern, folded) of every pattern that is skipped on a text without its words."""
    from briefer.compose import grounding
    from briefer.extract import candidates, names
    from briefer.read import boilerplate as furniture

    gates = [(f"cue-{status}", words, rule, True) for status, words, rule in grounding._CUES]
    gates += [("url", grounding._URL_WORDS, grounding._URL, True),
              ("uncertain", candidates._UNCERTAIN_WORDS, candidates._UNCERTAIN, True),
              ("collective", names._COLLECTIVE_WORDS, names._COLLECTIVE, False),
              ("quoted", names._QUOTE_OPENERS, names._QUOTED, False)]
    gates += [(f"furniture-{i}", words, rule, True) for i, (words, rule) in enumerate(furniture._BOILERPLATE_ANYWHERE)]
    return gates


GATES = {name: (words, rule, folded) for name, words, rule, folded in _gates()}


@pytest.mark.parametrize("name", sorted(GATES))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(data=st.data())
def test_every_match_of_a_gated_pattern_holds_one_of_its_words(name: str, data: st.DataObject) -> None:
    """A pattern is skipped on a text without its words: so every text it matches (drawn from the pattern
    itself, in any case) must hold one (after ``fold``, which test_hostile checks letter by letter)."""
    from briefer.text import fold

    words, rule, folded = GATES[name]
    text = data.draw(st.from_regex(re.compile(rule.pattern, rule.flags), fullmatch=True))  # type: ignore[attr-defined]
    seen = fold(text) if folded else text
    assert any(w in seen for w in words), text


# Quote marks, dashes, spaces and ligatures that normalise() translates or NFKC folds, among plain letters.
_TRANSLATED = st.sampled_from("aZ `'\"-. \n\t\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u2212\ufb01é")


@FAST
@given(text=st.text(alphabet=st.characters(max_codepoint=127)) | ARTICLE_TEXT | st.text(alphabet=_TRANSLATED))
def test_normalise_takes_short_cuts(text: str) -> None:
    import unicodedata

    from briefer.text import _SPACE, _TRANSLATE

    full = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()).strip()
    assert normalise(text) == full


@FAST
@given(text=ARTICLE_TEXT | st.text())
def test_tiktoken_makes_at_most_one_token_of_a_byte(text: str) -> None:
    """What lets ``calls.fits`` skip counting: a prompt whose UTF-8 bytes fit the context fits."""
    from briefer.compose.calls import utf8_bytes
    from briefer.model.tokens import estimate

    assert estimate(text) <= utf8_bytes(text)
