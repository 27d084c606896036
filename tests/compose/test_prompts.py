from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefer import config
from briefer.compose import prompts
from briefer.compose.calls import plan_calls
from briefer.compose.prepare import prepare
from briefer.errors import ConfigError
from briefer.extract.focus import focus_on
from briefer.read import sources
from tests.conftest import ARRIVAL, INPUTS, ROOT

TEMPLATES = sorted((ROOT / "briefer" / "compose" / "templates").glob("*.j2"))
DEV_SET = ROOT.parent / "shared" / "evalsets" / "giveme5w1h-dev"


def _runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _articles() -> list[Path]:
    found = sorted(INPUTS.glob("*.txt"))
    if DEV_SET.is_dir():
        found += sorted(DEV_SET.glob("*.txt"))
    return found


def test_templates_exist() -> None:
    assert {p.stem for p in TEMPLATES} >= set(prompts.PROMPT_NAMES)


@pytest.mark.parametrize("article", _articles(), ids=lambda p: p.name)
def test_no_prompt_shares_eight_words_with_an_eval_article(article: Path) -> None:
    text_runs = _runs(article.read_text(encoding="utf-8", errors="replace"))
    for template in TEMPLATES:
        shared = _runs(template.read_text()) & text_runs
        assert not shared, f"{template.name} shares {' '.join(next(iter(shared)))!r} with {article.name}"


def test_strict_undefined_and_user_override(tmp_path: Path) -> None:
    (tmp_path / "summary.j2").write_text("Task: write a summary about {{ focus }} and {{ nonexistent }}")
    with pytest.raises(ConfigError, match="unknown variable"):
        prompts.render("summary", tmp_path, focus="Canada", headline=False)
    (tmp_path / "summary.j2").write_text("Task: write a summary about {{ focus }}.")
    assert prompts.render("summary", tmp_path, focus="France") == "Task: write a summary about France."
    # templates the user did not override still come from the package
    assert "untrusted data" in prompts.render("system", tmp_path, nonce="abc")
    assert prompts.version(tmp_path) != prompts.version(None)


def test_user_templates_are_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "summary.j2").write_text("{{ focus.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ConfigError):
        prompts.render("summary", tmp_path, focus="Canada", headline=False)


def test_nonce_depends_on_the_articles() -> None:
    assert prompts.nonce(["a"]) == prompts.nonce(["a"])
    assert prompts.nonce(["a"]) != prompts.nonce(["b"])
    code = prompts.nonce(["x"])
    system = prompts.render("system", None, nonce=code)
    # the code is the system prompt's last line, so that everything before it is the same for every brief and
    # its evaluated state can be kept (model/prefix.py)
    assert system.rstrip().endswith(f"Marker code: {code}") and system.count(code) == 1
    assert system.replace(code, "").rstrip() == prompts.render("system", None, nonce="")


def test_every_call_carries_the_version_of_the_templates_that_wrote_it(tmp_path: Path) -> None:
    """The cache key holds ``Call.prompts``: a call written by other templates is another answer."""
    (tmp_path / "who.j2").write_text("Task: label each name, in your own words.")
    articles = sources.load([ARRIVAL])
    stamped = {}
    for folder in (None, tmp_path):
        settings = config.resolve(base_url="http://127.0.0.1:9/v1", api_key="k", model="m", prompts=folder)
        calls = plan_calls(prepare(articles, settings, focus_on(settings.focus)), settings)
        stamped[folder] = {call.prompts for call in calls}
        assert stamped[folder] == {prompts.version(folder)}
    assert stamped[None] != stamped[tmp_path]
