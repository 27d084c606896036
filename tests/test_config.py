from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from briefer import config, schema
from briefer.errors import ConfigError


def test_no_key_no_url_means_the_embedded_model() -> None:
    s = config.resolve()
    assert s.local and s.base_url is None and s.model == "qwen2.5-coder-1.5b"
    assert s.context == 8192 and s.mode == "json_schema" and s.focus == "Canada"


def test_arguments_beat_env_beat_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env:1/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("BRIEFER_MODEL", "env-model")
    monkeypatch.setenv("BRIEFER_MODE", "prompt")
    monkeypatch.setenv("BRIEFER_FOCUS", "France")
    s = config.resolve()
    assert (s.base_url, s.api_key, s.model, s.mode, s.focus) == ("http://env:1/v1", "sk-env", "env-model",
                                                                 "prompt", "France")
    s = config.resolve(base_url="http://arg:2/v1", model="arg-model", mode="json_object", focus="Japan")
    assert (s.base_url, s.model, s.mode, s.focus) == ("http://arg:2/v1", "arg-model", "json_object", "Japan")
    assert config.resolve(local=True).local


def test_key_alone_means_openai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    s = config.resolve()
    assert s.base_url == "https://api.openai.com/v1" and s.model == "gpt-4o-mini" and s.context == 128_000
    assert "sk-x" not in repr(s)


def test_bad_settings_are_usage_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match=r"mode .* not 'xml'") as info:
        config.resolve(mode="xml")
    assert info.value.exit_code == 2
    with pytest.raises(ConfigError, match="no API key"):
        config.resolve(base_url="https://api.openai.com/v1")
    with pytest.raises(ConfigError, match="not a directory"):
        config.resolve(prompts="/nonexistent/prompts")
    monkeypatch.setenv("BRIEFER_CONTEXT", "lots")
    with pytest.raises(ConfigError, match="BRIEFER_CONTEXT"):
        config.resolve()


def test_settings_are_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.resolve().focus == "Canada"
    monkeypatch.setenv("BRIEFER_FOCUS", "Mexico")
    assert config.resolve().focus == "Mexico"


def test_the_embedded_model_stays_embedded_once_its_server_has_an_address() -> None:
    s = config.resolve()
    assert s.embedded and not s.model_summary
    started = s.with_(base_url="http://127.0.0.1:5555/v1", api_key="k")
    assert started.embedded and not started.local and not started.model_summary
    served = config.resolve(base_url="http://127.0.0.1:5555/v1", api_key="k").with_(embedded=True)
    assert served.embedded and not served.model_summary
    remote = config.resolve(base_url="http://x/v1", api_key="k")
    assert not remote.embedded and remote.model_summary
    assert config.resolve(summary="model").model_summary


# --- one declaration, three surfaces ----------------------------------------------------------------------

class _Stop(BaseException):
    """Raised by the spy once it has seen what reached ``config.resolve``: a BaseException, so that the
    command line's run_command (which makes any Exception one line) lets it through."""


# A value of each setting, as the API takes it, as the command line types it, and what Settings then holds.
SAMPLES: dict[str, tuple[object, list[str], object]] = {
    "model": ("m-1", ["--model", "m-1"], ("model", "m-1")),
    "base_url": ("http://127.0.0.1:9/v1", ["--base-url", "http://127.0.0.1:9/v1"], ("base_url", "http://127.0.0.1:9/v1")),
    "api_key": ("k-1", [], ("api_key", "k-1")),
    "mode": ("prompt", ["--mode", "prompt"], ("mode", "prompt")),
    "focus": ("France", ["--focus", "France"], ("focus", "France")),
    "lang": ("fr", ["--lang", "fr"], ("lang", "fr")),
    "prompts": ("PROMPTS", ["--prompts", "PROMPTS"], ("prompts", "PROMPTS")),
    "context": (4096, ["--context", "4096"], ("context", 4096)),
    "timeout": (5.0, ["--timeout", "5"], ("timeout", 5.0)),
    "max_response_mb": (0.5, ["--max-response-mb", "0.5"], ("max_response_mb", 0.5)),
    "summary": ("extract", ["--summary", "extract"], ("summary", "extract")),
    "cache": (False, ["--no-cache"], ("cache", None)),
    "history": (False, ["--no-history"], ("history", None)),
    "concurrency": (3, ["--concurrency", "3"], ("concurrency", 3)),
    "poll": (2.0, ["--poll", "2"], ("poll", 2.0)),
    "today": ("2026-03-04", ["--today", "2026-03-04"], ("today", datetime.date(2026, 3, 4))),
    "local": (True, ["--local"], ("base_url", None)),
    "served": (True, ["--served"], ("embedded", True)),
}
# Options of the commands that are not settings: what to brief, where to write, how to run a batch or an eval.
OWN_OPTIONS = {
    "brief": {"inputs", "output", "fmt", "page"},
    "batch": {"source", "outdir", "fmt", "workers", "via"},
    "eval": {"path", "only", "at_once", "json_out", "html_out", "details", "compare_prompts", "compare_model",
             "against", "min_recall", "min_grounding", "min_status_accuracy", "max_must_not", "max_failed",
             "max_guessed_years"},
    "watch": {"folder", "output", "keep", "since", "page", "port", "poll", "settle", "refresh"},
}


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    seen: list[dict[str, object]] = []

    def resolve(**given: object) -> config.Settings:
        seen.append(given)
        raise _Stop

    monkeypatch.setattr(config, "resolve", resolve)
    return seen


def _sample(name: str, tmp_path: Path) -> tuple[object, list[str]]:
    value, args, _ = SAMPLES[name]
    if value == "PROMPTS":
        return tmp_path, [a.replace("PROMPTS", str(tmp_path)) for a in args]
    return value, args


def test_the_samples_cover_the_declaration() -> None:
    assert set(SAMPLES) == set(config.BY_NAME) and len(config.SETTINGS) == len(config.BY_NAME)


@pytest.mark.parametrize("name", [s.name for s in config.SETTINGS])
def test_a_setting_given_to_the_api_reaches_the_declaration(name: str, spy: list[dict[str, object]],
                                                             tmp_path: Path) -> None:
    from briefer.api import Briefer, brief
    from briefer.batching.run import batch
    from briefer.batching.watch import watch

    value, _ = _sample(name, tmp_path)
    calls = [lambda: brief("An article.", text=True, **{name: value}), lambda: Briefer(**{name: value}),
             lambda: batch(tmp_path, tmp_path / "out", **{name: value})]
    if name != "poll":  # watch's own ``poll`` is how it looks for files; the Batch API is batch's alone
        calls.append(lambda: watch(tmp_path, tmp_path / "brief.html", **{name: value}))
    for call in calls:
        with pytest.raises(_Stop):
            call()
        assert {k: v for k, v in spy.pop().items() if v is not None} == {name: value}


@pytest.mark.parametrize("name", [s.name for s in config.SETTINGS])
def test_a_setting_given_on_the_command_line_reaches_the_declaration(name: str, spy: list[dict[str, object]],
                                                                      tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefer.cli.main import main

    setting = config.BY_NAME[name]
    value, args = _sample(name, tmp_path)
    if not setting.flags:  # a key: from the environment alone, never on a command line where ps shows it
        assert name == "api_key" and setting.env == "OPENAI_API_KEY" and args == []
        return
    assert setting.commands
    for command in setting.commands:
        where = {"brief": [str(tmp_path / "a.txt")], "batch": [str(tmp_path), "-o", str(tmp_path / "o")],
                 "eval": [str(tmp_path)], "watch": [str(tmp_path), "-o", str(tmp_path / "brief.html")]}[command]
        with pytest.raises(_Stop):
            CliRunner().invoke(main, [command, *where, *args])
        given = spy.pop()
        assert {k for k, v in given.items() if v is not None} == {name}
        assert setting.check(given[name], name) == setting.check(value, name)  # typed, then checked, the same


@pytest.mark.parametrize("name", [s.name for s in config.SETTINGS])
def test_each_setting_decides_its_field(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    value, _ = _sample(name, tmp_path)
    field, expected = SAMPLES[name][2]  # type: ignore[misc]
    if name == "served":
        _serve(tmp_path, monkeypatch)
    base = {} if name in ("local", "served") else {"base_url": "http://127.0.0.1:9/v1", "api_key": "k"}
    settings = config.resolve(**{**base, name: value})
    assert getattr(settings, field) == (tmp_path if expected == "PROMPTS" else expected)


def test_the_command_line_takes_the_declared_settings_and_nothing_else() -> None:
    from briefer.cli.main import main

    for command, own in OWN_OPTIONS.items():
        params = {p.name for p in main.commands[command].params}  # type: ignore[attr-defined]
        declared = {s.name for s in config.SETTINGS if command in s.commands and s.flags}
        assert params - own == declared, command
    reachable = {s.name for s in config.SETTINGS if s.flags and s.commands}
    assert reachable == set(config.BY_NAME) - {"api_key"}


def test_a_setting_that_is_not_declared_is_refused_everywhere(tmp_path: Path) -> None:
    from briefer.api import Briefer, brief
    from briefer.batching.run import batch
    from briefer.batching.watch import watch

    for call in (lambda: brief("An article.", text=True, modle="m"), lambda: Briefer(modle="m"),
                 lambda: batch(tmp_path, tmp_path / "out", modle="m"), lambda: config.resolve(modle="m"),
                 lambda: watch(tmp_path, tmp_path / "brief.html", modle="m")):
        with pytest.raises(ConfigError, match="unknown setting 'modle'"):
            call()


def test_every_variable_is_read_through_its_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    typed = {"BRIEFER_CONTEXT": ("4096", "context", 4096), "BRIEFER_TIMEOUT": ("2.5", "timeout", 2.5),
             "BRIEFER_CONCURRENCY": ("3", "concurrency", 3), "BRIEFER_BATCH_POLL": ("7", "poll", 7.0),
             "BRIEFER_SUMMARY": ("model", "summary", "model"), "BRIEFER_MODE": ("prompt", "mode", "prompt"),
             "BRIEFER_CACHE": (str(tmp_path / "c.sqlite"), "cache", tmp_path / "c.sqlite"),
             "BRIEFER_HISTORY": (str(tmp_path / "h.sqlite"), "history", tmp_path / "h.sqlite"),
             "BRIEFER_MAX_RESPONSE_MB": ("0.25", "max_response_mb", 0.25),
             "BRIEFER_TODAY": ("2026-02-03", "today", datetime.date(2026, 2, 3)),
             "BRIEFER_FOCUS": (" Japan ", "focus", "Japan"), "BRIEFER_MODEL": ("m-2", "model", "m-2"),
             "BRIEFER_LANG": ("fr", "lang", "fr"),
             "OPENAI_BASE_URL": ("http://127.0.0.1:8/v1", "base_url", "http://127.0.0.1:8/v1"),
             "OPENAI_API_KEY": ("k-2", "api_key", "k-2")}
    assert set(typed) == {s.env for s in config.SETTINGS if s.env}
    for variable, (raw, _, _) in typed.items():
        monkeypatch.setenv(variable, raw)
    settings = config.resolve()
    for variable, (_, field, expected) in typed.items():
        assert getattr(settings, field) == expected, variable


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0", "-0.0", "lots", "", "1e999"])
@pytest.mark.parametrize("name", ["context", "timeout", "max_response_mb", "concurrency", "poll"])
def test_numeric_settings_are_checked_from_every_source(name: str, value: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    setting = config.BY_NAME[name]
    if value:  # an empty variable is an unset one
        monkeypatch.setenv(str(setting.env), value)
        with pytest.raises(ConfigError, match=str(setting.env)) as info:
            config.resolve()
        assert info.value.exit_code == 2
        monkeypatch.delenv(str(setting.env))
    given: object = float(value) if value in ("inf", "nan", "1e999") else value or 0
    with pytest.raises(ConfigError, match=name):
        config.resolve(**{name: given})


def test_the_page_language_is_checked_from_every_source(monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.resolve().lang is None  # not given: the language of most articles
    assert config.LANGS == schema.LANGS
    with pytest.raises(ConfigError, match=r"lang .* not 'de'"):
        config.resolve(lang="de")
    monkeypatch.setenv("BRIEFER_LANG", "es")
    with pytest.raises(ConfigError, match="BRIEFER_LANG"):
        config.resolve()
    assert config.resolve(lang="en").lang == "en"  # an argument beats the environment


def test_blank_focus_is_refused_from_every_source(monkeypatch: pytest.MonkeyPatch) -> None:
    for blank in ("", "  "):
        with pytest.raises(ConfigError, match=r"focus .* blank"):
            config.resolve(focus=blank)
    monkeypatch.setenv("BRIEFER_FOCUS", "   ")
    with pytest.raises(ConfigError, match="BRIEFER_FOCUS is blank"):
        config.resolve()


def _serve(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A running ``briefer serve`` as it records itself (this process stands in for its server)."""
    import json
    import os

    monkeypatch.setenv("BRIEFER_HOME", str(home))
    (home / config.SERVED_FILE).write_text(json.dumps({"base_url": "http://127.0.0.1:7/v1", "api_key": "port-key",
                                                       "model": "/models/tiny.gguf", "pid": os.getpid()}))


def test_served_reads_the_running_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer.errors import ModelError

    monkeypatch.setenv("BRIEFER_HOME", str(tmp_path))
    with pytest.raises(ModelError, match="no `briefer serve` is running"):
        config.resolve(served=True)
    _serve(tmp_path, monkeypatch)
    monkeypatch.setenv("BRIEFER_MODEL", "gpt-4o")  # the served model is the one it serves
    s = config.resolve(served=True)
    assert (s.base_url, s.api_key, s.model, s.embedded, s.local) == ("http://127.0.0.1:7/v1", "port-key", "tiny",
                                                                    True, False)
    assert config.resolve(served=True, model="other").model == "other"


def test_the_history_follows_the_cache_file_unless_it_is_given_or_off(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFER_HOME", str(tmp_path))
    assert config.resolve().history == tmp_path / config.CACHE_FILE
    assert config.resolve(cache=False).history == tmp_path / config.CACHE_FILE  # --no-cache keeps the history
    monkeypatch.setenv("BRIEFER_CACHE", str(tmp_path / "c.sqlite"))
    assert config.resolve().history == config.history_path() == tmp_path / "c.sqlite"
    assert config.resolve(history=str(tmp_path / "h.sqlite")).history == tmp_path / "h.sqlite"
    assert config.resolve(history=False).history is None and config.history_path(False) is None
    monkeypatch.setenv("BRIEFER_HISTORY", "off")
    assert config.resolve().history is None and config.history_path() is None
    monkeypatch.setenv("BRIEFER_CACHE", "off")
    monkeypatch.delenv("BRIEFER_HISTORY")
    assert config.resolve().history == tmp_path / config.CACHE_FILE
