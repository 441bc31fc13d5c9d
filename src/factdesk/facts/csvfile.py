"""Read a CSV table as strings, keeping each row's line number, and say plainly why a file
cannot be read: missing, empty, not UTF-8 (which byte, and which encoding it looks like),
saved with another delimiter, or malformed.

The stdlib ``csv`` reader is used (not pandas) because a quoted field may span lines and
every message must name the line the row starts on.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from factdesk.problems import Problem, problem

OTHER_DELIMITERS = {";": "semicolon (;)", "\t": "tab", "|": "pipe (|)"}


@dataclass(frozen=True)
class RawTable:
    """A CSV table as strings; ``frame.index`` holds each row's line number in the file.

    ``bad_rows`` lists (line, field count) for rows whose number of fields differs from the
    header (a stray or a missing delimiter); they are left out of ``frame``.
    """

    path: Path
    header: tuple[str, ...]
    frame: pd.DataFrame
    bad_rows: tuple[tuple[int, int], ...]

    def records(self) -> list[dict[str, str]]:
        """The rows as dicts of strings, built once (pandas' ``to_dict`` boxes every cell:
        ~10x slower). Treat them as read-only."""
        cached = self.__dict__.get("_records")
        if cached is None:
            columns = list(self.frame.columns)
            rows = self.frame.itertuples(index=False, name=None)
            cached = [dict(zip(columns, row, strict=True)) for row in rows]
            self.__dict__["_records"] = cached  # a frozen dataclass still has a __dict__
        return cached


class TableError(ValueError):
    """A table cannot be read at all; ``problem`` says where and why."""

    def __init__(self, found: Problem) -> None:
        super().__init__(str(found))
        self.problem = found


# Encodings a spreadsheet or editor may have used instead of UTF-8, most likely first.
LEGACY = (
    ("cp1252", "Windows-1252 (cp1252, Excel on Windows)"),
    ("cp1251", "Windows-1251 (cp1251, Cyrillic)"),
    ("mac_roman", "Mac Roman"),
    ("latin-1", "Latin-1 (ISO-8859-1)"),
)


UTF16 = (b"\xff\xfe", b"\xfe\xff")
TYPOGRAPHIC = "\u2018\u2019\u201c\u201d\u2013\u2014\u20ac\u2026\u00b0\u00a0\u00ab\u00bb"


def _legacy(run: bytes) -> tuple[str, str]:
    """(name, text) of the legacy encoding in which ``run`` (the undecodable bytes) reads as
    letters or typographic punctuation; a run of three or more Cyrillic letters in cp1251
    beats cp1252's accented Latin."""
    readable = []
    for codec, name in LEGACY:
        try:
            text = run.decode(codec)
        except UnicodeDecodeError:
            continue
        if all(c.isalpha() or c in "‘’“”–—€…° «»" for c in text):
            readable.append((codec, name, text))
    cyrillic = [r for r in readable if r[0] == "cp1251" and len(r[2]) >= 3]
    best = (cyrillic or readable or [("", "", "")])[0]
    return best[1], best[2]


def _encoding_hint(data: bytes, start: int) -> str:
    """'; it looks like Windows-1252 (...), where 0xe9 is 'é'' when a legacy encoding reads
    the bad bytes as text."""
    if data.startswith(UTF16):
        return "; it looks like UTF-16 (a spreadsheet's 'Unicode text')"
    end = start
    while end < len(data) and data[end] >= 0x80 and end - start < 16:
        end += 1
    name, text = _legacy(data[start:end])
    if not name:
        return ""
    return f"; it looks like {name}, where it is {text!r}"


def _bad_column(data: bytes) -> str:
    """The column holding the first undecodable byte, or '-' when it cannot be told."""
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        names = next(reader)
        for row in reader:
            for name, cell in zip(names, row, strict=False):
                if any("\udc80" <= c <= "\udcff" for c in cell):
                    return name.strip()
    except (csv.Error, StopIteration):
        pass
    return "-"


def decode(path: Path, data: bytes) -> str:
    """The text of a file that must be UTF-8, or a TableError naming the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        table = path.suffix == ".csv"
        where = _bad_column(data) if table and not data.startswith(UTF16) else "-"
        raise TableError(
            problem(
                path,
                line,
                where,
                f"not valid UTF-8: byte 0x{data[exc.start]:02x} at character {column} of line "
                f"{line}{_encoding_hint(data, exc.start)}; save the file as UTF-8"
                + (" (in a spreadsheet: CSV UTF-8)" if table else ""),
            )
        ) from None


def _delimiter_problem(path: Path, header_line: str, expected: list[str] | None) -> None:
    """A file saved with another delimiter has a one-field header that splits on it."""
    for delimiter, name in OTHER_DELIMITERS.items():
        parts = [p.strip().strip('"') for p in header_line.split(delimiter)]
        if len(parts) > 1 and "," not in header_line:
            more = ", …" if len(parts) > 3 else ""
            known = f" ({', '.join(parts[:3])}{more})" if expected is None else ""
            raise TableError(
                problem(
                    path,
                    1,
                    "-",
                    f"looks like {name}-separated{known}, not comma-separated; save it as "
                    "comma-separated CSV (UTF-8)",
                )
            )


def read_raw(path: Path, expected: list[str] | None = None) -> RawTable:
    """Read a CSV file as strings (empty cells are ``""``), keeping every row's line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TableError(problem(path, 0, "-", "file not found")) from None
    except OSError as exc:
        raise TableError(problem(path, 0, "-", f"cannot read the file ({exc.strerror})")) from None
    text = decode(path, data)
    if not text.strip():
        raise TableError(problem(path, 1, "-", "file is empty (a header row is required)"))
    # Only CR and LF end a line (str.splitlines also splits on form feeds and U+2028, which
    # a cell may hold and the invisible-character check must report).
    lines = list(io.StringIO(text, newline=""))
    _delimiter_problem(path, lines[0].rstrip("\r\n"), expected)
    reader = csv.reader(lines, strict=True)
    rows: list[list[str]] = []
    numbers: list[int] = []
    bad: list[tuple[int, int]] = []
    start = 1
    try:
        header = tuple(h.strip() for h in next(reader))
        start = reader.line_num + 1
        for row in reader:
            if row and len(row) != len(header):
                bad.append((start, len(row)))
            elif row:
                rows.append(row)
                numbers.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TableError(
            problem(
                path,
                start,
                "-",
                f"malformed CSV in the row starting on this line ({exc}); a cell with commas, "
                'quotes or line breaks must be in double quotes, its own quotes doubled ("")',
            )
        ) from None
    frame = pd.DataFrame(
        rows, columns=list(header), index=pd.Index(numbers, name="line"), dtype=object
    )
    return RawTable(path, header, frame, tuple(bad))
