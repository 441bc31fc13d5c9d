"""What a notebook reads: every data file, catalog and project module it uses.

The loaders call :func:`record` for each file they open. When ``render`` executes a notebook
it appends one cell that calls :func:`dump`, which writes the list (and the project modules
the kernel imported) to the file named by ``FACTDESK_TRACE``; the cell is removed from the
report again. That list, not a hand-kept one, is what decides when a report is stale.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from factdesk import paths

_READ: set[Path] = set()


def record(path: str | Path) -> None:
    """Note that the running notebook read ``path``."""
    _READ.add(Path(path).resolve())


def _relative(path: Path) -> str | None:
    for base in (paths.ROOT, paths.REPOSITORY):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return None


def modules() -> list[str]:
    """Project modules (under ``src/``) loaded in this process, relative to the repository."""
    found = []
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve().is_relative_to(paths.SRC):
            found.append(Path(file).resolve().relative_to(paths.REPOSITORY).as_posix())
    return sorted(found)


def snapshot() -> dict[str, list[str]]:
    """The files read so far (relative to the project root) and the project modules loaded."""
    files = sorted(r for r in (_relative(p) for p in _READ) if r is not None)
    return {"files": files, "modules": modules()}


def dump(target: str | None = None) -> None:
    """Write :func:`snapshot` as JSON to ``target`` (default: ``$FACTDESK_TRACE``)."""
    target = target or os.environ.get("FACTDESK_TRACE")
    if target:
        Path(target).write_text(json.dumps(snapshot(), indent=1) + "\n", encoding="utf-8")
