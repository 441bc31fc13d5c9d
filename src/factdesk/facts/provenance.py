"""Where an article came from, said without guessing: an outlet or URL is filled only when
it was identified, and its ``notes`` say how ("identified"); with neither, the notes say they
are unknown ("unknown"). No schema can express a rule that joins two columns like this."""

from __future__ import annotations

from factdesk.facts.csvfile import RawTable
from factdesk.problems import Problem, problem

__all__ = ["outlets"]

IDENTIFIED, UNKNOWN = "identified", "unknown"


def outlets(raw: dict[str, RawTable | None]) -> list[Problem]:
    """A sources row with an outlet or URL must say in ``notes`` how it was identified; one
    with neither must say they are unknown."""
    sources = raw.get("sources")
    if sources is None or not {"outlet", "url", "notes"} <= set(sources.frame):
        return []
    found = []
    for line, row in zip(sources.frame.index, sources.records(), strict=True):
        notes = row["notes"].lower()
        if (row["outlet"] or row["url"]) and IDENTIFIED not in notes:
            filled = "outlet" if row["outlet"] else "url"
            message = (
                f"{filled} is filled: say in notes how it was {IDENTIFIED} (the word "
                f"'{IDENTIFIED}'); never guess an outlet"
            )
            found.append(problem(sources.path, line, "notes", message))
        elif not (row["outlet"] or row["url"]) and UNKNOWN not in notes:
            message = (
                f"outlet and url are empty: say in notes that they are {UNKNOWN} (the word "
                f"'{UNKNOWN}'), or fill them with how they were {IDENTIFIED}"
            )
            found.append(problem(sources.path, line, "notes", message))
    return found
