"""Broken input through the CLI: one line on stderr, the documented exit code, no traceback, no model call."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from briefer.read import sources
from tests.conftest import ARRIVAL, ROOT
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

SCRIPT_ONLY = """<!doctype html><html><head><title>Live blog</title>
<script>var items = ["Prime Minister Jane Roe arrived in Lisbon on Monday for talks on fishing."];</script>
<script src="app.js"></script></head><body><div id="root"></div><noscript>Enable JavaScript.</noscript>
</body></html>"""


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def one_line_error(err: str, code: int, expected: int, *needles: str) -> None:
    assert code == expected, err
    assert err.startswith("briefer: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err.lower(), (needle, err)


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return path
    return make


def _huge(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    with path.open("wb") as fh:  # 20 MB, sparse: nothing to read but the size
        fh.truncate(20_000_000)
    return path


@pytest.mark.parametrize("make, needles", [
    (_write("empty.txt", b""), ["empty.txt", "empty"]),
    (_write("blank.txt", " \n\t\n   \n"), ["blank.txt", "empty"]),
    (_write("zero-width.txt", "\u200b\ufeff\n\u2060"), ["zero-width.txt", "whitespace"]),
    (_write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4), ["binary"]),
    (_write("noise.txt", bytes(range(128, 256)) * 8), ["binary"]),
    (_huge, ["huge.txt", "10 mb limit"]),
    (_write("live.html", SCRIPT_ONLY), ["live.html", "no article text"]),
    (_write("furniture.txt", "Advertisement\n\nShare this article\n\nFollow us on Twitter\n"), ["site furniture"]),
    (lambda tmp: tmp, ["directory"]),
    (lambda tmp: tmp / "missing.txt", ["missing.txt", "no such file"]),
    (lambda tmp: "http://127.0.0.1:9/article.html", ["never urls"]),
])
def test_unusable_input_is_a_one_line_usage_error(remote_env: FakeOpenAI, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  make: Callable[[Path], Path | str], needles: list[str]) -> None:
    from briefer.model import client

    built: list[object] = []  # refused before any work for the model: no client is even built
    monkeypatch.setattr(client, "get_client", lambda settings: built.append(settings))
    code, out, err = run("brief", str(make(tmp_path)))
    one_line_error(err, code, 2, *needles)
    assert out == "" and remote_env.requests == [] and built == []


def test_a_20_mb_file_is_refused_before_it_is_read(remote_env: FakeOpenAI, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def never(self: Path) -> bytes:
        raise AssertionError("read a file over the limit")

    monkeypatch.setattr(Path, "read_bytes", never)
    code, _, err = run("brief", str(_huge(tmp_path)))
    one_line_error(err, code, 2, "20.0 mb", "10 mb limit")


def test_20_mb_on_stdin_is_refused_after_the_limit(remote_env: FakeOpenAI) -> None:
    code, _, err = run("brief", "-", input=b"word " * (4 * 1024 * 1024))
    one_line_error(err, code, 2, "stdin", "10 mb limit")


def test_permission_denied(remote_env: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARRIVAL.read_text())
    if os.geteuid() == 0:  # root reads anything: make the read fail as it does for a user
        def deny(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", deny)
    else:
        path.chmod(0)
    code, _, err = run("brief", str(path))
    one_line_error(err, code, 2, "locked.txt", "permission denied")


def test_invalid_utf8_is_decoded_and_said(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    path = tmp_path / "latin1.txt"
    path.write_bytes(ARRIVAL.read_text().replace("Paris", "Paris \u00e9t\u00e9").encode("latin-1", "replace"))
    code, out, err = run("brief", str(path), "--format", "json")
    assert code == 0, err
    assert f"briefer: warning: {path}: {sources.REPLACEMENT_WARNING}" in err and "Traceback" not in err
    import json

    assert json.loads(out)["sources"][0]["warnings"] == [sources.REPLACEMENT_WARNING]
    code, out, _ = run("brief", str(path))
    assert f"note: {sources.REPLACEMENT_WARNING}" in out  # the Markdown brief says so too


@pytest.mark.parametrize("output, needle", [("no-such-dir/brief.md", "does not exist"), (".", "directory")])
def test_unusable_output_path(remote_env: FakeOpenAI, tmp_path: Path, output: str, needle: str) -> None:
    code, _, err = run("brief", str(ARRIVAL), "-o", str(tmp_path / output))
    one_line_error(err, code, 2, needle)
    assert remote_env.requests == []  # checked before the model is asked


def _subprocess(args: list[str], *, stdin: int | None, fake: FakeOpenAI, shell_close_stdin: bool = False,
                ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "sk-test", "BRIEFER_MODEL": "m",
           "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "briefer", *args]
    if shell_close_stdin:  # the shell runs briefer with file descriptor 0 closed
        cmd = ["sh", "-c", 'exec "$@" <&-', "sh", *cmd]
    return subprocess.run(cmd, stdin=stdin, capture_output=True, text=True, env=env, timeout=60)


def test_stdin_closed_and_empty_in_a_real_process(fake: FakeOpenAI) -> None:
    closed = _subprocess(["brief", "-"], stdin=None, fake=fake, shell_close_stdin=True)
    one_line_error(closed.stderr, closed.returncode, 2, "stdin", "closed")
    empty = _subprocess(["brief", "-"], stdin=subprocess.DEVNULL, fake=fake)
    one_line_error(empty.stderr, empty.returncode, 2, "stdin", "empty")
    assert closed.stdout == empty.stdout == "" and fake.requests == []
