"""Values read whole: fractions of a unit ("half uur", "the last half hour" is 30 minutes), a
duration written in parts ("3 Stunden und 17 Minuten" is one value, 197 minutes), the rest of
a list of counts ("three Americans, two Russians, a Japanese and a Frenchman"), and the hedge
in front of a value ("mehr als drei Minuten", "about two hours"), kept in the quote and in
``qualifier``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.numbers import CLAIM_TYPE
from factdesk.intake.spotting.patterns import SP, WORD, alternation
from factdesk.intake.spotting.vocabulary import Lexicon
from factdesk.language.words import Words

__all__ = ["count_lists", "fractions", "hedged", "join_durations", "smaller_units"]

# Each duration unit (the unit column's word) in the next smaller one, and how many it holds.
SMALLER = {
    "years": ("months", 12),
    "months": ("days", None),
    "weeks": ("days", 7),
    "days": ("hours", 24),
    "hours": ("minutes", 60),
    "minutes": ("seconds", 60),
}


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def fractions(text: str, lex: Lexicon, ws: Words) -> Iterator[Candidate]:
    """A fraction word before a unit: "half uur", "half an hour", "eineinhalb Stunden"."""
    if not ws.number_words:
        return
    regex = rf"(?i)(?<!\w)(?P<n>{alternation(ws.number_words)}){SP}+(?P<u>{lex.unit})"
    for m in re.finditer(regex, text):
        written = m.group("u").lower()
        key = next(
            (
                written[: len(written) - k]
                for k in range(3)
                if written[: len(written) - k] in lex.units
            ),
            "",
        )
        if not key:
            continue
        uid, unit = lex.units[key]
        n = _plain(Decimal(str(ws.number_words[m.group("n").lower()])))
        kind = CLAIM_TYPE.get(uid.split("-")[0], "number")
        yield Candidate("", m.start(), m.end(), kind, f"{kind} {n} {unit}", n, unit)


def smaller_units(c: Candidate) -> Candidate:
    """A duration that is a fraction of its unit in the next smaller unit (0.5 hours: 30
    minutes), when that makes it a whole number."""
    while c.claim_type == "duration" and c.unit in SMALLER and c.value_number:
        value = Decimal(c.value_number)
        smaller, factor = SMALLER[c.unit]
        if value == value.to_integral_value() or factor is None:
            break
        n = _plain(value * factor)
        c = replace(c, value_number=n, unit=smaller, spotted=f"duration {n} {smaller}")
    return c


def _seconds(unit: str) -> int | None:
    steps, seconds = ["seconds", "minutes", "hours", "days", "weeks"], 1
    factors = {"minutes": 60, "hours": 60, "days": 24, "weeks": 7}
    for step in steps:
        seconds *= factors.get(step, 1)
        if step == unit:
            return seconds
    return None


def join_durations(found: list[Candidate], text: str, lex: Lexicon) -> list[Candidate]:
    """Durations written in parts, joined only by a blank, a comma or the language's "and",
    as one value in the smallest unit: "3 Stunden und 17 Minuten" is 197 minutes."""
    joiner = re.compile(rf"{SP}*(?:,{SP}*|{SP}(?i:{alternation(lex.and_words)}){SP}+)?\Z")
    out: list[Candidate] = []
    for c in sorted(found, key=lambda c: c.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.claim_type == c.claim_type == "duration"
            and joiner.match(text[prev.end : c.start])
            and (a := _seconds(prev.unit))
            and (b := _seconds(c.unit))
            and a > b
        ):
            total = Decimal(prev.value_number) * a / b + Decimal(c.value_number)
            n = _plain(total)
            what = f"duration {n} {c.unit} ({prev.value_number} {prev.unit} and {c.value_number})"
            out[-1] = replace(prev, end=c.end, value_number=n, unit=c.unit, spotted=what)
            continue
        out.append(c)
    return out


def count_lists(found: list[Candidate], text: str, lex: Lexicon, ws: Words) -> list[Candidate]:
    """The items after a count in a list that count one with the language's word for "a"
    ("..., two Russians, a Japanese and a Frenchman"): a count of 1 each."""
    if not ws.one_words:
        return []
    ones = alternation(ws.one_words)
    item = re.compile(
        rf"(?:,{SP}*|{SP}+(?i:{alternation(lex.and_words)}){SP}+)"
        rf"(?:(?P<one>(?i:{ones}))|{lex.number}){SP}+(?P<w>{WORD})"
    )
    extra = []
    for c in found:
        if c.claim_type != "count":
            continue
        end = c.end
        while m := item.match(text, end):
            if m.group("one"):
                what = f"count 1 {m.group('w')} (in a list of counts)"
                start = m.start("one")
                extra.append(
                    Candidate("", start, m.end(), "count", what, "1", value_text=m.group("w"))
                )
            end = m.end()
    return extra


def hedged(c: Candidate, text: str, floor: int, ws: Words) -> Candidate:
    """The value with the hedge right before it ("ongeveer 430 kilometer") in its quote and
    in ``qualifier``; ``floor`` is where its sentence starts."""
    if not ws.hedges:
        return c
    m = re.search(rf"(?i)(?<![\w'’-])(?:{alternation(ws.hedges)}){SP}+\Z", text[floor : c.start])
    if not m:
        return c
    hedge = m.group().strip()
    qualifier = "; ".join(q for q in (hedge, c.qualifier) if q)
    meaning = ws.hedges[re.sub(rf"{SP}+", " ", hedge.lower())]
    what = f"{c.spotted}, hedged: {meaning}"
    return replace(c, start=floor + m.start(), qualifier=qualifier, spotted=what)
