"""The benchmarks' fake OpenAI-compatible server (bench/fastserver.py) in its own process, so that its work
is not counted as briefer's (and does not share briefer's GIL), and what the benchmarks share around it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "inputs").glob("*.txt"))


@contextmanager
def fake_server(delay: float = 0.0) -> Iterator[str]:
    """Start ``bench/fastserver.py`` (each answer after ``delay`` seconds); yields its base URL; stops it on
    exit."""
    command = [str(ROOT / "bench" / "fastserver.py")]
    proc = subprocess.Popen([sys.executable, *command, "--delay", str(delay)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        if not url.startswith("http"):
            raise RuntimeError("the fake server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def server_cpu(url: str) -> float | None:
    """CPU seconds the fake server has used so far (None from a server that does not tell)."""
    try:
        with urllib.request.urlopen(url.removesuffix("/v1") + "/bench/cpu", timeout=10) as response:
            return float(json.load(response)["cpu"])
    except (OSError, ValueError, KeyError):
        return None


def brief_bodies(session: Any) -> list[list[dict[str, Any]]]:
    """The request bodies of one brief of each input article, as ``session`` (a ``Briefer``) sends them."""
    from briefer.compose.calls import plan_calls
    from briefer.compose.prepare import prepare
    from briefer.extract.focus import focus_on
    from briefer.model.client import call_messages, request_body

    settings = session.settings
    out = []
    for path in INPUTS:
        calls = plan_calls(prepare(session.articles([path]), settings, focus_on(settings.focus)), settings)
        out.append([request_body(settings, c, call_messages(c, settings.mode)) for c in calls])
    return out


def send_together(pool: Executor, client: Any, bodies: list[dict[str, Any]]) -> None:
    """One brief's requests through the bare ``openai`` client, together: the first on this thread, the
    others on ``pool``'s, as ``ModelClient.ask_all`` sends them."""
    from briefer.model.client import send

    rest = [pool.submit(send, client, b) for b in bodies[1:]]
    send(client, bodies[0])
    for future in rest:
        future.result()


def remote_env(url: str, home: Path) -> dict[str, str]:
    """Environment of a user of the fake server, with a private briefer home (and cache)."""
    return {"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-bench", "BRIEFER_MODEL": "fake-model",
            "BRIEFER_HOME": str(home)}


def table(headers: list[str], rows: list[list[str]]) -> str:
    """Columns padded to fit; the first left-aligned, the others right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths,
                                                                                             strict=True)))

    line = fmt(headers)
    return "\n".join([line, "-" * len(line), *(fmt(r) for r in rows)])
