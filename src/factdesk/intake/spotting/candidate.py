"""The record every spotter yields: one value spotted in a cleaned article."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Candidate"]


@dataclass(frozen=True)
class Candidate:
    """One spotted value: where it is (``part``, ``start``, ``end`` in that part's clean
    text), its claim type and parsed value, and what was spotted (for the note)."""

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
