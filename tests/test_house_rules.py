"""Rules about the repository itself: bench/ stands alone, and no test asserts on wall time."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCKS = {"perf_counter", "monotonic", "time", "process_time", "perf_counter_ns", "monotonic_ns", "time_ns"}


def _imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.add(node.module or "")
    return names


def test_bench_imports_nothing_from_tests() -> None:
    scripts = sorted((ROOT / "bench").glob("*.py"))
    assert scripts
    for script in scripts:
        source = script.read_text(encoding="utf-8")
        wrong = {n for n in _imported(ast.parse(source)) if n == "tests" or n.startswith("tests.")}
        assert not wrong, f"{script.name} imports {sorted(wrong)}"
        assert '"-m", "tests' not in source, f"{script.name} runs a module of tests/"


def _clock_reads(node: ast.AST, clocks: set[str] = CLOCKS) -> list[str]:
    """The clock functions called inside ``node`` (``time.monotonic()``, ``perf_counter()``...)."""
    found = []
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            if name in clocks:
                found.append(name)
    return found


def wall_time_asserts(source: str) -> list[int]:
    """The lines of ``source`` that assert on a clock: directly, through a variable or a function of the
    module that reads one, or by a Hypothesis deadline."""
    tree = ast.parse(source)
    clocks = CLOCKS | {f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and _clock_reads(f)}
    timed = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign) and _clock_reads(node.value, clocks)
             for t in node.targets if isinstance(t, ast.Name)}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if _clock_reads(node, clocks) or names & timed:
                lines.append(node.lineno)
        if isinstance(node, ast.keyword) and node.arg == "deadline" and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            lines.append(node.lineno)
    return lines


def test_no_test_asserts_on_wall_time() -> None:
    found = {str(p.relative_to(ROOT)): lines for p in sorted((ROOT / "tests").rglob("*.py"))
             if (lines := wall_time_asserts(p.read_text(encoding="utf-8")))}
    assert found == {}


def test_the_wall_time_rule_finds_each_way_of_asserting_on_time() -> None:
    cases = {
        "import time\ndef f():\n    s = time.monotonic()\n    assert time.monotonic() - s < 5\n": [4],
        "import time\ndef f():\n    s = time.perf_counter()\n    t = time.perf_counter() - s\n    assert t < 1\n": [5],
        "import time\ndef took():\n    return time.perf_counter()\n"
        "def f():\n    best = took()\n    assert best < 1\n": [6],
        "from hypothesis import settings\nS = settings(deadline=200)\n": [2],
        "from hypothesis import settings\nS = settings(deadline=None)\ndef f():\n    assert 1 < 2\n": [],
    }
    for source, lines in cases.items():
        assert wall_time_asserts(source) == lines, source
