"""Known entities named in a text: every name (``name@<lang>`` in any language) and alias of
the entities table, as written or with its first letter's case changed (a sentence start,
Dutch "aarde" and "Aarde"), with a possessive ending ("Does", "Musk's")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from factdesk.intake.spotting.patterns import SP

__all__ = ["Entity", "Gazetteer", "Mention", "entities_from_rows"]


@dataclass(frozen=True)
class Entity:
    entity_id: str
    kind: str  # person, spacecraft, place, organisation, work, event
    names: tuple[str, ...]  # every name and alias, in any language
    base_name: str  # the name in the base language


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity


def entities_from_rows(rows: Iterable[Mapping[str, str]], base_language: str) -> list[Entity]:
    """Entities from the entities table's rows (strings): names from every ``name@`` column,
    aliases split on ``;``."""
    found = []
    for row in rows:
        names = [v for k, v in row.items() if k.startswith("name@") and v]
        names += [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
        if row.get("entity_id") and names:
            base = row.get(f"name@{base_language}") or names[0]
            found.append(Entity(row["entity_id"], row.get("kind", ""), tuple(names), base))
    return found


def _forms(name: str) -> set[str]:
    swapped = name[:1].swapcase() + name[1:]
    return {name, swapped}


class Gazetteer:
    """Finds the known entities in a text, longest name first."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = tuple(entities)
        self._by_form: dict[str, Entity] = {}
        for entity in self.entities:
            for name in entity.names:
                for form in _forms(name):
                    self._by_form.setdefault(form, entity)

    @cached_property
    def _regex(self) -> re.Pattern | None:
        if not self._by_form:
            return None
        forms = sorted(self._by_form, key=lambda f: (-len(f), f))
        names = "|".join(re.escape(f).replace(r"\ ", SP + "+") for f in forms)
        return re.compile(rf"(?<![\w-])(?P<name>{names})(?:['’]?s)?(?!\w)")

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """The entities named in ``text[start:end]``, left to right, not overlapping."""
        if self._regex is None:
            return []
        end = len(text) if end is None else end
        found = []
        for m in self._regex.finditer(text, start, end):
            name = re.sub(rf"{SP}+", " ", m.group("name"))
            entity = self._by_form.get(name) or self._by_form.get(m.group("name"))
            if entity is not None:
                found.append(Mention(m.start(), m.end(), entity))
        return found
