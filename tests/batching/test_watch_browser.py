"""The kept-current page in a real browser (headless Chromium): the "new at" marks and the "What changed"
block are shown, and the page reloads itself, from the file and from ``--serve``.

`make test` installs Chromium where it is missing; in CI (``CI`` set) a missing browser fails the test
rather than skipping it.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from briefer import config
from briefer.api import Briefer
from briefer.batching.serve import PageServer
from briefer.batching.versions import still
from briefer.batching.watch import Watcher
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

FIRST = """Glacier Survey Teams Set Out From Nuuk

NUUK, Greenland (Monday 6 April 2026) — Survey teams from five countries set out to measure the ice sheet.

Canada will send a research icebreaker to the survey, Science Minister Paul Archer said.
"""
SECOND = """Survey Finds Faster Glacier Retreat

NUUK, Greenland (Wednesday 8 April 2026) — Glaciologist Maren Holt said the glacier front moved back faster.

Holt said the teams would publish their data on 20 April 2026.
"""

# Appended to a copy of the page: counts the page's loads in this tab (window.name survives a reload),
# writes what the browser laid out for the marks and the block into the DOM that --dump-dom prints, and
# from the second load on stops the page reloading again (so that the browser's run ends).
PROBE = """<script>
window.name = String(Number(window.name || 0) + 1);
(function () {
  var marks = [];
  document.querySelectorAll(".new").forEach(function (el) {
    var r = el.getBoundingClientRect(), s = getComputedStyle(el), li = el.closest("li");
    marks.push({text: el.textContent, width: r.width, height: r.height, visibility: s.visibility,
                display: s.display, background: s.backgroundColor, item: li ? li.textContent : ""});
  });
  var block = document.getElementById("what-changed"), box = block.getBoundingClientRect();
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify({loads: Number(window.name), marks: marks,
                                    block: {height: box.height, text: block.innerText}});
  document.body.appendChild(pre);
  if (Number(window.name) >= 2) {
    window.fetch = function () { return new Promise(function () {}); };
    window.stop();
  }
})();
</script>
"""


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("no Chromium: `make test` installs it (apt-get install chromium)")
    pytest.skip("no Chromium here (`make test` installs it; apt-get install chromium)")


def dump(url: str, tmp: Path, budget_ms: int = 0) -> dict[str, Any]:
    """Load ``url`` in headless Chromium; the probe's findings."""
    args = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
            f"--user-data-dir={tmp / 'profile'}", "--window-size=1000,1400", "--dump-dom"]
    if budget_ms:
        args.append(f"--virtual-time-budget={budget_ms}")
    done = subprocess.run([*args, url], capture_output=True, text=True, timeout=60)
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert match, f"the page did not load: {done.stderr[-1500:]}"
    return json.loads(html.unescape(match.group(1)))


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[tuple[Path, PageServer]]:
    """Two versions of a watched brief, the second article come at 09:40; the page also served."""
    pile, out = tmp_path / "pile", tmp_path / "brief.html"
    pile.mkdir()
    moment = {"now": datetime(2026, 4, 8, 9, 30, tzinfo=timezone.utc)}
    server = PageServer(0).start()
    try:
        with FakeOpenAI(labeller) as fake:
            settings = config.resolve(base_url=fake.base_url, api_key="sk-test", model="fake-model")
            watcher = Watcher(pile, out, Briefer(settings), settle=0.0, refresh=1, clock=lambda: moment["now"],
                              server=server, report=lambda line: None)
            (pile / "first.txt").write_text(FIRST, encoding="utf-8")
            watcher.update()
            (pile / "second.txt").write_text(SECOND, encoding="utf-8")
            moment["now"] = moment["now"].replace(minute=40)
            watcher.update()
        yield out, server
    finally:
        server.stop()


def probed(page: str, at: Path) -> Path:
    at.write_text(page.replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    return at


def test_the_browser_shows_the_new_marks_and_the_what_changed_block(pages: tuple[Path, PageServer],
                                                                    tmp_path: Path) -> None:
    out, _ = pages
    page = probed(still(out.read_text(encoding="utf-8")), tmp_path / "still.html")
    found = dump(page.as_uri(), tmp_path)
    assert found["loads"] == 1
    marks = found["marks"]
    assert marks and all(m["text"] == "new at 09:40" for m in marks)
    for m in marks:  # laid out, visible, on a coloured ground
        assert m["width"] > 10 and m["height"] > 5 and m["visibility"] == "visible" and m["display"] != "none"
        assert m["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert any("Maren Holt" in m["item"] for m in marks)
    assert not any("Paul Archer" in m["item"] for m in marks)  # known since 09:30
    block = found["block"]
    assert block["height"] > 20
    assert "WHAT CHANGED" in block["text"].upper() and "Maren Holt" in block["text"]
    assert "Survey Finds Faster Glacier Retreat" in block["text"]


def test_the_page_opened_as_a_file_reloads_itself(pages: tuple[Path, PageServer], tmp_path: Path) -> None:
    out, _ = pages
    page = probed(out.read_text(encoding="utf-8"), tmp_path / "live.html")  # refresh every second
    assert dump(page.as_uri(), tmp_path, budget_ms=2600)["loads"] >= 2


def test_the_served_page_reloads_when_a_new_version_is_published(pages: tuple[Path, PageServer],
                                                                 tmp_path: Path) -> None:
    _, server = pages
    with urllib.request.urlopen(server.url, timeout=10) as response:
        served = response.read().decode("utf-8")  # version 2, polling /version
    assert "var seen = 2;" in served
    server.publish(served.replace("</body>", PROBE + "</body>", 1), 2)
    assert dump(server.url, tmp_path, budget_ms=5000)["loads"] == 1  # nothing newer: it stays
    server.publish(served.replace("</body>", PROBE + "</body>", 1), 3)  # a new version is out
    assert dump(server.url, tmp_path / "again", budget_ms=5000)["loads"] >= 2
