"""Every page as readers see it, in Chromium with the network cut off, at a phone's width
(390 px) and a laptop's (1280 px): no sideways scroll, no chart text outside its chart or on
top of another, no bare URL, no raw code or base-language text on a page in another language,
ClaimReview as Google's guidelines ask with anchors that exist, and no serious or critical
axe-core violation (tests/readers.py); nothing fetched, no script error; and on each report
page, every chart drawn as its JSON says and every link landing (``check_report``). A
screenshot of every page at both widths goes to tests/artifacts/pages/ (git-ignored) for an
editor's look: the first screen, or the whole page with SCREENSHOTS=full.
"""

from __future__ import annotations

import dataclasses

import pytest
from browser import (
    check_report,
    chromium_fixture,  # noqa: F401 - "chromium" fixture
    offline_page,
    screenshot,
)
from readers import (
    axe_problems,
    chart_problems,
    claimreview_problems,
    data_link_problems,
    overflow,
    quote_problems,
    stacked_table_problems,
    text_problems,
)

from factdesk.build import config as configuration
from factdesk.facts import schema, tables
from factdesk.language import catalog

CONFIG = configuration.load()
PAGES = [r.key for r in CONFIG.reports] + ["index"]
WIDTHS = (390, 1280)
RATED = ("accurate", "imprecise", "inaccurate")


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return []  # word lists (unit words), not screen text
    return [str(value)]


def foreign() -> dict[str, dict[str, str]]:
    """For each report language, the texts that must not appear in it: codes of the data
    whose label differs from the code, and the base language's screen texts (without
    placeholders) that the language translates."""
    package = schema.package()
    base = package.base_language
    codes: dict[str, set[str]] = {}
    for table in package.tables.values():
        raw = tables.raw(table.name)
        for f in table.fields:
            if f.labels:
                values = {v.split("@")[0] for v in raw.frame[f.name] if v}
                codes.setdefault(f.labels, set()).update(values)
    out = {}
    base_entries = catalog.entries(base)
    for language in CONFIG.languages:
        own = catalog.entries(language)
        wrong = {}
        for prefix, values in codes.items():
            for code in values:
                label = own.get(f"{prefix}.{code}")
                if isinstance(label, str) and label != code:
                    wrong[code] = f"the raw code {prefix}.{code}"
        if language != base:
            for key, value in base_entries.items():
                if key in own and _texts(own[key]) != _texts(value):
                    for text in _texts(value):
                        if "{" not in text and len(text) > 3:
                            wrong.setdefault(text, f"untranslated {key!r}")
        out[language] = wrong
    return out


FOREIGN = foreign()


def page_of(built, key: str):
    if key == "index":
        return built.reports / "index.html", None
    report = dataclasses.replace(
        next(r for r in CONFIG.reports if r.key == key), out=built.reports
    )
    return report.html, report


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", PAGES)
def test_every_page_as_readers_see_it(key, width, built, chromium):
    path, report = page_of(built, key)
    with offline_page(chromium, path, width) as visit:
        page = visit.page
        name = key.replace("/", "-")
        screenshot(page, f"pages/{name}-{width}.png")
        problems = [overflow(page)] + chart_problems(page) + text_problems(page, FOREIGN)
        problems += stacked_table_problems(page) + data_link_problems(page)
        problems += quote_problems(page)
        if report is not None and report.notebook == CONFIG.claimreview:
            base = schema.package().base_language
            text = catalog.Catalog(report.language, base)
            names = {v: text.text(f"verdict.{v}").capitalize() for v in RATED}
            verdicts = tables.load("verdicts")
            unchecked = set(verdicts.loc[verdicts["verdict"].eq("not checkable"), "claim_id"])
            problems += claimreview_problems(page, names, unchecked)
        problems += axe_problems(page)
        visit.assert_clean()
        if report is not None and width == WIDTHS[0]:
            check_report(page, report, CONFIG.languages)  # charts, links (tests/browser.py)
    problems = [p for p in problems if p]
    assert not problems, f"{key} at {width} px:\n" + "\n".join(problems[:30])
