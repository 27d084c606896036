"""The embedded server's lifecycle, with a stand-in `llama-server` (a small Python HTTP server)."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from briefer.errors import SetupError
from briefer.model import install
from briefer.model.local import LocalServer
from tests.conftest import ARRIVAL

FAKE_SERVER = textwrap.dedent("""\
    #!{python}
    import json, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer
    args = sys.argv
    if "--fail" in open(args[args.index("-m") + 1]).read():
        print("error: cannot load model"); sys.exit(1)
    port, key = int(args[args.index("--port") + 1]), args[args.index("--api-key") + 1]
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
            if self.headers.get("Authorization") != "Bearer " + key:
                return self._send(401, {{"error": {{"message": "bad key"}}}})
            if self.path == "/tokenize":
                return self._send(200, {{"tokens": list(range(len(body["content"].split())))}})
            self._send(500, {{"error": {{"message": "no model here"}}}})
    HTTPServer(("127.0.0.1", port), H).serve_forever()
""")


@pytest.fixture
def fake_runtime(tmp_path: Path) -> Path:
    binary = install.server_path()
    binary.parent.mkdir(parents=True, exist_ok=True)
    binary.write_text(FAKE_SERVER.format(python=sys.executable))
    binary.chmod(0o755)
    model = tmp_path / "m.gguf"
    model.write_text("GGUF")
    return model


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_start_talk_stop(fake_runtime: Path) -> None:
    server = LocalServer(fake_runtime, ctx=8192, threads=2)
    with server:
        assert server.proc is not None
        pid = server.proc.pid
        assert server.base_url.startswith("http://127.0.0.1:") and len(server.api_key) >= 24
        assert server.count_tokens("one two three") == 3
        cmd = server.command()
        assert cmd[cmd.index("-c") + 1] == "8192" and cmd[cmd.index("-t") + 1] == "2"
        assert "--spec-type" not in cmd
    assert not _alive(pid)


def test_a_runtime_that_dies_at_start_says_why(fake_runtime: Path) -> None:
    fake_runtime.write_text("--fail")
    with pytest.raises(SetupError, match="cannot load model"):
        LocalServer(fake_runtime).start(timeout=20)


def test_failed_brief_stops_the_embedded_server(fake_runtime: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFER_MODEL", str(fake_runtime))
    started: list[LocalServer] = []
    original = LocalServer.launch

    def spy(self: LocalServer) -> LocalServer:
        started.append(self)
        return original(self)

    monkeypatch.setattr(LocalServer, "launch", spy)
    result = CliRunner().invoke(main, ["brief", str(ARRIVAL)])
    assert result.exit_code == 1 and "HTTP 500" in result.stderr
    assert len(started) == 1  # launched early by the CLI, once, and used by the calls
    assert started[0].proc is None  # stopped on the way out


def test_a_runtime_that_cannot_launch_early_is_reported_after_the_inputs(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # no model file: the bad input is what the user hears about, not the missing runtime
    monkeypatch.setenv("BRIEFER_MODEL", str(tmp_path / "missing.gguf"))
    result = CliRunner().invoke(main, ["brief", str(tmp_path / "no-such-article.txt")])
    assert result.exit_code == 2 and "no-such-article" in result.stderr


MARKING = """
import os, signal, time
def _stopped(*args):
    open(os.environ["STANDIN_MARK"], "w").write("stopped with SIGTERM")
    os._exit(0)
signal.signal(signal.SIGTERM, _stopped)
open(os.environ["STANDIN_MARK"] + ".ready", "w").close()  # the handler is in place
if os.environ.get("STANDIN_SLOW_START"):
    time.sleep(60)  # still loading the model: /health does not answer
"""


def _interrupt_briefer(fake_runtime: Path, tmp_path: Path, sig: int, *, slow_start: bool) -> tuple[int, str, str]:
    """Run `briefer brief` on the stand-in runtime, send ``sig`` once its server runs; (rc, stderr, mark)."""
    import signal
    import subprocess
    import time

    source = install.server_path().read_text()
    source = source.replace("args = sys.argv", MARKING + "args = sys.argv", 1).replace(
        'self._send(500, {"error": {"message": "no model here"}})', 'import time; time.sleep(60); self._send(500, {})')
    install.server_path().write_text(source)
    mark = tmp_path / "mark"
    env = {**os.environ, "BRIEFER_MODEL": str(fake_runtime), "STANDIN_MARK": str(mark)}
    if slow_start:
        env["STANDIN_SLOW_START"] = "1"
    # A shell without job control starts background jobs with SIGINT ignored, and Python then never turns
    # Ctrl-C into KeyboardInterrupt: the child gets the default, as a terminal would give it.
    proc = subprocess.Popen([sys.executable, "-m", "briefer", "brief", str(ARRIVAL)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 30
    children: list[int] = []
    while time.monotonic() < deadline and not children:
        time.sleep(0.2)
        out = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout
        children = [int(p) for p in out.split()]
    assert children, "the embedded server did not start"
    ready = Path(f"{mark}.ready")
    while time.monotonic() < deadline + 30 and not ready.exists():  # a busy machine starts Python slowly
        time.sleep(0.1)
    assert ready.exists(), "the stand-in runtime did not start"
    time.sleep(1.5)  # loading (slow start) or answering the first call
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in children)
    return proc.returncode, err, mark.read_text() if mark.exists() else ""


@pytest.mark.parametrize("sig_name, slow_start", [("SIGTERM", False), ("SIGINT", False), ("SIGTERM", True),
                                                   ("SIGINT", True)])
def test_interrupt_stops_the_server_cleanly(fake_runtime: Path, tmp_path: Path, sig_name: str,
                                            slow_start: bool) -> None:
    """Ctrl-C or SIGTERM, while the model loads or while it answers: briefer stops its server itself (the
    server sees SIGTERM, not just the kernel's kill when briefer is gone), says so in one line, exits 130."""
    import signal

    code, err, mark = _interrupt_briefer(fake_runtime, tmp_path, getattr(signal, sig_name), slow_start=slow_start)
    assert code == 130 and err.strip().splitlines()[-1] == "briefer: interrupted" and "Traceback" not in err
    assert mark == "stopped with SIGTERM"
