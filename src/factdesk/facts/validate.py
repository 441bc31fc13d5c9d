"""Check one table against its Table Schema; every problem as ``file:line:column: message``.

The checks are the Table Schema constraints the data package uses (required, unique, enum,
pattern, minimum/maximum, types, primary keys) plus the extensions in :mod:`factdesk.facts.schema`
and a ban on invisible control characters. They run vectorised on the raw strings with pandas:
written here rather than delegated to frictionless-py because that reports row positions
(not file lines, which differ when a quoted cell spans lines) and takes ~30 s for 100k rows.
The published ``datapackage.json`` is still validated by frictionless itself in the tests.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from factdesk.facts.csvfile import RawTable
from factdesk.facts.schema import Field, Table
from factdesk.problems import Problem, problem

ISO_DATE = r"\d{4}-\d{2}-\d{2}"
ISO_INSTANT = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})"
NUMBER = r"-?\d+(?:\.\d+)?"
INTEGER = r"-?\d+"
PATTERN_MESSAGES = {
    "[a-z0-9]+(?:-[a-z0-9]+)*": "must be a lowercase id (letters, digits, hyphens)",
    "[0-9a-f]{64}": "must be a 64-digit hex SHA-256",
    "https?://\\S+": "must be an http(s) URL",
    "[a-z]{2,3}": "must be a language code such as en, nl or de",
}
# Zero-width, bidirectional and other format controls, soft hyphens, line separators, tag
# characters and C0/C1 controls but tab and newline: they hide or reorder text, so a reader and
# the check can see different things.
INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """(1-based position, 'U+202E RIGHT-TO-LEFT OVERRIDE') of every invisible control."""
    return [
        (m.start() + 1, f"U+{ord(m.group()):04X} {unicodedata.name(m.group(), 'CONTROL')}")
        for m in INVISIBLE.finditer(text)
    ]


def invisible_message(text: str) -> str:
    """One message for all invisible controls in ``text`` ("" if none): a hidden run of
    characters is one mistake, not one per character."""
    found = invisible_characters(text)
    if not found:
        return ""
    if len(found) == 1:
        position, name = found[0]
        return f"invisible control character {name} at character {position}"
    shown = ", ".join(f"{name} at {position}" for position, name in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return f"{len(found)} invisible control characters: {shown}{more}"


class _Out:
    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.found: list[Problem] = []

    def add(self, line: int, column: str, message: str) -> None:
        self.found.append(problem(self.raw.path, line, column, message))

    def bad(self, mask: pd.Series, column: str, message) -> None:
        """One problem per row where ``mask`` holds; ``message`` may be a function of the
        cell's value."""
        values = self.raw.frame[column]
        for line in mask.index[mask.to_numpy()]:
            text = message(values[line]) if callable(message) else message
            self.add(line, column, text)


def _full(pattern: str) -> str:
    return f"^(?:{pattern})$"


def _fullmatch(cells: pd.Series, pattern: str) -> pd.Series:
    """``cells.str.fullmatch(pattern)``, tried once per distinct value (ids, units, zones and
    labels repeat across a large table)."""
    regex = re.compile(pattern)
    return cells.isin([v for v in cells.unique() if regex.fullmatch(v)])


def _check_type(out: _Out, f: Field, column: str, cells: pd.Series) -> pd.Series:
    """Problems with the cell's type; returns the mask of cells of a valid type."""
    ok = pd.Series(True, index=cells.index)
    if f.type in ("number", "integer"):
        ok = _fullmatch(cells, INTEGER if f.type == "integer" else NUMBER)
        kind = "an integer" if f.type == "integer" else "a number (with a dot for decimals)"
        out.bad(~ok, column, lambda v: f"must be {kind}, got {v!r}")
    elif f.type == "boolean":
        ok = cells.isin([*f.true_values, *f.false_values])
        allowed = " or ".join([*f.true_values, *f.false_values])
        out.bad(~ok, column, lambda v: f"must be {allowed}, got {v!r}")
    elif f.type == "date":
        ok = _fullmatch(cells, ISO_DATE)
        out.bad(~ok, column, lambda v: f"must be a date YYYY-MM-DD, got {v!r}")
        parsed = pd.to_datetime(cells[ok], format="%Y-%m-%d", errors="coerce")
        out.bad(
            parsed.isna().reindex(cells.index, fill_value=False),
            column,
            lambda v: f"not a valid calendar date: {v!r}",
        )
        ok &= parsed.notna().reindex(cells.index, fill_value=False)
    elif f.type == "datetime":
        ok = _fullmatch(cells, ISO_INSTANT)
        out.bad(
            ~ok,
            column,
            lambda v: (
                f"must be an ISO 8601 time with a UTC offset (e.g. "
                f"2021-10-05T14:12:00+02:00), got {v!r}; naive times are ambiguous"
            ),
        )
        if f.offset == "utc":
            utc = cells.str.endswith(("+00:00", "Z"))
            out.bad(ok & ~utc, column, lambda v: f"must be given in UTC (+00:00), got {v!r}")
    return ok


def _check_constraints(out: _Out, f: Field, column: str, cells: pd.Series, typed: pd.Series):
    if f.enum:
        allowed = ", ".join(f.enum)
        out.bad(~cells.isin(f.enum), column, lambda v: f"must be one of: {allowed} (got {v!r})")
    if f.pattern:
        message = PATTERN_MESSAGES.get(f.pattern, f"must match the pattern {f.pattern}")
        out.bad(~_fullmatch(cells, f.pattern), column, lambda v: f"{message}, got {v!r}")
    if f.type in ("number", "integer") and len(typed):
        numbers = pd.to_numeric(cells[typed])
        if f.minimum is not None:
            low = numbers < f.minimum
            out.bad(
                low.reindex(cells.index, fill_value=False),
                column,
                lambda v: f"must be at least {f.minimum:g}, got {v}",
            )
        if f.maximum is not None:
            high = numbers > f.maximum
            out.bad(
                high.reindex(cells.index, fill_value=False),
                column,
                lambda v: f"must be at most {f.maximum:g}, got {v}",
            )
        if f.plausible and f.plausible["by"] in out.raw.frame:
            # A value outside minimum/maximum has its message already: one per cell.
            if f.minimum is not None:
                numbers = numbers[numbers >= f.minimum]
            if f.maximum is not None:
                numbers = numbers[numbers <= f.maximum]
            units = out.raw.frame.loc[numbers.index, f.plausible["by"]]
            for unit, (low, high) in f.plausible["ranges"].items():
                off = units.eq(unit) & ((numbers < low) | (numbers > high))
                out.bad(
                    off.reindex(cells.index, fill_value=False),
                    column,
                    lambda v, u=unit, lo=low, hi=high: (
                        f"{v} {u} is outside the plausible range {lo:g}–{hi:g} {u}"
                    ),
                )


def _check_unique(out: _Out, columns: list[str], label: str) -> None:
    frame = out.raw.frame[columns]
    nonempty = frame.ne("").all(axis=1)
    dup = frame[nonempty].duplicated(keep="first")
    if not dup.any():
        return
    first = frame[nonempty].drop_duplicates(keep="first")
    where = {tuple(row): line for line, row in zip(first.index, first.to_numpy(), strict=True)}
    for line in dup.index[dup.to_numpy()]:
        key = tuple(frame.loc[line])
        shown = key[0] if len(key) == 1 else key
        out.add(line, columns[0], f"duplicate {label} {shown!r} (first on line {where[key]})")


def table_problems(table: Table, raw: RawTable, base_language: str) -> list[Problem]:
    """Every schema problem of one table."""
    out = _Out(raw)
    for line, count in raw.bad_rows:
        out.add(
            line,
            "-",
            f"row has {count} fields, the header has {len(raw.header)} (a stray or missing "
            "comma? quote cells that contain commas)",
        )
    present = set(raw.header)
    for column in table.base_columns(base_language):
        if column not in present:
            out.add(1, column, "required column is missing")
    for column in raw.header:
        if table.field_of(column) is None:
            out.add(1, column, f"unknown column (not in the schema of {table.name})")
    if raw.frame.empty and not raw.bad_rows and not table.allow_empty:
        out.add(1, "-", "the table has a header but no rows")
    for column in raw.header:
        found = table.field_of(column)
        if found is None:
            continue
        f, language = found
        cells = raw.frame[column]
        required = f.required and (not f.translated or language == base_language)
        empty = cells.eq("")
        if required:
            out.bad(empty, column, "must not be empty")
        if INVISIBLE.search("\n".join(cells.unique())):  # one scan; rows only on a hit
            out.bad(cells.str.contains(INVISIBLE), column, invisible_message)
        filled = cells[~empty]
        if f.type == "list":
            items = filled.str.split(f.delimiter).explode().str.strip()
            out.bad(
                items.eq("").groupby(level=0).any().reindex(cells.index, fill_value=False),
                column,
                f"empty item in a {f.delimiter!r}-separated list",
            )
            continue
        typed = _check_type(out, f, column, filled)
        _check_constraints(out, f, column, filled, typed)
        if f.unique and list(table.primary_key) != [column]:
            _check_unique(out, [column], "value")
    key = list(table.primary_key)
    if key and set(key) <= present:
        _check_unique(out, key, "id" if len(key) == 1 else "key")
    return out.found
