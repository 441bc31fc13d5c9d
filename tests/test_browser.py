"""The rendered reports in a real browser (system Chromium), opened from disk with the network
cut off: every chart draws what its figure JSON holds, nothing is fetched, nothing errors,
every link (other language, index, table CSVs, data downloads) lands on a file that exists,
no page outgrows its size budget, and the long tables are searchable, filterable and paged
while the short ones stay plain HTML.

The reports are rendered once per session from a scratch copy of the project
(``tests/project.py``), so the test depends on no earlier build and never writes into the
real ``reports/``.
"""

from __future__ import annotations

import dataclasses
import json
import re

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
from project import Project, base_language, settings

from factdesk.build import config as configuration
from factdesk.build.config import Report

CONFIG = configuration.load()  # the matrix of the real reports.yml, which the copy holds
REPORTS = list(CONFIG.reports)
MAX_PAGE_BYTES = 1_500_000
PAGE_LENGTH = 10  # rows per page of an interactive table (the template's pageLength)
DATATABLES_BANNER = "/*! DataTables"
FACT_CHECK = f"{base_language()}/04-factcheck"  # the story's fact-check report
LONG_TABLE, SHORT_TABLE = "claims", "verdicts-by-topic"  # tables of the fact-check report


def scratch(report: Report, project: Project) -> Report:
    """The same report in the scratch copy."""
    return dataclasses.replace(report, out=project.reports)


def _outputs_meta(report: Report) -> list[dict]:
    """factdesk metadata of every table output of the executed notebook."""
    nb = json.loads(report.ipynb.read_text(encoding="utf-8"))
    return [
        output["metadata"]["factdesk"]
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
        if output.get("metadata", {}).get("factdesk", {}).get("table")
    ]


def test_the_matrix_has_every_report():
    """Every notebook in every language of reports.yml, in each of its zones."""
    data = settings()
    assert {r.language for r in REPORTS} == set(data["languages"])
    assert {r.notebook for r in REPORTS} == set(data["notebooks"])
    names = {r.name for r in REPORTS}
    assert {(r.language, r.name) for r in REPORTS} == {
        (lang, name) for lang in data["languages"] for name in names
    }
    assert len(REPORTS) == len(data["languages"]) * len(names)
    assert FACT_CHECK in {r.key for r in REPORTS}


def test_every_html_report_is_in_the_matrix(built):
    found = {p.relative_to(built.reports).as_posix() for p in built.reports.glob("*/*.html")}
    expected = {r.html.relative_to(r.out).as_posix() for r in REPORTS}
    assert found == expected, (
        f"missing: {sorted(expected - found)}; not in reports.yml: {sorted(found - expected)}"
    )


def test_pages_declare_their_language(built):
    wrong = {}
    for report in (scratch(r, built) for r in REPORTS):
        head = report.html.read_text(encoding="utf-8")[:2000]
        lang = re.search(r"<html[^>]*\blang=\"([^\"]*)\"", head)
        if not lang or lang.group(1) != report.language:
            wrong[report.key] = lang.group(1) if lang else None
    assert not wrong, f"<html lang> differs from the report language: {wrong}"


@pytest.mark.parametrize("key", [r.key for r in REPORTS])
def test_report_in_the_browser(key, built, chromium):
    report = scratch(next(r for r in REPORTS if r.key == key), built)
    where = report.key
    assert report.html.is_file(), f"{report.html} was not rendered"
    size = report.html.stat().st_size
    assert size <= MAX_PAGE_BYTES, f"{where}: {size} bytes, over {MAX_PAGE_BYTES}"
    tables = _outputs_meta(report)
    interactive = sum(bool(meta.get("interactive")) for meta in tables)
    with offline_page(chromium, report.html) as visit:
        page = visit.page
        page.screenshot(path=artifact(f"{report.language}-{report.name}.png"), full_page=True)
        visit.assert_clean()
        charts = check_charts(page, where)
        assert charts >= 1, f"{where}: no div.fd-chart on the page"

        # The same report in every other language (all rendered here), and the index.
        others = [lang for lang in CONFIG.languages if lang != report.language]
        switch = resolved_links(page, "a.fd-language-switch")
        assert len(switch) == len(others), f"{where}: {len(switch)} language-switch links"
        targets = [assert_local_link(*link, where, ".html").resolve() for link in switch]
        assert targets == [
            (built.reports / other / f"{report.name}.html").resolve() for other in others
        ]
        hreflangs = page.eval_on_selector_all(
            "a.fd-language-switch", "as => as.map(a => a.hreflang)"
        )
        assert hreflangs == others, f"{where}: {hreflangs}"
        index = resolved_links(page, "a.fd-index-link")
        assert len(index) == 1, f"{where}: {len(index)} index links"
        target = assert_local_link(*index[0], where, ".html")
        assert target.resolve() == (built.reports / "index.html").resolve()

        # One CSV download per table, each in this report's data folder.
        downloads = resolved_links(page, "p.fd-download a")
        assert len(downloads) == len(tables), (
            f"{where}: {len(downloads)} CSV links for {len(tables)} tables"
        )
        for href, url in downloads:
            csv = assert_local_link(href, url, where, ".csv")
            assert csv.parent.resolve() == report.data_dir.resolve(), f"{where}: {href}"
            assert "," in csv.read_text(encoding="utf-8").splitlines()[0]

        # Every other link into the reports folder (footer downloads) exists too.
        for href, url in resolved_links(page, "a[href]"):
            if url.startswith("file:") and file_path(url) != report.html.resolve():
                assert_local_link(href, url, where)

        # DataTables is embedded once on a page with interactive tables, and not at all on
        # the others; every interactive table got its controls.
        libraries = page.eval_on_selector_all(
            "script",
            f"ss => ss.filter(s => s.textContent.startsWith({DATATABLES_BANNER!r})).length",
        )
        wrapped = page.eval_on_selector_all(
            "table[data-fd-interactive]",
            "ts => ts.filter(t => t.closest('.dt-container')).length",
        )
        assert libraries == (1 if interactive else 0), (
            f"{where}: DataTables embedded {libraries} times for {interactive} interactive tables"
        )
        assert wrapped == interactive, f"{where}: {wrapped} of {interactive} tables interactive"
        visit.assert_clean()


def test_index_links_every_report(built, chromium):
    index = built.reports / "index.html"
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


# --- the fact-check report's tables -------------------------------------------------------

# The <table> whose output links to <name>.csv.
TABLE_JS = """(name) => [...document.querySelectorAll('table')].find(t => {
  const out = t.closest('.jp-OutputArea-output');
  const a = out && out.querySelector('p.fd-download a');
  return a && a.getAttribute('href').endsWith('/' + name + '.csv');
})"""

# What an interactive table shows: all rows, the rows the search and filters keep, the page.
STATE_JS = """(table) => {
  const api = new DataTable.Api(table);
  const text = rows => rows.nodes().toArray().map(r => r.textContent);
  return {
    total: api.rows().count(),
    kept: text(api.rows({search: 'applied'})),
    cells: api.rows().nodes().toArray().map(r => [...r.cells].map(c => c.textContent)),
    keptCells: api.rows({search: 'applied'}).nodes().toArray()
      .map(r => [...r.cells].map(c => c.textContent)),
    shown: [...table.tBodies[0].rows].map(r => r.textContent),
    all: text(api.rows()),
    info: api.page.info(),
    filters: JSON.parse(table.getAttribute('data-fd-filters') || '[]'),
  };
}"""

# A word (6+ letters) that some rows hold and most do not: the one whose row count is nearest
# a quarter of the table, ties broken alphabetically.
WORD_JS = """(rows) => {
  const counts = new Map();
  rows.map(r => r.toLowerCase()).forEach(r => {
    new Set(r.match(/[a-z]{6,}/g) || []).forEach(w => counts.set(w, 0));
  });
  for (const w of counts.keys())
    counts.set(w, rows.filter(r => r.toLowerCase().includes(w)).length);
  const target = rows.length / 4;
  return [...counts.entries()].filter(([, n]) => n >= 2 && n <= rows.length / 2)
    .sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target) || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w)[0];
}"""


def _state(page, handle) -> dict:
    return page.evaluate(STATE_JS, handle)


def test_the_claims_table_searches_filters_and_pages(built, chromium):
    report = scratch(next(r for r in REPORTS if r.key == FACT_CHECK), built)
    with offline_page(chromium, report.html) as visit:
        page = visit.page
        table = page.evaluate_handle(TABLE_JS, LONG_TABLE).as_element()
        assert table is not None, f"{FACT_CHECK}: no {LONG_TABLE} table"
        assert table.evaluate("t => t.closest('.dt-container') !== null"), "not interactive"
        container = table.evaluate_handle("t => t.closest('.dt-container')").as_element()
        start = _state(page, table)
        total = start["total"]
        csv_rows = (report.data_dir / f"{LONG_TABLE}.csv").read_text("utf-8").count("\n") - 1
        assert total == csv_rows > PAGE_LENGTH, f"{total} rows in the table, {csv_rows} in CSV"

        # Paging: one page of rows at a time; "next" shows the next ones.
        assert start["info"]["pages"] == -(-total // PAGE_LENGTH)
        assert len(start["shown"]) == PAGE_LENGTH
        container.query_selector("button.next").click()
        second = _state(page, table)
        assert second["info"]["page"] == 1
        assert second["shown"] == start["all"][PAGE_LENGTH : 2 * PAGE_LENGTH]
        container.query_selector("button.first").click()

        # Search: type a word, the rows narrow to exactly those that hold it.
        word = page.evaluate(WORD_JS, start["all"])
        assert word, "no word to search for"
        holding = [r for r in start["all"] if word in r.lower()]
        search = container.query_selector("input[type=search]")
        search.fill(word)
        page.wait_for_function(
            "([t, n]) => new DataTable.Api(t).rows({search: 'applied'}).count() === n",
            arg=[table, len(holding)],
        )
        found = _state(page, table)
        assert 0 < len(found["kept"]) < total, f"searching {word!r} kept {len(found['kept'])}"
        assert sorted(found["kept"]) == sorted(holding)
        assert found["shown"] and all(word in r.lower() for r in found["shown"]), found["shown"]
        page.screenshot(path=artifact(f"{FACT_CHECK.replace('/', '-')}-search.png"))
        search.fill("")
        page.wait_for_function(
            "([t, n]) => new DataTable.Api(t).rows({search: 'applied'}).count() === n",
            arg=[table, total],
        )

        # Filters: one select per filter column, in order; choosing a value keeps exactly the
        # rows whose cell in that column is that value.
        selects = container.query_selector_all("select.fd-filter")
        assert len(selects) == len(start["filters"]) >= 2, "article / verdict filters"
        for select, column in zip(selects, start["filters"], strict=True):
            values = [c[column] for c in start["cells"]]
            options = select.eval_on_selector_all("option", "os => os.map(o => o.value)")
            assert options[0] == "" and sorted(options[1:]) == sorted(set(values)), options
            choice = next(v for v in options[1:] if 0 < values.count(v) < total)
            select.select_option(choice)
            page.wait_for_function(
                "([t, n]) => new DataTable.Api(t).rows({search: 'applied'}).count() === n",
                arg=[table, values.count(choice)],
            )
            kept = _state(page, table)["keptCells"]
            assert len(kept) == values.count(choice) < total
            assert {row[column] for row in kept} == {choice}
            select.select_option("")
        visit.assert_clean()


def test_a_short_table_stays_plain_html(built, chromium):
    report = scratch(next(r for r in REPORTS if r.key == FACT_CHECK), built)
    meta = {m["table"]: m for m in _outputs_meta(report)}
    assert not meta[SHORT_TABLE].get("interactive") and meta[LONG_TABLE].get("interactive")
    csv_rows = (report.data_dir / f"{SHORT_TABLE}.csv").read_text("utf-8").count("\n") - 1
    with offline_page(chromium, report.html) as visit:
        table = visit.page.evaluate_handle(TABLE_JS, SHORT_TABLE).as_element()
        assert table is not None, f"{FACT_CHECK}: no {SHORT_TABLE} table"
        plain = table.evaluate(
            """t => ({wrapped: t.closest('.dt-container') !== null,
                      datatable: t.classList.contains('dataTable'),
                      interactive: t.hasAttribute('data-fd-interactive'),
                      controls: t.closest('.jp-OutputArea-output')
                        .querySelectorAll('input, select, button').length,
                      rows: t.tBodies[0].rows.length})"""
        )
        assert plain == {
            "wrapped": False,
            "datatable": False,
            "interactive": False,
            "controls": 0,
            "rows": csv_rows,
        }
        visit.assert_clean()
