"""Fact diff: what changed in the fact tables between a git revision and the working tree.

``python -m factdesk diff [REV] [--markdown]`` reads every table of the data package twice, as
committed at ``REV`` (``git show REV:<path>``, git run in the project root) and as it is in the
working tree, and pairs the rows by the table's primary key: rows added, removed, and changed
cell by cell. Columns added, removed or renamed are reported once per table, not once per row.
The terminal form is a change list per table; ``--markdown`` writes the same as Markdown for a
pull-request description (CI appends it to the job summary).

The CSV text is read with the stdlib ``csv`` module and compared as text (a list field is the
text of its cell), so the command is fast and never stops at a value the schema would reject:
it is a report, and exits 0 whether or not anything changed. An unknown revision, or a project
root that is not in a git repository, is one line on stderr and exit status 2.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from factdesk import paths

WIDTH = 80  # longest cell shown, in characters
NO_CHANGES = "No changes to the fact tables."
_KEY_JOIN = " / "  # between the values of a composite primary key


class DiffError(Exception):
    """The comparison cannot be made (not a git repository, unknown revision)."""


Row = dict[str, str]


@dataclass
class TableDiff:
    """The changes to one table between the revision and the working tree."""

    label: str  # file name, e.g. claims.csv
    key: tuple[str, ...] = ()  # the primary key's columns
    status: str = ""  # "new" (absent at the revision), "deleted" (absent in the working tree)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_renamed: list[tuple[str, str]] = field(default_factory=list)
    added: list[tuple[str, Row]] = field(default_factory=list)
    removed: list[tuple[str, Row]] = field(default_factory=list)
    changed: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)
    note: str = ""  # why rows could not be compared

    def __bool__(self) -> bool:
        return bool(
            self.status
            or self.columns_added
            or self.columns_removed
            or self.columns_renamed
            or self.added
            or self.removed
            or self.changed
            or self.note
        )

    def summary(self) -> str:
        """``2 added, 1 removed, 3 changed, 1 column added``: only what is non-zero."""
        parts = []
        if self.status == "new":
            parts.append("new file")
        elif self.status == "deleted":
            parts.append("file deleted")
        for count, what in (
            (len(self.added), "added"),
            (len(self.removed), "removed"),
            (len(self.changed), "changed"),
        ):
            if count:
                parts.append(f"{count} {what}")
        for count, what in (
            (len(self.columns_added), "added"),
            (len(self.columns_removed), "removed"),
            (len(self.columns_renamed), "renamed"),
        ):
            if count:
                parts.append(f"{count} column{'' if count == 1 else 's'} {what}")
        if self.note and not parts:
            parts.append("rows not compared")
        return ", ".join(parts)


# --- git ------------------------------------------------------------------------------------


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in the project root (the scratch copy when ``FACTDESK_ROOT`` is set)."""
    # A GIT_DIR or GIT_WORK_TREE inherited from a hook would point git at another repository.
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE")}
    try:
        return subprocess.run(
            ["git", *args], cwd=paths.ROOT, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise DiffError("git is not installed (no 'git' command on PATH)") from None
    except OSError as exc:
        raise DiffError(f"cannot run git in {paths.ROOT}: {exc.strerror}") from None


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


def resolve(rev: str) -> str:
    """The commit ``rev`` names, or a DiffError saying why there is none."""
    inside = _git("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        reason = _first_line(inside.stderr)
        why = "" if not reason or "not a git repository" in reason else f" ({reason})"
        raise DiffError(f"not a git repository: {paths.ROOT}{why}")
    found = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        empty = _git("rev-parse", "--verify", "--quiet", "HEAD").returncode != 0
        raise DiffError(
            f"unknown git revision {rev!r}"
            + (" (the repository has no commits yet)" if empty else "")
        )
    return found.stdout.decode("ascii").strip()


def _at_revision(commit: str, relative: str) -> str | None:
    """The text of ``relative`` (from the project root) at ``commit``; None when absent."""
    spec = f"{commit}:./{relative}"  # ./: relative to the project root, wherever the repo is
    shown = _git("show", spec)
    if shown.returncode == 0:
        return _decode(shown.stdout)
    if _git("cat-file", "-e", spec).returncode != 0:
        return None
    raise DiffError(f"cannot read {relative} at {commit[:12]}: {_first_line(shown.stderr)}")


# --- reading --------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig", "replace")


def parse(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of CSV text; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    return header, [row for row in reader if any(cell.strip() for cell in row)]


def _keyed(header: list[str], rows: list[list[str]], key: tuple[str, ...]) -> dict[str, Row]:
    """Rows by their primary key's text; a repeated key gets ``(2)``, ``(3)``, ..."""
    keyed: dict[str, Row] = {}
    for cells in rows:
        row = dict(zip(header, cells, strict=False))
        for column in header[len(cells) :]:
            row[column] = ""
        if len(cells) > len(header):
            row["(extra fields)"] = ",".join(cells[len(header) :])
        name = _KEY_JOIN.join(row.get(column, "") for column in key)
        unique, n = name, 1
        while unique in keyed:
            n += 1
            unique = f"{name} ({n})"
        keyed[unique] = row
    return keyed


def _renames(
    removed: list[str], added: list[str], old: dict[str, Row], new: dict[str, Row]
) -> list[tuple[str, str]]:
    """Pairs (old name, new name) of a removed and an added column that are one column renamed:
    the same name but for case and punctuation (``name_en`` and ``name@en``), a column and its
    translation (``aspect`` and ``aspect@en``), or the same value in at least half of the rows
    both versions have where either is non-empty."""
    common = [k for k in new if k in old]

    def plain(name: str) -> str:
        return "".join(ch for ch in name.casefold() if ch.isalnum())

    def alike(a: str, b: str) -> int:
        if plain(a) == plain(b):
            return 2
        return int(plain(a.split("@")[0]) == plain(b.split("@")[0]))

    candidates = []
    for before in removed:
        for after in added:
            pairs = [(old[k].get(before, ""), new[k].get(after, "")) for k in common]
            filled = [(a, b) for a, b in pairs if a or b]
            same = sum(a == b for a, b in filled) / len(filled) if filled else 0.0
            named = alike(before, after)
            if named or same >= 0.5:
                candidates.append((-named, -same, before, after))
    found: list[tuple[str, str]] = []
    for _, _, before, after in sorted(candidates):  # best match first
        if all(before != b and after != a for b, a in found):
            found.append((before, after))
    return sorted(found, key=lambda pair: removed.index(pair[0]))


def compare_text(
    label: str, key: tuple[str, ...], before: str | None, after: str | None
) -> TableDiff:
    """The diff of one table's CSV text at the revision (``before``) and now (``after``);
    ``None`` is a file that does not exist."""
    diff = TableDiff(label, key)
    if before is None and after is None:
        return diff
    if before is None:
        diff.status = "new"
    elif after is None:
        diff.status = "deleted"
    old_header, old_rows = parse(before or "")
    new_header, new_rows = parse(after or "")
    if before is not None and after is not None:
        diff.columns_added = [c for c in new_header if c not in old_header]
        diff.columns_removed = [c for c in old_header if c not in new_header]
    if not key:  # no primary key declared: a row is its whole content
        key = tuple(new_header or old_header)
    for header, rows, where in (
        (old_header, old_rows, "at the revision"),
        (new_header, new_rows, "in the working tree"),
    ):
        missing = [c for c in key if c not in header]
        if rows and missing and not diff.note:
            diff.note = (
                f"rows not compared: key column {', '.join(missing)} missing {where} "
                f"({_rows(len(old_rows))} at the revision, {len(new_rows)} now)"
            )
    # Without keys rows cannot be paired: columns are matched by name only.
    old = {} if diff.note else _keyed(old_header, old_rows, key)
    new = {} if diff.note else _keyed(new_header, new_rows, key)
    diff.columns_renamed = _renames(diff.columns_removed, diff.columns_added, old, new)
    for before_name, after_name in diff.columns_renamed:
        diff.columns_removed.remove(before_name)
        diff.columns_added.remove(after_name)
    if diff.note:
        return diff
    compared = [(c, c) for c in new_header if c in old_header]
    compared += diff.columns_renamed
    order = {c: i for i, c in enumerate(new_header)}
    compared.sort(key=lambda pair: order[pair[1]])
    if any("(extra fields)" in row for row in (*old.values(), *new.values())):
        compared.append(("(extra fields)", "(extra fields)"))
    for name, row in new.items():
        if name not in old:
            diff.added.append((name, row))
            continue
        cells = [
            (after_name, old[name].get(before_name, ""), row.get(after_name, ""))
            for before_name, after_name in compared
            if old[name].get(before_name, "") != row.get(after_name, "")
        ]
        if cells:
            diff.changed.append((name, cells))
    diff.removed = [(name, row) for name, row in old.items() if name not in new]
    return diff


def _rows(count: int) -> str:
    return f"{count} row{'' if count == 1 else 's'}"


def _labels(relatives: list[str]) -> list[str]:
    """File names (``claims.csv``); the path under the project root when two share a name."""
    names = [Path(r).name for r in relatives]
    return [n if names.count(n) == 1 else r for n, r in zip(names, relatives, strict=True)]


def compare(rev: str = "HEAD") -> list[TableDiff]:
    """The diff of every table of the data package between ``rev`` and the working tree."""
    from factdesk import schema

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
        before = _at_revision(commit, relative)
        try:
            after = _decode(table.path.read_bytes())
        except FileNotFoundError:
            after = None
        except OSError as exc:
            raise DiffError(f"cannot read {relative}: {exc.strerror}") from None
        diffs.append(compare_text(label, table.primary_key, before, after))
    return diffs


# --- output ---------------------------------------------------------------------------------


def shorten(text: str, width: int = WIDTH) -> str:
    """``text`` cut to ``width`` characters, ending in … when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def excerpts(before: str, after: str, width: int = WIDTH) -> tuple[str, str]:
    """Both values cut to about ``width`` characters around their first difference, so an edit
    in the middle of a long text stays visible."""
    if len(before) <= width and len(after) <= width:
        return before, after
    common = len(os.path.commonprefix([before, after]))
    context = width // 4
    start = common - context if common > width - context else 0

    def cut(text: str) -> str:
        head = "…" if start else ""
        body = text[start:]
        return head + shorten(body, width - len(head))

    return cut(before), cut(after)


def _row_text(row: Row, skip: tuple[str, ...]) -> str:
    """A row in one line: its non-empty cells, ``column=value; ...``, shortened."""
    cells = [f"{c}={v}" for c, v in row.items() if v and c not in skip]
    return shorten("; ".join(cells))


def _column_lines(
    diff: TableDiff, name: Callable[[str], str] = str, arrow: str = "->"
) -> list[str]:
    """The table's column changes, one line each."""
    lines = [f"column added: {name(c)}" for c in diff.columns_added]
    lines += [f"column removed: {name(c)}" for c in diff.columns_removed]
    lines += [f"column renamed: {name(a)} {arrow} {name(b)}" for a, b in diff.columns_renamed]
    return lines


def format_text(diffs: list[TableDiff]) -> str:
    """The terminal form: one block per changed table."""
    blocks = []
    for diff in (d for d in diffs if d):
        lines = [f"{diff.label}: {diff.summary()}"]
        lines += [f"  {line}" for line in _column_lines(diff)]
        lines += [f"  {diff.note}"] if diff.note else []
        for name, cells in diff.changed:
            for column, before, after in cells:
                old, new = excerpts(before, after)
                lines.append(f"  ~ {name}  {column}: {old!r} -> {new!r}")
        lines += [f"  + {name}" for name, _ in diff.added]
        lines += [f"  - {name}" for name, _ in diff.removed]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) if blocks else NO_CHANGES


_MARKDOWN_ESCAPES = {
    "\\": "\\\\",
    "|": "\\|",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "~": "\\~",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
}


def markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes and markup escaped, line breaks as
    ``<br>``, so a cell never breaks the table or turns into formatting."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    escaped = "".join(_MARKDOWN_ESCAPES.get(ch, ch) for ch in text)
    return escaped.replace("\n", "<br>")


def _markdown_code(name: str) -> str:
    """A column name as Markdown code (escaped text when it holds a backtick)."""
    if "`" in name or "\n" in name or "\r" in name:
        return markdown_cell(name)
    return f"`{name}`"


def format_markdown(diffs: list[TableDiff]) -> str:
    """The Markdown form: a summary line, then per table a section with a table of changes."""
    changed = [d for d in diffs if d]
    if not changed:
        return NO_CHANGES
    summary = "; ".join(f"{markdown_cell(d.label)}: {d.summary()}" for d in changed)
    lines = [f"**Fact changes:** {summary}."]
    for diff in changed:
        lines += ["", f"### {markdown_cell(diff.label)}", ""]
        notes = _column_lines(diff, name=_markdown_code, arrow="→")
        notes += [markdown_cell(diff.note)] if diff.note else []
        lines += [f"- {note}" for note in notes]
        rows = []
        for name, cells in diff.changed:
            for column, before, after in cells:
                old, new = excerpts(before, after)
                rows.append((name, column, old, new))
        rows += [(name, "(row added)", "", _row_text(row, diff.key)) for name, row in diff.added]
        rows += [
            (name, "(row removed)", _row_text(row, diff.key), "") for name, row in diff.removed
        ]
        if rows:
            if notes:
                lines.append("")
            lines += ["| id | field | before | after |", "| --- | --- | --- | --- |"]
            lines += [
                "| " + " | ".join(markdown_cell(cell) for cell in row) + " |" for row in rows
            ]
    return "\n".join(lines)


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
