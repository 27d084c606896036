"""A stderr spinner with elapsed time; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class Spinner:
    FRAMES = "|/-\\"

    def __init__(self, label: str, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.label = label
        self.detail = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.started = time.monotonic()

    def stage(self, detail: str) -> None:
        self.detail = detail

    def _run(self) -> None:
        i = 0
        while not self._stop.wait(0.1):
            elapsed = time.monotonic() - self.started
            detail = f" ({self.detail})" if self.detail else ""
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
