"""The fake-server benchmarks run, small, and print their tables (their figures are for bench/, not tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openai import NotFoundError, OpenAI

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _run(script: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFER_"))}
    done = subprocess.run([sys.executable, str(BENCH / script), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_bench_fake_server_answers_the_openai_client_and_tells_its_cpu() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from fakeproc import fake_server, server_cpu
    finally:
        sys.path.remove(str(BENCH))
    with fake_server() as url:
        client = OpenAI(base_url=url, api_key="sk-test", max_retries=0)
        schema = {"type": "object", "properties": {"who": {"type": "string", "enum": ["main", "minor"]}},
                  "required": ["who"]}
        answer = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "label"}],
            response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": schema}})
        assert answer.choices[0].message.content == '{"who": "main"}'
        assert answer.usage is not None and answer.usage.prompt_tokens > 0
        before = server_cpu(url)
        assert before is not None and before > 0
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "again"}])
        after = server_cpu(url)
        assert after is not None and after >= before
        with pytest.raises(NotFoundError):
            client.models.list()


def test_concurrency_bench_prints_briefer_and_floor_rows() -> None:
    out = _run("concurrency.py", "--briefs", "6", "--latency", "0.01", "--levels", "2", "--workers", "1",
               "--burn", "1")
    lines = [line.split() for line in out.splitlines()]
    rows = [line for line in lines if line and line[0] == "2"]
    labels = [" ".join(r[1:r.index(next(x for x in r[1:] if x[0].isdigit() and "." in x))]) for r in rows]
    assert labels == ["1, bare client", "1, bare client + 1 ms", "1"], out
    assert all(r[-1] == "0" for r in rows), out  # nothing failed


def test_overhead_bench_prints_briefer_itself_and_the_client_sent_together() -> None:
    out = _run("overhead.py", "--briefs", "5")
    assert "briefer itself:" in out
    assert "a brief's requests sent together, bare client (CPU)" in out
    assert "beyond that, briefer's own work is" in out


def test_watch_bench_prints_the_update_beside_the_briefs_from_scratch() -> None:
    out = _run("watch.py", "--articles", "3", "--speed", "0", "--latency", "0")
    assert "update: article 3 dropped into a watched folder of 2" in out
    figures = json.loads(out.strip().splitlines()[-1])
    assert 3 <= figures["update_calls"] <= 4 < 9 <= figures["first_version_calls"]  # one article's calls, not three
