"""``briefer eval --compare-*`` through the CLI: both runs brief each case for its own focus, and --only
holds for both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.fakes import labeller, run
from tests.support.fakeserver import FakeOpenAI, task_of

# Two invented articles, each labelled for its own focus country.
HARBOUR = ("Lisbon harbour deal signed\n\nLISBON, Tuesday, March 3, 2026 -- Portugal's economy minister Rui "
           "Dantas signed a harbour agreement on Tuesday. Portugal will pay for half of the new quay, he said.\n")
GRAIN = ("Grain corridor reopens\n\nOSLO, Wednesday, March 4, 2026 -- Norway's trade minister Ingrid Vold said "
         "on Wednesday that Norway will fund grain shipments. The first ship leaves next week, she said.\n")


def _cases(folder: Path) -> Path:
    cases = folder / "cases"
    cases.mkdir()
    for name, text, focus, person in (("harbour", HARBOUR, "Portugal", "Rui Dantas"),
                                      ("grain", GRAIN, "Norway", "Ingrid Vold")):
        (folder / f"{name}.txt").write_text(text)
        (cases / f"{name}.yaml").write_text(f"articles: ../{name}.txt\nfocus: {focus}\nwho:\n  - name: {person}\n")
    return cases


def _role_focus(request: dict[str, Any]) -> str:
    """Which of the two focus countries the summary task names (each brief asks for one summary)."""
    task = request["messages"][-1]["content"].rsplit("\n\n", 1)[-1]
    return next((c for c in ("Portugal", "Norway", "Canada") if c in task), "?")


def test_compare_briefs_each_case_for_its_focus_in_both_runs(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    code, out, err = run("eval", str(_cases(tmp_path)), "--compare-model", "other-model")
    assert code == 0, err
    role = [r for r in remote_env.requests if task_of(r) == "summary"]
    by_model = {m: sorted(_role_focus(r) for r in role if r["model"] == m) for m in ("fake-model", "other-model")}
    assert by_model["fake-model"] == ["Norway", "Portugal"]
    assert by_model["other-model"] == ["Norway", "Portugal"]  # was []: briefed for Canada, which neither names
    assert "harbour" in out and "grain" in out


def test_compare_honours_only(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    code, out, err = run("eval", str(_cases(tmp_path)), "--only", "grain", "--compare-model", "other-model")
    assert code == 0, err
    briefed = {(r["model"], _role_focus(r)) for r in remote_env.requests if task_of(r) == "summary"}
    assert briefed == {("fake-model", "Norway"), ("other-model", "Norway")}
    assert "grain" in out and "harbour" not in out
