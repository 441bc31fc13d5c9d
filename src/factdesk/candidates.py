"""Candidate claims that a machine can spot in a cleaned article, for a journalist to accept,
edit or delete: dates, weekdays, clock times with their zone words, durations and other
numbers with units, ages, counts, years, plain numbers and quoted speech.

Every word list comes from locale data, never from patterns written for one language: month
and weekday names, unit words, relative-time phrases ("over {0} weken"), clock-time literals
("HH 'Uhr'") and zone names from CLDR (via Babel), number words from CLDR's spell-out rules
(via unicode-rbnf), zone abbreviations (CEST, MSK, EDT, ...) from the IANA tz database, whose
``zone.tab`` lists a country's most populous zone first.

A candidate's span is the shortest verbatim stretch of the cleaned text that carries the value
(e.g. ``14.12 Uhr MESZ``, ``Julia Peresild (37)``), lengthened only when a shorter one would
first occur elsewhere in the article (a quote is located at its first occurrence).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo

from babel import Locale
from babel.core import get_global
from babel.dates import get_date_format, get_day_names, get_month_names
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from babel.units import format_unit
from unicode_rbnf import RbnfEngine

from factdesk.articles import CleanArticle, Sentence

__all__ = ["Candidate", "spot"]

SP = r"[^\S\n]"  # whitespace inside a paragraph
WORD = r"[^\W\d_][\w'’-]*"
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
CLAIM_TYPE = {"duration": "duration", "length": "distance"}
RELATIVE_FIELDS = ("year", "month", "week", "day", "hour", "minute")
QUOTE_MARKS = (
    ("„", "“”"), ("“", "”"), ("”", "”"), ("‘", "’"), ("‚", "‘’"), ("«", "»"), ("»", "«"),
    ("‹", "›"), ('"', '"'), (",,", "”“"), ("'", "'"),
)  # fmt: skip
MIN_QUOTE_WORDS = 3  # shorter quoted bits are titles or scare quotes ("‘burgervlucht’")


@dataclass(frozen=True)
class Candidate:
    """One spotted value: where it is (``part``, ``start``, ``end`` in that part's clean
    text), its claim type and parsed value, and what was spotted (for the note)."""

    part: str
    start: int
    end: int
    claim_type: str
    spotted: str
    value_number: str = ""
    unit: str = ""
    value_timezone: str = ""
    value_text: str = ""
    remark: str = ""
    priority: int = 0


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (spaces match any blank)."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", SP + "+") for w in ordered) or r"(?!x)x"


def _unit_forms(
    uid: str, length: str, language: str, counts=(1, 2, 3, 5, 11, 21, 1.5)
) -> set[str]:
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


def _number_text(value: Decimal | int) -> str:
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the time-zone table -------------------------------------------------------------------


@cache
def _tz_table(name: str) -> tuple[tuple[str, str], ...]:
    """(countries, zone) rows of a table of the tz database (``zone.tab``, ``zone1970.tab``),
    from the tzdata package that zoneinfo falls back to, else from the system's copy."""
    places = [Path(p) / name for p in TZPATH]
    try:
        import tzdata

        places.insert(0, Path(tzdata.__file__).parent / "zoneinfo" / name)
    except ImportError:
        pass
    for place in places:
        if place.is_file():
            rows = [line.split("\t") for line in place.read_text(encoding="utf-8").splitlines()]
            return tuple((r[0], r[2]) for r in rows if len(r) >= 3 and not r[0].startswith("#"))
    return ()


def _zone_tab() -> tuple[tuple[str, str], ...]:
    """(country, zone), a country's most populous zone first (zone.tab's order)."""
    return _tz_table("zone.tab")


@cache
def _rank() -> Callable[[str], tuple]:
    """Sort key for zones that keep the same time, the best example first: the zones CLDR names
    for the Windows time zones (Europe/Berlin for "W. Europe", Europe/Moscow for "Russian"),
    then the zones most countries keep (zone1970.tab), then by name."""
    aliases = get_global("zone_aliases")
    prominent = {aliases.get(z, z) for z in get_global("windows_zone_mapping").values()}
    reach = {zone: len(cc.split(",")) for cc, zone in _tz_table("zone1970.tab")}
    return lambda z: (aliases.get(z, z) not in prominent, -reach.get(z, 0), z)


def _moments(zone: str) -> tuple[datetime, datetime]:
    """Noon on 15 January and 15 July this year in a zone: its winter and its summer time."""
    year = datetime.now().year
    return tuple(datetime(year, m, 15, 12, tzinfo=ZoneInfo(zone)) for m in (1, 7))


@cache
def _offsets(zone: str) -> tuple[timedelta, timedelta]:
    """(standard, daylight) UTC offsets of a zone this year (equal where there is no DST)."""
    pair = [moment.utcoffset() or timedelta() for moment in _moments(zone)]
    return min(pair), max(pair)


def _utc(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _pick(zones: set[str], home: str, means: Callable[[str], object]) -> tuple[str, str]:
    """The zone a word most likely names: the article country's, else (when all zones agree
    on ``means``, the offset the word stands for) the best example (:func:`_rank`); else
    ("", why)."""
    for cc, zone in _zone_tab():
        if cc == home and zone in zones:
            return zone, ""
    if len({means(z) for z in zones}) > 1:
        return "", "ambiguous: " + ", ".join(sorted(zones)[:4])
    return min(zones, key=_rank()) if zones else "", ""


@dataclass(frozen=True)
class ZoneWord:
    zone: str
    offset: str  # "UTC+02:00" when the word names standard or daylight time
    why: str = ""  # why no zone was chosen


@cache
def _territory_zone(cc: str) -> str:
    """The zone of a country whose zones all keep the same time, else ""."""
    zones = [z for c, z in _zone_tab() if c == cc]
    return zones[0] if zones and len({_offsets(z) for z in zones}) == 1 else ""


@cache
def zone_words(language: str) -> tuple[re.Pattern, re.Pattern, dict[str, ZoneWord]]:
    """Zone words of a language: a case-insensitive regex of phrases (metazone names, cities,
    countries and languages with the word for "time"), a case-sensitive regex of
    abbreviations (CLDR and IANA), and what each word means."""
    locale = Locale.parse(language)
    home = _home(language)
    tab_zones = {z for _, z in _zone_tab()}
    meaning: dict[str, ZoneWord] = {}
    abbreviations: set[str] = set()
    # IANA abbreviations (CEST, MSK, EDT): the zones that use each, and its offset there.
    users: dict[str, set[str]] = {}
    for zone in tab_zones | {"Etc/UTC", "Etc/GMT"}:
        for moment in _moments(zone):
            if re.fullmatch(r"[A-Z]{2,5}", name := moment.tzname() or ""):
                users.setdefault(name, set()).add(zone)
    for name, zones in users.items():

        def means(zone: str, name: str = name) -> frozenset:
            return frozenset(m.utcoffset() for m in _moments(zone) if m.tzname() == name)

        zone, why = (f"Etc/{name}", "") if f"Etc/{name}" in zones else _pick(zones, home, means)
        used = sorted(means(zone)) if zone else []
        meaning[name] = ZoneWord(zone, _utc(used[0]) if used else "", why)
        abbreviations.add(name)
    # CLDR metazone names in the language ("MESZ", "Mitteleuropäische Sommerzeit").
    metazone_of = get_global("meta_zones")
    phrases: set[str] = set()
    for metazone, names in locale._data["meta_zones"].items():
        zones = {z for z in tab_zones if metazone_of.get(z) == metazone}
        # Zones of one metazone agree on standard time (Algiers keeps CET without summer time).
        zone, why = _pick(zones, home, lambda z: _offsets(z)[0]) if zones else ("", "")
        for width in ("short", "long"):
            # "MEZ" is both the generic and the standard name: the standard one, with its offset.
            for variant in ("standard", "daylight", "generic"):
                name = names.get(width, {}).get(variant)
                if not name or not (zone or why):
                    continue
                pair = _offsets(zone) if zone else None
                offset = {"standard": 0, "daylight": 1}.get(variant)
                text = _utc(pair[offset]) if pair and offset is not None else ""
                key = name if width == "short" else name.lower()
                meaning.setdefault(key, ZoneWord(zone, text, why))
                (abbreviations if width == "short" else phrases).add(name)
    # Cities, countries and the languages of one-zone countries, with the word for "time".
    named: dict[str, str] = {}
    for zone in sorted(tab_zones):
        # The exemplar city ("Moskou"), as babel.dates.get_timezone_location(..., return_city=True)
        # finds it, read directly: that function re-reads the zone formats on every call.
        city = locale.time_zones.get(zone, {}).get("city") or zone.split("/")[-1]
        named.setdefault(city.replace("_", " ").lower(), zone)
    for cc, name in locale.territories.items():
        if _territory_zone(cc):
            named.setdefault(name.lower(), _territory_zone(cc))
    likely = get_global("likely_subtags")
    for code, name in locale.languages.items():
        cc = likely.get(code, "").split("_")[-1] if re.fullmatch("[a-z]{2,3}", code) else ""
        if cc and _territory_zone(cc):
            named.setdefault(name.lower(), _territory_zone(cc))
    named = {k: v for k, v in named.items() if len(k) >= 4}
    for name, zone in named.items():
        meaning.setdefault(name, ZoneWord(zone, ""))
    names = _alt(named)
    forms = [_alt(phrases)]
    word = _time_word(locale)
    if word:
        w = re.escape(word)
        forms += [rf"(?:{names})\w*[ -]{w}\b", rf"{w}[ -](?:\w+[ '’])?(?:{names})\w*"]
    region = locale._data["zone_formats"].get("region", "")
    if "%s" in region:
        before, after = (re.escape(p) for p in region.split("%s", 1))
        forms.append(f"{before}(?:{names}){after}")
    phrase_re = re.compile(f"(?i:{'|'.join(forms)})(?!\\w)")
    abbr_re = re.compile(rf"(?<!\w)(?:{_alt(abbreviations)})(?!\w)")
    return phrase_re, abbr_re, meaning


def _time_word(locale: Locale) -> str:
    """The language's word for a zone's "time" (Zeit, tijd, heure): the longest word in at
    least half of its long metazone names."""
    counts: Counter[str] = Counter()
    names = [v.get("long", {}) for v in locale._data["meta_zones"].values()]
    for long in names:
        text = long.get("generic") or long.get("standard") or ""
        counts.update(set(re.findall(r"\w+", text)))
    frequent = [w for w, n in counts.items() if n >= len(names) / 2]
    return max(frequent, key=len) if frequent else ""


def _zone_at(text: str, pos: int, language: str) -> tuple[int, str, ZoneWord] | None:
    """A zone word right at ``pos`` (blanks and an opening parenthesis allowed before it):
    (end, the word as written, its meaning)."""
    phrase_re, abbr_re, meaning = zone_words(language)
    lead = re.compile(rf"{SP}*(\(?)").match(text, pos)
    start = lead.end()
    for regex in (phrase_re, abbr_re):
        hit = regex.match(text, start)
        if hit:
            word = hit.group()
            found = meaning.get(word) or meaning.get(word.lower())
            if found is None:  # a stem phrase: the longest known name inside it
                lower = word.lower()
                key = max((k for k in meaning if k.islower() and k in lower), key=len, default="")
                if not key:
                    continue
                found = meaning[key]
            end = hit.end() + (
                1 if lead.group(1) and text[hit.end() : hit.end() + 1] == ")" else 0
            )
            return end, word, found
    return None


# --- the language's words ------------------------------------------------------------------


def _home(language: str) -> str:
    """The country a language is most likely written in (nl -> NL), from CLDR."""
    return get_global("likely_subtags").get(language, "").split("_")[-1]


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


def _units(language: str) -> tuple[dict[str, tuple[str, str]], str]:
    """The language's words for :data:`UNITS` (lower-cased -> (unit id, unit column)) and a
    regex of them after a number. The column is the English word the fact base uses (``days``
    for durations, as claims.csv's plausible ranges name them; ``km`` for the others)."""
    units: dict[str, tuple[str, str]] = {}
    long_forms: set[str] = set()
    short_forms: set[str] = set()
    for uid in UNITS:
        english = "long" if uid.startswith("duration-") else "short"
        column = min(_unit_forms(uid, english, "en", (5,)), default="")
        for length, forms in (("long", long_forms), ("short", short_forms)):
            for form in _unit_forms(uid, length, language):
                units.setdefault(form.lower(), (uid, column))
                forms.add(form)
    # Long words match in any case and may carry a case ending (\w{0,2}); symbols exactly.
    words = _alt(f for f in long_forms if f[-1].isalpha())
    rest = _alt([*(f for f in long_forms if not f[-1].isalpha()), *short_forms])
    return units, rf"(?:(?i:{words})\w{{0,2}}|{rest})(?!\w)"


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
    hours = _unit_forms("duration-hour", "long", language)
    hours |= _unit_forms("duration-hour", "short", language)
    return literals, periods, _alt([*literals, *periods, *hours])


def _relative_patterns(locale: Locale) -> tuple[tuple[re.Pattern, str, int], ...]:
    """CLDR's relative-time phrases ("over {0} weken", "{0} jaar geleden") as regexes whose
    group ``n`` is a word to be read as a number, with the unit column and +1 (after) or -1
    (before)."""
    found = []
    for field in RELATIVE_FIELDS:
        column = min(_unit_forms(f"duration-{field}", "long", "en", (5,)), default="")
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
    units, unit = _units(language)
    decimal, group = re.escape(get_decimal_symbol(locale)), get_group_symbol(locale)
    group = "[\u00a0\u202f ]" if group.isspace() else re.escape(group)
    digits = rf"\d{{1,3}}(?:{group}\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?"
    number = rf"(?<![\w.,:/-])(?P<n>{digits}|(?i:{_alt(numbers)}))(?!\w|[.,:/]\d)"
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
        digits=digits,
        number=number,
        unit=unit,
        clock=clock,
        literals=literals,
        periods=periods,
        relative=_relative_patterns(locale),
        date_order=order if sorted(order) == ["d", "m", "y"] else "dmy",
    )


def _value(text: str, lex: Lexicon, language: str) -> Decimal:
    if text.lower() in lex.numbers:
        return Decimal(lex.numbers[text.lower()])
    group = get_group_symbol(language)
    plain = text.replace(group, "").replace("\u00a0", "").replace("\u202f", "")
    return Decimal(plain.replace(get_decimal_symbol(language), "."))


# --- spotting ------------------------------------------------------------------------------


def _dates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """Dates with a month name (and a weekday, checked against the date), ISO dates and
    numeric dates in the language's order of day, month and year."""
    months, days = _alt(lex.months), _alt(lex.weekdays)
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
            if year is not None and year < 100:
                year += 2000 if year <= datetime.now().year % 100 else 1900
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
            if got.get("w"):
                named = lex.weekdays[got["w"].lower()]
                what += f", {lex.base_weekdays[named]}"
                if year is not None and day_ is not None and day_.weekday() != named:
                    remark = f"the weekday does not match {value} (a {day_:%A})"
            yield Candidate("", m.start(), m.end(), "date", what, value_text=value, remark=remark)


def _times(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """Clock times: HH:MM always; HH.MM, "14 h 12" and "14 Uhr" only with a clock word or a
    zone word after them (else "14.12" may be a number or a date), with the zone word read."""
    literal = _alt(lex.literals)
    core = re.compile(
        rf"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])"
        rf"(?:(?P<sep>:|\.|{SP}?(?:{literal}){SP}?)(?P<m>[0-5]\d))?(?!\w|[.,:]\d)"
    )
    tail = re.compile(rf"{SP}*(?P<c>{lex.clock})(?!\w)")
    for m in core.finditer(text):
        after = tail.match(text, m.end())
        word = after.group("c") if after else ""
        zone = _zone_at(text, after.end() if after else m.end(), language)
        sep, period = (m.group("sep") or "").strip(), lex.periods.get(word)
        if m.group("m") is None:
            ok = word in lex.literals or period is not None
        else:
            ok = sep == ":" or sep in lex.literals or bool(word) or zone is not None
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        if not ok or (period and not 1 <= hour <= 12):
            continue
        if period == "pm" and hour < 12:
            hour += 12
        elif period == "am" and hour == 12:
            hour = 0
        clock = f"{hour:02d}:{minute:02d}"
        end = zone[0] if zone else (after.end() if after else m.end())
        if zone and zone[2].zone:
            offset = f", {zone[2].offset}" if zone[2].offset else ""
            what = f"clock time {clock}, zone word {zone[1]!r} = {zone[2].zone}{offset}"
            remark = "set value_time (date and offset) once the publication date is known"
        elif zone:
            what = f"clock time {clock}, zone word {zone[1]!r} ({zone[2].why})"
            remark = "pick value_timezone; set value_time once the publication date is known"
        else:
            what = f"clock time {clock}, no zone word"
            remark = "no zone word: value_timezone left empty; value_time needs the date"
        tz = zone[2].zone if zone else ""
        yield Candidate("", m.start(), end, "time", what, "", "", tz, clock, remark)


def _relative(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """ "over twee weken", "vor 12 Tagen", "2 years ago": the language's relative-time phrases."""
    for regex, unit, sign in lex.relative:
        for m in regex.finditer(text):
            if not re.fullmatch(lex.number, m.group("n")):
                continue
            n = _number_text(_value(m.group("n"), lex, language))
            when = "after" if sign > 0 else "before"
            what = f"{n} {unit} {when} the publication date"
            remark = "relative to the publication date (not known at intake)"
            yield Candidate("", m.start(), m.end(), "date", what, n, unit, remark=remark)


def _ages(text: str) -> Iterator[Candidate]:
    """An age in parentheses after a name: "Julia Peresild (37)" (one or two capitalised
    words before it; "(12)" after a lower-case word is not an age)."""
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


def _measures(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """A number with a unit word: durations, distances and other measures."""
    for m in re.finditer(rf"{lex.number}{SP}?(?P<u>{lex.unit})", text):
        written = m.group("u").lower()
        # A long unit word may carry a case ending CLDR does not list ("Tagen", "Kilometern").
        stems = (written[: len(written) - k] for k in range(3))
        key = next((stem for stem in stems if stem in lex.units), "")
        if key:
            uid, unit = lex.units[key]
            n = _number_text(_value(m.group("n"), lex, language))
            kind = CLAIM_TYPE.get(uid.split("-")[0], "number")
            yield Candidate("", m.start(), m.end(), kind, f"{kind} {n} {unit}", n, unit)


def _years(text: str) -> Iterator[Candidate]:
    for m in re.finditer(r"(?<![\w.,:/-])(?P<y>1[5-9]\d\d|20\d\d)(?!\w|[.,:/-]\d)", text):
        year = m.group("y")
        yield Candidate("", m.start(), m.end(), "date", f"year {year}", value_text=year)


def _counts(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """A number (in digits or words) before a word that is no unit, month or connector."""
    for m in re.finditer(rf"{lex.number}{SP}+(?P<w>{WORD})", text):
        noun = m.group("w")
        if len(noun) >= 3 and noun.lower() not in lex.not_counted:
            n = _number_text(_value(m.group("n"), lex, language))
            what = f"count {n} {noun}"
            yield Candidate("", m.start(), m.end(), "count", what, n, value_text=noun)


def _plain(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    for m in re.finditer(rf"(?<![\w.,:/-])(?P<n>{lex.digits})(?!\w|[.,:/]\d)", text):
        n = _number_text(_value(m.group("n"), lex, language))
        yield Candidate("", m.start(), m.end(), "number", f"number {n}", n)


def _named(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """A month or weekday named alone ("in oktober", "am Sonntag"), spelled as the language
    spells it (so the English verb "may" is not the month "May")."""
    for m in re.finditer(rf"(?<!\w)(?:{_alt(lex.wide_months)})(?!\w)", text):
        month = lex.wide_months[m.group()]
        what, remark = f"month {month}, year not stated", "its year follows from the context"
        yield Candidate("", m.start(), m.end(), "date", what, value_text=f"XXXX-{month:02d}",
                        remark=remark)  # fmt: skip
    for m in re.finditer(rf"(?<!\w)(?:{_alt(lex.wide_weekdays)})(?!\w)", text):
        day = lex.base_weekdays[lex.wide_weekdays[m.group()]]
        remark = "its date follows from the publication date"
        yield Candidate("", m.start(), m.end(), "date", f"weekday ({day})", value_text=day,
                        remark=remark)  # fmt: skip


# Spotters from the strongest to the weakest: where two spans overlap, the earlier one wins
# (a date beats the year inside it, a clock time the numbers in it, a duration the count).
SPOTTERS = (
    lambda text, lex, language: _dates(text, lex),
    _times,
    _relative,
    lambda text, lex, language: _ages(text),
    _measures,
    lambda text, lex, language: _years(text),
    _counts,
    _plain,
    lambda text, lex, language: _named(text, lex),
)


def _quotes(text: str) -> list[Candidate]:
    """Quoted speech between any common pair of quote marks, leftmost-longest first."""
    found = []
    for opening, closing in QUOTE_MARKS:
        close = f"[{re.escape(closing)}]"
        regex = rf"(?<!\w){re.escape(opening)}(?=\S)(?P<q>[^\n]+?)(?<=\S){close}(?!\w)"
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


def _first(article: CleanArticle, quote: str) -> tuple[str, int]:
    for part, text in article.texts.items():
        if (at := text.find(quote)) >= 0:
            return part, at
    return "", -1


def _unique(article: CleanArticle, c: Candidate) -> Candidate:
    """Lengthen a span by whole words until its first occurrence in the article is itself, so
    that the quote locates (and covers) the sentence it was spotted in."""
    text, start, end = article.part_text(c.part), c.start, c.end
    while _first(article, text[start:end]) != (c.part, start):
        right = re.compile(rf"{SP}*[^\s]+").match(text, end)
        left = re.search(rf"[^\s]+{SP}*\Z", text[:start])
        if right:
            end = right.end()
        elif left:
            start = left.start()
        else:
            break
    return replace(c, start=start, end=end)


def _sentence(article: CleanArticle, c: Candidate) -> Sentence:
    inside = [s for s in article.sentences if s.part == c.part and s.start <= c.start]
    return inside[-1] if inside else next(s for s in article.sentences if s.part == c.part)


def spot(article: CleanArticle, language: str, base_language: str) -> list[tuple[Candidate, str]]:
    """Every candidate of a cleaned article in reading order, with the id of the sentence it
    starts in. Values overlap-free by priority (a date beats the year inside it); quoted
    speech may hold values."""
    lex = lexicon(language, base_language)
    found: list[Candidate] = []
    for part, text in article.texts.items():
        spotted = [
            replace(c, priority=rank)
            for rank, spotter in enumerate(SPOTTERS)
            for c in spotter(text, lex, language)
        ]
        taken: list[Candidate] = []
        for c in sorted(spotted, key=lambda c: (c.priority, c.start, c.start - c.end)):
            if all(c.end <= t.start or t.end <= c.start for t in taken):
                taken.append(c)
        found += [replace(c, part=part) for c in (*taken, *_quotes(text))]
    order = {part: n for n, part in enumerate(article.texts)}
    found.sort(key=lambda c: (order[c.part], c.start, c.end))
    return [(u, _sentence(article, u).sentence_id) for u in (_unique(article, c) for c in found)]
