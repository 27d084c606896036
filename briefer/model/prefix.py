"""The system prompt's evaluated state, kept across starts of the embedded server.

Every call of every brief begins with the same system prompt: its one changing part, the articles' marker
code, is its last line (``compose/templates/system.j2``). The embedded server would evaluate those ~180 tokens again
at each start (about 8 s on 2 cores); instead, the first start evaluates them once and saves the slot
(``llama-server --slot-save-path``), and later starts restore it in milliseconds. llama-server then reuses
it as the common prefix of the first call, so only the rest of that prompt is evaluated.

Best effort: a failure here only costs the saving (the calls evaluate the whole prompt, as without it),
and a saved state that no longer restores is removed so that the next start saves it anew.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any, Protocol

from briefer.config import home
from briefer.errors import ModelError
from briefer.model import install

log = logging.getLogger("briefer.local")

SENTINEL = "@@BRIEFER-MARKER-CODE@@"  # rendered in place of the marker code to find where the prefix ends
MIN_CHARS = 200  # a shorter shared prefix (a user's template with the code near the top) is not worth a file
KEEP = 8  # saved states kept (model x template x runtime), the least recently used removed first


class _Server(Protocol):
    model: Path
    ctx: int

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]: ...


def folder() -> Path:
    """Where the states are saved: given to llama-server as ``--slot-save-path``."""
    return home() / "prefixes"


def shared_prefix(server: _Server, system: str) -> str:
    """The prompt text every call starts with: the chat template applied to ``system`` (rendered with
    SENTINEL as the marker code), up to the last line break before SENTINEL, so no token spans the cut."""
    prompt = str(server.post("/apply-template", {"messages": [{"role": "system", "content": system},
                                                                {"role": "user", "content": "-"}]})["prompt"])
    cut = prompt.find(SENTINEL)
    head = prompt[:cut] if cut >= 0 else ""
    return head[: head.rfind("\n") + 1]


def state_name(server: _Server, prefix: str) -> str:
    """A file name for ``prefix`` evaluated by this model file, runtime build and context size."""
    digest = hashlib.sha256()
    model = Path(server.model)
    stat = model.stat() if model.exists() else None
    identity = f"{stat.st_size}:{stat.st_mtime_ns}" if stat else ""
    runtime = install.server_path()
    built = str(runtime.stat().st_mtime_ns) if runtime.exists() else ""  # `setup --rebuild` starts afresh
    for part in (str(runtime), built, str(model.resolve()), identity, str(server.ctx), prefix):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return f"prefix-{digest.hexdigest()[:24]}.bin"


def warm(server: _Server, system: str) -> int:
    """Restore the saved state of ``system``'s shared prefix into slot 0, or evaluate it and save it.
    The number of tokens restored or saved; 0 when nothing was (and why is logged)."""
    try:
        prefix = shared_prefix(server, system)
        if len(prefix) < MIN_CHARS:
            return 0
        name = state_name(server, prefix)
        path = folder() / name
        if path.is_file():
            try:
                restored = int(server.post("/slots/0?action=restore", {"filename": name})["n_restored"])
            except (ModelError, KeyError, TypeError, ValueError):
                path.unlink(missing_ok=True)  # torn or from another build: saved anew next time
                raise
            path.touch()  # recently used
            log.info("restored the system prompt's %d tokens from %s", restored, path)
            return restored
        server.post("/completion", {"prompt": prefix, "n_predict": 0, "cache_prompt": True})
        saved = int(server.post("/slots/0?action=save", {"filename": name})["n_saved"])
        _prune()
        log.info("saved the system prompt's %d tokens to %s", saved, path)
        return saved
    except (ModelError, KeyError, TypeError, ValueError, OSError) as exc:
        log.info("the system prompt's state is not kept: %s", str(exc)[:200])
        return 0


def _prune() -> None:
    states = sorted(folder().glob("prefix-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in states[KEEP:]:
        old.unlink(missing_ok=True)
