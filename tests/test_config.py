from __future__ import annotations

import pytest

from briefer import config
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
    with pytest.raises(ConfigError, match="invalid mode 'xml'") as info:
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
    served = config.resolve(base_url="http://127.0.0.1:5555/v1", api_key="k", embedded=True)
    assert served.embedded and not served.model_summary
    remote = config.resolve(base_url="http://x/v1", api_key="k")
    assert not remote.embedded and remote.model_summary
    assert config.resolve(summary="model").model_summary
