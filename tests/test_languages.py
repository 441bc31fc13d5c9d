"""Any number of languages: a language is data (a catalog, reports.yml, translated columns),
never code. A throwaway language that the project does not use yet, with a handful of keys,
renders, falling back loudly."""

from __future__ import annotations

import json
import re
import warnings
from datetime import date

import pytest
from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol
from project import base_language, copy_project, settings, spare_language

from factdesk.build import config
from factdesk.facts import schema
from factdesk.language import catalog, formats
from factdesk.language.catalog import Catalog, TranslationFallback

NEW = spare_language()  # Babel knows it; no catalog, not in reports.yml
BASE = base_language()
REPORT = "03-crew"  # the story's crew report: a plural, a chart, times in a zone
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Marked texts, so the page shows where each came from; the plural has every CLDR category,
# each marked, so the page shows which one the language's rules chose.
THROWAWAY = {
    "findings": f"Findings-{NEW}",
    "times_in": f"Times-{NEW} {{zone}}",
    "col.name": f"Name-{NEW}",
    "chart.ages": f"Ages-{NEW}",
    "people": {category: f"{{n}} people-{NEW}[{category}]" for category in CATEGORIES},
}
# Codes of the data need a label in every report language (check fails without one), so the
# throwaway catalog labels them too, marked.
PREFIXES = {f.labels for t in schema.package().tables.values() for f in t.fields if f.labels}
THROWAWAY |= {
    key: (
        {k: f"{v}-{NEW}" for k, v in value.items()}
        if isinstance(value, dict)
        else f"{value}-{NEW}"
    )
    for key, value in catalog.entries(BASE).items()
    if key.split(".", 1)[0] in PREFIXES
}


@pytest.fixture(scope="module")
def third(tmp_path_factory):
    """A copy with NEW added to reports.yml (written from the settings with yaml) and given
    only a small story catalog; NEW's and the base language's crew reports rendered."""
    project = copy_project(tmp_path_factory.mktemp("third"))
    data = settings()
    data["languages"] = [*data["languages"], NEW]
    project.write_config(data)
    project.path(f"notebooks/locales/{NEW}.yaml").write_text(
        json.dumps(THROWAWAY, ensure_ascii=False),
        encoding="utf-8",  # JSON is YAML
    )
    result = project.run("render", f"{NEW}/{REPORT}", f"{BASE}/{REPORT}", "--jobs", "2")
    return project, result, tuple(data["languages"])


@pytest.mark.slow
def test_a_new_language_renders_without_code(third):
    project, result, _ = third
    assert result.returncode == 0, result.stderr[-3000:]
    page = (project.reports / NEW / f"{REPORT}.html").read_text(encoding="utf-8")
    assert f'<html lang="{NEW}">' in page
    zone = formats.zone_name(config.load().default_timezone, NEW)  # CLDR's name, in NEW
    assert THROWAWAY["findings"] in page and f"Times-{NEW} {zone}" in page
    # dates by Babel, in the language: the data date's month as CLDR writes it
    as_of = date.fromisoformat(config.load().data_as_of)
    assert format_date(as_of, "MMMM", locale=NEW) in page
    # the plural form the language's CLDR rules choose for the number shown
    shown = re.findall(rf"(\d+) people-{NEW}\[(\w+)\]", page)
    assert shown, "no plural from the new catalog"
    for n, category in shown:
        assert category == catalog.plural_category(NEW, int(n)), (n, category)


@pytest.mark.slow
def test_missing_text_falls_back_loudly(third):
    project, result, _ = third
    lines = result.stderr.splitlines()
    warned = [line for line in lines if line.startswith(f"warning: {NEW}/")]
    # The author is told (check's warnings, printed by render); readers never see a box.
    assert any(f"no {NEW!r} text for" in line for line in lines), result.stderr
    assert any(f"has no {NEW!r} version" in line for line in warned)  # prose cells
    page = (project.reports / NEW / f"{REPORT}.html").read_text(encoding="utf-8")
    assert "TranslationFallback" not in page and "stderr" not in page
    assert not [line for line in lines if line.startswith(f"warning: {BASE}/")]
    check = project.run("check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "translated column" not in check.stdout
    assert re.search(
        rf"entities\.csv:1:name@{NEW}: warning: no '{NEW}' translation", check.stdout
    ), check.stdout


def _switch(page: str) -> list[str]:
    """The languages a page's language switch links to."""
    tags = re.findall(r"<a [^>]*fd-language-switch[^>]*>", page)
    return [re.search(r'hreflang="([\w-]+)"', tag).group(1) for tag in tags]


@pytest.mark.slow
def test_every_page_links_every_other_language(third):
    """The switch links every other configured language whose report exists (here the
    executed reports the copy holds, and the two rendered)."""
    project, _, languages = third
    for language in (BASE, NEW):
        page = (project.reports / language / f"{REPORT}.html").read_text(encoding="utf-8")
        expected = [
            other
            for other in languages
            if other != language and (project.reports / other / f"{REPORT}.ipynb").is_file()
        ]
        assert NEW in expected or language == NEW
        assert sorted(_switch(page)) == sorted(expected), language


@pytest.mark.slow
def test_charts_use_the_languages_locale(third):
    project, _, _ = third
    nb = json.loads((project.reports / NEW / f"{REPORT}.ipynb").read_text(encoding="utf-8"))
    figures = [
        o["data"]["application/vnd.plotly.v1+json"]
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]
    assert figures
    for figure in figures:
        assert figure["layout"]["separators"] == get_decimal_symbol(NEW) + get_group_symbol(NEW)
        assert figure["layout"]["meta"]["locale"] == NEW


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


@pytest.mark.slow
def test_check_names_a_catalog_text_the_report_cannot_fill(tmp_path):
    """A translation that asks for a value its base text does not give is caught by `check`,
    before a render fails on it."""
    project = copy_project(tmp_path / "p", with_reports=False)
    data, spare = settings(), spare_language()
    data["languages"] = [*data["languages"], spare]
    project.write_config(data)
    project.path(f"notebooks/locales/{spare}.yaml").write_text(
        "chart.ages: Alter {wer}\n", encoding="utf-8"
    )
    result = project.run("check")
    assert result.returncode == 1
    assert (
        f"notebooks/locales/{spare}.yaml:1:chart.ages: uses {{wer}}, which the "
        f"{base_language()!r} text does not have: the report cannot fill it" in result.stdout
    ), result.stdout
