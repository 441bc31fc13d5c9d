"""Fact diff: what changed in the fact tables between a git revision and the working tree.

``python -m factdesk diff [REV] [--markdown]`` reads every table of the data package twice, as
committed at ``REV`` (``git show REV:<path>``, git run in the project root) and as it is in the
working tree, and pairs the rows by the table's primary key: rows added, removed, and changed
cell by cell. Columns added, removed or renamed are reported once per table, not once per row.
The terminal form is a change list per table; ``--markdown`` writes the same as Markdown for a
pull-request description (CI appends it to the job summary).

This module is the command: it lists the tables and their files, reads each at the revision
(:mod:`factdesk.diff.revision`) and now, compares them (:mod:`factdesk.diff.tables`) and prints the
result (:mod:`factdesk.diff.report`). It is a report, and exits 0 whether or not anything
changed. An unknown revision, or a project root that is not in a git repository, is one line
on stderr and exit status 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from factdesk import paths
from factdesk.diff.report import format_markdown, format_text
from factdesk.diff.revision import DiffError, file_at, resolve
from factdesk.diff.tables import TableDiff, compare_text, decode


def _labels(relatives: list[str]) -> list[str]:
    """File names (``claims.csv``); the path under the project root when two share a name."""
    names = [Path(r).name for r in relatives]
    return [n if names.count(n) == 1 else r for n, r in zip(names, relatives, strict=True)]


def compare(rev: str = "HEAD") -> list[TableDiff]:
    """The diff of every table of the data package between ``rev`` and the working tree."""
    from factdesk.facts import schema

    commit = resolve(rev)
    try:
        package = schema.package()
    except (schema.SchemaError, KeyError) as exc:
        raise DiffError(f"cannot read the data package: {exc}") from None
    tables = list(package.tables.values())
    relatives = []
    for table in tables:
        try:
            relatives.append(table.path.resolve().relative_to(paths.ROOT).as_posix())
        except ValueError:
            raise DiffError(f"table {table.name}: {table.path} is outside {paths.ROOT}") from None
    diffs = []
    for table, relative, label in zip(tables, relatives, _labels(relatives), strict=True):
        committed = file_at(commit, relative)
        before = None if committed is None else decode(committed)
        try:
            after = decode(table.path.read_bytes())
        except FileNotFoundError:
            after = None
        except OSError as exc:
            raise DiffError(f"cannot read {relative}: {exc.strerror}") from None
        diffs.append(compare_text(label, table.primary_key, before, after))
    return diffs


def main(rev: str = "HEAD", markdown: bool = False) -> int:
    """``python -m factdesk diff [REV] [--markdown]``: 0 with or without changes, 2 when the
    revision cannot be compared (one line on stderr)."""
    try:
        diffs = compare(rev)
    except DiffError as exc:
        print(exc, file=sys.stderr)
        return 2
    text = format_markdown(diffs) if markdown else format_text(diffs)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # … in a terminal that cannot show it
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `diff | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
