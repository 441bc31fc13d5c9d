"""Spotting numbers: ages after a name, measures with a unit word (durations, distances, ...),
counts of things, and plain numbers in digits."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.patterns import SP, WORD
from factdesk.intake.spotting.vocabulary import Lexicon, read_number

__all__ = ["ages", "counts", "measures", "plain"]

CLAIM_TYPE = {"duration": "duration", "length": "distance"}  # by the CLDR unit's kind


def ages(text: str) -> Iterator[Candidate]:
    """An age in parentheses after a name: "Jane Doe (37)" (one or two capitalised words
    before it; "(12)" after a lower-case word is not an age)."""
    for m in re.finditer(r"\((?P<n>\d{1,3})\)", text):
        start = m.start()
        for _ in range(2):
            word = re.search(rf"({WORD}){SP}+\Z", text[:start])
            if not word or not word.group(1)[:1].isupper():
                break
            start = word.start()
        if start < m.start():
            n = m.group("n")
            yield Candidate("", start, m.end(), "age", f"age {n}", n, "years")


def measures(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """A number with a unit word: durations, distances and other measures."""
    for m in re.finditer(rf"{lex.number}{SP}?(?P<u>{lex.unit})", text):
        written = m.group("u").lower()
        # A long unit word may carry a case ending CLDR does not list ("Tagen", "Kilometern").
        stems = (written[: len(written) - k] for k in range(3))
        key = next((stem for stem in stems if stem in lex.units), "")
        if key:
            uid, unit = lex.units[key]
            n = read_number(m.group("n"), lex, language)
            kind = CLAIM_TYPE.get(uid.split("-")[0], "number")
            yield Candidate("", m.start(), m.end(), kind, f"{kind} {n} {unit}", n, unit)


def counts(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """A number (in digits or words) before a word that is no unit, month or connector."""
    for m in re.finditer(rf"{lex.number}{SP}+(?P<w>{WORD})", text):
        noun = m.group("w")
        if len(noun) >= 3 and noun.lower() not in lex.not_counted:
            n = read_number(m.group("n"), lex, language)
            what = f"count {n} {noun}"
            yield Candidate("", m.start(), m.end(), "count", what, n, value_text=noun)


def plain(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """A number in digits that nothing stronger took."""
    for m in re.finditer(rf"(?<![\w.,:/-])(?P<n>{lex.digits})(?!\w|[.,:/]\d)", text):
        n = read_number(m.group("n"), lex, language)
        yield Candidate("", m.start(), m.end(), "number", f"number {n}", n)
