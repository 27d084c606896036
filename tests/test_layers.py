"""The package's arrows point down: its imports (top-level, inside functions and under TYPE_CHECKING), read
with ``ast``, form no cycle and keep to the layers of ARCHITECTURE.md."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefer"

# The rooms, lowest first: a module imports only from rooms below its own, or from its own room.
# redact (the one redaction of secrets) imports nothing of briefer, so errors and logs can use it.
RANKS = {"redact": -1, "errors": 0, "text": 0, "logs": 0, "config": 1, "schema": 1, "read": 2, "extract": 3,
         "model": 3, "render": 3, "compose": 4, "api": 5, "batching": 6, "evals": 6, "cli": 7, "": 8, "__main__": 8}
# Third-party modules that only a room may import.
OWNED = {"openai": "model", "httpx2": "model", "httpcore2": "model"}
# Imports made inside a function, each on purpose: a module slow to import that not every path needs (a
# cached brief never imports openai or httpx2's transport; a plain-text article never imports trafilatura,
# lxml or markdown-it; a brief the cache answers never loads spaCy)...
DEFERRED = {"openai", "httpx2", "httpcore2", "tiktoken", "weasyprint", "lxml", "trafilatura", "markdown_it",
            "yaml", "spacy"}
# ... and two kinds of briefer's own: in the command line, the API and what it pulls in (pydantic, jinja2),
# so that --help is instant; the embedded server's modules (subprocess, urllib, the installer), so that a
# brief answered from the cache or by a remote server never loads them.
DEFERRED_BRIEFER = {"cli": ("briefer.api", "briefer.render", "briefer.evals", "briefer.batching.run",
                            "briefer.batching.watch", "briefer.model.local", "briefer.model.setup"),
                    "api": ("briefer.model.local", "briefer.model.prefix")}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. briefer.compose.pipeline
    target: str  # the imported module (a briefer module, or the top-level name of another package)
    line: int
    in_function: bool
    commented: bool  # a comment on its line or the line above says why


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


MODULES = _modules()


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")[: len(module.split(".")) - (node.level - 1) - (0 if is_package else 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _known(name: str) -> str:
    """``name`` trimmed to the briefer module it names (``briefer.render.pdf.page`` -> ``briefer.render.pdf``)."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _commented(lines: list[str], at: int) -> bool:
    """The import on line ``at`` (from 0), or the block of imports it ends, has a comment on it or above it."""
    while "#" not in lines[at] and at > 0 and lines[at - 1].strip().startswith(("import ", "from ", "#")):
        at -= 1
    return "#" in lines[at]


def imports() -> list[Import]:
    out = []
    for module, (path, is_package) in MODULES.items():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        in_function = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                       for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, module, is_package)
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
            else:
                continue
            commented = _commented(lines, node.lineno - 1)
            for name in names:
                target = _known(name) if name.split(".")[0] == "briefer" else name.split(".")[0]
                out.append(Import(module, target, node.lineno, id(node) in in_function, commented))
    return out


IMPORTS = imports()


def room(module: str) -> str:
    """``briefer.compose.pipeline`` -> ``compose``; ``briefer.api`` -> ``api``; ``briefer`` -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    edges: dict[str, set[str]] = {}
    for i in IMPORTS:
        if i.target in MODULES and i.target != i.source:
            edges.setdefault(i.source, set()).add(i.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(MODULES):
        if v not in index:
            visit(v)
    return found


def test_the_walk_sees_the_package() -> None:
    """The checks below would pass on nothing: the walk finds the known modules and their imports."""
    assert {"briefer.compose.pipeline", "briefer.read.sources", "briefer.render"} <= set(MODULES)
    assert Import("briefer.compose.pipeline", "briefer.compose.prepare", 0, False, False).target in {
        i.target for i in IMPORTS if i.source == "briefer.compose.pipeline"}
    assert any(i.in_function for i in IMPORTS)
    assert set(RANKS) >= {room(m) for m in MODULES}


def test_no_import_cycles() -> None:
    assert _cycles() == []


@pytest.mark.parametrize("imp", [i for i in IMPORTS if i.target in MODULES and room(i.source) != room(i.target)],
                         ids=lambda i: f"{i.source}->{i.target}")
def test_arrows_point_down(imp: Import) -> None:
    assert RANKS[room(imp.source)] > RANKS[room(imp.target)], (
        f"{imp.source} (line {imp.line}) imports {imp.target}: a {room(imp.source) or 'briefer'} module may "
        f"import only from rooms below it")


def test_read_and_extract_import_nothing_above_them() -> None:
    above = {"compose", "model", "render", "batching", "evals", "cli", "api", ""}
    wrong = [i for i in IMPORTS if room(i.source) in ("read", "extract") and i.target in MODULES
             and room(i.target) in above | ({"extract"} if room(i.source) == "read" else set())]
    assert wrong == []


def test_schema_does_not_know_its_pages() -> None:
    assert [i for i in IMPORTS if i.source == "briefer.schema" and i.target.startswith("briefer.")] == []


def test_render_imports_only_the_brief_and_the_small_helpers() -> None:
    allowed = {"schema", "text", "errors", "config", "render"}
    assert [i for i in IMPORTS if room(i.source) == "render" and i.target in MODULES
            and room(i.target) not in allowed] == []


def test_only_model_talks_to_a_model_server() -> None:
    assert [i for i in IMPORTS if i.target in OWNED and room(i.source) != OWNED[i.target]] == []


def test_imports_inside_functions_defer_a_slow_module_and_say_so() -> None:
    """Never to dodge a cycle (there are none): only a module slow to import that not every path needs,
    with a comment that says why."""
    inside = [i for i in IMPORTS if i.in_function]
    assert [i for i in inside if i.target not in DEFERRED
            and not i.target.startswith(DEFERRED_BRIEFER.get(room(i.source), ("-",)))] == []
    assert [f"{i.source}:{i.line}" for i in inside if not i.commented] == []
