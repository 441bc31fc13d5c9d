"""A third article and a third language keep every page publishable (issue 18's done-when):
on a scratch copy, a spare language is added as data (catalogs, prose cells, translated
columns) with every text translated, and a third article as a reporter adds one (its file,
sources row, claims, verdicts, excused sentences); then every page in every language passes
the reader checks of tests/readers.py: the new language's pages and the index at 390 and
1280 px, the other languages' at 390 px (tests/test_pages.py checks the real project's at
both). Each notebook is rendered in the default zone only (the other zones' pages are
tests/test_pages.py's).

The "translation" marks each base-language text (``text ‹xx›``), so any base-language text
that reaches a page of the new language (an untranslated label, a code, a fallback) is caught
by the same check that guards the real languages.
"""

from __future__ import annotations

import json
import re
import shutil

import jupytext
import pytest
import yaml
from browser import chromium_fixture, offline_page  # noqa: F401 - "chromium" fixture
from project import base_language, copy_project, settings, spare_language
from readers import axe_problems, chart_problems, overflow, text_problems

from factdesk import paths
from factdesk.facts import schema
from factdesk.language import catalog

NEW = spare_language()
BASE = base_language()
ARTICLE = "en-second-copy"  # the third article: a copy of the base-language article
WIDTHS = (390, 1280)


def mark(value):
    """A "translation": the text with the new language's mark (placeholders kept)."""
    if isinstance(value, dict):
        return {k: mark(v) for k, v in value.items()}
    if isinstance(value, list):
        return value  # word lists (unit words) are not screen text
    return f"{value} ‹{NEW}›"


def _add_language(project) -> None:
    merged = catalog.entries(BASE)
    (project.path("notebooks/locales") / f"{NEW}.yaml").write_text(
        yaml.safe_dump({k: mark(v) for k, v in merged.items()}, allow_unicode=True),
        encoding="utf-8",
    )
    for notebook in project.path("notebooks").glob("*.ipynb"):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        cells = []
        for cell in nb["cells"]:
            cells.append(cell)
            if f"lang:{BASE}" in cell.get("metadata", {}).get("tags", []):
                copy = json.loads(json.dumps(cell))
                copy["metadata"]["tags"] = [f"lang:{NEW}"]
                copy["id"] = f"{cell.get('id', 'cell')}-{NEW}"[:64]
                source = "".join(copy["source"])
                copy["source"] = re.sub(r"^(#+ .*)$", rf"\1 ‹{NEW}›", source, flags=re.M)
                cells.append(copy)
        nb["cells"] = cells
        notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", "utf-8")
        # the twin follows, as `jupytext --sync` would leave it (check holds the pair in sync)
        jupytext.write(jupytext.read(notebook), notebook.with_suffix(".py"), fmt="py:percent")
    for table in schema.package().tables.values():
        relative = table.path.relative_to(paths.ROOT).as_posix()
        header, rows = project.rows(relative)
        for f in table.fields:
            if f.translated and f.column(BASE) in header:
                header.append(f.column(NEW))
                for row in rows:
                    base = row[f.column(BASE)]
                    row[f.column(NEW)] = mark(base) if base else ""
        project.write_rows(relative, header, rows)
    data = settings()
    data["languages"] = [*data["languages"], NEW]
    for spec in data["notebooks"].values():  # each notebook in the default zone only: the
        (spec or {}).pop("timezones", None)  # zones' pages are test_pages.py's business
    project.write_config(data)


def _add_article(project) -> None:
    """A third article as a reporter adds it: the file, its sources row, its claims with
    their verdicts, and its excused sentences (a copy of the base-language article's)."""
    header, sources = project.rows("data/facts/sources.csv")
    original = next(s for s in sources if s["language"] == BASE)
    raw = project.path(original["raw_file"])
    copy_file = raw.with_name(f"{ARTICLE}.txt")
    shutil.copy2(raw, copy_file)
    added = {**original, "source_id": ARTICLE, "raw_file": f"data/raw/articles/{ARTICLE}.txt"}
    for column in header:
        if column.startswith("label@"):
            added[column] = f"{original[column]} (2)"
    added["seed_file"] = ""
    project.write_rows("data/facts/sources.csv", header, [*sources, added])
    ids = {}
    header, claims = project.rows("data/facts/claims.csv")
    copies = []
    for claim in claims:
        if claim["source_id"] == original["source_id"]:
            ids[claim["claim_id"]] = f"x{claim['claim_id']}"
            copies.append({**claim, "claim_id": ids[claim["claim_id"]], "source_id": ARTICLE})
    project.write_rows("data/facts/claims.csv", header, [*claims, *copies])
    header, verdicts = project.rows("data/facts/verdicts.csv")
    copied = [{**v, "claim_id": ids[v["claim_id"]]} for v in verdicts if v["claim_id"] in ids]
    project.write_rows("data/facts/verdicts.csv", header, [*verdicts, *copied])
    header, excused = project.rows("data/facts/excused.csv")
    prefix = f"{original['source_id']}:"
    more = [
        {**e, "sentence_id": ARTICLE + ":" + e["sentence_id"].removeprefix(prefix)}
        for e in excused
        if e["sentence_id"].startswith(prefix)
    ]
    project.write_rows("data/facts/excused.csv", header, [*excused, *more])


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("third") / "project")
    _add_language(project)
    _add_article(project)
    check = project.run("check")
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-2000:]
    done = project.run("render", "--jobs", "2", timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return project


def _foreign() -> dict[str, dict[str, str]]:
    """On the new language's pages, no base-language screen text and no raw code."""
    texts = {}
    for key, value in catalog.entries(BASE).items():
        for text in value.values() if isinstance(value, dict) else [value]:
            if isinstance(text, str) and "{" not in text and len(text) > 3:
                texts[text] = f"untranslated {key!r}"
    return {NEW: texts}


@pytest.mark.slow
@pytest.mark.browser
def test_a_third_article_and_language_keep_every_page_publishable(grown, chromium):
    pages = sorted(grown.reports.glob("*/*.html")) + [grown.reports / "index.html"]
    languages = {p.parent.name for p in pages if p.parent != grown.reports}
    assert NEW in languages and len(languages) >= 3
    html = (grown.reports / NEW / "04-factcheck.html").read_text(encoding="utf-8")
    assert f"{ARTICLE}" in html  # the third article's claims are on the fact check
    foreign = _foreign()
    problems = []
    for page_path in pages:
        # The new language's pages and the index at both widths; the other languages' pages
        # (the third article's claims on them) at a phone's, where a page breaks first.
        shown = page_path.parent.name in (NEW, grown.reports.name)
        for width in WIDTHS if shown else WIDTHS[:1]:
            with offline_page(chromium, page_path, width) as visit:
                page = visit.page
                where = f"{page_path.relative_to(grown.reports)} at {width} px"
                found = [overflow(page), *chart_problems(page), *text_problems(page, foreign)]
                found += axe_problems(page)
                problems += [f"{where}: {p}" for p in found if p]
                visit.assert_clean()
    assert not problems, "\n".join(problems[:40])
