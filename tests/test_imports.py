"""The import graph of engine/: acyclic, every import of an engine module at the top of its module.

The graph is read from the source with `ast` (nothing is imported). Importing `engine.a.b` runs
`engine/a/__init__.py` first, so an edge to a module is also an edge to every package above it. A module
imported later by name (importlib.import_module on a string constant "engine.a.b" or "engine.a.b:attribute",
as engine.subjects.kinds and the CLI's lazy commands do) is an edge too: the cycle check sees it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"


def _modules() -> dict[str, Path]:
    out = {}
    for path in ENGINE.rglob("*.py"):
        parts = list(path.relative_to(ENGINE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The engine modules an import statement loads, with the packages above them."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        if node.level:
            package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            package = package[:len(package) - (node.level - 1)]
            base = ".".join(package + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    out = set()
    for name in names:
        parts = name.split(".")
        above = {".".join(parts[:i]) for i in range(1, len(parts))}
        # the packages above a module are loaded first, unless they are also above the importing module
        # (then they are loaded already)
        out.update(p for p in above if p in MODULES and not module.startswith(p + "."))
        if name in MODULES:
            out.add(name)
    out.discard(module)
    return out


def _named_modules(tree: ast.AST) -> set[str]:
    """The engine modules named by string constants "engine.a.b" or "engine.a.b:attribute" (imported lazily)."""
    names = (n.value.partition(":")[0] for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str))
    return {name for name in names if name.startswith("engine.") and name in MODULES}


def _graph() -> tuple[dict[str, set[str]], list[str]]:
    graph: dict[str, set[str]] = {}
    local: list[str] = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = {m for m in _named_modules(tree) if m != module}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                graph[module] |= _targets(module, path, node)
        for fn in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)) and _targets(module, path, node):
                    local.append(f"{path.relative_to(ENGINE.parent)}:{node.lineno}")
    return graph, local


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (as a path that returns to its start), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_is_read():
    graph, _ = _graph()
    assert "engine.ruleset.compiled" in graph["engine.evaluation.evaluator"]
    assert "engine.grades" in graph["engine.subjects.cohort.files"] or "engine.subjects.cohort.model" in graph["engine.subjects.cohort.files"]


def test_modules_imported_by_name_are_edges():
    graph, _ = _graph()
    assert {"engine.subjects.transfer.kind", "engine.subjects.cohort.model"} <= graph["engine.subjects.kinds"]
    assert "engine.web.command" in graph["engine.cli.main"]


def test_engine_has_no_import_cycle():
    graph, _ = _graph()
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_function_local_imports_of_engine_modules():
    _, local = _graph()
    assert local == []


@pytest.mark.parametrize("graph,expected", [({"a": {"b"}, "b": {"a"}}, True), ({"a": {"b"}, "b": set()}, False)])
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert (_cycle(graph) is not None) is expected
