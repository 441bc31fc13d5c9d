"""Compare one table's CSV text at two versions, row by row, into a :class:`TableDiff`.

Rows are paired by the table's primary key: rows added, removed, and changed cell by cell.
Columns added, removed or renamed are found once per table, not once per row. The text is
read with the stdlib ``csv`` module and compared as text (a list field is the text of its
cell), so a comparison never stops at a value the schema would reject.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

_KEY_JOIN = " / "  # between the values of a composite primary key

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


def decode(data: bytes) -> str:
    """CSV bytes as text (UTF-8, a byte-order mark dropped, undecodable bytes replaced)."""
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
