"""What a brief on the embedded model shows while it runs: the runtime starting, each model call with the
server's speed, on a terminal a spinner with the phase under way; -q shows nothing."""

from __future__ import annotations

import io
import re
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.batching.progress import Spinner, call_line
from briefer.cli.main import main
from briefer.model import install
from briefer.schema import CallUsage
from tests.conftest import ARRIVAL

ROOT = Path(__file__).resolve().parents[2]

# A stand-in llama-server: schema-valid answers (the fake server's own), with llama.cpp's timings.
RUNTIME = textwrap.dedent("""\
    #!{python}
    import json, sys
    sys.path.insert(0, {root!r})
    from http.server import BaseHTTPRequestHandler, HTTPServer
    from tests.support.fakeserver import valid_answer
    args = sys.argv
    port = int(args[args.index("--port") + 1])
    class H(BaseHTTPRequestHandler):
        def log_message(self, *a): pass
        def _send(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code); self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
        def do_GET(self):
            self._send(200, {{"status": "ok"}})
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path == "/tokenize":
                return self._send(200, {{"tokens": list(range(len(body["content"].split())))}})
            if self.path != "/v1/chat/completions":
                return self._send(404, {{"error": {{"message": "not here"}}}})
            message = {{"role": "assistant", "content": valid_answer(body)}}
            self._send(200, {{"choices": [{{"index": 0, "message": message, "finish_reason": "stop"}}],
                             "usage": {{"prompt_tokens": 600, "completion_tokens": 40,
                                       "prompt_tokens_details": {{"cached_tokens": 200}}}},
                             "timings": {{"prompt_n": 400, "prompt_ms": 20000.0,
                                         "predicted_n": 40, "predicted_ms": 4000.0}}}})
    HTTPServer(("127.0.0.1", port), H).serve_forever()
""")


@pytest.fixture
def runtime(tmp_path: Path) -> Path:
    binary = install.server_path()
    binary.parent.mkdir(parents=True, exist_ok=True)
    binary.write_text(RUNTIME.format(python=sys.executable, root=str(ROOT)))
    binary.chmod(0o755)
    model = tmp_path / "tiny.gguf"
    model.write_text("GGUF")
    return model


def test_embedded_brief_says_each_phase_in_a_log(runtime: Path) -> None:
    result = CliRunner().invoke(main, ["brief", str(ARRIVAL), "--local", "--model", str(runtime)])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"briefer: embedded runtime ready \(tiny\.gguf, \d+\.\d s\)", lines[0])
    calls = [line for line in lines[1:] if line.startswith("briefer: ")]
    assert [c.split(":")[1].strip() for c in calls] == ["who", "role", "points"]
    for line in calls:  # the server's own rates: 400 tokens in 20 s, 40 in 4 s
        assert "read 400 tokens at 20 tok/s, wrote 40 at 10.0 tok/s" in line
    assert result.stdout.startswith("# ")


def test_embedded_brief_q_says_nothing(runtime: Path) -> None:
    result = CliRunner().invoke(main, ["-q", "brief", str(ARRIVAL), "--local", "--model", str(runtime)])
    assert result.exit_code == 0 and result.stderr == ""


def test_a_cached_embedded_brief_starts_nothing_and_says_nothing(runtime: Path) -> None:
    args = ["brief", str(ARRIVAL), "--local", "--model", str(runtime)]
    assert CliRunner().invoke(main, args).exit_code == 0
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and again.stderr == ""


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_spinner_names_the_phase_and_finished_phases_stay() -> None:
    stream = _Tty()
    with Spinner("briefing on the embedded model", stream=stream, lines=True) as spin:
        spin.stage("starting the embedded runtime (tiny.gguf)")
        time.sleep(0.25)
        spin.done("embedded runtime ready (tiny.gguf, 0.3 s)")
        spin.call("who")
        time.sleep(0.25)
        spin.call("who, re-ask 1")
        time.sleep(0.25)
        spin.call("role")
        time.sleep(0.25)
    text = stream.getvalue()
    assert "(starting the embedded runtime (tiny.gguf))" in text
    assert "\r\033[Kbriefer: embedded runtime ready (tiny.gguf, 0.3 s)\n" in text
    assert "(model call 1: who)" in text and "(model call 1: who, re-ask 1)" in text
    assert "(model call 2: role)" in text
    assert text.endswith("\r\033[K")


def test_a_log_without_lines_gets_nothing() -> None:
    stream = io.StringIO()
    with Spinner("briefing", stream=stream) as spin:
        spin.stage("reading the articles")
        spin.done("who: 10 tokens")
    assert stream.getvalue() == ""


def test_call_line_without_server_timings() -> None:
    usage = CallUsage(name="who", prompt_tokens=120, completion_tokens=30, seconds=1.5, attempts=2)
    assert call_line(usage) == "who: 120 prompt + 30 tokens in 1.5 s (20.0 tok/s), 1 re-ask(s)"
    assert "_read" not in usage.model_dump_json()  # the timings stay out of the brief's JSON
