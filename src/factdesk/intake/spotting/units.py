"""A language's words for units of measure after a number ("Tage", "Kilometern", "km"), from
CLDR's unit data as Babel formats it, with the English word the fact base writes."""

from __future__ import annotations

from babel.numbers import format_decimal
from babel.units import format_unit

from factdesk.intake.spotting.patterns import alternation

__all__ = ["UNITS", "unit_forms", "unit_words"]

# Units spotted after a number (CLDR unit ids; their words come from each language's data).
# Durations first: they win when a word is ambiguous. Left out: units whose words are also
# common words (inch "in", point, cup, stone, ...).
UNITS = (
    "duration-century", "duration-decade", "duration-year", "duration-month", "duration-week",
    "duration-day", "duration-hour", "duration-minute", "duration-second",
    "length-kilometer", "length-meter", "length-centimeter", "length-millimeter",
    "length-mile", "length-nautical-mile", "length-foot", "length-yard", "length-light-year",
    "mass-tonne", "mass-kilogram", "mass-gram", "mass-pound",
    "speed-kilometer-per-hour", "speed-mile-per-hour", "speed-meter-per-second", "speed-knot",
    "temperature-celsius", "temperature-fahrenheit",
    "area-square-kilometer", "area-square-meter", "area-hectare",
    "volume-liter", "volume-cubic-meter",
)  # fmt: skip


def unit_forms(uid: str, length: str, language: str, counts=(1, 2, 3, 5, 11, 21, 1.5)) -> set[str]:
    """The words of a CLDR unit in a language ("Tag", "Tage"), as Babel formats it after a
    number, for numbers of every plural category; only units written after the number."""
    forms = set()
    for n in counts:
        number = format_decimal(n, locale=language)
        text = format_unit(n, uid, length=length, locale=language)
        form = text[len(number) :].strip(" \u00a0\u202f") if text.startswith(number) else ""
        if form and form != uid:  # Babel writes the unit id when the language has no word
            forms.add(form)
    return forms


def unit_words(language: str) -> tuple[dict[str, tuple[str, str]], str]:
    """The language's words for :data:`UNITS` (lower-cased -> (unit id, unit column)) and a
    regex of them after a number. The column is the English word the fact base uses (``days``
    for durations, as claims.csv's plausible ranges name them; ``km`` for the others)."""
    units: dict[str, tuple[str, str]] = {}
    long_forms: set[str] = set()
    short_forms: set[str] = set()
    for uid in UNITS:
        english = "long" if uid.startswith("duration-") else "short"
        column = min(unit_forms(uid, english, "en", (5,)), default="")
        for length, forms in (("long", long_forms), ("short", short_forms)):
            for form in unit_forms(uid, length, language):
                units.setdefault(form.lower(), (uid, column))
                forms.add(form)
    # Long words match in any case and may carry a case ending (\w{0,2}); symbols exactly.
    words = alternation(f for f in long_forms if f[-1].isalpha())
    rest = alternation([*(f for f in long_forms if not f[-1].isalpha()), *short_forms])
    return units, rf"(?:(?i:{words})\w{{0,2}}|{rest})(?!\w)"
