"""Atomic writes keep the mode of the file they replace; a new file gets the mode the umask gives any new
file (briefs from `-o`, batch outputs and the journal alike)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefer.batching.journal import write_atomic
from tests.conftest import ARRIVAL
from tests.support.fakes import labeller, run
from tests.support.fakeserver import FakeOpenAI


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("old_mode", [0o644, 0o664, 0o600, 0o444])
def test_a_replaced_output_keeps_its_mode(remote_env: FakeOpenAI, tmp_path: Path, old_mode: int) -> None:
    remote_env.handler = labeller
    target = tmp_path / "b.md"
    target.write_text("yesterday's brief")
    target.chmod(old_mode)
    code, _, err = run("brief", str(ARRIVAL), "-o", str(target))
    assert code == 0, err
    assert target.read_text().startswith("# ") and mode(target) == old_mode


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_output_gets_the_umask_mode(remote_env: FakeOpenAI, tmp_path: Path, umask: int,
                                          expected: int) -> None:
    remote_env.handler = labeller
    old = os.umask(umask)
    try:
        code, _, err = run("brief", str(ARRIVAL), "-o", str(tmp_path / "b.md"))
        assert code == 0, err
        code, _, err = run("batch", str(ARRIVAL.parent), "-o", str(tmp_path / "out"), "--workers", "1")
        assert code == 0, err
    finally:
        os.umask(old)
    written = [tmp_path / "b.md", *(tmp_path / "out").glob("*.md"), tmp_path / "out" / "batch-state.jsonl"]
    assert len(written) > 2 and {p.name: mode(p) for p in written} == {p.name: expected for p in written}


@pytest.mark.usefixtures("umask_022")
def test_write_atomic_leaves_no_temporary_file_and_keeps_the_mode_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o640

    class Full(str):
        def encode(self, *args: object, **kwargs: object) -> bytes:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomic(target, Full("newer"))
    assert target.read_text() == "new" and mode(target) == 0o640 and sorted(tmp_path.iterdir()) == [target]
