"""What a notebook reads: every data file and catalog it opens, and the project modules its
code imports.

The loaders call :func:`record` for each file they use. When ``render`` executes a report it
wraps the notebook in a first cell that calls :func:`begin` and a last one that calls
:func:`dump`, which writes the files to ``FACTDESK_TRACE``; both cells are removed from the
report again. The project modules come from the notebook's own import statements, followed
through the import statements of each project module (:func:`modules_of`): static, so the
answer is the same whether a kernel is fresh or has rendered reports before.
"""

from __future__ import annotations

import ast
import json
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from factdesk import paths

_READ: set[Path] = set()


@cache
def _resolved(path: str | Path) -> Path:
    return Path(path).resolve()


def record(path: str | Path) -> None:
    """Note that the running notebook read ``path`` (cheap: loaders call it on every use)."""
    _READ.add(_resolved(path))


def begin() -> None:
    """Start recording for a new report."""
    _READ.clear()


def _relative(path: Path) -> str | None:
    for base in (paths.ROOT, paths.REPOSITORY):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return None


def snapshot() -> dict[str, list[str]]:
    """The files read so far, relative to the project root (or ``src/...``)."""
    return {"files": sorted(r for r in (_relative(p) for p in _READ) if r is not None)}


def dump(target: str | None = None) -> None:
    """Write :func:`snapshot` as JSON to ``target`` (default: ``$FACTDESK_TRACE``)."""
    target = target or os.environ.get("FACTDESK_TRACE")
    if target:
        Path(target).write_text(json.dumps(snapshot(), indent=1) + "\n", encoding="utf-8")


def _imports(source: str, package: str = "") -> set[str]:
    """Absolute names of every module an import statement in ``source`` may bring in."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


@cache
def _project_file(name: str) -> Path | None:
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or spec.origin in ("built-in", "frozen"):
        return None
    origin = Path(spec.origin).resolve()
    return origin if origin.is_relative_to(paths.SRC) else None


def modules_of(sources: list[str]) -> list[str]:
    """Project modules (``src/...``) that code ``sources`` imports, directly or through other
    project modules, including the packages they live in."""
    todo = [n for source in sources for n in _imports(source)]
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # a package's __init__ runs before its modules
            prefix = ".".join(parts[:i])
            if prefix in seen:
                continue
            file = _project_file(prefix)
            if file is None:
                continue
            seen[prefix] = file
            package = prefix if file.name == "__init__.py" else prefix.rpartition(".")[0]
            todo += _imports(file.read_text(encoding="utf-8"), package)
    return sorted(f.relative_to(paths.REPOSITORY).as_posix() for f in seen.values())
