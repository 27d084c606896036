"""Progress on stderr: the brief's spinner and phases, the batch's bar, setup's steps. A terminal gets a
redrawn line; a log gets plain lines, and only where a user waits long enough to want them."""

from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from briefer.model.install import Step
    from briefer.schema import CallUsage


class Spinner:
    """``| briefing on the embedded model (model call 2: role) 41.0s``, redrawn on a terminal. Finished
    phases (``done``) stay as lines above it; with ``lines``, they are written when there is no terminal too."""

    FRAMES = "|/-\\"

    def __init__(self, label: str, stream: TextIO | None = None, enabled: bool | None = None,
                 lines: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.lines = lines
        self.label = label
        self.detail = ""
        self.calls = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.started = time.monotonic()

    def stage(self, detail: str) -> None:
        self.detail = detail

    def call(self, name: str) -> None:
        """A model call starts (``name``, or ``name, re-ask 1``)."""
        if "re-ask" not in name:
            self.calls += 1
        self.stage(f"model call {self.calls}: {name}")

    def answered(self, usage: CallUsage) -> None:
        """A model call came back and passed: its line, with the server's speed where it said it."""
        self.done(call_line(usage))

    def done(self, text: str) -> None:
        """A finished phase: a line that stays."""
        if not (self.enabled or self.lines):
            return
        with self._lock:
            self.stream.write(("\r\033[K" if self.enabled else "") + f"briefer: {text}\n")
            self.stream.flush()

    def _run(self) -> None:
        i = 0
        while not self._stop.wait(0.1):
            elapsed = time.monotonic() - self.started
            detail = f" ({self.detail})" if self.detail else ""
            with self._lock:
                self.stream.write(f"\r{self.FRAMES[i % 4]} {self.label}{detail} {elapsed:5.1f}s\033[K")
                self.stream.flush()
            i += 1

    def __enter__(self) -> Spinner:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self.stream.write("\r\033[K")
            self.stream.flush()


def call_line(usage: CallUsage) -> str:
    """``who: read 573 tokens at 21 tok/s, wrote 41 at 9.2 tok/s (31.5 s)``; without the server's timings,
    the tokens and the time."""
    rates = usage.rates()
    fresh = usage.prompt_tokens - usage.reused_tokens
    again = f", {usage.attempts - 1} re-ask(s)" if usage.attempts > 1 else ""
    if rates is None:
        speed = f" ({usage.completion_tokens / usage.seconds:.1f} tok/s)" if usage.seconds > 0 else ""
        return (f"{usage.name}: {usage.prompt_tokens} prompt + {usage.completion_tokens} tokens in "
                f"{usage.seconds:.1f} s{speed}{again}")
    read, written = rates
    return (f"{usage.name}: read {fresh} tokens at {read:.0f} tok/s, wrote {usage.completion_tokens} at "
            f"{written:.1f} tok/s ({usage.seconds:.1f} s{again})")


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m" if seconds >= 3600 else \
        f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Bar:
    """Batch progress on stderr: a redrawn bar on a terminal, one plain line per finished item otherwise.

    ``[######......] 12/200  done 9  cached 2  failed 1  4.1/s  ETA 46s``"""

    STATUSES = ("done", "cached", "skipped", "failed")

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True,
                 tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty() if tty is None else tty
        self.total = total
        self.counts = dict.fromkeys(self.STATUSES, 0)
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._width = 24

    @property
    def finished(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        worked = self.finished - self.counts["skipped"]  # skipped items cost nothing: not in the rate
        rate = worked / elapsed
        left = self.total - self.finished
        eta = _duration(left / rate) if rate > 0 and left else "-" if left else "0s"
        filled = self._width * self.finished // max(self.total, 1)
        counts = "  ".join(f"{k} {v}" for k, v in self.counts.items() if v or k in ("done", "failed"))
        return (f"[{'#' * filled}{'.' * (self._width - filled)}] {self.finished}/{self.total}  {counts}  "
                f"{rate:.1f}/s  ETA {eta}")

    def start(self) -> None:
        if self.enabled and self.tty:
            with self._lock:
                self._draw()

    def step(self, status: str, item: str, detail: str = "") -> None:
        with self._lock:
            self.counts[status] = self.counts.get(status, 0) + 1
            if not self.enabled:
                return
            if self.tty:
                self._draw()
            else:
                reason = f": {detail}" if detail else ""
                self.stream.write(f"briefer: {self.finished}/{self.total} {item} {status}{reason}\n")
                self.stream.flush()

    def note(self, text: str) -> None:
        """A line about the whole run (a Batch API job's state), above the bar on a terminal."""
        if not self.enabled:
            return
        with self._lock:
            self.stream.write(("\r\033[K" if self.tty else "") + f"briefer: {text}\n")
            if self.tty:
                self._draw()
            self.stream.flush()

    def _draw(self) -> None:
        self.stream.write("\r" + self.line() + "\033[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty:
            with self._lock:
                self._draw()
                self.stream.write("\n")
                self.stream.flush()


def _size(n: float) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB" if n >= 1e7 else f"{n / 1e6:.1f} MB"


class Steps:
    """``briefer setup``'s steps (``install.Step``), as Ollama shows a pull: on a terminal one redrawn line
    per step, finished with its time; in a log a line when a step starts, at every tenth of it, and when it
    ends.

    ``build llama-server        [#########...........]  45%  2m41s``
    ``download the model        [####................]  0.24/1.12 GB  21 MB/s  ETA 41s``"""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty() if tty is None else tty
        self.name = ""
        self.started = time.monotonic()
        self.tenths = -1
        self._open = False  # a drawn line waits for its end
        self._width = 20

    def __call__(self, step: Step) -> None:
        if not self.enabled:
            return
        if step.name != self.name:
            self._close()
            self.name, self.started, self.tenths = step.name, time.monotonic(), -1
            if not self.tty and not step.finished:
                self._line(f"{step.name} ...")
        if self.tty:
            self._draw(step)
        elif step.finished:
            self._line(f"{step.name}: {self._end(step)}")
        elif step.total:
            tenths = int(10 * step.done / step.total)
            if tenths > self.tenths and 0 < tenths < 10:
                self._line(f"{step.name}: {self._amount(step)}")
            self.tenths = max(self.tenths, tenths)

    def _end(self, step: Step) -> str:
        if step.skipped:
            return step.note  # nothing was done: "already built"
        return f"done in {_duration(time.monotonic() - self.started)}" + (f" ({step.note})" if step.note else "")

    def _amount(self, step: Step) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        total = step.total or 0.0
        if step.unit != "B":
            return f"{step.done:3.0f}%  {_duration(elapsed)}"
        rate = step.done / elapsed
        eta = _duration((total - step.done) / rate) if rate > 0 and step.done < total else "-"
        return f"{_size(step.done)}/{_size(total)}  {rate / 1e6:.0f} MB/s  ETA {eta}"

    def _draw(self, step: Step) -> None:
        if step.finished:
            text = f"{step.name}: {self._end(step)}"
        elif step.total:
            filled = int(self._width * min(step.done / step.total, 1.0))
            text = f"{step.name:<26} [{'#' * filled}{'.' * (self._width - filled)}]  {self._amount(step)}"
        else:
            text = f"{step.name} ... {_duration(time.monotonic() - self.started)}"
        self.stream.write(f"\r{text}\033[K" + ("\n" if step.finished else ""))
        self.stream.flush()
        self._open = not step.finished

    def _line(self, text: str) -> None:
        self.stream.write(f"briefer: setup: {text}\n")
        self.stream.flush()

    def _close(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False
