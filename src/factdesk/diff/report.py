"""A fact diff for people: the terminal change list and the Markdown for a pull request.

Both forms take the :class:`~factdesk.diff.tables.TableDiff` of every table and show only the
tables that changed: a summary per table, its column changes, each changed cell (a long value
cut around its first difference), and the rows added and removed.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from factdesk.diff.tables import Row, TableDiff

WIDTH = 80  # longest cell shown, in characters
NO_CHANGES = "No changes to the fact tables."


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
