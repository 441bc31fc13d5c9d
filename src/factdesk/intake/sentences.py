"""Clean article text -> sentences with exact character offsets.

The splitter is written by hand because every sentence must keep exact character offsets into
the clean text it came from (the quotes and the coverage check rest on them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "is_heading", "split"]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body or of a caption.

    ``part`` is ``"body"`` or a caption id; ``start``/``end`` index into that part's clean text,
    so ``article.part_text(s.part)[s.start:s.end] == s.text`` always holds.
    """

    sentence_id: str
    source_id: str
    part: str
    kind: str  # "headline" | "heading" | "body" | "caption"
    paragraph: int
    start: int
    end: int
    text: str


# Sentence ends: ., ! or ? (optionally followed by a closing quote) before whitespace and a
# capital letter or an opening quote. Known limit: a full stop after an abbreviation or an
# ordinal ("10 a.m. Moscow", German "5. Oktober") also ends a sentence; ids stay stable.
_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])[\"\u201d\u2019]?(?=\s+(?:[A-Z\u00c0-\u00de\"\u201c\u2018]|,,))"
)


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, trimmed of surrounding whitespace."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    result = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append((s, e))
    return result


def is_heading(paragraph: str) -> bool:
    """Short line without sentence punctuation: a headline or a section heading."""
    return len(paragraph) <= 80 and not re.search(r"[.!?:\"\u201d]\s*\Z", paragraph)
