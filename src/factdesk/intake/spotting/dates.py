"""Spotting dates: dates with a month name or in digits, relative dates ("over twee weken"),
years, and months or weekdays named alone; and reading a two-digit year."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.patterns import SP, alternation
from factdesk.intake.spotting.vocabulary import Lexicon, read_number

__all__ = ["dates", "full_year", "named", "reference_year", "relative", "years"]

YEAR = r"(?<![\w.,:/-])(?P<y>1[5-9]\d\d|20\d\d)(?!\w|[.,:/-]\d)"  # a plausible year, 1500-2099


def reference_year(header_date: str | None, texts: Iterable[str]) -> int | None:
    """The year an article's two-digit years are read against: the year of its ``date``
    header, else the latest year it writes in four digits, else None.

    Taken from the article itself, never from the clock: the engine reads no clock, so that
    the same article always gets the same review sheet (and an article from 1998 reads "97"
    as 1997 whatever year it is taken in)."""
    if header_date:
        return int(header_date[:4])
    written = [int(m.group("y")) for text in texts for m in re.finditer(YEAR, text)]
    return max(written, default=None)


def full_year(two_digits: int, reference: int | None) -> int:
    """A two-digit year as a full one: within the 100 years from 80 years before the article's
    year (``reference``) to 19 after it, as Java's and ICU's date parsers read them around
    today; without a reference, within 1930-2029 (Windows' and Excel's default window)."""
    if reference is None:
        return two_digits + (1900 if two_digits >= 30 else 2000)
    year = reference - reference % 100 + two_digits
    if year > reference + 19:
        return year - 100
    return year + 100 if year < reference - 80 else year


def dates(text: str, lex: Lexicon, reference: int | None) -> Iterator[Candidate]:
    """Dates with a month name (and a weekday, checked against the date), ISO dates and
    numeric dates in the language's order of day, month and year; a two-digit year is read
    with :func:`full_year`."""
    months, days = alternation(lex.months), alternation(lex.weekdays)
    weekday = rf"(?:(?P<w>(?i:{days})),?{SP}+)?"
    day, year = r"(?P<d>[0-3]?\d)", r"(?P<y>\d{4})"
    pieces = {"d": r"(?P<d>\d{1,2})", "m": r"(?P<m>\d{1,2})", "y": r"(?P<y>\d{4}|\d{2})"}
    first, second, third = (pieces[c] for c in lex.date_order)
    numeric = rf"(?<![\w.,:/-]){first}(?P<s>[./-]){second}(?P=s){third}(?!\w|[.,:/-]\d)"
    patterns = (
        rf"(?<!\w){weekday}{day}\.?{SP}+(?P<m>(?i:{months}))(?:{SP}+{year})?(?!\w)",
        rf"(?<!\w){weekday}(?P<m>(?i:{months})){SP}+{day}(?!\w)(?:,?{SP}+{year}(?!\w))?",
        rf"(?<!\w)(?P<m>(?i:{months})){SP}+{year}(?!\w)",
        r"(?<![\w.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\w|[.-]\d)",
        numeric,
    )
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            got = m.groupdict()
            month = int(got["m"]) if got["m"].isdigit() else lex.months[got["m"].lower()]
            year = int(got["y"]) if got.get("y") else None
            guessed = year is not None and year < 100 and reference is None
            if year is not None and year < 100:
                year = full_year(year, reference)
            try:
                day_ = date(year or 2000, month, int(got["d"])) if got.get("d") else None
            except ValueError:
                continue
            if day_ is None:
                value, what = f"{year}-{month:02d}", f"month {year}-{month:02d}"
            elif year is None:
                value, what = f"XXXX-{month:02d}-{day_.day:02d}", "day and month, year not stated"
            else:
                value, what = day_.isoformat(), f"date {day_.isoformat()}"
            remark = ""
            if guessed:
                remark = f"the century of {got['y']!r} is a guess: the article states no year"
            if got.get("w"):
                stated = lex.weekdays[got["w"].lower()]
                what += f", {lex.base_weekdays[stated]}"
                if year is not None and day_ is not None and day_.weekday() != stated:
                    mismatch = f"the weekday does not match {value} (a {day_:%A})"
                    remark = f"{remark}; {mismatch}" if remark else mismatch
            yield Candidate("", m.start(), m.end(), "date", what, value_text=value, remark=remark)


def relative(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """ "over twee weken", "vor 12 Tagen", "2 years ago": the language's relative-time phrases."""
    for regex, unit, sign in lex.relative:
        for m in regex.finditer(text):
            if not re.fullmatch(lex.number, m.group("n")):
                continue
            n = read_number(m.group("n"), lex, language)
            when = "after" if sign > 0 else "before"
            what = f"{n} {unit} {when} the publication date"
            remark = "relative to the publication date (not known at intake)"
            amount = sign * int(float(n)) if float(n).is_integer() else None
            yield Candidate("", m.start(), m.end(), "date", what, n, unit, remark=remark,
                            relative=(amount, unit) if amount is not None else None)  # fmt: skip


def years(text: str) -> Iterator[Candidate]:
    """A year alone (1500-2099)."""
    for m in re.finditer(YEAR, text):
        year = m.group("y")
        yield Candidate("", m.start(), m.end(), "date", f"year {year}", value_text=year)


def named(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """A month or weekday named alone ("in oktober", "am Sonntag"), spelled as the language
    spells it (so the English verb "may" is not the month "May")."""
    for m in re.finditer(rf"(?<!\w)(?:{alternation(lex.wide_months)})(?!\w)", text):
        month = lex.wide_months[m.group()]
        what, remark = f"month {month}, year not stated", "its year follows from the context"
        yield Candidate("", m.start(), m.end(), "date", what, value_text=f"XXXX-{month:02d}",
                        remark=remark)  # fmt: skip
    for m in re.finditer(rf"(?<!\w)(?:{alternation(lex.wide_weekdays)})(?!\w)", text):
        day = lex.base_weekdays[lex.wide_weekdays[m.group()]]
        remark = "its date follows from the publication date"
        yield Candidate("", m.start(), m.end(), "date", f"weekday ({day})", value_text=day,
                        remark=remark)  # fmt: skip
