"""JSON nested deeper than Python's parser goes (a body, or an answer's content, of 1,000 ``[``): a
ModelError in one line from the CLI and from the Python API, never a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import briefer
from briefer.cli.main import main
from briefer.errors import ModelError
from tests.conftest import ARRIVAL
from tests.support.fakeserver import FakeOpenAI, Reply

DEEP = "[" * 1000
DEEPER = "[" * 100_000

FAULTS = {
    "body": Reply(raw=DEEP.encode()),
    "deeper body": Reply(raw=DEEPER.encode()),
    "content": Reply(content=DEEP),
    "deeper content": Reply(content='{"Mark Carney": ' + DEEPER),
    "error body": Reply(status=400, raw=DEEP.encode()),
}


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("name", FAULTS)
def test_deep_json_is_one_line_from_the_cli(remote_env: FakeOpenAI, tmp_path: Path, name: str) -> None:
    remote_env.script = [FAULTS[name]] * 100
    target = tmp_path / "b.md"
    target.write_text("yesterday's brief")
    result = CliRunner().invoke(main, ["brief", str(ARRIVAL), "-o", str(target)])
    assert not isinstance(result.exception, RecursionError), repr(result.exception)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("briefer: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and target.read_text() == "yesterday's brief"


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("name", FAULTS)
def test_deep_json_is_a_model_error_from_the_api(fake: FakeOpenAI, name: str) -> None:
    fake.script = [FAULTS[name]] * 100
    with pytest.raises(ModelError) as info:
        briefer.brief([ARRIVAL], base_url=fake.base_url, api_key="sk-test", model="m")
    assert "\n" not in str(info.value)
