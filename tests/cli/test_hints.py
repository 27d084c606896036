"""Hints that a user can type as given: the command a one-line error suggests works."""

from __future__ import annotations

import re

from click.testing import CliRunner

from briefer.cli.main import main
from tests.conftest import ARRIVAL
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI


def test_the_stdin_hint_is_a_command_that_works(remote_env: FakeOpenAI) -> None:
    remote_env.handler = labeller
    empty = CliRunner().invoke(main, ["brief", "-"], input="")
    assert empty.exit_code == 2
    hint = re.search(r"\((briefer [^)<]*)< article\.txt\)", empty.stderr)
    assert hint is not None, empty.stderr
    args = hint.group(1).split()[1:]
    assert args == ["brief", "-"]
    worked = CliRunner().invoke(main, args, input=ARRIVAL.read_text())
    assert worked.exit_code == 0, worked.stderr
    assert worked.stdout.startswith("# ")
