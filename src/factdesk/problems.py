"""What every check reports: one problem in one place, as ``file:line:column: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factdesk import paths


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell. Line 1 is the header; column ``-`` means the whole row or file.
    A ``warning`` is shown but does not fail ``check`` (e.g. a control character in an article,
    which must stay byte-for-byte)."""

    path: str
    line: int
    column: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


def problem(path: Path | str, line: int, column: str, message: str, **kw: str) -> Problem:
    return Problem(paths.display(path), int(line), column, message, **kw)


class DataError(ValueError):
    """Data that cannot be used, with every problem found (``problems``)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        shown = "\n".join(str(p) for p in self.problems[:20])
        more = len(self.problems) - 20
        super().__init__(shown + (f"\n… and {more} more" if more > 0 else ""))


def errors(found: list[Problem]) -> list[Problem]:
    return [p for p in found if p.severity == "error"]
