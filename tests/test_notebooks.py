"""Story notebooks: parameters, hygiene, jupytext twins, prose in every language, no clock,
and nbval's guard against stale reports."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import nbformat
import pytest
from project import copy_project

from factdesk import catalog, config, pairs, paths
from factdesk.execute import select_language

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
LANGUAGES = config.load().languages
BASE = "en"
WALL_CLOCK = re.compile(
    r"(datetime\.(?:now|today|utcnow)\b|date\.today\b|Timestamp\.(?:now|today|utcnow)\b"
    r"|\btime\.time\(|\btime\.monotonic\(|\bimport random\b|np\.random\b|uuid[14]\()"
)


def test_story_notebooks_in_reading_order():
    assert [p.stem for p in NOTEBOOKS] == list(config.load().notebooks)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell_and_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for name in ("language", "timezone", "publish"):
        assert re.search(rf"^{name} = ", tagged[0].source, re.M)
    assert nb.metadata.kernelspec.name == "factdesk"
    for cell in nb.cells:  # committed stripped (nbstripout)
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_jupytext_twin_is_in_sync(path):
    """The .py twin is what reviewers read; it must hold the notebook's cells."""
    assert pairs.differences(path) == []


def test_the_pair_check_catches_a_twin_out_of_sync(tmp_path):
    copy = tmp_path / "n.ipynb"
    copy.write_bytes(NOTEBOOKS[0].read_bytes())
    twin = NOTEBOOKS[0].with_suffix(".py").read_text(encoding="utf-8")
    (tmp_path / "n.py").write_text(twin.replace("story.findings(", "story.findings(  "))
    result = subprocess.run(
        [sys.executable, "-m", "factdesk.pairs", str(copy)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "differs from" in result.stdout


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_prose_cell_has_every_language(path, language):
    """Each run of prose cells has a version in every report language (no fallback)."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "notes" not in c.metadata.get("tags", [])]
    kept, warnings = select_language(cells, language, BASE, path)
    assert warnings == []
    prose = [c for c in kept if c.cell_type == "markdown"]
    assert prose and all(f"lang:{language}" in c.metadata["tags"] for c in prose)
    assert prose[0].source.startswith("# "), "the report's title comes first"


def test_a_missing_translation_falls_back_loudly(tmp_path):
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    kept, warnings = select_language(nb.cells, "de", BASE, NOTEBOOKS[0])
    assert warnings and "has no 'de' version" in warnings[0]
    assert all("lang:de" not in c.metadata.get("tags", []) for c in kept)


def test_no_wall_clock_or_randomness_in_notebooks_or_src():
    files = [*paths.NOTEBOOKS.glob("*.py"), *sorted(paths.SRC.rglob("*.py"))]
    allowed = {"build.py"}  # times the build for its summary line; never in an output
    offenders = [
        f"{f.name}: {m.group()}"
        for f in files
        if f.name not in allowed
        for m in WALL_CLOCK.finditer(f.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("snippet", ["datetime.now()", "datetime.utcnow()", "time.time()",
                                     "pd.Timestamp.today()", "import random"])  # fmt: skip
def test_the_wall_clock_pattern_catches_each_form(snippet):
    assert WALL_CLOCK.search(f"x = {snippet}")


def test_catalogs_cover_every_language():
    """Every key of the base language's catalogs exists in every report language, with the
    same placeholders and plural forms."""
    base = catalog.entries(BASE)
    for language in LANGUAGES:
        own = catalog.entries(language)
        assert set(own) == set(base), language
        for key, value in base.items():
            if isinstance(value, str):
                assert set(re.findall(r"{(\w+)}", value)) == set(
                    re.findall(r"{(\w+)}", str(own[key]))
                ), (language, key)


@pytest.mark.parametrize(
    "report", sorted(paths.REPORTS.glob("*/*.ipynb")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_committed_reports_have_no_errors_warnings_or_other_language(report):
    nb = json.loads(report.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] in ("stream", "error")]
    language = report.parent.name
    for cell in nb["cells"]:
        tags = cell["metadata"].get("tags", [])
        assert not [t for t in tags if t.startswith("lang:") and t != f"lang:{language}"]
        assert "notes" not in tags and "factdesk-trace" not in tags
    assert nb["metadata"]["papermill"]["parameters"]["publish"] is True


def test_nbval_fails_when_a_fact_changes_without_re_rendering(tmp_path):
    """nbval compares every output, chart JSON included: a changed fact must show up."""
    project = copy_project(tmp_path / "p")
    report = project.reports / "en" / "02-timeline.ipynb"
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
           "--nbval-kernel-name", "factdesk", str(report)]  # fmt: skip
    env = project.env(HOME=str(tmp_path))
    unchanged = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert unchanged.returncode == 0, unchanged.stdout[-2000:]
    project.edit(
        "data/reference/record.csv", "2021-10-05T12:22:31+00:00", "2021-10-05T12:32:31+00:00"
    )
    changed = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert changed.returncode != 0
    assert "mismatch" in changed.stdout.lower()
