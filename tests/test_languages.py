"""Any number of languages: a language is data (a catalog, reports.yml, translated columns),
never code. A throwaway German with a handful of keys renders, falling back loudly."""

from __future__ import annotations

import re
import warnings

import pytest
from project import copy_project

from factdesk import catalog
from factdesk.catalog import Catalog, TranslationFallback

GERMAN = """\
findings: Ergebnisse
times_in: Zeiten in {zone}
col.name: Name
chart.ages: Alter beim Start
people:
  one: "{n} Person"
  other: "{n} Personen"
"""


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("german"))
    project.edit("reports.yml", "languages: [en, nl]", "languages: [en, nl, de]")
    project.path("notebooks/locales/de.yaml").write_text(GERMAN, encoding="utf-8")
    result = project.run("render", "de/03-crew", "en/03-crew", "--jobs", "2")
    return project, result


def test_a_third_language_renders_without_code(german):
    project, result = german
    assert result.returncode == 0, result.stderr[-3000:]
    page = (project.reports / "de" / "03-crew.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page
    assert "Ergebnisse" in page and "Zeiten in Europe/Amsterdam" in page
    assert "5. Oktober 2021" in page or "Oktober 2021" in page  # dates by Babel, in German
    assert "10 Personen" in page  # a plural form from the German catalog


def test_missing_german_text_falls_back_loudly(german):
    project, result = german
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning: de/")]
    assert any("no 'de' text for 'find.ages'" in line for line in warned), result.stderr
    assert any("has no 'de' version" in line for line in warned)  # prose cells
    assert not [line for line in result.stderr.splitlines() if line.startswith("warning: en/")]
    check = project.run("check")
    assert "translated column" not in check.stdout
    assert re.search(r"entities\.csv:1:name@de: warning: no 'de' translation", check.stdout)


def _switch(page: str) -> list[str]:
    """The languages a page's language switch links to."""
    tags = re.findall(r"<a [^>]*fd-language-switch[^>]*>", page)
    return [re.search(r'hreflang="([\w-]+)"', tag).group(1) for tag in tags]


def test_every_page_links_every_other_language(german):
    project, _ = german
    english = (project.reports / "en" / "03-crew.html").read_text(encoding="utf-8")
    assert sorted(_switch(english)) == ["de", "nl"]
    german_page = (project.reports / "de" / "03-crew.html").read_text(encoding="utf-8")
    assert sorted(_switch(german_page)) == ["en", "nl"]  # nl/03-crew exists (its executed report)


def test_german_charts_use_german_locale(german):
    project, _ = german
    nb = (project.reports / "de" / "03-crew.ipynb").read_text(encoding="utf-8")
    assert '"locale": "de"' in nb and '"separators": ",."' in nb


def test_catalog_fallback_warns_and_never_silently(tmp_path):
    text = Catalog("nl", "en")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert text.text("findings") == "Bevindingen"  # present: no warning
    fallback = Catalog("xx-test", "en")
    with pytest.warns(TranslationFallback, match="no 'xx-test' text for 'findings'"):
        assert fallback.text("findings") == "Findings"
    with pytest.raises(catalog.CatalogError, match="no text for 'no-such-key'"):
        text.text("no-such-key")


@pytest.mark.parametrize(("language", "n", "expected"), [
    ("en", 1, "1 claim"), ("en", 2, "2 claims"), ("nl", 1, "1 bewering"),
    ("nl", 0, "0 beweringen"),
])  # fmt: skip
def test_plural_forms_follow_the_language(language, n, expected):
    assert Catalog(language).text("claims_count", n=n) == expected
