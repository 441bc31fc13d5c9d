"""Read a CSV table as strings, keeping each row's line number, and say plainly why a file
cannot be read: missing, empty, not UTF-8 (which byte, and which encoding it looks like),
saved with another delimiter, or malformed.

The stdlib ``csv`` reader is used (not pandas) because a quoted field may span lines and
every message must name the line the row starts on.
"""

from __future__ import annotations

import csv
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


class TableError(ValueError):
    """A table cannot be read at all; ``problem`` says where and why."""

    def __init__(self, found: Problem) -> None:
        super().__init__(str(found))
        self.problem = found


def _encoding_hint(data: bytes) -> str:
    """'; it looks like cp1252' when charset-normalizer recognises the bytes."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return ""
    return f"; it looks like {best.encoding.replace('_', '-')}"


def decode(path: Path, data: bytes) -> str:
    """The text of a file that must be UTF-8, or a TableError naming the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TableError(
            problem(
                path,
                line,
                "-",
                f"not valid UTF-8: byte 0x{data[exc.start]:02x} at character {column} of line "
                f"{line}{_encoding_hint(data)}; save the file as UTF-8 (in a spreadsheet: "
                "CSV UTF-8)",
            )
        ) from None


def _delimiter_problem(path: Path, header_line: str, expected: list[str] | None) -> None:
    """A file saved with another delimiter has a one-field header that splits on it."""
    for delimiter, name in OTHER_DELIMITERS.items():
        parts = [p.strip().strip('"') for p in header_line.split(delimiter)]
        if len(parts) > 1 and "," not in header_line:
            known = f" ({', '.join(parts[:3])}, …)" if expected is None else ""
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
    lines = text.splitlines(keepends=True)
    _delimiter_problem(path, lines[0].rstrip("\r\n"), expected)
    reader = csv.reader(lines, strict=True)
    rows: list[list[str]] = []
    numbers: list[int] = []
    bad: list[tuple[int, int]] = []
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
            problem(path, reader.line_num, "-", f"malformed CSV ({exc}); check the quotes")
        ) from None
    frame = pd.DataFrame(
        rows, columns=list(header), index=pd.Index(numbers, name="line"), dtype=object
    )
    return RawTable(path, header, frame, tuple(bad))
