"""``briefer watch`` from the command line: a real process, real file events, Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.support.fakes import labeller, run
from tests.support.fakeserver import FakeOpenAI

ROOT = Path(__file__).resolve().parents[2]

FIRST = """Ferry Link Talks Open in Gdansk

GDANSK, Poland (Monday 2 February 2026) — Transport ministers from six countries opened talks on a Baltic ferry link.

Canada will send two engineers to the ferry project, Transport Minister Carla Young said.
"""
SECOND = """Ferry Link Plan Gains Backing

GDANSK, Poland (Tuesday 3 February 2026) — Port director Henrik Lund said the first ferry is scheduled for June 2026.

Lund said the link would cut the crossing to four hours.
"""


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line.rstrip("\n"))


def _wait_for(lines: queue.Queue[str], seen: list[str], needle: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} never said; stderr so far: {seen}")


def test_watch_updates_the_page_reports_a_bad_file_and_ctrl_c_leaves_the_last_version(tmp_path: Path) -> None:
    pile, out = tmp_path / "pile", tmp_path / "brief.html"
    pile.mkdir()
    (pile / "first.txt").write_text(FIRST, encoding="utf-8")
    with FakeOpenAI(labeller) as fake:
        env = {**os.environ, "OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "sk-test-SECRET-123456",
               "BRIEFER_MODEL": "fake-model", "BRIEFER_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen([sys.executable, "-m", "briefer", "watch", str(pile), "-o", str(out), "--settle",
                                 "0.2", "--keep", "1"], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
        lines: queue.Queue[str] = queue.Queue()
        seen: list[str] = []
        threading.Thread(target=_lines, args=(proc.stderr, lines), daemon=True).start()
        try:
            _wait_for(lines, seen, "version 1 of brief.html: 1 article")
            (pile / "empty.md").write_text("\n \n", encoding="utf-8")
            (pile / "second.txt").write_text(SECOND, encoding="utf-8")
            _wait_for(lines, seen, "version 2 of brief.html: 2 articles")
            assert "Henrik Lund" in out.read_text(encoding="utf-8")
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=30) == 130
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        while not lines.empty():
            seen.append(lines.get())
    assert seen[0].startswith("briefer: watching") and seen[-1] == "briefer: interrupted"
    skipped = [line for line in seen if "empty.md" in line]
    assert len(skipped) == 1 and skipped[0].startswith("briefer: warning: skipped empty.md:")
    assert not any("Traceback" in line or "sk-test-SECRET" in line for line in seen)
    page = out.read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>") and "Henrik Lund" in page and "new at" in page
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["brief.1.html", "brief.html",
                                                                         "brief.watch.json"]
    assert not any("sk-test-SECRET" in p.read_text() for p in tmp_path.iterdir() if p.is_file())


def test_watch_rejects_bad_arguments_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "pile").mkdir()
    for args, message in [
            (["--since", "teatime"], "--since 'teatime' is not a time"),
            (["-o", str(tmp_path / "brief.pdf")], "is an HTML page"),
            (["--keep", "-2"], "--keep"),
    ]:
        argv = ["watch", str(tmp_path / "pile"), *(["-o", str(tmp_path / "b.html")] if "-o" not in args else []),
                *args, "--base-url", "http://127.0.0.1:9/v1"]
        code, _, err = run(*argv)
        assert code == 2, err
        assert message in err and len(err.strip().splitlines()) == 1
    code, _, err = run("watch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "b.html"), "--base-url",
                       "http://127.0.0.1:9/v1")
    assert code == 2 and err.startswith("briefer: error: ") and "no such folder" in err
    assert len(err.strip().splitlines()) == 1
