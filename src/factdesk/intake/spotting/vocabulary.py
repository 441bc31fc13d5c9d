"""Everything the spotters know of a language, from locale data and never from patterns
written for one language: month and weekday names, relative-time phrases ("over {0} weken")
and clock-time literals ("HH 'Uhr'") from CLDR (via Babel), number words from CLDR's
spell-out rules (via unicode-rbnf), unit words (:mod:`.units`); and reading a number as the
language writes it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import get_date_format, get_day_names, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol
from unicode_rbnf import RbnfEngine

from factdesk.intake.spotting.patterns import SP, alternation
from factdesk.intake.spotting.units import unit_forms, unit_words

__all__ = ["Lexicon", "lexicon", "read_number"]

RELATIVE_FIELDS = ("year", "month", "week", "day", "hour", "minute")


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    wide_months: dict[str, int]
    weekdays: dict[str, int]
    wide_weekdays: dict[str, int]
    base_weekdays: dict[int, str]
    numbers: dict[str, int]
    units: dict[str, tuple[str, str]]  # written form (lower) -> (CLDR unit id, unit column)
    not_counted: frozenset[str]  # words after a number that are not what it counts
    and_words: frozenset[str]  # the language's "and" (CLDR list patterns): "und", "en"
    digits: str  # regex of a number in digits
    number: str  # regex of a number (digits or words), group "n"
    unit: str  # regex of a unit word after a number
    clock: str  # regex of words after a clock time (Uhr, uur, h, pm)
    literals: frozenset[str]  # literals of the language's time formats ("Uhr", "h")
    periods: dict[str, str]  # am/pm word -> "am" | "pm"
    relative: tuple[tuple[re.Pattern, str, int], ...]  # regex, unit column, +1 after/-1 before
    date_order: str  # "dmy", "mdy", "ymd": numeric dates


def _names(getter, language: str, widths: Iterable[str], fold: bool = True) -> dict[str, int]:
    """Month or weekday names -> number; ``fold``: lower-cased, else as written and with a
    capital (sentence start), so that "may" is not the month "May"."""
    found: dict[str, int] = {}
    for width in widths:
        for context in ("format", "stand-alone"):
            for key, name in getter(width, context, language).items():
                for form in (name, name.rstrip(".")):
                    forms = (form.lower(),) if fold else (form, form[:1].upper() + form[1:])
                    for f in forms:
                        found.setdefault(f, key)
    return found


def _number_words(language: str) -> dict[str, int]:
    """Number words 2-100 and hundreds from CLDR's spell-out rules, in every form the language
    has (genders, cases); one is left out: it is also an article ("een", "ein", "a")."""
    try:
        engine = RbnfEngine.for_language(language)
    except ValueError:  # no spell-out rules for this language: digits only
        return {}
    words: dict[str, int] = {}
    for n in [*range(2, 101), *range(200, 1001, 100)]:
        for text in engine.format_number(n).text_by_ruleset.values():
            words.setdefault(text.lower(), n)
    return words


def _clock(locale: Locale, language: str) -> tuple[frozenset[str], dict[str, str], str]:
    """Words after a clock time: the literals of the language's time formats ("HH 'Uhr'",
    "HH 'h'"), am/pm where its clock is a 12-hour one, and its word for hours ("14.12 uur").
    Returns (literals, am/pm word -> "am" | "pm", regex of all of them)."""
    formats = [str(p.pattern) for p in locale.time_formats.values()]
    formats += [str(p.pattern) for k, p in locale._data["datetime_skeletons"].items() if "H" in k]
    literals = frozenset(lit for f in formats for lit in re.findall(r"'([^']+)'", f))
    periods: dict[str, str] = {}
    if "a" in str(locale.time_formats["short"].pattern):
        for width in ("abbreviated", "wide", "narrow"):
            for key in ("am", "pm"):
                name = locale.day_periods.get("format", {}).get(width, {}).get(key, "")
                plain = name.replace(".", "").lower()
                for form in (name, name.lower(), plain, ".".join(plain) + "." if plain else ""):
                    if form:
                        periods.setdefault(form, key)
    hours = unit_forms("duration-hour", "long", language)
    hours |= unit_forms("duration-hour", "short", language)
    return literals, periods, alternation([*literals, *periods, *hours])


def _relative_patterns(locale: Locale) -> tuple[tuple[re.Pattern, str, int], ...]:
    """CLDR's relative-time phrases ("over {0} weken", "{0} jaar geleden") as regexes whose
    group ``n`` is a word to be read as a number, with the unit column and +1 (after) or -1
    (before)."""
    found = []
    for field in RELATIVE_FIELDS:
        column = min(unit_forms(f"duration-{field}", "long", "en", (5,)), default="")
        for sign, direction in ((1, "future"), (-1, "past")):
            for pattern in locale._data["date_fields"].get(field, {}).get(direction, {}).values():
                before, _, after = (re.escape(p) for p in pattern.partition("{0}"))
                number = r"(?<![\w.,:/-])(?P<n>\w+(?:[.,\u00a0\u202f]\d+)*)"
                regex = rf"(?i:{before}){number}(?i:{after})(?!\w)".replace(r"\ ", SP + "+")
                found.append((re.compile(regex), column, sign))
    return tuple(found)


@cache
def lexicon(language: str, base_language: str) -> Lexicon:
    """Everything the spotter knows of a language, from locale data."""
    locale = Locale.parse(language)
    numbers = _number_words(language)
    units, unit = unit_words(language)
    decimal, group = re.escape(get_decimal_symbol(locale)), get_group_symbol(locale)
    group = "[\u00a0\u202f ]" if group.isspace() else re.escape(group)
    digits = rf"\d{{1,3}}(?:{group}\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?"
    number = rf"(?<![\w.,:/-])(?P<n>{digits}|(?i:{alternation(numbers)}))(?!\w|[.,:/]\d)"
    literals, periods, clock = _clock(locale, language)
    pattern = get_date_format("short", language).pattern
    order = "".join(c for c in dict.fromkeys(pattern.lower()) if c in "dmy")
    months = _names(get_month_names, language, ("wide", "abbreviated"))
    weekdays = _names(get_day_names, language, ("wide", "abbreviated"))
    # "und", "and", "en", "of": the words of the language's list patterns are no counted nouns.
    connectors = {
        word.lower()
        for kind in ("standard", "or")
        for text in locale.list_patterns.get(kind, {}).values()
        for word in re.findall(r"[^\W\d_]+", text)
    }
    return Lexicon(
        months=months,
        wide_months=_names(get_month_names, language, ("wide",), fold=False),
        weekdays=weekdays,
        wide_weekdays=_names(get_day_names, language, ("wide",), fold=False),
        base_weekdays=dict(get_day_names("wide", locale=base_language).items()),
        numbers=numbers,
        units=units,
        not_counted=frozenset({*months, *weekdays, *numbers, *units, *connectors}),
        and_words=frozenset(
            word.lower()
            for text in locale.list_patterns.get("standard", {}).values()
            for word in re.findall(r"[^\W\d_]+", text)
        ),
        digits=digits,
        number=number,
        unit=unit,
        clock=clock,
        literals=literals,
        periods=periods,
        relative=_relative_patterns(locale),
        date_order=order if sorted(order) == ["d", "m", "y"] else "dmy",
    )


def read_number(text: str, lex: Lexicon, language: str) -> str:
    """A number as the language writes it ("zwölf", "1.234,5") as the fact base writes it
    ("12", "1234.5"): no group separators, a decimal point, no trailing zeros."""
    if text.lower() in lex.numbers:
        value = Decimal(lex.numbers[text.lower()])
    else:
        group = get_group_symbol(language)
        plain = text.replace(group, "").replace("\u00a0", "").replace("\u202f", "")
        value = Decimal(plain.replace(get_decimal_symbol(language), "."))
    written = format(value, "f")
    return written.rstrip("0").rstrip(".") if "." in written else written
