"""Codes in the data that pages show by their label, in every report language.

A field declared with ``labels: <prefix>`` in its Table Schema holds codes (``accurate``,
``launch_site``, ``km``); a page shows the catalog text ``<prefix>.<code>`` in its language.
A code without a label in some report language would reach readers as a raw code or in
another language, so ``check`` fails on it, naming the first row that uses the code.
Translated columns (``explanation@nl``) are labelled by their field (``field.explanation``).
"""

from __future__ import annotations

from factdesk import paths
from factdesk.facts import schema
from factdesk.facts.csvfile import RawTable
from factdesk.language import catalog
from factdesk.problems import Problem, problem


def code(value: str) -> str:
    """The code a cell holds: a translated column name stands for its field."""
    return value.split("@", 1)[0]


def key(prefix: str, value: str) -> str:
    return f"{prefix}.{code(value)}"


def code_labels(
    package: schema.Package, raw: dict[str, RawTable | None], languages: tuple[str, ...]
) -> list[Problem]:
    """An error for each code (first row using it) that lacks a label in a report language."""
    found = []
    own = {language: catalog.entries(language) for language in languages}
    reported: set[tuple[str, str]] = set()
    for table in package.tables.values():
        data = raw.get(table.name)
        if data is None:
            continue
        for f in table.fields:
            if not f.labels or f.name not in data.frame:
                continue
            cells = data.frame[f.name]
            for value, line in zip(cells, cells.index, strict=True):
                if not value or (f.enum and value not in f.enum):
                    continue  # empty, or a code the schema check already rejects
                for language in languages:
                    label = key(f.labels, value)
                    if label not in own[language] and (language, label) not in reported:
                        reported.add((language, label))
                        found.append(
                            problem(
                                table.path,
                                line,
                                f.name,
                                f"code {code(value)!r} has no {language!r} label: add "
                                f"{label!r} to {paths.display(paths.STORY_LOCALES)}/"
                                f"{language}.yaml",
                            )
                        )
    return found
