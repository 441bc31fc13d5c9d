"""Rendering: exact dependencies, nothing published unchecked, clean diffs, deterministic
bytes (notebooks, HTML, SVG, PNG), light one-file HTML. Every test renders a scratch copy of
the project; the real reports/ is never written."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from project import base_language

from factdesk import paths
from factdesk.build import config

BASE = base_language()
CONFIG = config.load()
ONE = f"{BASE}/03-crew"  # the story's crew report: charts (SVG and PNG)
# The same notebook in another language and another zone (the base language if there is no
# other language, the default zone if it has no other).
OTHER = next(
    (r for r in CONFIG.reports if r.notebook == "03-crew" and r.key != ONE and r.language != BASE),
    next(r for r in CONFIG.reports if r.notebook == "03-crew" and r.key != ONE),
)
LIMIT = 1_500_000


@pytest.fixture
def project(built, tmp_path):
    """A fresh copy of the built project (the session's ``built``, tests/conftest.py) for one
    test."""
    target = tmp_path / "project"
    shutil.copytree(built.root, target)
    return type(built)(target)


def _statuses(result) -> dict[str, str]:
    """report key -> planned status, from ``render --dry-run``."""
    found = {}
    for line in result.stdout.splitlines():
        hit = re.match(r"\s*(would render|would export|up to date)\s+(\S+)", line)
        if hit:
            found[hit.group(2)] = hit.group(1)
    return found


def test_committed_reports_are_current(built):
    """The committed executed reports equal a fresh render of the same inputs, byte for byte:
    nothing stale is committed (the scratch build re-ran nothing, or re-ran to equal bytes)."""
    for nb in sorted((paths.REPORTS).glob("*/*.ipynb")):
        relative = nb.relative_to(paths.REPORTS)
        assert (built.reports / relative).read_bytes() == nb.read_bytes(), relative


def test_second_run_does_nothing(built):
    result = built.run("render")
    assert result.returncode == 0, result.stderr
    n = len(config.load().reports)
    assert f"0 rendered, 0 exported, {n} up to date, 0 failed" in result.stdout
    assert "(nothing to do)" in result.stdout


def test_two_forced_renders_give_identical_bytes_images_included(project):
    before = project.snapshot()
    shutil.rmtree(project.reports / ".cache" / "img")  # images drawn again, not copied
    result = project.run("render", "--force", ONE, OTHER.key)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "2 rendered" in result.stdout
    after = project.snapshot()
    assert after == before
    assert any(k.endswith(".svg") for k in after) and any(k.endswith(".png") for k in after)


def test_missing_html_is_exported_without_a_kernel(project):
    report = project.reports / f"{ONE}.html"
    notebook = (project.reports / f"{ONE}.ipynb").read_bytes()
    report.unlink()
    result = project.run("render", ONE)
    assert "0 rendered, 1 exported" in result.stdout, result.stdout
    assert report.is_file()
    assert (project.reports / f"{ONE}.ipynb").read_bytes() == notebook


def _reads(notebook: str) -> set[str]:
    """Tables a notebook's code loads, read from its source (independent of the tracing)."""
    source = (paths.NOTEBOOKS / f"{notebook}.py").read_text(encoding="utf-8")
    tables = set(re.findall(r"(?:story|tables)\.load\(\"(\w+)\"", source))
    if "tables.articles(" in source:
        tables |= {"sources", "articles"}
    if re.search(r"story\.name\(", source):
        tables |= {"entities"}
    return tables


def test_manifest_lists_what_each_notebook_loads(built):
    """The traced inputs cover every table the notebook's code loads (a static cross-check of
    the tracing) and the project modules it imports."""
    recorded = json.loads((built.reports / "manifest.json").read_text())["reports"]
    for key, entry in recorded.items():
        notebook = key.split("/", 1)[1].split("--")[0]
        inputs = set(entry["inputs"])
        for table in _reads(notebook) - {"articles"}:
            csv = next(p for p in inputs if p.endswith(f"/{table}.csv"))
            assert csv, (key, table)
        if "articles" in _reads(notebook):
            assert any(p.startswith("data/raw/articles/") for p in inputs), key
        assert f"notebooks/{notebook}.ipynb" in inputs
        assert any(p.startswith("src/factdesk/") for p in inputs)
        assert not any(p.startswith("src/factdesk/build") for p in inputs), "only imported code"


DATA_FILES = sorted(
    p.relative_to(paths.ROOT).as_posix()
    for p in (paths.DATA).rglob("*")
    if p.is_file() and p.suffix in (".csv", ".yaml", ".md") and "raw" not in p.parts
)
EXPORT_SHOWS = {"facts/sources.csv": "all", "facts/corrections.csv": "all"}
CLAIMREVIEW_SHOWS = {"facts/claims.csv", "facts/verdicts.csv", "facts/entities.csv"}


@pytest.mark.parametrize("relative", DATA_FILES)
def test_each_data_file_rebuilds_exactly_its_dependents(project, relative):
    """Edit one data file (bytes change, meaning does not): exactly the reports that read it
    re-render, exactly the pages that show it re-export, everything else is up to date."""
    target = project.path(relative)
    target.write_bytes(target.read_bytes() + (b"\n" if target.suffix == ".csv" else b"\n# x\n"))
    plan = _statuses(project.run("render", "--dry-run"))
    recorded = json.loads((project.reports / "manifest.json").read_text())["reports"]
    key = relative if relative.startswith("data/") else f"data/{relative}"
    readers = {k for k, entry in recorded.items() if key in entry["inputs"]}
    inner = key.removeprefix("data/")
    shown = set()
    if EXPORT_SHOWS.get(inner) == "all" or inner == "datapackage.yaml":
        shown = set(recorded)
    if inner in CLAIMREVIEW_SHOWS:
        shown = {k for k in recorded if k.split("/", 1)[1] == CONFIG.claimreview}
    assert {k for k, s in plan.items() if s == "would render"} == readers, relative
    exported = {k for k, s in plan.items() if s == "would export"}
    assert exported == (shown - readers), relative
    assert {k for k, s in plan.items() if s == "up to date"} == set(recorded) - readers - shown


def test_one_changed_data_file_really_rebuilds_only_its_dependents(project):
    """The same decision, carried out: the spaceflights table is read by the crew reports."""
    before = project.snapshot()
    recorded = json.loads((project.reports / "manifest.json").read_text())["reports"]
    readers = [k for k, e in recorded.items() if "data/reference/spaceflights.csv" in e["inputs"]]
    assert readers and all("03-crew" in k for k in readers)
    path = project.path("data/reference/spaceflights.csv")
    text = path.read_text(encoding="utf-8")
    assert "Seradata 0435 GMT" in text
    path.write_text(text.replace("Seradata 0435 GMT", "Seradata: 0435 GMT", 1), "utf-8")
    result = project.run("render", "--jobs", "2")
    assert result.returncode == 0, result.stderr[-2000:]
    rest = len(recorded) - len(readers)
    assert f"{len(readers)} rendered, 0 exported, {rest} up to date, 0 failed" in result.stdout
    after = project.snapshot()
    changed = {k for k in after if after[k] != before.get(k)}
    # The report outputs are identical (a note the reports do not show; only their hashes
    # moved); the table's own download and the database changed with it.
    assert changed == {"manifest.json", "data/spaceflights.csv", "data/factdesk.db"}, changed


def test_code_change_with_unchanged_outputs_changes_no_committed_report(project):
    """A refactor of a module the notebooks import re-runs the reports that import it, and
    with unchanged outputs no report changes: only the manifest records the new hash."""
    path = project.reports / "manifest.json"
    recorded = json.loads(path.read_text())
    importers = 0
    for entry in recorded["reports"].values():
        formats_py = "src/factdesk/language/formats.py"
        if formats_py in entry["inputs"]:
            entry["inputs"][formats_py] = "0" * 64  # as if the code had changed
            importers += 1
    path.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    before = project.snapshot()
    result = project.run("render", "--jobs", "2")
    assert result.returncode == 0, result.stderr[-2000:]
    assert importers and f"{importers} rendered" in result.stdout
    after = project.snapshot()
    assert {k for k in after if after[k] != before[k]} == {"manifest.json"}


def test_an_invalid_fact_base_publishes_nothing(project):
    before = project.snapshot()
    project.edit("data/facts/verdicts.csv", "nl-001,accurate", "nl-001,maybe")
    project.edit(
        "data/reference/spaceflights.csv", "2011-11-14T04:14:03+00:00", "2011-11-14T04:14"
    )
    result = project.run("render", "--force")
    assert result.returncode == 1
    assert "data/facts/verdicts.csv:2:verdict: must be one of:" in result.stderr
    assert "data/reference/spaceflights.csv:2:launch_utc: must be an ISO 8601 time" in (
        result.stderr
    )
    assert "nothing was rendered or published" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert project.snapshot() == before


def test_html_is_one_light_offline_file(built):
    for page in sorted(built.reports.glob("*/*.html")):
        html = page.read_text(encoding="utf-8")
        assert page.stat().st_size <= LIMIT, (page.name, page.stat().st_size)
        assert not re.search(r"<script[^>]+src=", html)
        assert not re.search(r"<link[^>]+href=\"https?:", html)
        assert html.count('id="fd-plotly"') == 1  # plotly.js once, the partial bundle
        assert 'data-library="plotly-basic.min.js"' in html
        assert "cdn." not in html.lower() and "mathjax" not in html.lower()
        assert html.count("DataTables 3") <= 1


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("language", CONFIG.languages)
def test_downloads_are_data_not_the_localized_view(built, language):
    """The CSV behind a table holds ISO UTC times, codes and dot decimals, whatever the
    page's language shows; a data package describes its columns."""
    folder = built.reports / "data" / language
    rows = _csv(folder / "02-timeline" / "launch-day.csv")
    assert list(rows[0])[:3] == ["source_id", "event", "quote"]
    sources = {row["source_id"] for row in _csv(paths.FACTS / "sources.csv")}
    assert {row["source_id"] for row in rows} <= sources | {""}  # ids, not labels
    times = [v for row in rows for k, v in row.items() if k.endswith("_utc") and v]
    assert times and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", t) for t in times)
    assert "2021-10-05T12:12:00Z" in times  # the Dutch article's docking time, in UTC
    assert all(re.fullmatch(r"-?\d+", row["gap_minutes"]) for row in rows if row["gap_minutes"])
    package = json.loads((folder / "02-timeline" / "datapackage.json").read_text())
    fields = {f["name"]: f["type"] for r in package["resources"] for f in r["schema"]["fields"]}
    assert fields["time_utc"] == "datetime" and fields["gap_minutes"] == "integer"
    crew = _csv(folder / "03-crew" / "spaceflights.csv")
    numbers = [v for row in crew for v in row.values() if re.fullmatch(r"[\d.,]+", v)]
    assert any("." in v for v in numbers)  # days with a dot,
    assert not any("," in v for v in numbers)  # never a decimal comma


def test_reports_name_no_machine_path(built):
    for page in sorted(built.reports.glob("*/*.ipynb")):
        text = page.read_text(encoding="utf-8")
        assert str(built.root) not in text and str(Path.home()) not in text


def test_killed_render_leftovers_are_removed_by_the_next_run(project):
    leftover = project.reports / BASE / "img" / ".03-crew--ages.png.fdtmp-99999.png"
    leftover.write_bytes(b"half an image")
    result = project.run("render")
    assert result.returncode == 0
    assert not leftover.exists()


def test_a_figure_needing_another_trace_type_gets_the_full_bundle_with_a_warning():
    from factdesk.build.export import plotly_bundle

    assert plotly_bundle([{"data": [{"type": "bar"}, {"type": "scatter"}]}]) == (
        "plotly-basic.min.js",
        "",
    )
    bundle, warning = plotly_bundle([{"data": [{"type": "heatmap"}]}])
    assert bundle == "plotly-full" and "heatmap" in warning


def test_modules_a_notebook_imports_are_followed_through_the_project():
    from factdesk.inputs import modules_of

    found = modules_of(["from soyuz_ms19 import crew\nimport pandas as pd"])
    assert "src/soyuz_ms19/crew.py" in found and "src/soyuz_ms19/record.py" in found
    assert "src/factdesk/build/render.py" not in found and not any("pandas" in f for f in found)
