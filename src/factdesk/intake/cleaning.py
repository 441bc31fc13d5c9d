"""The cleaning rules of a story (``data/cleaning.yaml``): encoding repairs, a page header,
caption furniture and defects to log. Data, not code, so a new source's furniture needs no
Python; :mod:`factdesk.intake.articles` applies them. Without the file nothing but ftfy's generic
repairs is applied."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from factdesk import inputs, paths
from factdesk.facts.yamlfile import at, compose, mapping, scalar
from factdesk.problems import Problem


class RulesError(ValueError):
    """The cleaning rules file is malformed; ``problem`` names the file, line and column."""

    def __init__(self, found: Problem) -> None:
        super().__init__(str(found))
        self.problem = found


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


ENTRIES = {
    "repairs": (("find", "replace", "reason"), ()),
    "captions": (("pattern",), ("label",)),
    "defects": (("pattern", "reason"), ("scope",)),
}
SCOPES = ("match", "lead")
MAY_BE_EMPTY = ("replace", "label")  # a repair may delete; a caption may have no label


def _entries(path: Path, name: str, node: yaml.Node, found: list[Problem]) -> list[dict]:
    """The entries of one list of rules as {key: (text, node)}; problems reported."""
    required, optional = ENTRIES[name]
    if not isinstance(node, yaml.SequenceNode):
        found.append(at(path, node, f"{name} must be a list of entries"))
        return []
    out = []
    for item in node.value:
        keys = mapping(path, item, required + optional, found)
        entry = {}
        for key in required + optional:
            if key in keys:
                value = keys[key][1]
                if key in MAY_BE_EMPTY and isinstance(value, yaml.ScalarNode):
                    text = "" if value.tag.endswith(":null") else value.value
                else:
                    text = scalar(path, value, f"the {key} text", found)
                entry[key] = (text, value)
            elif key in required:
                found.append(at(path, item, f"this {name} entry has no {key!r}"))
        if all(entry.get(k, (None,))[0] is not None for k in required):
            out.append(entry)
    return out


def _compile(path: Path, value: tuple[str, yaml.Node], found: list, flags: int = 0):
    text, node = value
    try:
        return re.compile(text, flags)
    except re.error as exc:
        found.append(at(path, node, f"not a valid regular expression ({exc})"))
        return None


@cache
def _load(path: Path) -> Rules:
    if not path.is_file():
        return Rules()
    root, found = compose(path)
    if root is None:
        if found:
            raise RulesError(found[0])
        return Rules()
    top = mapping(path, root, ("repairs", "header", "captions", "defects"), found)
    lists = {name: _entries(path, name, top[name][1], found) for name in ENTRIES if name in top}
    header = None
    if "header" in top and (text := scalar(path, top["header"][1], "a pattern", found)):
        header = _compile(path, (text, top["header"][1]), found)
    captions, defects = [], []
    for c in lists.get("captions", []):
        captions.append(
            Caption(_compile(path, c["pattern"], found, re.S), c.get("label", ("",))[0])
        )
    for d in lists.get("defects", []):
        scope = d.get("scope", ("match", None))
        if scope[0] not in SCOPES:
            found.append(at(path, scope[1], f"scope must be one of: {', '.join(SCOPES)}"))
        defects.append(Defect(_compile(path, d["pattern"], found), d["reason"][0], scope[0]))
    if found:
        raise RulesError(found[0])
    repairs = [
        Repair(r["find"][0], r["replace"][0], r["reason"][0]) for r in lists.get("repairs", [])
    ]
    return Rules(tuple(repairs), header, tuple(captions), tuple(defects))


def rules_file() -> Path:
    """The story's cleaning rules file (``data/cleaning.yaml``)."""
    return paths.DATA / "cleaning.yaml"


def rules(path: Path | None = None) -> Rules:
    """The story's cleaning rules (recorded as read, for the render cache)."""
    path = path or rules_file()
    if path.is_file():
        inputs.record(path)
    return _load(path)
