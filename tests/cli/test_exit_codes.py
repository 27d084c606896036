"""Exit codes as `--help` and the README state them: a key or permission the server refuses (401, 403) is a
setup problem the user fixes, exit 2 like a bad argument; a server that fails is exit 1."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ARRIVAL, ROOT
from tests.support.fakes import run
from tests.support.fakeserver import FakeOpenAI, Reply

SECRET = "sk-test-SECRET-123456"


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("status, code, fragment", [
    (401, 2, "rejected the API key (401)"),
    (403, 2, "refused the API key access (403)"),
    (404, 2, "does not know model"),
    (500, 1, "failed with HTTP 500"),
    (503, 1, "failed with HTTP 503"),
])
def test_server_answers_and_their_exit_codes(remote_env: FakeOpenAI, status: int, code: int, fragment: str) -> None:
    remote_env.script = [Reply(status=status, body={"error": {"message": f"no, {SECRET}"}})] * 20
    exit_code, out, err = run("brief", str(ARRIVAL))
    assert exit_code == code and fragment in err and err.count("\n") == 1, err
    assert SECRET not in err + out


def test_help_states_the_exit_codes() -> None:
    code, out, _ = run("--help")
    assert code == 0
    text = " ".join(out.split())
    for number, meaning in (("0", "done"), ("1", "runtime failure"), ("2", "usage or setup error"),
                            ("3", "eval threshold"), ("4", "some briefs of a batch failed"), ("130", "interrupted")):
        assert re.search(rf"\b{number}\b[^0-9]*{meaning}", text), (number, meaning, text)
    assert "401" in text and "failed eval cases" in text


def test_the_readme_states_the_same_exit_codes() -> None:
    readme = " ".join((ROOT / "README.md").read_text().split())
    line = readme[readme.index("Exit codes"):][:900]
    assert "401" in line and "usage or setup error" in line and "failed eval cases" in line, line
