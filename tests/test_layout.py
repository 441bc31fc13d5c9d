"""The package shows the pipeline: a dozen top-level modules at most, grouped by stage, and
no import cycle among the modules' top-level imports."""

from __future__ import annotations

import ast

from factdesk import paths

PACKAGE = paths.SRC / "factdesk"


def _module(path) -> str:
    parts = path.relative_to(paths.SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(modules: dict) -> dict[str, set[str]]:
    """module -> the project modules it imports at its top level (imports inside functions
    are deferred on purpose and cannot close a cycle at import time)."""
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom) and node.module in modules:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    found.add(full if full in modules else node.module)
        graph[name] = found - {name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep] if dep in path else [node, dep]
            if not state.get(dep):
                found = visit(dep, [*path, dep])
                if found:
                    return found
        state[node] = 2
        return []

    for start in sorted(graph):
        if not state.get(start):
            found = visit(start, [start])
            if found:
                return found
    return []


def test_at_most_a_dozen_top_level_modules():
    top = [p for p in PACKAGE.iterdir() if (p.suffix == ".py" or (p / "__init__.py").is_file())
           and p.name not in ("__init__.py", "__main__.py")]  # fmt: skip
    assert len(top) <= 12, sorted(p.name for p in top)


def test_no_import_cycle():
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    assert _cycle(_imports(modules)) == []


def test_a_cycle_is_found():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []
