"""Run one report: the source notebook in one language, executed by papermill.

Before execution the notebook is prepared: author notes are dropped, each group of prose
cells keeps the cells of the report's language (falling back to the base language with a
warning), and a last cell is appended that writes what the kernel read (see
:mod:`factdesk.inputs`). After execution that cell is removed again and everything that
changes from run to run (timings, paths, random ids) is stripped, so unchanged inputs give
byte-identical reports. Input hashes are not stored in the report: they live in
``reports/manifest.json``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from factdesk import paths
from factdesk.config import Report
from factdesk.writing import BuildError, atomic_path, temp_path

KERNEL = "factdesk"
TRACE_TAG = "factdesk-trace"
LANGUAGE_TAG = "lang:"


class RenderError(BuildError):
    """A report failed; the message names the notebook, the cell and the exception."""


def _language(cell) -> str | None:
    for tag in cell.metadata.get("tags", []):
        if tag.startswith(LANGUAGE_TAG):
            return tag[len(LANGUAGE_TAG) :]
    return None


def select_language(cells: list, language: str, base: str, source: Path) -> tuple[list, list[str]]:
    """Keep, in each run of language-tagged prose cells, those of ``language``; a run without
    them keeps the ``base`` ones and gives a warning."""
    kept, warnings, run = [], [], []

    def flush() -> None:
        if not run:
            return
        mine = [c for _, c in run if _language(c) == language]
        if not mine:
            mine = [c for _, c in run if _language(c) == base]
            warnings.append(
                f"{paths.display(source)}: prose cell {run[0][0] + 1} has no {language!r} "
                f"version (a markdown cell tagged lang:{language}); showing {base!r}"
            )
        kept.extend(mine)
        run.clear()

    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown" and _language(cell):
            run.append((index, cell))
            continue
        flush()
        kept.append(cell)
    flush()
    return kept, warnings


def prepare(report: Report, base: str):
    """The source notebook as it will run for ``report``, and the language warnings."""
    import nbformat

    nb = nbformat.read(report.source, as_version=4)
    cells = [c for c in nb.cells if "notes" not in c.metadata.get("tags", [])]
    nb.cells, warnings = select_language(cells, report.language, base, report.source)
    trace = nbformat.v4.new_code_cell(
        "import factdesk.inputs\nfactdesk.inputs.dump()", metadata={"tags": [TRACE_TAG]}
    )
    nb.cells.append(trace)
    return nb, warnings


def normalise(nb, report: Report) -> None:
    """Strip what changes from run to run and the trace cell."""
    pm = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {
        "parameters": pm.get("parameters", {}),
        "default_parameters": pm.get("default_parameters", {}),
    }
    nb.metadata["factdesk"] = {"report": report.key, "notebook": report.notebook}
    nb.metadata.pop("jupytext", None)
    kept = []
    for index, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        if TRACE_TAG in tags:
            continue
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.id = "injected-parameters" if "injected-parameters" in tags else f"cell-{index:02d}"
        kept.append(cell)
    nb.cells = kept


def _failed_cell(nb, exec_count: int | None) -> str:
    for cell in nb.cells:
        if cell.get("execution_count") == exec_count and cell.cell_type == "code":
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            return f"cell {exec_count} ({first})"
    return f"cell {exec_count}"


def execute(report: Report, base: str) -> tuple[dict, list[str]]:
    """Run ``report`` into its ``.ipynb`` (atomically); return what it read and warnings."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    nb, warnings = prepare(report, base)
    trace = temp_path(report.ipynb.with_suffix(".trace.json"))
    run = temp_path(report.ipynb.with_suffix(".run.ipynb"))
    os.environ["FACTDESK_TRACE"] = str(trace)
    try:
        report.ipynb.parent.mkdir(parents=True, exist_ok=True)
        try:
            papermill.execute_notebook(
                nb,
                str(run),
                parameters=report.parameters,
                kernel_name=KERNEL,
                progress_bar=False,
                log_output=False,
                cwd=str(paths.NOTEBOOKS),
                request_save_on_cell_execute=False,
            )
        except PapermillExecutionError as exc:
            failed = nbformat.read(run, as_version=4) if run.exists() else nb
            raise RenderError(
                f"{paths.display(report.source)} [{report.key}]: "
                f"{_failed_cell(failed, exc.exec_count)} raised {exc.ename}: {exc.evalue}"
            ) from None
        done = nbformat.read(run, as_version=4)
        read = json.loads(trace.read_text(encoding="utf-8"))
    finally:
        os.environ.pop("FACTDESK_TRACE", None)
        run.unlink(missing_ok=True)
        trace.unlink(missing_ok=True)
    warnings += [
        line
        for cell in done.cells
        for output in cell.get("outputs", [])
        if output.get("name") == "stderr"
        for line in output.get("text", "").splitlines()
        if "Fallback" in line
    ]
    normalise(done, report)
    with atomic_path(report.ipynb, "the executed notebook") as tmp:
        nbformat.write(done, tmp)
    return read, warnings
