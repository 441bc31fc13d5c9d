"""The README's "How to add a language" and "How to add an article", followed step by step on
a scratch copy: a throwaway language whose engine text and words live in the story's catalog
only, and a new article (a copy of one the project has) taken in with ``add-article`` and
reviewed from its sheet. Then ``check`` passes, ``status`` has nothing left for the article, a
report renders in the new language and a fast part of the test suite passes on the copy, so no
test assumes which languages or articles exist. No Python file is changed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import nbformat
import pytest
import yaml
from project import Project, base_language, copy_project, settings, spare_language

from factdesk import paths
from factdesk.facts import schema, tables
from factdesk.language import catalog

pytestmark = pytest.mark.slow

NEW = spare_language()
BASE = base_language()
ARTICLE_ID = "nl-copy-launch"
COPIED_FROM = "nl-ms19-launch"  # any article of the project would do
# The day the reporter reviewed the data: after the latest correction (check requires it).
LATEST = date.fromisoformat(max(tables.raw("corrections").frame["date"]))
AS_OF = (LATEST + timedelta(days=1)).isoformat()
# Fast tests that read the whole project: the fact base, the articles, the catalogs and the
# notebooks, the proposals, the words. (Rendering and browser tests take minutes.)
SUBSET = (
    "tests/test_validate.py", "tests/test_workspace.py", "tests/test_articles.py",
    "tests/test_notebooks.py::test_catalogs_match_the_base_language",
    "tests/test_notebooks.py::test_a_catalog_key_missing_in_a_language_falls_back_loudly",
    "tests/test_story_data.py", "tests/test_words.py", "tests/test_proposals.py",
)  # fmt: skip


def add_language(project: Project) -> None:
    """README, "How to add a language"."""
    # 1. reports.yml: the language, and the date the data was reviewed
    data = settings()
    data["languages"] = [*data["languages"], NEW]
    data["data_as_of"] = AS_OF
    project.write_config(data)
    # 2. one catalog in notebooks/locales/: the story's text and, as the engine has no catalog
    #    for the language, the engine's text too (the two catalogs merge); 3. its words
    texts = {}
    for path in catalog.files(BASE):  # the engine's, then the story's
        texts.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    texts["findings"] = f"Findings ({NEW})"
    texts["words"] = {"hedges": {"ungefähr-test": "about"}, "speech_verbs": ["meinte-test"]}
    target = project.path(f"notebooks/locales/{NEW}.yaml")
    target.write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    # 4. each prose cell of the base language gets a version tagged lang:<new>
    for notebook in sorted(project.path("notebooks").glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            if f"lang:{BASE}" in cell.metadata.get("tags", []):
                twin = nbformat.v4.new_markdown_cell(cell.source)
                twin.metadata["tags"] = [f"lang:{NEW}"]
                cells.append(twin)
        nb.cells = cells
        nbformat.write(nb, notebook)
        jupytext = Path(sys.executable).parent / "jupytext"
        subprocess.run([str(jupytext), "--sync", str(notebook)], check=True, capture_output=True)
    # 5. a <column>@<new> column for every translated field
    for table in schema.package().tables.values():
        translated = [f for f in table.fields if f.translated]
        relative = table.path.relative_to(paths.ROOT).as_posix()
        if not translated or not project.path(relative).is_file():
            continue
        header, rows = project.rows(relative)
        for f in translated:
            if f.column(BASE) in header:
                header.append(f.column(NEW))
                for row in rows:
                    row[f.column(NEW)] = row[f.column(BASE)]
        project.write_rows(relative, header, rows)


def add_article(project: Project) -> subprocess.CompletedProcess:
    """README, "How to add an article"."""
    received = project.root.parent / "received.txt"
    received.write_bytes(project.path(f"data/raw/articles/{COPIED_FROM}.txt").read_bytes())
    language = next(r["language"] for r in project.rows("data/facts/sources.csv")[1]
                    if r["source_id"] == COPIED_FROM)  # fmt: skip
    added = project.run("add-article", str(received), "--id", ARTICLE_ID, "--language",
                        language, "--published", "2021-10-05")  # fmt: skip
    assert added.returncode == 0, added.stdout + added.stderr
    # 1. the sources row: labels in every language, the date's basis, no guessed outlet
    header, rows = project.rows("data/facts/sources.csv")
    row = next(r for r in rows if r["source_id"] == ARTICLE_ID)
    row.update({c: "Copied article" for c in header if c.startswith("label@")})
    row.update(published_basis="a test copy of an article published that day",
               notes="Outlet and URL unknown: a copy made by a test.")  # fmt: skip
    project.write_rows("data/facts/sources.csv", header, rows)
    # 2. the review sheet: accept the candidates with a subject (their claims.csv columns and
    #    a statement), reject the others; 3. a verdict for each accepted claim
    sheet = f"data/review/{ARTICLE_ID}-candidates.csv"
    sheet_header, candidates = project.rows(sheet)
    claims_header, claims = project.rows("data/facts/claims.csv")
    verdicts_header, verdicts = project.rows("data/facts/verdicts.csv")
    judged = {v["claim_id"]: v for v in verdicts}
    for c in candidates:
        if not c["subject"]:
            c["decision"] = "rejected"
            continue
        c["decision"] = "accepted"
        # the article's words quoted (a statement in the base language names things its way)
        c.update(statement=f"The article says: “{c['quote']}”", topic=c["topic"] or "context")
        claims.append({k: c[k] for k in claims_header})
        # the claim of another article that says the same thing has the verdict to give (it
        # cites the record rows suggested); else: not checked
        verdict = dict(judged.get(c["similar_claim"]) or dict.fromkeys(verdicts_header, ""))
        if not verdict["verdict"]:
            verdict.update(verdict="not checkable", basis="no-source",
                           unchecked_reason="no source found")  # fmt: skip
            verdict.update({k: "Not checked (a test)." for k in verdicts_header if "@" in k})
        verdicts.append({**verdict, "claim_id": c["claim_id"]})
    project.write_rows(sheet, sheet_header, candidates)
    project.write_rows("data/facts/claims.csv", claims_header, claims)
    project.write_rows("data/facts/verdicts.csv", verdicts_header, verdicts)
    #    and each accepted claim another article makes too joins that claim's group
    groups_header, groups = project.rows("data/facts/reconciliation.csv")
    by_id = {g["group_id"]: g for g in groups}
    for c in candidates:
        if c["decision"] == "accepted" and c["suggested_group"] in by_id:
            group = by_id[c["suggested_group"]]
            group["claim_ids"] = f"{group['claim_ids']};{c['claim_id']}"
    project.write_rows("data/facts/reconciliation.csv", groups_header, groups)
    # 4. excuse the sentences no kept claim covers (status and coverage list them)
    left = project.run("coverage").stdout
    header, excused = project.rows("data/facts/excused.csv")
    for sentence_id in re.findall(rf"^uncovered: ({ARTICLE_ID}:\S+):", left, re.M):
        excused.append({"sentence_id": sentence_id, "reason": "No claim kept (a test)."})
    project.write_rows("data/facts/excused.csv", header, excused)
    return added


@pytest.fixture(scope="module")
def followed(tmp_path_factory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("readme") / "project")
    shared = paths.ROOT.parent / "shared"
    if shared.is_dir():  # the received files sit beside the clone, as they do beside the copy
        (project.root.parent / "shared").symlink_to(shared.resolve())
    add_language(project)
    add_article(project)
    return project


def test_check_passes_and_status_has_nothing_left_for_the_article(followed):
    result = followed.run("check")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    status = followed.run("status")
    assert status.returncode == 0, status.stderr
    line = next(x for x in status.stdout.splitlines() if x.startswith(f"  {ARTICLE_ID} "))
    assert "): 0 of " in line and " 0 candidates not yet reviewed; 0 claims without" in line
    _, sheet = followed.rows(f"data/review/{ARTICLE_ID}-candidates.csv")
    accepted = {r["claim_id"] for r in sheet if r["decision"] == "accepted"}
    groups = followed.rows("data/facts/reconciliation.csv")[1]
    assert accepted & {i for g in groups for i in g["claim_ids"].split(";")}
    assert f"  {NEW}: 0 empty cells in 0 translated columns; 0 catalog texts missing; 0 of" in (
        status.stdout
    )
    assert "Notebooks: jupytext twins in sync" in status.stdout


def test_reports_render_in_the_new_language_with_the_new_article(followed):
    """The sources, the timeline (it places the new article's times by their verdicts'
    record rows) and the fact check, in the new language, with no text falling back."""
    names = [f"{NEW}/{name}" for name in ("01-sources", "02-timeline", "04-factcheck")]
    result = followed.run("render", *names, "--jobs", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    for name in names:
        page = (followed.reports / f"{name}.html").read_text(encoding="utf-8")
        assert f"Findings ({NEW})" in page and "Copied article" in page, name
    assert not [x for x in result.stderr.splitlines() if x.startswith(f"warning: {NEW}/")]


def test_a_fast_part_of_the_suite_passes_on_the_copy(followed, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    if os.environ.get("FACTDESK_NO_SEEDS"):  # hosted CI: no ../shared beside either
        env["FACTDESK_NO_SEEDS"] = os.environ["FACTDESK_NO_SEEDS"]
    env["FACTDESK_ROOT"] = str(followed.root)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
         "--basetemp", str(tmp_path / "inner"), *SUBSET],
        cwd=paths.REPOSITORY, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-5000:]
