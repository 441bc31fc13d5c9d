"""Spotting quoted speech between any common pair of quote marks („…“, “…”, «…», ‹…›, ...)."""

from __future__ import annotations

import re

from factdesk.intake.spotting.candidate import Candidate

__all__ = ["quotes"]

QUOTE_MARKS = (
    ("„", "“”"), ("“", "”"), ("”", "”"), ("‘", "’"), ("‚", "‘’"), ("«", "»"), ("»", "«"),
    ("‹", "›"), ('"', '"'), (",,", "”“"), ("'", "'"),
)  # fmt: skip
MIN_QUOTE_WORDS = 3  # shorter quoted bits are titles or scare quotes ("‘burgervlucht’")


def quotes(text: str) -> list[Candidate]:
    """Quoted speech between any common pair of quote marks, leftmost-longest first."""
    found = []
    for opening, closing in QUOTE_MARKS:
        close = f"[{re.escape(closing)}]"
        # (a blank may stand inside guillemets, as French writes them: "« Nous sommes »")
        blank = "[ \u00a0\u202f]?" if opening in "«»‹›" else ""
        inner = rf"{blank}(?=\S)(?P<q>[^\n]+?)(?<=\S){blank}"
        regex = rf"(?<!\w){re.escape(opening)}{inner}{close}(?!\w)"
        for m in re.finditer(regex, text):
            if len(re.findall(r"\w+", m.group("q"))) >= MIN_QUOTE_WORDS:
                found.append((m.start(), -m.end(), m.group("q")))
    taken: list[Candidate] = []
    for start, minus_end, inner in sorted(found):
        if all(-minus_end <= c.start or c.end <= start for c in taken):
            taken.append(
                Candidate("", start, -minus_end, "quote", "quoted speech", value_text=inner)
            )
    return taken
