from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.fakeserver import FakeOpenAI

# Hypothesis fails an example slower than its deadline (200 ms by default): an assert on wall time, which a
# busy machine breaks. No test here asserts on time; speed is measured in bench/.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
ARRIVAL = INPUTS / "carney-arrives-in-paris.txt"
TALKS = INPUTS / "carney-coalition-talks-paris.txt"


@pytest.fixture(autouse=True)
def isolated_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                 tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test sees the developer's keys, servers or briefer home."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "BRIEFER_MODEL", "BRIEFER_MODE", "BRIEFER_FOCUS",
                 "BRIEFER_CONTEXT", "BRIEFER_TIMEOUT", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "BRIEFER_CACHE",
                 "BRIEFER_CONCURRENCY", "BRIEFER_BATCH_POLL", "BRIEFER_SUMMARY", "BRIEFER_HISTORY",
                 "BRIEFER_MAX_RESPONSE_MB"):
        monkeypatch.delenv(name, raising=False)
    if request.node.get_closest_marker("model") is None:  # only real-model tests see the installed model
        monkeypatch.setenv("BRIEFER_HOME", str(tmp_path_factory.mktemp("briefer-home")))
    else:  # ... and they measure it, never a cached answer
        monkeypatch.setenv("BRIEFER_CACHE", "off")


@pytest.fixture(autouse=True)
def fresh_logging() -> Iterator[None]:
    """A CLI run configures logging for its process (briefer.logs); the next test starts without it."""
    yield
    from briefer import logs

    logs.reset()


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def remote_env(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    """The environment of a user with a remote OpenAI-compatible server (the fake one)."""
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SECRET-123456")
    monkeypatch.setenv("BRIEFER_MODEL", "fake-model")
    return fake


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The openai client's retry backoff (0.5 s, then 1 s) cut to milliseconds: the retries still happen."""
    import openai._base_client

    monkeypatch.setattr(openai._base_client, "INITIAL_RETRY_DELAY", 0.01, raising=False)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """a.txt, b.md, a group folder of both seed articles, and things that are not articles."""
    folder = tmp_path / "in"
    (folder / "group").mkdir(parents=True)
    shutil.copy(ARRIVAL, folder / "a.txt")
    (folder / "b.md").write_text(TALKS.read_text())
    shutil.copy(ARRIVAL, folder / "group" / "1.txt")
    shutil.copy(TALKS, folder / "group" / "2.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / ".hidden.txt").write_text("not an article")
    return folder
