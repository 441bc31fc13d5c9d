"""Rendering: deterministic, cached, safe on failure, and the HTML is one offline file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from factdesk import paths, render
from factdesk.validate import FactBase

ONE = "en/03-crew"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One report rendered from scratch into a scratch folder (kernel, HTML, images, CSVs)."""
    out = tmp_path_factory.mktemp("reports")
    config = render.load_config(out=out)
    outcomes = render.render([ONE], config=config)
    assert [o.status for o in outcomes] == ["rendered"], [o.error for o in outcomes]
    return config


def _report(config, key=ONE):
    return next(r for r in config.reports if r.key == key)


def test_fresh_render_equals_the_committed_report_byte_for_byte(rendered):
    # Unchanged inputs give the same bytes: no timestamps, paths or random ids in the output.
    fresh = _report(rendered).ipynb.read_bytes()
    assert fresh == (paths.REPORTS / "en" / "03-crew.ipynb").read_bytes()


def test_rendering_twice_gives_identical_notebook_and_html(rendered):
    report = _report(rendered)
    first_nb, first_html = report.ipynb.read_bytes(), report.html.read_bytes()
    outcomes = render.render([ONE], force=True, config=rendered)
    assert [o.status for o in outcomes] == ["rendered"]
    assert report.ipynb.read_bytes() == first_nb
    assert report.html.read_bytes() == first_html


def test_volatile_metadata_is_stripped(rendered):
    nb = json.loads(_report(rendered).ipynb.read_text())
    assert set(nb["metadata"]["papermill"]) == {"parameters", "default_parameters"}
    assert nb["metadata"]["factdesk"]["input_hash"]
    for cell in nb["cells"]:
        assert "execution" not in cell["metadata"] and "papermill" not in cell["metadata"]
    ids = [c["id"] for c in nb["cells"]]
    assert "injected-parameters" in ids
    assert not any("notes" in c["metadata"].get("tags", []) for c in nb["cells"])


def test_second_run_does_nothing_and_missing_html_is_exported_without_a_kernel(rendered):
    report = _report(rendered)
    assert [o.status for o in render.render([ONE], config=rendered)] == ["up to date"]
    before = report.ipynb.read_bytes()
    report.html.unlink()
    assert [o.status for o in render.render([ONE], config=rendered)] == ["exported"]
    assert report.html.is_file() and report.ipynb.read_bytes() == before


def test_html_is_one_offline_file(rendered):
    page = _report(rendered).html.read_text(encoding="utf-8")
    # No script or stylesheet is loaded from anywhere: everything is inline.
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=\"https?:", page)
    # plotly.js is embedded exactly once, however many charts the page has.
    banner = re.findall(r"plotly\.js v\d+\.\d+\.\d+", page)
    assert len(set(banner)) == 1 and page.count("window.PlotlyConfig") <= 1
    charts = re.findall(r"<div class=\"fd-chart\" id=\"(fd-[a-z0-9-]+)\"", page)
    assert charts == ["fd-ages", "fd-spaceflights", "fd-days-in-space", "fd-iss-population"]
    # Code is in the page but hidden until the reader asks for it.
    assert "body:not(.fd-show-code) .jp-CodeCell .jp-Cell-inputWrapper { display: none; }" in page
    assert '<a class="fd-language-switch" href="../nl/03-crew.html" hreflang="nl">' in page
    from plotly.offline import get_plotlyjs

    assert len(page.encode()) <= len(get_plotlyjs().encode()) + 500_000


def test_images_and_csv_downloads_exist(rendered):
    report = _report(rendered)
    for chart in ("ages", "spaceflights", "days-in-space", "iss-population"):
        png = report.img_dir / f"03-crew--{chart}.png"
        svg = report.img_dir / f"03-crew--{chart}.svg"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in svg.read_bytes()[:500]
    crew_csv = (report.data_dir / "crew.csv").read_text(encoding="utf-8")
    assert crew_csv.splitlines()[0].startswith("Name,Born,Birthplace,Age at launch")
    assert (rendered.out / "index.html").is_file()


def test_failing_notebook_keeps_the_last_good_report_and_names_the_cell(tmp_path, rendered):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS, notebooks)
    out = tmp_path / "reports"
    shutil.copytree(rendered.out, out)
    config = render.load_config(out=out, notebooks=notebooks)
    good = _report(config).ipynb.read_bytes()
    nb = nbformat.read(notebooks / "03-crew.ipynb", as_version=4)
    nb.cells.insert(5, nbformat.v4.new_code_cell("raise ValueError('broken on purpose')"))
    nbformat.write(nb, notebooks / "03-crew.ipynb")
    outcomes = render.render([ONE, "en/01-sources"], config=config)
    status = {o.report.key: o for o in outcomes}
    assert status[ONE].status == "failed"
    assert "notebooks/03-crew.ipynb" in status[ONE].error
    assert "cell 6 (exec count 6" in status[ONE].error  # index 6 counts the injected cell
    assert "raise ValueError('broken on purpose')" in status[ONE].error
    assert "ValueError: broken on purpose" in status[ONE].error
    assert status["en/01-sources"].status == "rendered"  # the others still render
    assert _report(config).ipynb.read_bytes() == good  # last good report untouched
    assert not list(out.rglob("*.tmp-*"))


def test_bad_fact_base_touches_no_report(tmp_path, rendered):
    out = tmp_path / "reports"
    shutil.copytree(rendered.out, out)
    config = render.load_config(out=out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = Path(__file__).parent / "fixtures" / "broken" / "duplicate_id.csv"
    with pytest.raises(render.RenderError, match="problem"):
        render.render([ONE], force=True, config=config, fact_base=FactBase(claims=broken))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_atomic_write_keeps_old_content_on_failure(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with render.atomic_path(target) as tmp:
            tmp.write_text("half-written")
            raise RuntimeError("killed")
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]


def test_unknown_report_name_lists_valid_ones():
    with pytest.raises(SystemExit, match="unknown report.*valid: .*en/02-timeline"):
        render.select(render.load_config(), ["99-nope"])


def test_cli_prints_summary_and_second_run_says_nothing_to_do(tmp_path, rendered):
    out = tmp_path / "reports"
    shutil.copytree(rendered.out, out)
    cmd = [sys.executable, "-m", "factdesk", "render", ONE, "--out", str(out)]
    first = subprocess.run(cmd, capture_output=True, text=True, env={"CI": "true", "PATH": ""})
    assert first.returncode == 0, first.stderr
    assert re.search(
        r"^reports: 0 rendered, 0 exported, 1 up to date, 0 failed, [\d.]+ s "
        r"\(nothing to do\)$",
        first.stdout,
        re.M,
    )
    (out / "en" / "03-crew.html").unlink()
    second = subprocess.run(cmd, capture_output=True, text=True, env={"CI": "true", "PATH": ""})
    assert "1 exported" in second.stdout and "exported  en/03-crew" in second.stderr


def test_report_matrix_covers_both_languages_and_three_zones():
    config = render.load_config()
    keys = {r.key for r in config.reports}
    assert len(keys) == 16
    for language in ("en", "nl"):
        for name in (
            "02-timeline",
            "02-timeline--utc",
            "02-timeline--europe-moscow",
            "03-crew--europe-moscow",
            "01-sources",
            "04-factcheck",
        ):
            assert f"{language}/{name}" in keys
    for report in config.reports:
        assert report.ipynb.is_file(), f"{report.ipynb} is not committed: run make reports"
