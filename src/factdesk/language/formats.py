"""Dates, times, numbers and durations in a report's language and time zone, by Babel (CLDR).

The same CLDR data gives plotly its locale (month and day names, decimal and thousands
separators), so chart axes read like the text around them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

import pandas as pd
from babel import Locale
from babel.dates import (
    format_date,
    format_skeleton,
    get_datetime_format,
    get_day_names,
    get_month_names,
    get_period_names,
    get_timezone,
    get_timezone_name,
)
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from babel.units import format_unit


def zone_name(zone: str, language: str) -> str:
    """A time zone as a reader knows it, in ``language`` (CLDR's generic name: "Central
    European Time", "Midden-Europese tijd", "Moscow Time"); UTC as "UTC"."""
    if zone in ("UTC", "Etc/UTC"):
        return "UTC"
    return get_timezone_name(get_timezone(zone), locale=language)


def zone_abbreviation(
    moment: pd.Timestamp | datetime, zone: ZoneInfo, language: str | None = None
) -> str:
    """The zone's abbreviation at that moment as readers of ``language`` write it: CLDR's
    short name where the language has one (German ``MESZ``, Dutch ``CEST``), else the tz
    database's (``CEST``, ``MSK``), never a bare offset."""
    local = pd.Timestamp(moment).tz_convert(zone)
    if language:
        name = get_timezone_name(local.to_pydatetime(), "short", locale=language)
        if not _OFFSET_ONLY.match(name):
            return name
    return local.tzname() or str(zone)


_OFFSET_ONLY = re.compile(r"^(GMT|UTC)?[+-−]\d")  # CLDR's fallback: no name of its own


CLOCK = {"second": "%H:%M:%S"}  # any coarser precision: hours and minutes


def when(
    moment: pd.Timestamp | datetime, language: str, zone: ZoneInfo, precision: str = "minute"
) -> str:
    """Date and time in ``zone`` as CLDR writes them in ``language`` (long date, 24-hour
    time) with the zone's abbreviation: ``October 5, 2021, 14:22 CEST``,
    ``5 oktober 2021, 14:22 CEST``, ``5. Oktober 2021, 14:22 MESZ``; a time known to the
    second shows its seconds."""
    local = pd.Timestamp(moment).tz_convert(zone)
    joined = get_datetime_format("medium", locale=language)
    shown = local.strftime(CLOCK.get(precision, "%H:%M"))
    text = joined.replace("{1}", day(local, language)).replace("{0}", shown)
    return f"{text} {zone_abbreviation(local, zone, language)}"


def clock(
    moment: pd.Timestamp | datetime, language: str, zone: ZoneInfo, precision: str = "minute"
) -> str:
    """Just the time of day with the zone: ``14:22 CEST``, ``14:22:31 CEST`` (to the second)."""
    local = pd.Timestamp(moment).tz_convert(zone)
    shown = local.strftime(CLOCK.get(precision, "%H:%M"))
    return f"{shown} {zone_abbreviation(local, zone, language)}"


PRECISION_SKELETONS = {"month": "yMMMM", "year": "y"}


def day(
    value: pd.Timestamp | date | datetime | None, language: str, precision: str = "day"
) -> str:
    """A calendar date as CLDR writes it in ``language`` (``October 5, 2021``, ``5 oktober
    2021``, ``5. Oktober 2021``), only as precise as it is known: ``precision`` ``month``
    gives ``October 2021``, ``year`` gives ``2021``. Unknown dates are empty."""
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    if precision in PRECISION_SKELETONS:
        return format_skeleton(PRECISION_SKELETONS[precision], stamp.to_pydatetime(),
                               locale=language)  # fmt: skip
    return format_date(stamp.date(), "long", locale=language)


def number(value: float, language: str, digits: int = 1) -> str:
    """A number with the language's decimal mark: ``11.8`` / ``11,8``."""
    return format_decimal(round(float(value), digits), locale=language)


DURATION_PARTS = (
    ("duration-day", 86400),
    ("duration-hour", 3600),
    ("duration-minute", 60),
    ("duration-second", 1),
)
FINEST = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def duration(delta: pd.Timedelta, language: str, precision: str = "minute") -> str:
    """A duration in days, hours, minutes (and seconds, to ``precision``), unit names by CLDR:
    ``3 hr 27 min``, ``3 uur 27 min``, ``11 days 19 hr 40 min``; rounded once, to the
    precision; zero parts are left out (``2 h``)."""
    step = FINEST.get(precision, 60)
    rest = int(round(delta.total_seconds() / step)) * step
    parts = []
    for unit, seconds in DURATION_PARTS:
        if seconds < step:
            break
        value, rest = divmod(rest, seconds)
        if value:
            parts.append(format_unit(value, unit, length="short", locale=language))
    if not parts:
        unit = next(u for u, s in DURATION_PARTS if s == step)
        parts = [format_unit(0, unit, length="short", locale=language)]
    return " ".join(parts)  # CLDR's unit list patterns are incomplete for some locales (nl)


def quantity(value: float, unit: str, language: str) -> str:
    """A number with its unit, as the language writes it, plural by CLDR (the catalog's
    ``unit.<code>`` forms): ``12 days``, ``1 dag``, ``419,98 km``."""
    from factdesk.language.catalog import Catalog

    shown = float(value)
    shown = int(shown) if shown.is_integer() else round(shown, 2)
    if not unit:
        return format_decimal(shown, locale=language)
    return Catalog(language).text(f"unit.{unit}", n=shown)


def days(value: float, language: str) -> str:
    """A number of days with its unit (``11.8 days`` / ``11,8 dagen``), plural by CLDR."""
    return format_unit(round(float(value), 1), "duration-day", length="short", locale=language)


def language_name(language: str, in_language: str | None = None) -> str:
    """A language's name in ``in_language`` (default: in itself, ``Nederlands``, for language
    switches; ``Engels`` for English text on a Dutch page)."""
    shown = Locale.parse(language).get_display_name(in_language or language)
    return shown.capitalize() if in_language is None else shown


def separators(language: str) -> str:
    """plotly's ``layout.separators``: the decimal mark then the thousands separator."""
    return get_decimal_symbol(language) + get_group_symbol(language)


_D3 = [("MMMM", "%B"), ("MMM", "%b"), ("LLL", "%b"), ("dd", "%d"), ("d", "%-d"), ("y", "%Y")]


def _d3(locale: Locale, skeleton: str) -> str:
    """A CLDR date skeleton's pattern for ``locale`` as a d3 time format (``d MMM y`` ->
    ``%-d %b %Y``); only the fields the skeletons above use."""
    pattern = str(locale.datetime_skeletons[skeleton].pattern)
    out, i = "", 0
    while i < len(pattern):
        for cldr, d3 in _D3:
            if pattern.startswith(cldr, i):
                out, i = out + d3, i + len(cldr)
                break
        else:
            out, i = out + pattern[i].replace("'", ""), i + 1
    return out


@cache
def plotly_locale(language: str) -> dict:
    """A plotly.js locale module built from CLDR (``Plotly.register`` it and set
    ``config.locale``): month and day names for date axes, number separators. Built from
    Babel rather than vendored from plotly.js-locales so every language Babel knows works."""
    locale = Locale.parse(language)
    months = get_month_names("wide", locale=locale)
    short_months = get_month_names("abbreviated", locale=locale)
    week = get_day_names("wide", locale=locale)
    short_week = get_day_names("abbreviated", locale=locale)
    periods = get_period_names("abbreviated", locale=locale)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Babel: 0 = Monday; d3: 0 = Sunday
    return {
        "moduleType": "locale",
        "name": language,
        "dictionary": {},
        "format": {
            "days": [week[i] for i in sunday_first],
            "shortDays": [short_week[i] for i in sunday_first],
            "months": [months[i] for i in range(1, 13)],
            "shortMonths": [short_months[i].rstrip(".") for i in range(1, 13)],
            "periods": [periods.get("am", "AM"), periods.get("pm", "PM")],
            "dateTime": "%a %e %b %Y %X",
            "date": "%d-%m-%Y",
            "time": "%H:%M:%S",
            "decimal": get_decimal_symbol(locale),
            "thousands": get_group_symbol(locale),
            "grouping": [3],
            "currency": ["", ""],
            # The formats plotly's date axes use for ticks, from CLDR's skeletons.
            "year": _d3(locale, "y"),
            "month": _d3(locale, "yMMM"),
            "dayMonth": _d3(locale, "MMMd"),
            "dayMonthYear": _d3(locale, "yMMMd"),
        },
    }
