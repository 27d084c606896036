"""The one redaction of secrets from text that leaves the process (errors, logs, batch journals, eval
reports, the cache, model answers as they arrive).

Hidden: every API key this process was given (``remember``) or finds in ``OPENAI_API_KEY`` now, and any
HTTP bearer credential (``Bearer <token>``), which a server may echo from the Authorization header.
"""

from __future__ import annotations

import os
import re
import threading

MASK = "***"
# A bearer credential: the word, then a token of the characters RFC 6750 allows, holding a digit (so that
# prose such as "bearer bonds" stays as it is).
_BEARER = re.compile(r"\b(bearer)\s+(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE)
_MIN_KEY = 4  # shorter "keys" (placeholders such as "x") would mask ordinary letters
_keys: set[str] = set()
_lock = threading.Lock()


def remember(key: str | None) -> None:
    """Redact ``key`` from now on (a key given as an argument, or the embedded server's own)."""
    if key and len(key.strip()) >= _MIN_KEY:
        with _lock:
            _keys.add(key.strip())


def _known() -> list[str]:
    env = os.environ.get("OPENAI_API_KEY", "").strip()
    with _lock:
        keys = set(_keys)
    if len(env) >= _MIN_KEY:
        keys.add(env)
    return sorted(keys, key=len, reverse=True)  # a key that holds another goes first


def redact(text: str) -> str:
    """``text`` with every known key and bearer credential replaced by ``***``."""
    for key in _known():
        if key in text:
            text = text.replace(key, MASK)
    if "earer" in text or "EARER" in text:
        text = _BEARER.sub(rf"\1 {MASK}", text)
    return text


def quote(text: str, limit: int = 300) -> str:
    """Server, model or exception text fit to quote in a one-line message: redacted, its lines and spaces
    run together, at most ``limit`` characters."""
    return " ".join(redact(text).split())[:limit]
