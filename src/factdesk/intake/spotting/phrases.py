"""Finding a language's words and phrases in a sentence, and the clauses a sentence is made
of, so that a claim's quote can stop where its clause stops."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from factdesk.intake.spotting.patterns import alternation

__all__ = ["clause_at", "clauses", "find", "gap_words", "phrase_regex", "words_before"]

# Punctuation that ends a clause: commas and semicolons before a blank, colons, brackets,
# dashes between blanks, and double quotation marks (single ones are often scare quotes); a
# full stop only at the sentence's end ("9.15 a.m. EDT" is one clause).
_STOP = re.compile(
    r"[,;](?=\s)|:|[()\[\]]|\s[-\u2013\u2014]\s|,,|[\"\u201c\u201d\u201e\u00ab\u00bb]"
)
_END = re.compile(r"[.!?\u2026]+[\"\u201c\u201d\u00bb\u00ab]*\Z")  # the sentence's own end
_WORD = re.compile(r"[^\s]+")


@cache
def phrase_regex(phrases: tuple[str, ...], compounds: bool = False) -> re.Pattern:
    """A case-insensitive regex of ``phrases`` as whole words (group ``p``); with
    ``compounds``, a phrase may also end a longer word ("Filmregisseur", group ``head`` the
    rest of the word)."""
    body = alternation(phrases)
    head = r"(?P<head>[^\W\d_]{3,}?)??" if compounds else ""  # the whole word first
    return re.compile(rf"(?i)(?<![\w-]){head}(?P<p>{body})(?![\w'’])")  # after "l'": a word


def find(
    phrases: Iterable[str],
    text: str,
    start: int = 0,
    end: int | None = None,
    compounds: bool = False,
) -> list[re.Match]:
    """Every occurrence of one of ``phrases`` in ``text[start:end]``."""
    phrases = tuple(sorted(set(phrases)))
    if not phrases:
        return []
    end = len(text) if end is None else end
    return list(phrase_regex(phrases, compounds).finditer(text, start, end))


def clauses(text: str, start: int, end: int, openers: Iterable[str] = ()) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]`` as (start, end), trimmed of blanks and the
    punctuation between them: split at :data:`_STOP` and before each word of ``openers``
    ("that", "dat", "dass", ...) that follows a word."""
    cuts = {start, end}
    if stop := _END.search(text[start:end].rstrip()):
        cuts.add(start + stop.start())
    for m in _STOP.finditer(text, start, end):
        cuts |= {m.start(), m.end()}
    for m in find(openers, text, start, end):
        if text[start : m.start()].strip():
            cuts.add(m.start())
    points = sorted(cuts)
    found = []
    for s, e in zip(points, points[1:], strict=False):
        piece = text[s:e]
        if _STOP.fullmatch(piece.strip()) or _END.fullmatch(piece.strip()) or not piece.strip():
            continue
        s += len(piece) - len(piece.lstrip())
        e -= len(piece) - len(piece.rstrip())
        if re.search(r"\w", text[s:e]):
            found.append((s, e))
    return found


def clause_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The clause of ``spans`` holding ``position``."""
    return next(((s, e) for s, e in spans if s <= position < e), None)


def words_before(text: str, position: int, n: int, floor: int) -> int:
    """The start of the ``n``-th word before ``position``, not before ``floor``."""
    starts = [m.start() for m in _WORD.finditer(text, floor, position)]
    return starts[-n] if len(starts) >= n else floor


def gap_words(text: str, start: int, end: int) -> int:
    """How many words stand between ``start`` and ``end`` (-1 if a clause stops between)."""
    between = text[start:end]
    if re.search(r"[,;:\"\u201c\u201d\u201e\u00ab\u00bb]|[.!?](?=\s)", between):
        return -1
    return len(between.split())
