"""YAML files read as node trees, so every message names ``file:line:column`` (the
configuration, the cleaning rules): PyYAML's own errors carry a position, and so does every
node it composes."""

from __future__ import annotations

from pathlib import Path

import yaml

from factdesk.problems import Problem, problem

__all__ = ["at", "compose", "mapping", "scalar"]


def compose(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    """The file's YAML node tree with positions; ``None`` and the problem when it cannot be
    read or parsed, ``None`` and no problem when it is empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [problem(path, 0, "-", "file not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [problem(path, 0, "-", f"cannot read the file ({exc})")]
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, str(mark.column + 1)) if mark else (0, "-")
        what = getattr(exc, "problem", None) or str(exc)
        hints = []
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start and mark and (start.line, start.column) != (mark.line, mark.column):
            hints.append(
                f"{context} that starts at line {start.line + 1}, column {start.column + 1}"
            )
        lines = text.splitlines()
        if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            hints.append("indent with spaces, not tabs")
        elif "expected key" in what or "mapping values are not allowed" in what:
            hints.append("check the indentation of this line and the one above")
        what += f" ({'; '.join(hints)})" if hints else ""
        return None, [problem(path, line, column, f"not valid YAML: {what}")]
    return root, []


def at(path: Path, node: yaml.Node, message: str) -> Problem:
    return problem(path, node.start_mark.line + 1, str(node.start_mark.column + 1), message)


def mapping(path: Path, node: yaml.Node, allowed: tuple[str, ...], found: list) -> dict:
    """A mapping node as {key: (key node, value node)}; unknown and duplicate keys reported."""
    if not isinstance(node, yaml.MappingNode):
        found.append(at(path, node, "must be a mapping (key: value)"))
        return {}
    out: dict = {}
    for key, value in node.value:
        name = key.value
        if not isinstance(key, yaml.ScalarNode):
            found.append(at(path, key, "a key must be a plain name"))
        elif name in out:
            first = out[name][0].start_mark.line + 1
            found.append(at(path, key, f"duplicate key {name!r} (first on line {first})"))
        elif allowed and name not in allowed:
            found.append(at(path, key, f"unknown key {name!r}; known: {', '.join(allowed)}"))
        else:
            out[name] = (key, value)
    return out


def scalar(path: Path, node: yaml.Node, what: str, found: list[Problem]) -> str | None:
    """The text of a single value, or None (reported) for a list, mapping or nothing."""
    if not isinstance(node, yaml.ScalarNode):
        found.append(at(path, node, f"must be {what}, not a list or mapping"))
        return None
    if node.tag.endswith(":null") or not node.value.strip():
        found.append(at(path, node, f"must be {what}, got nothing"))
        return None
    return node.value
