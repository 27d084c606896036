"""The page cache: the same `briefer brief` on the same files again reads one row of the cache and prints the
page, with nothing parsed, asked or imported; anything that changes the page makes a new one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from briefer.cli.main import main
from tests.conftest import ARRIVAL, ROOT
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def article(tmp_path: Path, text: str | None = None) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(text if text is not None else ARRIVAL.read_text())
    return path


def test_the_same_brief_again_is_the_page_kept(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    path = article(tmp_path)
    code, first, _ = run("brief", str(path))
    asked = len(remote_env.requests)
    assert code == 0 and asked > 0
    code, again, _ = run("brief", str(path))
    assert code == 0 and again == first and len(remote_env.requests) == asked  # nothing asked, same page


def test_a_new_process_answered_from_the_page_cache_imports_nothing_heavy(remote_env: FakeOpenAI,
                                                                         tmp_path: Path) -> None:
    remote_env.handler = labeller
    path = article(tmp_path)
    assert run("brief", str(path))[0] == 0
    code = ("import sys; from briefer.cli.main import main; sys.argv = ['briefer', 'brief', sys.argv[1]];"
            "\ntry: main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('openai', 'pydantic', 'jinja2', 'spacy', 'briefer.api', 'briefer.schema') "
            "if m in sys.modules), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr
    assert proc.stdout == run("brief", str(path))[1]


def test_what_changes_the_page_makes_a_new_one(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    path = article(tmp_path)
    assert run("brief", str(path))[0] == 0
    for args in (["--focus", "France"], ["-f", "json"], ["--today", "2025-05-05"], ["--page", "letter", "-f", "html"]):
        before = len(remote_env.requests)
        code, out, err = run("brief", str(path), *args)
        assert code == 0 and out, err
        again = len(remote_env.requests)
        assert run("brief", str(path), *args)[1] == out and len(remote_env.requests) == again, args
        assert again >= before
    asked = len(remote_env.requests)
    path.write_text(ARRIVAL.read_text() + "\nA new last line of the article.\n")  # the bytes, not the name
    code, out, _ = run("brief", str(path))
    assert code == 0 and len(remote_env.requests) > asked


def test_no_cache_neither_reads_nor_writes_a_page(remote_env: FakeOpenAI, tmp_path: Path) -> None:
    remote_env.handler = labeller
    path = article(tmp_path)
    assert run("brief", str(path), "--no-cache")[0] == 0
    asked = len(remote_env.requests)
    assert run("brief", str(path), "--no-cache")[0] == 0 and len(remote_env.requests) == 2 * asked
    assert run("brief", str(path))[0] == 0
    code, out, _ = run("cache", "info")
    assert code == 0 and "1 pages" in out


def test_a_kept_page_says_its_warnings_again_and_is_recorded_in_the_history(remote_env: FakeOpenAI,
                                                                           tmp_path: Path) -> None:
    remote_env.handler = labeller
    path = tmp_path / "a.txt"
    path.write_bytes(ARRIVAL.read_bytes().replace(b"Paris", b"Par\xffis", 1))  # invalid UTF-8: a warning
    code, first, err = run("brief", str(path))
    assert code == 0 and "invalid UTF-8" in err
    code, again, err_again = run("brief", str(path))
    assert again == first and err_again == err
    code, out, _ = run("history")
    assert code == 0 and len([line for line in out.splitlines() if line.strip()[:1].isdigit()]) == 2
