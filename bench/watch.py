"""Watch: the update of a kept-current brief when the 10th article of a folder arrives, against briefing
the 10 from scratch, side by side in one run against the fake server.

Rows (each with its own empty response cache where it says "from scratch"):
  - from scratch, ``briefer brief`` of the 10 together: one pass of the calls over one prompt holding all
    10, then the page fitted and written;
  - from scratch, the watch's first version of the 10: each article's calls on its own;
  - the update: the 10th article dropped into a watched folder of 9 (its calls, then merge, discrepancies,
    fitting to one page and the atomic write of the page);
  - a version with no call at all: a watch started again on the 10 (every call from the cache).

The fake server answers each call after a delay that grows with what the call costs a model: prompt
tokens and answer tokens, at the embedded model's measured rates on 2 cores (about 8 ms a prompt token,
31 ms an answer token; docs FINDINGS section 5) times ``--speed`` (default 0.01: a model 100x faster),
plus ``--latency`` per request. Calls and prompt tokens are counted on the requests the server got. The
server runs in this process (it has to count): its own work is small against the delays it sleeps.

    python bench/watch.py [--articles 10] [--speed 0.01] [--latency 0.05] [--slots 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fakeproc import INPUTS, ROOT, table  # bench/ is on sys.path
from fastserver import InProcess, valid_answer

sys.path.insert(0, str(ROOT))

from briefer import config, render
from briefer.api import Briefer
from briefer.batching.journal import write_atomic
from briefer.batching.watch import Watcher
from briefer.model.tokens import count_messages, estimate

DEV_SET = ROOT.parent / "shared" / "evalsets" / "giveme5w1h-dev"
PROMPT_TOKEN_S, ANSWER_TOKEN_S = 0.008, 0.031


def articles(n: int, into: Path) -> list[Path]:
    """``n`` article files: the dev set's articles where it is here, else the seed inputs, each copy with a
    line of its own."""
    into.mkdir(parents=True, exist_ok=True)
    found = sorted(DEV_SET.glob("*.txt"))[:n] if DEV_SET.is_dir() else []
    out = []
    for i in range(n):
        if i < len(found):
            text = found[i].read_text(encoding="utf-8")
        else:
            text = INPUTS[i % len(INPUTS)].read_text(encoding="utf-8") + f"\n\nDesk note {i}: benchmark copy.\n"
        path = into / f"{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


class Meter:
    """The fake model's handler: answers valid JSON after a delay priced by tokens; counts what it got.
    ``slots`` 1: one request at a time, as the embedded model's server has one slot (0: no limit)."""

    def __init__(self, speed: float, latency: float, slots: int = 0) -> None:
        self.speed, self.latency = speed, latency
        self.calls = 0
        self.prompt_tokens = 0
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(slots) if slots else None

    def __call__(self, request: dict[str, Any]) -> tuple[str, float]:
        prompt = count_messages(request["messages"], estimate)
        answer = valid_answer(request)
        with self._lock:
            self.calls += 1
            self.prompt_tokens += prompt
        delay = self.latency + self.speed * (prompt * PROMPT_TOKEN_S + estimate(answer) * ANSWER_TOKEN_S)
        if self._slots is None:
            return answer, delay
        with self._slots:  # the handler's own thread waits its turn, then "computes"
            time.sleep(delay)
        return answer, 0.0

    def reset(self) -> tuple[int, int]:
        seen = self.calls, self.prompt_tokens
        self.calls = self.prompt_tokens = 0
        return seen


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--speed", type=float, default=0.01, help="the fake model's speed-up on the 2-core rates")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added to each request")
    parser.add_argument("--slots", type=int, default=0, help="requests the fake model serves at once (0: any)")
    args = parser.parse_args()
    n = args.articles
    meter = Meter(args.speed, args.latency, args.slots)
    rows: list[tuple[str, float, int, int]] = []
    with InProcess(meter) as fake, tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        files = articles(n, base / "all")

        def settings(home: str) -> config.Settings:
            os.environ["BRIEFER_HOME"] = str(base / home)
            return config.resolve(base_url=fake.base_url, api_key="sk-bench", model="fake-model")

        # Warm-up in a cache of its own: imports, WeasyPrint's first layout, the client; in no row.
        warm = base / "warm"
        shutil.copytree(base / "all", warm)
        Watcher(warm, base / "warm.html", Briefer(settings("home-warm")), settle=0, report=lambda line: None).update()
        meter.reset()

        session = Briefer(settings("home-together"))
        seconds, _ = timed(lambda: write_atomic(base / "together.html", render.to_html(session.brief(files))))
        rows.append((f"from scratch: `briefer brief` of the {n} together (one pass)", seconds, *meter.reset()))

        watcher = Watcher(base / "all", base / "first.html", Briefer(settings("home-first")), settle=0,
                          report=lambda line: None)
        seconds, first = timed(watcher.update)
        assert first is not None and len(first.articles) == n
        rows.append((f"from scratch: the watch's first version of the {n}", seconds, *meter.reset()))

        pile = base / "pile"
        pile.mkdir()
        for path in files[:-1]:
            shutil.copy(path, pile / path.name)
        grown = Watcher(pile, base / "grown.html", Briefer(settings("home-grown")), settle=0,
                        report=lambda line: None)
        assert grown.update() is not None
        meter.reset()
        shutil.copy(files[-1], pile / files[-1].name)
        seconds, update = timed(grown.update)
        assert update is not None and update.added == [files[-1].name]
        rows.append((f"update: article {n} dropped into a watched folder of {n - 1}", seconds, *meter.reset()))

        again = Watcher(base / "all", base / "first.html", Briefer(settings("home-first")), settle=0,
                        report=lambda line: None)
        seconds, version = timed(again.update)
        assert version is not None and version.calls == 0
        rows.append((f"a version with no call: the {n} from the cache (merge, fit, write)", seconds,
                     *meter.reset()))

    together, each, upd, _ = rows
    slots = f", {args.slots} request{'s' if args.slots != 1 else ''} at a time" if args.slots else ""
    print(f"{n} articles; fake model: {args.speed:g} x the embedded model's 2-core token rates, "
          f"+{args.latency * 1000:.0f} ms a request{slots}\n")
    print(table(["", "seconds", "calls", "prompt tokens", "x update"],
                [[label, f"{s:.2f}", str(c), str(t), f"{s / upd[1]:.1f}"] for label, s, c, t in rows]))
    print(f"\nthe update costs {upd[1] / together[1]:.2f} of briefing the {n} together from scratch "
          f"({upd[3] / together[3]:.2f} of its prompt tokens) and {upd[1] / each[1]:.2f} of the watch's "
          f"first version ({upd[2]} calls against {each[2]}: one article's)")
    print(json.dumps({"update_over_together": round(upd[1] / together[1], 3),
                      "update_over_first_version": round(upd[1] / each[1], 3),
                      "update_calls": upd[2], "first_version_calls": each[2], "together_calls": together[2]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
