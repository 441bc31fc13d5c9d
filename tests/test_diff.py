"""``python -m factdesk diff``: the fact tables at a git revision against the working tree.

Each test commits a scratch copy of the project to a new git repository under ``tmp_path``,
edits the working tree and runs the command there (``FACTDESK_ROOT``). The edited rows are
rows the test adds to the real tables before the commit, so every expected line is literal;
the real rows stay as they are and must not show up as changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from project import Project, base_language, copy_project, other_languages

from factdesk import paths
from factdesk.diff.tables import compare_text
from factdesk.facts.csvfile import read_raw

ENTITIES = "data/facts/entities.csv"
CLAIMS = "data/facts/claims.csv"
VERDICTS = "data/facts/verdicts.csv"
RECORD = "data/reference/record.csv"
EXCUSED = "data/facts/excused.csv"

# A translated column of the entities (another report language's, else the base one's).
NAME = next(
    (
        f"name@{lang}"
        for lang in other_languages()
        if f"name@{lang}" in read_raw(paths.FACTS / "entities.csv").header
    ),
    f"name@{base_language()}",
)
LONG_BEFORE = "x" * 60 + " middle " + "y" * 60
LONG_AFTER = "x" * 60 + " MIDDLE " + "y" * 60


def git(root: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        env={**env, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"},
        check=True,
        capture_output=True,
    )


def diff(project: Project, *args: str) -> subprocess.CompletedProcess:
    """``python -m factdesk diff ARGS`` from outside the copy: git must run in FACTDESK_ROOT,
    not in the working directory nor in the real repository."""
    outside = project.root.parent
    return subprocess.run(
        [sys.executable, "-m", "factdesk", "diff", *args],
        capture_output=True,
        text=True,
        env=project.env(GIT_CEILING_DIRECTORIES=str(outside)),
        cwd=outside,
        timeout=120,
    )


def append(project: Project, relative: str, **cells: str) -> None:
    header, rows = project.rows(relative)
    project.write_rows(relative, header, [*rows, {c: cells.get(c, "") for c in header}])


def update(project: Project, relative: str, key: str, row_id: str, **cells: str) -> None:
    header, rows = project.rows(relative)
    hits = [row for row in rows if row[key] == row_id]
    assert len(hits) == 1, f"{row_id} not in {relative}"
    hits[0].update(cells)
    project.write_rows(relative, header, rows)


def remove(project: Project, relative: str, key: str, row_id: str) -> None:
    header, rows = project.rows(relative)
    kept = [row for row in rows if row[key] != row_id]
    assert len(kept) == len(rows) - 1, f"{row_id} not in {relative}"
    project.write_rows(relative, header, kept)


def commit(project: Project, message: str) -> None:
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", message)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The project with a few known rows added, committed as the only commit."""
    project = copy_project(tmp_path / "repo", with_reports=False)
    append(project, ENTITIES, entity_id="zz-kept", kind="person", **{NAME: "Oude naam"})
    append(project, ENTITIES, entity_id="zz-gone", kind="person", description="Gone.")
    append(project, CLAIMS, claim_id="zz-changed", source_id="s", topic="before-topic")
    append(project, CLAIMS, claim_id="zz-gone", source_id="s", quote="gone quote")
    append(project, VERDICTS, claim_id="zz-changed", verdict="accurate")
    append(project, VERDICTS, claim_id="zz-text", verdict="accurate", **{"explanation@en": "B."})
    append(project, RECORD, record_id="zz-record", subject="s", note=LONG_BEFORE)
    git(project.root, "init", "-q")
    commit(project, "base")
    return project


def edit_tables(project: Project) -> None:
    """Rows added, removed and changed in four tables; a column added and one renamed."""
    header, rows = project.rows(ENTITIES)
    header = ["summary" if c == "description" else c for c in header]
    for row in rows:
        row["summary"] = row.pop("description")
    project.write_rows(ENTITIES, header, rows)
    update(project, ENTITIES, "entity_id", "zz-kept", **{NAME: "Nieuwe naam"})
    remove(project, ENTITIES, "entity_id", "zz-gone")

    update(project, CLAIMS, "claim_id", "zz-changed", topic="after-topic")
    remove(project, CLAIMS, "claim_id", "zz-gone")
    append(project, CLAIMS, claim_id="zz-new", source_id="s", quote="new | quote")
    header, rows = project.rows(CLAIMS)
    project.write_rows(CLAIMS, [*header, "checked_by"], [{**r, "checked_by": "t"} for r in rows])

    update(project, VERDICTS, "claim_id", "zz-changed", verdict="inaccurate")
    update(project, VERDICTS, "claim_id", "zz-text", **{"explanation@en": "a | b\n<c>"})
    update(project, RECORD, "record_id", "zz-record", note=LONG_AFTER)


# The long note cut to 80 characters around its first difference (character 61).
LONG_SHOWN = (
    "…" + "x" * 19 + " middle " + "y" * 51 + "…",
    "…" + "x" * 19 + " MIDDLE " + "y" * 51 + "…",
)

TERMINAL = f"""\
entities.csv: 1 removed, 1 changed, 1 column renamed
  column renamed: description -> summary
  ~ zz-kept  {NAME}: 'Oude naam' -> 'Nieuwe naam'
  - zz-gone

claims.csv: 1 added, 1 removed, 1 changed, 1 column added
  column added: checked_by
  ~ zz-changed  topic: 'before-topic' -> 'after-topic'
  + zz-new
  - zz-gone

verdicts.csv: 2 changed
  ~ zz-changed  verdict: 'accurate' -> 'inaccurate'
  ~ zz-text  explanation@en: 'B.' -> 'a | b\\n<c>'

record.csv: 1 changed
  ~ zz-record  note: '{LONG_SHOWN[0]}' -> '{LONG_SHOWN[1]}'
"""

MARKDOWN = f"""\
**Fact changes:** entities.csv: 1 removed, 1 changed, 1 column renamed; \
claims.csv: 1 added, 1 removed, 1 changed, 1 column added; verdicts.csv: 2 changed; \
record.csv: 1 changed.

### entities.csv

- column renamed: `description` → `summary`

| id | field | before | after |
| --- | --- | --- | --- |
| zz-kept | {NAME} | Oude naam | Nieuwe naam |
| zz-gone | (row removed) | kind=person; description=Gone. |  |

### claims.csv

- column added: `checked_by`

| id | field | before | after |
| --- | --- | --- | --- |
| zz-changed | topic | before-topic | after-topic |
| zz-new | (row added) |  | source\\_id=s; quote=new \\| quote; checked\\_by=t |
| zz-gone | (row removed) | source\\_id=s; quote=gone quote |  |

### verdicts.csv

| id | field | before | after |
| --- | --- | --- | --- |
| zz-changed | verdict | accurate | inaccurate |
| zz-text | explanation@en | B. | a \\| b<br>&lt;c&gt; |

### record.csv

| id | field | before | after |
| --- | --- | --- | --- |
| zz-record | note | {LONG_SHOWN[0]} | {LONG_SHOWN[1]} |
"""


def test_terminal_lists_rows_added_removed_and_changed_cell_by_cell(project: Project) -> None:
    edit_tables(project)
    result = diff(project)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == TERMINAL


def test_markdown_for_a_pull_request(project: Project) -> None:
    edit_tables(project)
    result = diff(project, "--markdown")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == MARKDOWN


def test_no_changes(project: Project) -> None:
    for args in ((), ("--markdown",), ("HEAD",)):
        result = diff(project, *args)
        assert (result.returncode, result.stdout, result.stderr) == (
            0,
            "No changes to the fact tables.\n",
            "",
        ), args


def test_an_earlier_revision_shows_what_the_last_commit_changed(project: Project) -> None:
    edit_tables(project)
    commit(project, "edit the fact tables")
    assert diff(project).stdout == "No changes to the fact tables.\n"
    result = diff(project, "HEAD~1")
    assert (result.returncode, result.stdout) == (0, TERMINAL)


def test_a_table_absent_at_the_revision_is_all_rows_added(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "repo", with_reports=False)
    ids = [row["sentence_id"] for row in project.rows(EXCUSED)[1]]
    assert ids
    text = project.path(EXCUSED).read_text(encoding="utf-8")
    project.path(EXCUSED).unlink()
    git(project.root, "init", "-q")
    commit(project, "no excused.csv yet")
    project.path(EXCUSED).write_text(text, encoding="utf-8")
    result = diff(project)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"excused.csv: new file, {len(ids)} added",
        *[f"  + {i}" for i in ids],
    ]
    commit(project, "excused.csv")
    project.path(EXCUSED).unlink()
    assert diff(project).stdout.splitlines() == [
        f"excused.csv: file deleted, {len(ids)} removed",
        *[f"  - {i}" for i in ids],
    ]


def test_unknown_revision_is_one_line_and_status_2(project: Project) -> None:
    result = diff(project, "no-such-rev")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "unknown git revision 'no-such-rev'\n",
    )


def test_not_a_git_repository_is_one_line_and_status_2(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "repo", with_reports=False)
    result = diff(project)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"not a git repository: {project.root.resolve()}\n"


def test_columns_renamed_by_name_are_matched_even_when_rows_cannot_be() -> None:
    before = "pair_id,aspect,explanation_nl\np1,a,uitleg\n"
    after = "group_id,aspect@en,explanation@nl\ng1,a,uitleg\n"
    found = compare_text("reconciliation.csv", ("group_id",), before, after)
    assert (found.columns_added, found.columns_removed) == (["group_id"], ["pair_id"])
    assert found.columns_renamed == [("aspect", "aspect@en"), ("explanation_nl", "explanation@nl")]
    assert found.note == (
        "rows not compared: key column group_id missing at the revision "
        "(1 row at the revision, 1 now)"
    )
    assert not (found.added or found.removed or found.changed)
