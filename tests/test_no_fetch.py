"""briefer never fetches or runs what an article holds: every URL of a page points at a server started
here, and that server receives nothing while the page is read and briefed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefer import brief, render
from briefer.cli.main import main
from briefer.read import sources
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

PAGE = Path(__file__).resolve().parent / "hostile" / "transit-script-resources.html"


class Trap:
    """An HTTP server that records every request it gets."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        trap = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _hit(self) -> None:
                trap.hits.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_HEAD = _hit

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def trap() -> Iterator[Trap]:
    t = Trap()
    yield t
    t.server.shutdown()
    t.server.server_close()


def _page(tmp_path: Path, trap: Trap, suffix: str = ".html") -> Path:
    path = tmp_path / f"page{suffix}"
    html = PAGE.read_text().replace("http://resources.invalid", trap.url)
    html = html.replace("</article>", f'<p>Watch it at {trap.url}/watch and <a href="{trap.url}/more">more</a>.</p>'
                                      f'<img src="{trap.url}/late.png" onerror="fetch(\'{trap.url}/onerror\')">'
                                      f"</article>")
    path.write_text(html)
    return path


def test_the_trap_works(trap: Trap) -> None:
    import urllib.request

    urllib.request.urlopen(trap.url + "/probe", timeout=5).read()
    assert trap.hits == ["GET /probe"]


def test_reading_a_page_fetches_nothing(trap: Trap, tmp_path: Path) -> None:
    page = _page(tmp_path, trap)
    assert page.read_text().count(trap.url) >= 8
    [article] = sources.load([page])
    assert "Montreal Mayor Sophie Lachance" in article.text
    sources.load([_page(tmp_path, trap, ".md")])  # the same markup as Markdown: inline HTML is dropped
    assert trap.hits == []


def test_briefing_a_page_fetches_nothing(trap: Trap, fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.handler = labeller
    b = brief([str(_page(tmp_path, trap))], base_url=fake.base_url, api_key="sk-test", model="fake")
    render.to_html(b)
    render.to_markdown(b)
    assert fake.requests and trap.hits == []
    sent = "\n".join(m["content"] for r in fake.requests for m in r["messages"])
    assert "tracker.js" not in sent and "onerror" not in sent


def test_a_url_as_input_is_refused_not_fetched(trap: Trap, remote_env: FakeOpenAI) -> None:
    result = CliRunner().invoke(main, ["brief", f"{trap.url}/article.html"])
    assert result.exit_code == 2 and "never URLs" in result.stderr
    assert trap.hits == [] and remote_env.requests == []
