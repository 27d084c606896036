"""The system prompt's state kept across embedded-server starts (briefer/model/prefix.py), against a stand-in
for llama-server's own endpoints: /apply-template, /completion and /slots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefer.compose import prompts
from briefer.errors import ModelError
from briefer.model import prefix
from briefer.model.local import LocalServer


class StandIn:
    """What llama-server does with one slot: a prompt evaluated into it, saved to and restored from files."""

    def __init__(self, model: Path, *, endpoints: bool = True, torn: bool = False) -> None:
        self.model, self.ctx = model, 8192
        self.endpoints, self.torn = endpoints, torn
        self.slot: list[str] = []  # the slot's "tokens": here, characters
        self.posted: list[str] = []

    def post(self, path: str, body: dict[str, Any]) -> Any:
        self.posted.append(path)
        if not self.endpoints:
            raise ModelError(f"the local runtime failed on {path}: HTTP Error 404")
        if path == "/apply-template":
            system = body["messages"][0]["content"]
            return {"prompt": f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n-<|im_end|>\n"}
        if path == "/completion":
            self.slot = list(body["prompt"])
            return {"tokens_evaluated": len(self.slot)}
        file = prefix.folder() / body["filename"]
        if path == "/slots/0?action=save":
            file.write_text("".join(self.slot))
            return {"n_saved": len(self.slot)}
        if path == "/slots/0?action=restore":
            if self.torn:
                raise ModelError("the local runtime failed on /slots/0?action=restore: HTTP Error 400")
            self.slot = list(file.read_text())
            return {"n_restored": len(self.slot)}
        raise AssertionError(path)


@pytest.fixture
def model(tmp_path: Path) -> Path:
    prefix.folder().mkdir(parents=True)
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF" * 10)
    return path


def _system() -> str:
    return prompts.render("system", None, nonce=prefix.SENTINEL)


def test_the_first_start_evaluates_and_saves_later_starts_restore(model: Path) -> None:
    first = StandIn(model)
    saved = prefix.warm(first, _system())
    assert "/completion" in first.posted and saved > prefix.MIN_CHARS
    files = list(prefix.folder().glob("prefix-*.bin"))
    assert len(files) == 1
    # the state is the prompt every call starts with, up to the line before the marker code
    text = files[0].read_text()
    assert text.startswith("<|im_start|>system\nYou are a careful news analyst") and text.endswith("\n")
    assert "Marker code" not in text and prefix.SENTINEL not in text

    second = StandIn(model)
    assert prefix.warm(second, _system()) == saved
    assert second.posted == ["/apply-template", "/slots/0?action=restore"]  # nothing evaluated again
    assert "".join(second.slot) == text


def test_a_real_call_starts_with_the_saved_prefix(model: Path) -> None:
    server = StandIn(model)
    prefix.warm(server, _system())
    code = prompts.nonce(["an article"])
    real = server.post("/apply-template", {"messages": [
        {"role": "system", "content": prompts.render("system", None, nonce=code)},
        {"role": "user", "content": "-"}]})["prompt"]
    assert real.startswith("".join(server.slot))


def test_another_model_or_system_prompt_gets_its_own_state(model: Path, tmp_path: Path) -> None:
    prefix.warm(StandIn(model), _system())
    other = tmp_path / "other.gguf"
    other.write_bytes(b"GGUF" * 20)
    prefix.warm(StandIn(other), _system())
    prefix.warm(StandIn(model), _system().replace("Marker code:", "One more rule.\n\nMarker code:"))
    assert len(list(prefix.folder().glob("prefix-*.bin"))) == 3


def test_a_state_that_does_not_restore_is_removed_and_saved_anew(model: Path) -> None:
    prefix.warm(StandIn(model), _system())
    assert prefix.warm(StandIn(model, torn=True), _system()) == 0
    assert not list(prefix.folder().glob("prefix-*.bin"))
    again = StandIn(model)
    assert prefix.warm(again, _system()) > 0 and "/completion" in again.posted


def test_a_runtime_without_the_endpoints_costs_nothing_but_the_saving(model: Path) -> None:
    server = StandIn(model, endpoints=False)
    assert prefix.warm(server, _system()) == 0
    assert server.posted == ["/apply-template"]


def test_a_template_with_the_code_near_the_top_keeps_nothing(model: Path) -> None:
    server = StandIn(model)
    assert prefix.warm(server, f"Code {prefix.SENTINEL}. You are a news analyst.\n" * 5) == 0
    assert server.posted == ["/apply-template"]


def test_only_the_most_recent_states_are_kept(model: Path) -> None:
    for i in range(prefix.KEEP + 3):
        prefix.warm(StandIn(model), _system().replace("Marker code:", f"Rule {i}.\n\nMarker code:"))
    assert len(list(prefix.folder().glob("prefix-*.bin"))) == prefix.KEEP


def test_the_server_is_told_where_states_go(model: Path) -> None:
    binary = prefix.install.server_path()
    binary.parent.mkdir(parents=True, exist_ok=True)
    binary.write_text("")
    cmd = LocalServer(model).command()
    assert cmd[cmd.index("--slot-save-path") + 1] == str(prefix.folder())
