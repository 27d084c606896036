"""Cleaning: the characters of the kept text. NFC, ``\\n`` line ends, no control, zero-width, bidi or tag
characters, no chat-template control tokens, one blank line between paragraphs.

Cleaning keeps the article's own letters (quotes are verified against them); what a sentence is judged by
is its ``skeleton``. Where invisible characters joined words ("Ignore<ZWSP>previous"), cleaning joins them
as a reader sees them and records the words apart (``Cleaned.joins``), so the judge reads both.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from briefer.read.skeleton import INVISIBLE, JOINED
from briefer.text import LazyPattern, one_blank_line

_INVISIBLE = LazyPattern(INVISIBLE)
CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = LazyPattern("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ASCII_CONTROL = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])  # the ASCII part of CONTROL
# Control tokens of common chat templates (ChatML/Qwen, Llama 2/3, Mistral, Gemma, Phi...): a local server
# may turn them into real role markers when it tokenizes the prompt.
_SPECIAL_TOKENS = LazyPattern(
    r"<\|[A-Za-z0-9_]{1,40}\|>"  # <|im_start|> <|endoftext|> <|eot_id|> <|start_header_id|> <|system|>
    r"|\[/?INST\]|<</?SYS>>|</?s>|<(?:start|end)_of_turn>"
)


@dataclass
class Cleaned:
    text: str
    joins: dict[str, str] = field(default_factory=dict)  # a word joined by invisible characters -> its parts


def clean(text: str) -> Cleaned:
    """The kept text of ``text``, and the words that invisible characters joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    joins: dict[str, str] = {}
    if not text.isascii():
        for m in JOINED.finditer(text):
            joins[_INVISIBLE.sub("", m.group())] = _INVISIBLE.sub(" ", m.group())
        text = _INVISIBLE.sub("", text)
        text = CONTROL.sub("", text)
        text = _SPACES.sub(" ", text)
    elif _has_ascii_control(text):  # invisible characters and odd spaces are never ASCII; controls may be
        text = CONTROL.sub("", text)
    text = strip_special_tokens(text)
    lines = [line.rstrip() for line in text.split("\n")]
    return Cleaned(one_blank_line("\n".join(lines)).strip(), joins)


def clean_text(text: str) -> str:
    """``clean(text).text``."""
    return clean(text).text


def is_blank(text: str) -> bool:
    """Nothing but spaces, controls and invisible characters."""
    return not _INVISIBLE.sub("", CONTROL.sub("", text)).strip()


def _has_ascii_control(text: str) -> bool:
    """``text`` (ASCII) holds a character of ``CONTROL``: a byte-level test, many times faster than its scan."""
    raw = text.encode("ascii")
    return len(raw.translate(None, _ASCII_CONTROL)) != len(raw)


def strip_special_tokens(text: str) -> str:
    """``text`` without chat-template control tokens."""
    if "<" not in text and "[" not in text:  # every token starts with one of these
        return text
    return str(_SPECIAL_TOKENS.sub("", text))


