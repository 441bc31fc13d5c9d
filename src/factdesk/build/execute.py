"""Run one report: the source notebook in one language, parameters injected as papermill does
(its ``parameterize_notebook``), executed by nbclient in a kernel kept warm per worker.

Before execution the notebook is prepared: author notes are dropped, each group of prose
cells keeps the cells of the report's language (falling back to the base language with a
warning), a first cell clears the namespace and a last one writes what the kernel read (see
:mod:`factdesk.inputs`). After execution both are removed and everything that changes from
run to run (execution counts, timings, ids) is normalised, so unchanged inputs give
byte-identical reports, the same a fresh kernel gives (nbval checks that). Input hashes are
not stored in the report: they live in ``reports/manifest.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from factdesk import inputs, paths
from factdesk.build.config import Report
from factdesk.build.writing import BuildError, atomic_path, io_error, temp_path

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


PRELUDE_TAG = "factdesk-prelude"
PRELUDE = (
    'get_ipython().run_line_magic("reset", "-f")  # a fresh namespace for every report\n'
    "import factdesk.inputs\n"
    "factdesk.inputs.begin()"
)


def prepare(report: Report, base: str, trace: Path):
    """The source notebook as it will run for ``report``, and the language warnings: the
    report's prose, a first cell that starts from a clean namespace, a last one that writes
    what the kernel read to ``trace``, the parameters injected after the parameters cell."""
    import nbformat
    from papermill.parameterize import parameterize_notebook

    nb = nbformat.read(report.source, as_version=4)
    cells = [c for c in nb.cells if "notes" not in c.metadata.get("tags", [])]
    nb.cells, warnings = select_language(cells, report.language, base, report.source)
    prelude = nbformat.v4.new_code_cell(PRELUDE, metadata={"tags": [PRELUDE_TAG]})
    dump = f"import factdesk.inputs\nfactdesk.inputs.dump({str(trace)!r})"
    trace_cell = nbformat.v4.new_code_cell(dump, metadata={"tags": [TRACE_TAG]})
    nb.cells = [prelude, *nb.cells, trace_cell]
    nb.metadata["papermill"] = {}
    for cell in nb.cells:  # papermill looks the parameters cell up by tags on every cell
        cell.metadata.setdefault("tags", [])
    nb = parameterize_notebook(nb, report.parameters, kernel_name=KERNEL, language="python")
    return nb, warnings


def normalise(nb, report: Report) -> None:
    """Strip the helper cells and what changes from run to run (execution counts of a warm
    kernel, timings, ids), so unchanged inputs give the same bytes."""
    nb.metadata["papermill"] = {"parameters": nb.metadata.get("papermill", {}).get("parameters")}
    nb.metadata["factdesk"] = {"report": report.key, "notebook": report.notebook}
    nb.metadata.pop("jupytext", None)
    kept, count = [], 0
    for index, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        if TRACE_TAG in tags or PRELUDE_TAG in tags or "parameters" in tags:
            continue  # the report keeps only the injected parameters: its defaults, possibly
            # edited while exploring in JupyterLab, never reach a report
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if not tags:
            cell.metadata.pop("tags", None)
        cell.id = "injected-parameters" if "injected-parameters" in tags else f"cell-{index:02d}"
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
        kept.append(cell)
    nb.cells = kept


class _Kernel:
    """One kernel per worker process, kept warm across reports: the libraries are imported
    once, and each report starts from a clean namespace (the prelude cell)."""

    km = None

    @classmethod
    def manager(cls):
        if cls.km is None or not cls.km.is_alive():
            from multiprocessing.util import Finalize

            from jupyter_client.manager import KernelManager

            cls.km = KernelManager(kernel_name=KERNEL)
            cls.km.start_kernel(cwd=str(paths.NOTEBOOKS))
            Finalize(cls, cls.km.shutdown_kernel, kwargs={"now": True}, exitpriority=10)
        return cls.km


def _failure(nb, report: Report, exc: Exception) -> RenderError:
    """The failed cell (by its error output), its first line and the exception."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                lines = cell.source.strip().splitlines()
                first = next((line for line in lines if not line.startswith("#")), "")
                return RenderError(
                    f"{paths.display(report.source)} [{report.key}]: cell {index} ({first}) "
                    f"raised {output.get('ename')}: {output.get('evalue')}"
                )
    last = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    return RenderError(
        f"{paths.display(report.source)} [{report.key}]: {type(exc).__name__}: {last}"
    )


def execute(report: Report, base: str) -> tuple[dict, list[str]]:
    """Run ``report`` into its ``.ipynb`` (atomically); return what it read and warnings."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    trace = temp_path(report.ipynb.with_suffix(".trace.json"))
    work = temp_path(report.ipynb.with_suffix(".run.ipynb"))
    nb, warnings = prepare(report, base, trace)
    try:
        try:
            report.ipynb.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, work)  # the notebook being run, for whoever looks (removed after)
        except OSError as exc:
            raise io_error(report.ipynb, "the executed notebook", exc) from None
        client = NotebookClient(nb, km=_Kernel.manager(), kernel_name=KERNEL, timeout=600)
        try:
            client.execute()
        except (CellExecutionError, DeadKernelError, RuntimeError) as exc:
            raise _failure(nb, report, exc) from None
        read = json.loads(trace.read_text(encoding="utf-8"))
    finally:
        for leftover in (work, trace):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass  # e.g. a read-only folder, already reported; the next run removes it
    warnings += [
        line
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if output.get("name") == "stderr"
        for line in output.get("text", "").splitlines()
        if "Fallback" in line
    ]
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    read["modules"] = inputs.modules_of(code)
    normalise(nb, report)
    with atomic_path(report.ipynb, "the executed notebook") as tmp:
        nbformat.write(nb, tmp)
    return read, warnings
