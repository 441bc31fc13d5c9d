"""Each story notebook and its jupytext twin (``notebooks/<name>.py``, percent format) must
hold the same cells: the twin is what reviewers read in a pull request.

``python -m factdesk.build.pairs [NOTEBOOK ...]`` lists the pairs that differ and exits 1 (run by
``make lint`` and the tests). To bring a pair back in sync after editing either file:
``.venv/bin/jupytext --sync notebooks/<name>.ipynb`` (the newer file wins).
"""

from __future__ import annotations

import sys
from pathlib import Path

from factdesk import paths


def _cells(nb) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (c.cell_type, c.source.strip(), tuple(sorted(c.metadata.get("tags", []))))
        for c in nb.cells
    ]


def differences(notebook: Path) -> list[str]:
    """How ``notebook`` and its twin differ ([] when in sync)."""
    import jupytext
    import nbformat

    twin = notebook.with_suffix(".py")
    if not twin.is_file():
        return [f"{paths.display(notebook)}: no jupytext twin {paths.display(twin)}"]
    ours, theirs = _cells(nbformat.read(notebook, as_version=4)), _cells(jupytext.read(twin))
    if len(ours) != len(theirs):
        return [f"{paths.display(notebook)}: {len(ours)} cells, its twin {len(theirs)}"]
    return [
        f"{paths.display(notebook)}: cell {i + 1} differs from {paths.display(twin)}"
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
        if a != b
    ]


def _stat(path: Path) -> list[int]:
    stat = path.stat() if path.is_file() else None
    return [stat.st_size, stat.st_mtime_ns] if stat else []


def problems(cache: Path | None = None) -> list:
    """One ``make check`` error per story notebook out of sync with its twin, naming the newer
    file (whose cells JupyterLab and ``jupytext --sync`` keep) and the command that syncs.
    With a ``cache`` folder, pairs found in sync are not read again until a file changes
    (reading them means importing jupytext and nbformat: about 1.5 s)."""
    import json

    from factdesk.problems import problem

    stamp = cache / "pairs.json" if cache else None
    try:
        in_sync = json.loads(stamp.read_text(encoding="utf-8")) if stamp else {}
    except (OSError, ValueError):
        in_sync = {}
    found, now = [], {}
    for notebook in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        key = paths.display(notebook)
        stats = [_stat(notebook), _stat(notebook.with_suffix(".py"))]
        if in_sync.get(key) == stats:
            now[key] = stats
            continue
        differs = differences(notebook)
        if not differs:
            now[key] = stats
            continue
        twin = notebook.with_suffix(".py")
        newer = max((notebook, twin), key=lambda p: p.stat().st_mtime if p.is_file() else 0)
        message = (
            f"{differs[0].split(': ', 1)[1]}; {paths.display(newer)} is newer: run "
            f".venv/bin/jupytext --sync {paths.display(notebook)} (the newer file's cells win)"
        )
        found.append(problem(notebook, 0, "-", message))
    if stamp and now != in_sync:
        try:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        except OSError:
            pass  # a cache: a read-only folder only costs time
    return found


def main(argv: list[str]) -> int:
    notebooks = [Path(a) for a in argv] or sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    found = [line for nb in notebooks for line in differences(nb)]
    for line in found:
        print(line)
    if found:
        print("out of sync: run .venv/bin/jupytext --sync <notebook>", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
