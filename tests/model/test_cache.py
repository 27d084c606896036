"""The response cache: hits, misses, bypass, clear, broken entries and files, what the key holds, and a
brief answered from the cache that starts no server and imports no openai."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer import config
from briefer.api import Briefer
from briefer.cli.main import main
from briefer.compose.prompts import version
from briefer.config import Settings
from briefer.model.cache import Cache, open_cache
from briefer.model.client import Call, cache_key
from tests.conftest import ARRIVAL, ROOT, TALKS
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply

SECRET = "sk-test-SECRET-123456"


def _remote(fake: FakeOpenAI, **kw: object) -> Settings:
    return config.resolve(base_url=fake.base_url, api_key=SECRET, model="fake", **kw)  # type: ignore[arg-type]


def _db(settings: Settings) -> sqlite3.Connection:
    assert settings.cache is not None
    return sqlite3.connect(settings.cache)


def test_cache_is_on_by_default_in_the_briefer_home() -> None:
    s = config.resolve(base_url="http://x/v1", api_key="k")
    assert s.cache == Path(os.environ["BRIEFER_HOME"]) / "cache.sqlite"


@pytest.mark.parametrize("value, expected", [("off", None), ("0", None), ("none", None), ("/tmp/c.db", "/tmp/c.db")])
def test_briefer_cache_moves_or_disables_it(monkeypatch: pytest.MonkeyPatch, value: str, expected: str | None) -> None:
    monkeypatch.setenv("BRIEFER_CACHE", value)
    s = config.resolve(base_url="http://x/v1", api_key="k")
    assert s.cache == (Path(expected) if expected else None)
    assert config.resolve(base_url="http://x/v1", api_key="k", cache=False).cache is None


def test_second_brief_comes_from_the_cache(fake: FakeOpenAI) -> None:
    fake.handler = labeller
    settings = _remote(fake)
    first = Briefer(settings).brief([ARRIVAL])
    sent = len(fake.requests)
    assert sent == 4 and not any(u.cached for u in first.usage)
    second = Briefer(settings).brief([ARRIVAL])
    assert len(fake.requests) == sent  # nothing sent
    assert all(u.cached and u.attempts == 0 for u in second.usage)
    assert second.model_dump(exclude={"usage"}) == first.model_dump(exclude={"usage"})
    assert _db(settings).execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 4


def test_no_cache_bypasses_it(fake: FakeOpenAI) -> None:
    fake.handler = labeller
    settings = _remote(fake, cache=False)
    Briefer(settings).brief([ARRIVAL])
    Briefer(settings).brief([ARRIVAL])
    assert len(fake.requests) == 8
    db = Path(os.environ["BRIEFER_HOME"]) / "cache.sqlite"  # the history of briefs may live there: no answers
    assert not db.exists() or not sqlite3.connect(db).execute(
        "SELECT name FROM sqlite_master WHERE name = 'answers'").fetchall()


def test_cli_no_cache_and_cache_commands(remote_env: FakeOpenAI) -> None:
    remote_env.handler = labeller
    runner = CliRunner()
    assert runner.invoke(main, ["brief", str(ARRIVAL)]).exit_code == 0
    assert runner.invoke(main, ["brief", str(ARRIVAL)]).exit_code == 0
    assert len(remote_env.requests) == 4
    assert runner.invoke(main, ["brief", str(ARRIVAL), "--no-cache"]).exit_code == 0
    assert len(remote_env.requests) == 8
    info = runner.invoke(main, ["cache", "info"])
    assert info.exit_code == 0 and "cache.sqlite: 4 answers" in info.stdout
    cleared = runner.invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed 4 answers" in cleared.stdout
    assert "0 answers" in runner.invoke(main, ["cache", "info"]).stdout
    assert runner.invoke(main, ["brief", str(ARRIVAL)]).exit_code == 0
    assert len(remote_env.requests) == 12  # asked again after the clear


def test_an_entry_that_is_not_json_or_fails_its_check_is_asked_again_and_replaced(fake: FakeOpenAI) -> None:
    fake.handler = labeller
    settings = _remote(fake)
    Briefer(settings).brief([ARRIVAL])
    db = _db(settings)
    db.execute("UPDATE answers SET value = 'not json {' WHERE call = 'who'")
    db.execute("UPDATE answers SET value = ? WHERE call = 'points'",
               (json.dumps({"content": '{"wrong": 1}', "finish": "stop"}),))
    db.commit()
    b = Briefer(settings).brief([ARRIVAL])
    assert sorted(r for r in fake.tasks()[4:]) == ["points", "who"]
    assert {u.name for u in b.usage if not u.cached} == {"who", "points"}
    values = dict(db.execute("SELECT call, value FROM answers").fetchall())
    assert all(json.loads(v)["content"].startswith("{") for v in values.values())
    Briefer(settings).brief([ARRIVAL])
    assert len(fake.requests) == 6  # replaced: the third brief is all cached


def test_only_answers_that_pass_are_stored(fake: FakeOpenAI) -> None:
    fake.handler = labeller
    fake.script = [Reply(content='{"oops": 1}')]  # the first call's first answer fails its check
    settings = _remote(fake)
    Briefer(settings).brief([ARRIVAL])
    stored = [json.loads(v)["content"] for (v,) in _db(settings).execute("SELECT value FROM answers")]
    assert len(stored) == 4 and '{"oops": 1}' not in stored


def test_a_broken_cache_file_never_fails_a_brief_and_clear_resets_it(fake: FakeOpenAI,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    fake.handler = labeller
    settings = _remote(fake)
    assert settings.cache is not None
    settings.cache.parent.mkdir(parents=True, exist_ok=True)
    settings.cache.write_bytes(b"this is not a database" * 100)
    b = Briefer(settings).brief([ARRIVAL])
    assert b.who and "unusable" in caplog.text
    runner = CliRunner()
    assert runner.invoke(main, ["cache", "clear"]).exit_code == 0
    fresh = Cache(settings.cache)  # a new process's view
    assert fresh.info().entries == 0
    Briefer(settings.with_(cache=settings.cache)).brief([TALKS])
    assert fresh.info().entries == 4


def test_the_key_never_holds_the_api_key(fake: FakeOpenAI) -> None:
    fake.handler = labeller
    settings = _remote(fake)
    Briefer(settings).brief([ARRIVAL])
    assert settings.cache is not None
    for path in settings.cache.parent.glob("cache.sqlite*"):
        assert SECRET.encode() not in path.read_bytes()


def _call(**changes: object) -> Call:
    base = {"name": "who", "messages": [{"role": "user", "content": "hello"}], "schema": {"type": "object"},
            "check": lambda v: v, "max_tokens": 50}
    return Call(**{**base, **changes})  # type: ignore[arg-type]


def test_every_ingredient_changes_the_key(tmp_path: Path) -> None:
    s = config.resolve(base_url="http://a/v1", api_key="k1", model="m")
    ref = cache_key(s, _call())
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    (prompts / "who.j2").write_text("Task: label each name, differently.")
    changed = [cache_key(s.with_(model="m2"), _call()), cache_key(s.with_(base_url="http://b/v1"), _call()),
               cache_key(s.with_(mode="prompt"), _call()), cache_key(s.with_(temperature=0.5), _call()),
               cache_key(s.with_(seed=8), _call()), cache_key(s, _call(prompts=version(prompts))),
               cache_key(s, _call(messages=[{"role": "user", "content": "hello!"}])),
               cache_key(s, _call(schema={"type": "array"})), cache_key(s, _call(max_tokens=51)),
               cache_key(s, _call(name="role"))]
    assert ref not in changed and len(set(changed)) == len(changed)
    # What does not change an answer does not change the key.
    same = [cache_key(s.with_(api_key="k2"), _call()), cache_key(s.with_(timeout=5.0, focus="Japan"), _call()),
            cache_key(s.with_(base_url="http://a/v1/"), _call())]
    assert set(same) == {ref}


def test_the_embedded_model_is_known_by_its_model_not_its_port_or_key() -> None:
    a = config.resolve(base_url="http://127.0.0.1:4001/v1", api_key="one", model="/models/q.gguf").with_(embedded=True)
    b = config.resolve(base_url="http://127.0.0.1:5002/v1", api_key="two", model="q").with_(embedded=True)
    remote = config.resolve(base_url="http://127.0.0.1:4001/v1", api_key="one", model="q")
    assert cache_key(a, _call()) == cache_key(b, _call()) != cache_key(remote, _call())


def test_cache_is_shared_by_threads_and_processes(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "c.sqlite"
    cache = open_cache(path)
    assert cache is not None
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: cache.put(f"k{i}", {"content": str(i)}), range(200)))
    code = ("import sys; from pathlib import Path; from briefer.model.cache import Cache; c = Cache(Path(sys.argv[1]));"
            "c.put('other', {'content': 'x'}); print(c.get('k7')['content'], c.info().entries)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["7", "201"]
    assert cache.get("other") == {"content": "x"}


def test_a_cached_embedded_brief_starts_no_server_and_imports_no_openai(fake: FakeOpenAI, tmp_path: Path) -> None:
    """Prime the cache through a served embedded model (same identity), then brief with the embedded model
    itself in a fresh process: no runtime is installed, so any start would fail."""
    fake.handler = labeller
    model = tmp_path / "tiny.gguf"  # never read: a start would fail on the missing runtime first
    served = config.resolve(base_url=fake.base_url, api_key="port-key", model="tiny").with_(embedded=True)
    primed = Briefer(served).brief([ARRIVAL])
    assert len(fake.requests) == 3  # who, role, points: the embedded model's summary is extractive
    code = ("import sys; from briefer.api import Briefer; b = Briefer().brief([sys.argv[1]]);"
            "print(all(u.cached for u in b.usage), 'openai' in sys.modules, b.headline)")
    env = {**os.environ, "BRIEFER_MODEL": str(model), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", code, str(ARRIVAL)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[:2] == ["True", "False"] and primed.headline in run.stdout
    cli = subprocess.run([sys.executable, "-m", "briefer", "brief", str(ARRIVAL), "--format", "json"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout)["headline"] == primed.headline
    assert len(fake.requests) == 3
    assert not list(Path(os.environ["BRIEFER_HOME"]).glob("llama-server*/llama-server"))


def test_evals_reuse_the_cache(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    case = str(ROOT / "evals" / "cases" / "carney-arrives-in-paris.yaml")
    runner = CliRunner()
    first = runner.invoke(main, ["eval", case, "--json", str(tmp_path / "a.json")])
    assert first.exit_code == 0, first.stderr
    sent = len(remote_env.requests)
    second = runner.invoke(main, ["eval", case, "--json", str(tmp_path / "b.json")])
    assert second.exit_code == 0 and len(remote_env.requests) == sent
    report = json.loads((tmp_path / "b.json").read_text())
    case_report = report["cases"][0]
    assert case_report["calls"] == case_report["cached_calls"] > 0
    assert json.loads((tmp_path / "a.json").read_text())["cases"][0]["cached_calls"] == 0
