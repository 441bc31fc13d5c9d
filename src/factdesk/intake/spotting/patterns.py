"""Regex building blocks the spotters share: a blank inside a paragraph, a word, and an
alternation of literal words."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["SP", "WORD", "alternation"]

SP = r"[^\S\n]"  # whitespace inside a paragraph
WORD = r"[^\W\d_][\w'’-]*"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (spaces match any blank)."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", SP + "+") for w in ordered) or r"(?!x)x"
