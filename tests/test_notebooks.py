"""Story notebooks: parameters, hygiene, jupytext twins, prose in every language, no clock,
and nbval's guard against stale reports."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from project import base_language, copy_project

from factdesk import paths
from factdesk.build import config, lab, pairs
from factdesk.build.execute import select_language
from factdesk.language import catalog
from factdesk.language.catalog import Catalog, TranslationFallback

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
LANGUAGES = config.load().languages
BASE = base_language()
PLACEHOLDER = re.compile(r"{(\w+)}")
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


@pytest.mark.slow
def test_the_pair_check_catches_a_twin_out_of_sync(tmp_path):
    copy = tmp_path / "n.ipynb"
    copy.write_bytes(NOTEBOOKS[0].read_bytes())
    twin = NOTEBOOKS[0].with_suffix(".py").read_text(encoding="utf-8")
    (tmp_path / "n.py").write_text(twin.replace("story.findings(", "story.findings(  "))
    result = subprocess.run(
        [sys.executable, "-m", "factdesk.build.pairs", str(copy)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "differs from" in result.stdout


@pytest.mark.slow
def test_check_names_the_newer_file_of_a_pair_out_of_sync(tmp_path):
    """``make check`` fails on a twin out of sync, naming the newer file and the command."""
    project = copy_project(tmp_path / "project", with_reports=False)
    twin = project.path("notebooks/03-crew.py")
    twin.write_text(twin.read_text(encoding="utf-8").replace("\n# # ", "\n# # Edited: ", 1))
    result = project.run("check")
    assert result.returncode == 1
    assert "notebooks/03-crew.ipynb:0:-: cell " in result.stdout, result.stdout
    assert (
        "notebooks/03-crew.py is newer: run .venv/bin/jupytext --sync notebooks/03-crew.ipynb"
        in result.stdout
    )


def _lab(folder: Path, language: str = "") -> tuple[lab.StoryContentsManager, str]:
    """``make lab``'s contents manager on a folder holding a story notebook and its twin."""
    notebook = NOTEBOOKS[0]
    for source in (notebook, notebook.with_suffix(".py")):
        shutil.copy2(source, folder / source.name)
    return lab.StoryContentsManager(root_dir=str(folder), language=language), notebook.name


def test_a_lab_save_keeps_only_the_inputs(tmp_path):
    """The lab's contents manager: a run notebook saved with its outputs and session metadata
    is written back as the committed inputs, and its twin as committed (byte for byte)."""
    manager, name = _lab(tmp_path, language=base_language())
    model = asyncio.run(manager.get(name))
    run = json.loads(json.dumps(model["content"]))
    run["metadata"]["language_info"] = {"name": "python", "version": "3.11.2"}
    for n, cell in enumerate(c for c in run["cells"] if c["cell_type"] == "code"):
        cell.update(execution_count=n + 1, outputs=[{"output_type": "stream", "name": "stdout",
                                                     "text": "x"}])  # fmt: skip
        cell["metadata"]["execution"] = {"iopub.status.busy": "2026-12-06T00:00:00Z"}
    asyncio.run(manager.save({"type": "notebook", "content": run}, name))
    for source in (NOTEBOOKS[0], NOTEBOOKS[0].with_suffix(".py")):
        assert (tmp_path / source.name).read_bytes() == source.read_bytes(), source.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lab_folds_the_prose_of_other_languages(tmp_path, language):
    """``make lab LAB_LANGUAGE=xx``: cells tagged for another language open with their input
    collapsed, the language's own cells and the code open; nothing of it is saved."""
    manager, name = _lab(tmp_path, language=language)
    cells = asyncio.run(manager.get(name))["content"]["cells"]
    folded = {
        i for i, c in enumerate(cells) if c["metadata"].get("jupyter", {}).get("source_hidden")
    }
    tagged = {i: _tag(c) for i, c in enumerate(cells) if _tag(c)}
    assert folded == {i for i, tag in tagged.items() if tag != f"lang:{language}"}
    assert {tag for tag in tagged.values()} - {f"lang:{language}"}, "no other language to fold"
    assert all(cells[i]["cell_type"] == "markdown" for i in folded)
    unfolded = asyncio.run(lab.StoryContentsManager(root_dir=str(tmp_path)).get(name))["content"]
    assert not any(c["metadata"].get("jupyter") for c in unfolded["cells"]), "LAB_LANGUAGE unset"


def _tag(cell) -> str:
    return next((t for t in cell.metadata.get("tags", []) if t.startswith("lang:")), "")


def prose_runs(cells: list) -> list[list[tuple[int, object]]]:
    """Runs of consecutive language-tagged markdown cells, as (index, cell)."""
    runs, run = [], []
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown" and _tag(cell):
            run.append((index, cell))
        elif run:
            runs.append(run)
            run = []
    return [*runs, run] if run else runs


def fallbacks(runs: list, language: str) -> int:
    """How many base-language cells a report in ``language`` shows for missing translations."""
    if language == BASE:
        return 0
    return sum(
        sum(_tag(c) == f"lang:{BASE}" for _, c in run)
        for run in runs
        if not any(_tag(c) == f"lang:{language}" for _, c in run)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_prose_cell_has_every_language(path, language):
    """Each run of prose cells has a version in the base language; in another report language
    it has its own version, or the missing translation is reported (the render prints the
    warning) and the base version is shown: never silently the wrong language."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "notes" not in c.metadata.get("tags", [])]
    runs = prose_runs(cells)
    assert runs, "no prose"
    for run in runs:
        assert any(_tag(c) == f"lang:{BASE}" for _, c in run), f"cell {run[0][0] + 1}: no {BASE}"
    missing = [run[0][0] for run in runs if not any(_tag(c) == f"lang:{language}" for _, c in run)]
    kept, warnings = select_language(cells, language, BASE, path)
    assert warnings == [
        f"{paths.display(path)}: prose cell {index + 1} has no {language!r} version (a markdown "
        f"cell tagged lang:{language}); showing {BASE!r}"
        for index in missing
    ]
    assert language != BASE or missing == []
    prose = [c for c in kept if c.cell_type == "markdown"]
    assert prose and all(_tag(c) in (f"lang:{language}", f"lang:{BASE}") for c in prose)
    if language != BASE:  # base cells only where the translation is missing
        assert sum(_tag(c) == f"lang:{BASE}" for c in prose) == fallbacks(runs, language)
    assert prose[0].source.startswith("# "), "the report's title comes first"


def test_a_missing_translation_falls_back_loudly(tmp_path):
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    tagged = {_tag(c) for c in nb.cells}
    absent = next(f"x{n}" for n in range(10) if f"lang:x{n}" not in tagged)
    kept, warnings = select_language(nb.cells, absent, BASE, NOTEBOOKS[0])
    assert warnings and f"has no {absent!r} version" in warnings[0]
    assert len(warnings) == len(prose_runs(nb.cells))
    assert all(_tag(c) in ("", f"lang:{BASE}") for c in kept)


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


PLURAL_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}


def _plural(value) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= PLURAL_CATEGORIES


def _placeholders(value) -> set[str]:
    forms = value.values() if isinstance(value, dict) else [value]
    return {name for form in forms for name in PLACEHOLDER.findall(str(form))}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_match_the_base_language(language):
    """A report language's catalogs define only keys the base language has, each with the
    base text's placeholders, and plural forms where the base has them. A key it lacks is
    allowed: it falls back to the base text loudly (next test)."""
    base = catalog.entries(BASE)
    # (a words: section is the language's words for the spotter: data, not text)
    own = {k: v for k, v in catalog.entries(language).items() if k != "words"}
    assert sorted(set(own) - set(base)) == [], f"{language}: keys the base language lacks"
    for key, value in own.items():
        assert isinstance(value, dict) == isinstance(base[key], dict), (language, key)
        if _plural(base[key]):
            assert _plural(value) and "other" in value, (language, key)
            # each form uses only values the code passes (those of the base text and n)
            for category, form in value.items():
                unknown = set(PLACEHOLDER.findall(str(form))) - _placeholders(base[key]) - {"n"}
                assert not unknown, f"{language}: {key}.{category} uses {sorted(unknown)}"
        elif isinstance(value, dict):  # a mapping such as unit_words: the base's keys
            assert set(value) <= set(base[key]), (language, key)
        else:
            assert _placeholders(value) == _placeholders(base[key]), f"{language}: {key}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalog_key_missing_in_a_language_falls_back_loudly(language):
    base, own = catalog.entries(BASE), catalog.entries(language)
    # texts (a mapping such as unit_words is data for the rules, not a text shown)
    missing = sorted(
        k for k in set(base) - set(own) if not isinstance(base[k], dict) or _plural(base[k])
    )
    assert language != BASE or missing == []
    for key in missing:
        values = dict.fromkeys(_placeholders(base[key]) - {"n"}, "x")
        with pytest.warns(TranslationFallback, match=f"no {language!r} text for {key!r}"):
            Catalog(language, BASE).text(
                key, n=1 if isinstance(base[key], dict) else None, **values
            )


@pytest.mark.parametrize(
    "report", sorted(paths.REPORTS.glob("*/*.ipynb")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_committed_reports_have_no_errors_warnings_or_other_language(report):
    """No error and no printed output; the one stream allowed is a TranslationFallback
    warning on stderr (a partly translated language shows base-language text, loudly)."""
    nb = json.loads(report.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    for stream in (o for o in outputs if o["output_type"] == "stream"):
        text = "".join(stream["text"])
        assert stream["name"] == "stderr", text
        lines = [x for x in text.splitlines() if x.strip()]
        assert lines and all(x.startswith("TranslationFallback: ") for x in lines), text
    language = report.parent.name
    assert language in LANGUAGES
    for cell in nb["cells"]:
        tags = cell["metadata"].get("tags", [])
        allowed = {f"lang:{language}", f"lang:{BASE}"}
        assert not [t for t in tags if t.startswith("lang:") and t not in allowed]
        assert "notes" not in tags and "factdesk-trace" not in tags
    # base-language prose only where the source has no translation (reported when rendered)
    source = nbformat.read(paths.NOTEBOOKS / f"{report.stem.split('--')[0]}.ipynb", 4)
    runs = prose_runs([c for c in source.cells if "notes" not in c.metadata.get("tags", [])])
    shown = sum(f"lang:{BASE}" in c["metadata"].get("tags", []) for c in nb["cells"])
    assert language == BASE or shown == fallbacks(runs, language)
    assert nb["metadata"]["papermill"]["parameters"]["publish"] is True


@pytest.mark.slow
def test_nbval_fails_when_a_fact_changes_without_re_rendering(tmp_path):
    """nbval compares every output, chart JSON included: a changed fact must show up."""
    project = copy_project(tmp_path / "p")
    report = project.reports / BASE / "02-timeline.ipynb"  # reads the record's docking time
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
