"""Story notebooks: parameters, hygiene, every language and zone, and nbval's guard against
stale reports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import nbformat
import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from factdesk import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def test_four_story_notebooks_in_reading_order():
    assert [p.stem for p in NOTEBOOKS] == ["01-sources", "02-timeline", "03-crew", "04-factcheck"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell_and_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert re.search(r'^language = "en"', tagged[0].source, re.M)
    assert re.search(r'^timezone = "Europe/Amsterdam"', tagged[0].source, re.M)
    assert nb.metadata.kernelspec.name == "factdesk"
    for cell in nb.cells:  # committed stripped (nbstripout)
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_no_wall_clock_or_randomness_in_notebooks_or_src():
    pattern = re.compile(
        r"\b(datetime\.now|date\.today|Timestamp\.now|Timestamp\.today|"
        r"time\.time\(|import random|np\.random|uuid4)\b"
    )
    files = NOTEBOOKS + sorted(paths.SRC.rglob("*.py"))
    offenders = [
        str(f)
        for f in files
        if f.name != "render.py" and pattern.search(f.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _run(tmp_path, stem, **parameters):
    out = tmp_path / f"{stem}-{'-'.join(parameters.values()).replace('/', '_')}.ipynb"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / f"{stem}.ipynb"),
        str(out),
        parameters=parameters,
        kernel_name="factdesk",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    return nbformat.read(out, as_version=4)


@pytest.mark.parametrize(
    "language,timezone,expected",
    [
        ("de", "Europe/Amsterdam", "unknown language 'de'; valid values: en, nl"),
        ("en", "Europe/Amsterdan", "unknown time zone 'Europe/Amsterdan'; valid values: an IANA"),
    ],
)
def test_bad_parameter_fails_right_after_the_parameters_cell(
    tmp_path, language, timezone, expected
):
    with pytest.raises(PapermillExecutionError) as error:
        _run(tmp_path, "02-timeline", language=language, timezone=timezone)
    assert error.value.ename == "ParameterError" and expected in error.value.evalue
    # Cells 1 and 2 are the parameters and the injected parameters: cell 3 checks them.
    assert error.value.exec_count == 3


# The report matrix renders 02 and 03 in all three zones; 01 and 04 only show dates, so the
# matrix renders them in the default zone and this test runs them in the other two.
@pytest.mark.parametrize(
    "stem,language,timezone",
    [
        ("01-sources", "nl", "UTC"),
        ("01-sources", "en", "Europe/Moscow"),
        ("04-factcheck", "en", "UTC"),
        ("04-factcheck", "nl", "Europe/Moscow"),
    ],
)
def test_notebooks_run_in_every_zone_without_warnings(tmp_path, stem, language, timezone):
    nb = _run(tmp_path, stem, language=language, timezone=timezone)
    streams = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream"]
    assert streams == []


@pytest.mark.parametrize(
    "report", sorted(paths.REPORTS.glob("*/*.ipynb")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_committed_reports_have_no_errors_warnings_or_stale_language(report):
    nb = json.loads(report.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] in ("stream", "error")]
    assert nb["metadata"]["factdesk"]["language"] == report.parent.name
    assert not [c for c in nb["cells"] if c["cell_type"] == "markdown"]  # prose comes from src


def test_nbval_fails_when_a_fact_changes_without_re_rendering(tmp_path):
    """nbval compares every output, chart JSON included: a changed fact must show up."""
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--nbval",
        "--nbval-kernel-name",
        "factdesk",
        str(paths.REPORTS / "en" / "02-timeline.ipynb"),
    ]
    env = {"FACTDESK_DATA": str(data), "PATH": "", "HOME": str(tmp_path)}
    unchanged = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert unchanged.returncode == 0, unchanged.stdout[-2000:]
    record = data / "reference" / "record.csv"
    text = record.read_text(encoding="utf-8")
    assert text.count("2021-10-05T12:22:31+00:00") >= 1
    record.write_text(
        text.replace("2021-10-05T12:22:31+00:00", "2021-10-05T12:32:31+00:00"), encoding="utf-8"
    )
    changed = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert changed.returncode != 0
    assert "mismatch" in changed.stdout.lower()
