"""The rendered reports in a real browser (system Chromium), opened from disk with the network
cut off: every chart draws what its spec holds, nothing is fetched, nothing errors, and every
link (other language, index, table CSVs, data downloads) lands on a file that exists."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from browser import (
    artifact,
    assert_local_link,
    check_charts,
    chromium_fixture,  # noqa: F401 - provides the "chromium" fixture
    file_path,
    offline_page,
    resolved_links,
)

from factdesk import paths
from factdesk.render import load_config

CONFIG = load_config()
REPORTS = list(CONFIG.reports)


@pytest.fixture(scope="session")
def rendered():
    """`make reports` without make: renders what is stale, exports missing HTML (a no-op when
    everything is up to date). Always the project's own data, whatever the environment says."""
    env = {k: v for k, v in os.environ.items() if k != "FACTDESK_DATA"}
    done = subprocess.run(
        [sys.executable, "-m", "factdesk", "render", "--jobs", "2"],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.fail(
            f"python -m factdesk render failed ({done.returncode}):\n"
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}",
            pytrace=False,
        )
    return CONFIG


def test_the_matrix_has_every_report():
    assert len(REPORTS) >= 16
    assert {r.language for r in REPORTS} == {"en", "nl"}


def test_every_html_report_is_in_the_matrix(rendered):
    found = {p.relative_to(paths.REPORTS).as_posix() for p in paths.REPORTS.glob("*/*.html")}
    expected = {r.html.relative_to(r.out).as_posix() for r in REPORTS}
    assert found == expected, (
        f"missing: {sorted(expected - found)}; not in reports.yml: {sorted(found - expected)}"
    )


def test_pages_declare_their_language(rendered):
    wrong = {}
    for report in REPORTS:
        head = report.html.read_text(encoding="utf-8")[:2000]
        lang = re.search(r"<html[^>]*\blang=\"([^\"]*)\"", head)
        if not lang or lang.group(1) != report.language:
            wrong[report.key] = lang.group(1) if lang else None
    assert not wrong, f"<html lang> differs from the report language: {wrong}"


def _tables(report) -> int:
    """Number of tables (outputs named by factdesk metadata) in the executed notebook."""
    nb = json.loads(report.ipynb.read_text(encoding="utf-8"))
    return sum(
        1
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
        if output.get("metadata", {}).get("factdesk", {}).get("table")
    )


@pytest.mark.parametrize("report", REPORTS, ids=[r.key for r in REPORTS])
def test_report_in_the_browser(report, rendered, chromium):
    where = report.key
    assert report.html.is_file(), f"{report.html} was not rendered"
    with offline_page(chromium, report.html) as visit:
        page = visit.page
        page.screenshot(path=artifact(f"{report.language}-{report.name}.png"), full_page=True)
        visit.assert_clean()
        charts = check_charts(page, where)
        assert charts >= 1, f"{where}: no div.fd-chart on the page"

        # The same report in the other language, and the index.
        other = next(lang for lang in CONFIG.languages if lang != report.language)
        switch = resolved_links(page, "a.fd-language-switch")
        assert len(switch) == 1, f"{where}: {len(switch)} language-switch links"
        target = assert_local_link(*switch[0], where, ".html")
        assert target.resolve() == (paths.REPORTS / other / f"{report.name}.html").resolve()
        assert page.get_attribute("a.fd-language-switch", "hreflang") == other
        index = resolved_links(page, "a.fd-index-link")
        assert len(index) == 1, f"{where}: {len(index)} index links"
        target = assert_local_link(*index[0], where, ".html")
        assert target.resolve() == (paths.REPORTS / "index.html").resolve()

        # One CSV download per table, each in this report's data folder.
        downloads = resolved_links(page, "p.fd-download a")
        assert len(downloads) == _tables(report), (
            f"{where}: {len(downloads)} CSV links for {_tables(report)} tables"
        )
        for href, url in downloads:
            csv = assert_local_link(href, url, where, ".csv")
            assert csv.parent.resolve() == report.data_dir.resolve(), f"{where}: {href}"
            assert "," in csv.read_text(encoding="utf-8").splitlines()[0]

        # Every other link into the reports folder (footer downloads) exists too.
        for href, url in resolved_links(page, "a[href]"):
            if url.startswith("file:") and file_path(url) != report.html.resolve():
                assert_local_link(href, url, where)

        visit.assert_clean()


def test_index_links_every_report(rendered, chromium):
    index = paths.REPORTS / "index.html"
    with offline_page(chromium, index) as visit:
        page = visit.page
        links = resolved_links(page, "a[href]")
        for href, url in links:
            assert_local_link(href, url, "index.html")
        linked = {
            file_path(url).resolve().relative_to(index.parent.resolve()).as_posix()
            for _, url in links
            if url.endswith(".html")
        }
        expected = {r.html.relative_to(r.out).as_posix() for r in REPORTS}
        assert linked == expected, (
            f"index.html misses {sorted(expected - linked)}, extra {sorted(linked - expected)}"
        )
        languages = page.eval_on_selector_all(
            "table.fd-index a[hreflang]", "as => as.map(a => a.hreflang)"
        )
        assert set(languages) == set(CONFIG.languages), f"hreflang values: {set(languages)}"
        for language in CONFIG.languages:
            assert languages.count(language) == sum(r.language == language for r in REPORTS)
        page.screenshot(path=artifact("index.png"), full_page=True)
        visit.assert_clean()
