"""The record every spotter yields: one claim spotted in a cleaned article."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "Candidate"]

# What a spotter saw (the review sheet's ``spotted_as``) and the claims.csv claim_type it is
# proposed as, unless the spotter names a finer one (count, distance, age for numbers).
KINDS = {
    "number": "number",
    "duration": "duration",
    "time": "time",
    "date": "date",
    "place": "event",
    "role": "name_role",
    "title": "name_role",
    "first": "event",
    "plan": "plan",
    "quote": "quote",
    "comparison": "event",
    "opinion": "opinion",
    "attribution": "event",
    "uncertain": "event",
    "reported": "event",
    "statement": "event",
}
VALUES = frozenset({"number", "duration", "time", "date"})  # kinds that carry a parsed value


@dataclass(frozen=True)
class Candidate:
    """One spotted claim: where it is (``part``, ``start``, ``end`` in that part's clean
    text), what kind of claim it is (``kind``, see :data:`KINDS`), its claims.csv claim type
    and parsed value, and what was spotted (for the note)."""

    part: str
    start: int
    end: int
    claim_type: str
    spotted: str
    value_number: str = ""
    unit: str = ""
    value_timezone: str = ""
    value_text: str = ""
    remark: str = ""
    priority: int = 0
    kind: str = ""
    subject: str = ""
    qualifier: str = ""
    attributed_to: str = ""
    value_time: str = ""
    relative: tuple[int, str] | None = None  # (signed amount, unit) from the publication date

    @property
    def spotted_as(self) -> str:
        """The kind of claim (``number`` for counts, distances and ages)."""
        if self.kind:
            return self.kind
        return self.claim_type if self.claim_type in KINDS else "number"

    @property
    def has_value(self) -> bool:
        return self.spotted_as in VALUES
