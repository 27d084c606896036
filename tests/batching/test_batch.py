"""Many briefs: folders and manifests, resume, failures kept to their item, exit code 4, atomic outputs,
progress lines, real concurrency, and no key in anything written."""

from __future__ import annotations

import io
import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from briefer import config
from briefer.batching.jobs import find_jobs
from briefer.batching.journal import STATE_FILE
from briefer.batching.progress import Bar
from briefer.batching.run import batch
from briefer.errors import UsageError
from tests.conftest import ARRIVAL
from tests.support.fakes import fail_the_talks_article, labeller, run
from tests.support.fakeserver import FakeOpenAI

SECRET = "sk-test-SECRET-123456"


def test_jobs_of_a_folder(articles: Path) -> None:
    jobs = find_jobs(articles)
    assert [(j.id, [p.name for p in j.paths]) for j in jobs] == [
        ("a", ["a.txt"]), ("b", ["b.md"]), ("group", ["1.txt", "2.txt"])]
    (articles / "empty").mkdir()
    (articles / "a.html").write_text("<html><body><p>Hello there, a test article.</p></body></html>")
    jobs = {j.id: j for j in find_jobs(articles)}
    assert "no .txt, .md or .html" in jobs["empty"].problem
    assert set(jobs) == {"a", "a-2", "b", "empty", "group"}  # a.html and a.txt: two briefs, two files


def test_manifests_json_yaml_and_lines(tmp_path: Path, articles: Path) -> None:
    (tmp_path / "m.json").write_text(json.dumps({"items": [
        {"id": "paris talks", "paths": ["in/a.txt", "in/b.md"], "focus": "France"}, "in/a.txt", ["in/b.md"]]}))
    jobs = find_jobs(tmp_path / "m.json")
    assert [j.id for j in jobs] == ["paris-talks", "a", "b"]
    assert jobs[0].focus == "France" and jobs[0].paths == [tmp_path / "in/a.txt", tmp_path / "in/b.md"]
    (tmp_path / "m.yaml").write_text("- id: one\n  paths: [in/a.txt]\n- path: in/a.txt\n")
    assert [j.id for j in find_jobs(tmp_path / "m.yaml")] == ["one", "a"]
    (tmp_path / "m.txt").write_text("# briefs\npair: in/a.txt 'in/b.md'\n\nin/a.txt  # alone\n")
    jobs = find_jobs(tmp_path / "m.txt")
    assert [(j.id, len(j.paths)) for j in jobs] == [("pair", 2), ("a", 1)]


@pytest.mark.parametrize("name, text, fragment", [
    ("m.json", "{not json", "not valid JSON"),
    ("m.yaml", "- [unclosed", "not valid YAML"),
    ("m.json", '[{"id": "x"}]', "no article paths"),
    ("m.json", '[{"paths": ["a"], "colour": "red"}]', "unknown key 'colour'"),
    ("m.txt", "# nothing\n", "lists no briefs"),
])
def test_bad_manifests_are_usage_errors(tmp_path: Path, name: str, text: str, fragment: str) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(UsageError, match=fragment):
        find_jobs(tmp_path / name)


def test_batch_of_a_folder_then_a_rerun_skips_everything(remote_env: FakeOpenAI, articles: Path,
                                                          tmp_path: Path) -> None:
    remote_env.handler = labeller
    out = tmp_path / "out"
    code, _, err = run("batch", str(articles), "-o", str(out), "--concurrency", "3")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md", "batch-state.jsonl", "group.md"]
    assert (out / "group.md").read_text().startswith("# Carney in Paris for ceasefire talks")
    assert "3 done" in err and "1/3" in err and "3/3" in err  # plain progress lines off a terminal
    sent = len(remote_env.requests)
    assert sent == 12
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.md")}
    code, _, err = run("batch", str(articles), "-o", str(out))
    assert code == 0 and "3 skipped" in err and len(remote_env.requests) == sent
    assert before == {p.name: p.stat().st_mtime_ns for p in out.glob("*.md")}
    # A changed article is briefed again; an unchanged one stays skipped.
    (articles / "a.txt").write_text(ARRIVAL.read_text() + "\nOne more line about the visit.\n")
    code, _, err = run("batch", str(articles), "-o", str(out))
    assert code == 0 and "1 done" in err and "2 skipped" in err


def test_one_failure_is_listed_the_rest_written_exit_4_and_a_rerun_retries_it(remote_env: FakeOpenAI,
                                                                               articles: Path,
                                                                               tmp_path: Path) -> None:
    broken = fail_the_talks_article(remote_env)
    (articles / "bin.txt").write_bytes(b"\x00\x01\x02" * 40)  # unreadable: fails alone
    out = tmp_path / "out"
    code, _, err = run("batch", str(articles), "-o", str(out), "-f", "json")
    assert code == 4
    assert "briefer: error: 3 of 4 briefs failed" in err
    failed_lines = [line for line in err.splitlines() if line.startswith("  ")]
    assert len(failed_lines) == 3 and any("bin: " in x and "binary" in x for x in failed_lines)
    assert any(x.startswith("  b: ") and "no such luck" in x for x in failed_lines)
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json"]
    assert json.loads((out / "a.json").read_text())["who"]
    broken["on"] = False
    (articles / "bin.txt").unlink()
    sent = len(remote_env.requests)
    code, _, err = run("batch", str(articles), "-o", str(out), "-f", "json")
    assert code == 0, err
    assert "1 skipped" in err and "2 done" in err
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json", "b.json", "group.json"]
    assert len(remote_env.requests) > sent
    for path in out.iterdir():
        assert SECRET not in path.read_text()


def test_outputs_are_atomic_and_a_foreign_file_is_never_overwritten(remote_env: FakeOpenAI, articles: Path,
                                                                    tmp_path: Path) -> None:
    remote_env.handler = labeller
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").write_text("my own notes")
    result = batch(articles, out, settings=config.resolve())
    assert [i.status for i in result.items] == ["failed", "done", "done"]
    assert "was not written by this batch" in result.items[0].error
    assert (out / "a.md").read_text() == "my own notes"
    assert not list(out.glob(".*.tmp"))
    assert not result.ok and "1 failed" in str(result) and "  a: " in str(result)


def test_python_api_result(remote_env: FakeOpenAI, articles: Path, tmp_path: Path) -> None:
    from briefer import batch as api_batch

    remote_env.handler = labeller
    result = api_batch(str(articles), str(tmp_path / "out"), fmt="html", concurrency=2, focus="France")
    assert result.ok and [i.status for i in result.items] == ["done"] * 3
    assert all(i.path is not None and i.path.suffix == ".html" and i.path.exists() for i in result.items)
    assert "France" in result.items[0].path.read_text()  # type: ignore[union-attr]
    again = api_batch(str(articles), str(tmp_path / "out2"), fmt="html", focus="France")
    assert [i.status for i in again.items] == ["cached"] * 3  # a new folder: every call from the cache


def test_concurrency_really_runs_briefs_at_once(remote_env: FakeOpenAI, articles: Path, tmp_path: Path) -> None:
    for i in range(5):
        shutil.copy(ARRIVAL, articles / f"copy{i}.txt")  # 8 briefs
    lock = threading.Lock()
    state = {"now": 0, "most": 0}
    delay = 0.4

    def slow(request: dict[str, Any]) -> str:
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(delay)
        with lock:
            state["now"] -= 1
        return labeller(request)

    remote_env.handler = slow
    result = batch(articles, tmp_path / "out", concurrency=8, cache=False)
    assert result.ok and len(result.items) == 8
    # more than one brief's calls in flight at once (a brief sends at most 4); counted, not timed, so a busy
    # machine cannot fail it
    assert state["most"] > 4
    state["most"] = 0
    batch(articles, tmp_path / "out1", concurrency=1, cache=False)
    assert state["most"] <= 4  # one brief at a time: only its own calls together


def test_the_embedded_model_runs_one_brief_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.resolve().concurrency == 1
    assert config.resolve(base_url="http://x/v1", api_key="k").concurrency == 8
    monkeypatch.setenv("BRIEFER_CONCURRENCY", "3")
    assert config.resolve(base_url="http://x/v1", api_key="k").concurrency == 3
    with pytest.raises(UsageError):
        config.resolve(base_url="http://x/v1", api_key="k", concurrency=0)


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    bar = Bar(4, stream=stream, tty=True)
    bar.counts["skipped"] = 1
    bar.start()
    bar.step("done", "a")
    bar.step("failed", "b", "broken")
    bar.step("cached", "c")
    bar.close()
    text = stream.getvalue()
    assert text.count("\r") >= 4 and text.endswith("\n")
    last = text.rstrip("\n").split("\r")[-1]
    assert last.startswith("[" + "#" * 24 + "] 4/4") and "done 1" in last and "failed 1" in last
    assert "cached 1" in last and "skipped 1" in last and "/s" in last and "ETA 0s" in last
    plain = io.StringIO()
    bar = Bar(2, stream=plain, tty=False)
    bar.step("failed", "x", "a reason")
    assert plain.getvalue() == "briefer: 1/2 x failed: a reason\n"


def test_journal_survives_a_torn_line(remote_env: FakeOpenAI, articles: Path, tmp_path: Path) -> None:
    remote_env.handler = labeller
    out = tmp_path / "out"
    batch(articles, out)
    with (out / STATE_FILE).open("a") as fh:
        fh.write('{"id": "b", "stat')  # a crash in the middle of a line
    result = batch(articles, out)
    assert [i.status for i in result.items] == ["skipped"] * 3
    lines = (out / STATE_FILE).read_text().splitlines()
    assert len(lines) == 3 and all(json.loads(line)["status"] == "done" for line in lines)  # compacted


def test_bad_batch_arguments(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    code, _, err = run("batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert code == 2 and "no such folder or manifest" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run("batch", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert code == 2 and "holds no article files" in err


def test_an_embedded_batch_answered_from_the_cache_starts_no_server(fake: FakeOpenAI, articles: Path,
                                                                    tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Primed through a served embedded model (the same cache identity); then the embedded model itself,
    with no runtime installed: any start would fail every brief."""
    from briefer.model.local import LocalServer

    fake.handler = labeller
    served = config.resolve(base_url=fake.base_url, api_key="port-key", model="tiny").with_(embedded=True)
    assert batch(articles, tmp_path / "primed", settings=served).ok
    starts: list[object] = []
    monkeypatch.setattr(LocalServer, "start", lambda self, timeout=180.0: starts.append(self))
    monkeypatch.setenv("BRIEFER_MODEL", str(tmp_path / "tiny.gguf"))
    local = config.resolve()
    assert local.local and local.concurrency == 1
    result = batch(articles, tmp_path / "out", settings=local, concurrency=4)
    assert [i.status for i in result.items] == ["cached"] * 3 and starts == []
