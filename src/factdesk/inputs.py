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

import json
import os
import re
from functools import cache
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


# An import statement, found by its shape: parsing every module with ast on each no-op build
# costs more than the rest of it. Over-reading (an import in a docstring) only adds an input.
IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#;]+)", re.M)
FROM = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)", re.M)


def _imports(source: str, package: str = "") -> set[str]:
    """Absolute names of every module an import statement in ``source`` may bring in."""
    names: set[str] = set()
    for match in IMPORT.finditer(source):
        names |= {part.split()[0] for part in match[1].split(",") if part.strip()}
    for dots, module, imported in FROM.findall(source):
        base = module
        if dots:
            level = len(dots)
            parent = package.rsplit(".", level - 1)[0] if level > 1 else package
            base = f"{parent}.{module}" if module else parent
        names.add(base)
        for part in imported.strip("()").replace("\\", " ").split(","):
            if part.split():
                names.add(f"{base}.{part.split()[0]}")
    return names


@cache
def _project_file(name: str) -> Path | None:
    """The file of project module ``name`` under ``src/`` (None for a library or a name that
    is not a module): looked up on disk, because importlib's find_spec imports the parent
    of a dotted name, and the engine's parents import pandas."""
    base = paths.SRC.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate.resolve()
    return None


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
