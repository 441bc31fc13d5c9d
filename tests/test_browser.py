"""The rendered reports in a real browser (system Chromium), opened from disk with the network
cut off: the report matrix and the index, the fact-check's cards filter and search offline,
and long tables sit folded in each page's Data section. What every page must hold on its own
(charts drawn as their JSON says, links that land, nothing fetched, the size budget, the
reader checks) is tests/test_pages.py's, one visit per page and width.

The reports are rendered once per session from a scratch copy of the project
(``tests/project.py``), so the test depends on no earlier build and never writes into the
real ``reports/``.
"""

from __future__ import annotations

import dataclasses
import re

from browser import (
    artifact,
    assert_local_link,
    chromium_fixture,  # noqa: F401 - provides the "chromium" fixture
    file_path,
    offline_page,
    resolved_links,
    screenshot,
    table_outputs,
)
from project import Project, base_language, settings

from factdesk.build import config as configuration
from factdesk.build.config import Report

CONFIG = configuration.load()  # the matrix of the real reports.yml, which the copy holds
REPORTS = list(CONFIG.reports)
FACT_CHECK = f"{base_language()}/04-factcheck"  # the story's fact-check report


def scratch(report: Report, project: Project) -> Report:
    """The same report in the scratch copy."""
    return dataclasses.replace(report, out=project.reports)


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
            "ul.fd-index a[hreflang]", "as => as.map(a => a.hreflang)"
        )
        assert set(languages) == set(CONFIG.languages), f"hreflang values: {set(languages)}"
        for language in CONFIG.languages:
            assert languages.count(language) == sum(r.language == language for r in REPORTS)
        screenshot(page, "index.png")
        visit.assert_clean()


# --- the fact-check report's cards and the Data section ------------------------------------

# The state of the first set of cards on the page: every card's attributes and text, which
# are shown, and the count line.
CARDS_JS = """() => {
  const section = document.querySelector('[data-fd-cards]');
  const cards = [...section.querySelectorAll('.fd-card')];
  return {
    cards: cards.map(c => ({id: c.id, article: c.dataset.article, topic: c.dataset.topic,
                            verdict: c.dataset.verdict, text: c.textContent, shown: !c.hidden})),
    count: section.querySelector('.fd-count').textContent,
    filters: [...section.querySelectorAll('select[data-fd-filter]')]
      .map(s => s.dataset.fdFilter),
  };
}"""


def test_claim_cards_filter_and_search_offline(built, chromium):
    """One card per claim; choosing an article, topic or verdict keeps exactly the cards that
    have it, a search keeps exactly the cards that hold the words, and the count says so."""
    report = scratch(next(r for r in REPORTS if r.key == FACT_CHECK), built)
    rows = (report.data_dir / "claims.csv").read_text("utf-8").count("\n") - 1
    with offline_page(chromium, report.html) as visit:
        page = visit.page
        start = page.evaluate(CARDS_JS)
        assert len(start["cards"]) == rows and all(c["shown"] for c in start["cards"])
        assert start["filters"] == ["article", "topic", "verdict"]
        assert str(rows) in start["count"]
        section = page.locator("[data-fd-cards]").first
        for attribute in start["filters"]:
            values = [c[attribute] for c in start["cards"]]
            choice = next(v for v in sorted(set(values)) if 0 < values.count(v) < rows)
            section.locator(f"select[data-fd-filter={attribute}]").select_option(choice)
            state = page.evaluate(CARDS_JS)
            shown = [c for c in state["cards"] if c["shown"]]
            assert len(shown) == values.count(choice) and {c[attribute] for c in shown} == {choice}
            assert f"{len(shown)}" in state["count"] and str(rows) in state["count"]
            section.locator(f"select[data-fd-filter={attribute}]").select_option("")
        word = "Shkaplerov"
        holding = [c["id"] for c in start["cards"] if word.lower() in c["text"].lower()]
        assert 0 < len(holding) < rows
        section.locator("input[data-fd-search]").fill(word)
        state = page.evaluate(CARDS_JS)
        assert [c["id"] for c in state["cards"] if c["shown"]] == holding
        page.screenshot(path=artifact(f"{FACT_CHECK.replace('/', '-')}-search.png"))
        visit.assert_clean()


def test_long_tables_sit_folded_in_the_data_section(built, chromium):
    """A long table leaves the reading flow: folded, in the page's Data section, with all its
    rows and its download."""
    report = scratch(next(r for r in REPORTS if r.notebook == "01-sources"), built)
    long = [m for m in table_outputs(report) if m.get("data")]
    assert long, "01-sources has no long table"
    with offline_page(chromium, report.html) as visit:
        found = visit.page.evaluate(
            """() => [...document.querySelectorAll('details.fd-data')].map(d => ({
                 after: !!d.closest('.jp-OutputArea') && [...document.querySelectorAll('h2')]
                   .some(h => h.id === 'data' && (h.compareDocumentPosition(d) & 4)),
                 open: d.open, rows: d.querySelectorAll('tbody tr').length}))"""
        )
        assert len(found) == len(long)
        for meta, table in zip(long, found, strict=True):
            rows = (report.data_dir / f"{meta['table']}.csv").read_text("utf-8").count("\n") - 1
            assert table == {"after": True, "open": False, "rows": rows}
        visit.assert_clean()
