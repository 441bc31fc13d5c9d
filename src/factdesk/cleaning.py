"""The cleaning rules of a story (``data/cleaning.yaml``): encoding repairs, a page header,
caption furniture and defects to log. Data, not code, so a new source's furniture needs no
Python; :mod:`factdesk.articles` applies them. Without the file nothing but ftfy's generic
repairs is applied."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from factdesk import inputs, paths

RULES = paths.DATA / "cleaning.yaml"


class RulesError(ValueError):
    """The cleaning rules file is malformed; the message names it and the entry."""


@dataclass(frozen=True)
class Repair:
    find: str
    replace: str
    reason: str


@dataclass(frozen=True)
class Caption:
    pattern: re.Pattern
    label: str


@dataclass(frozen=True)
class Defect:
    pattern: re.Pattern
    reason: str
    scope: str  # "match" | "lead"


@dataclass(frozen=True)
class Rules:
    repairs: tuple[Repair, ...] = ()
    header: re.Pattern | None = None
    captions: tuple[Caption, ...] = ()
    defects: tuple[Defect, ...] = ()

    @property
    def repair_pattern(self) -> re.Pattern | None:
        finds = sorted((r.find for r in self.repairs), key=len, reverse=True)
        return re.compile("|".join(re.escape(f) for f in finds)) if finds else None


def _compile(pattern: str, where: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RulesError(f"{where}: not a valid regular expression ({exc})") from None


@cache
def _load(path: Path) -> Rules:
    if not path.is_file():
        return Rules()
    shown = paths.display(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RulesError(f"{shown}: not valid YAML: {exc}") from None
    try:
        return Rules(
            repairs=tuple(
                Repair(r["find"], r["replace"], r["reason"]) for r in data.get("repairs", [])
            ),  # fmt: skip
            header=_compile(data["header"], f"{shown}: header") if data.get("header") else None,
            captions=tuple(
                Caption(_compile(c["pattern"], f"{shown}: captions", re.S), c.get("label", ""))
                for c in data.get("captions", [])
            ),
            defects=tuple(
                Defect(
                    _compile(d["pattern"], f"{shown}: defects"),
                    d["reason"],
                    d.get("scope", "match"),
                )
                for d in data.get("defects", [])
            ),  # fmt: skip
        )
    except (KeyError, TypeError) as exc:
        raise RulesError(f"{shown}: an entry lacks {exc}") from None


def rules(path: Path = RULES) -> Rules:
    """The story's cleaning rules (recorded as read, for the render cache)."""
    if path.is_file():
        inputs.record(path)
    return _load(path)
