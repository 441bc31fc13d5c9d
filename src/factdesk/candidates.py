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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo

from babel import Locale
from babel.core import get_global
from babel.dates import get_date_format, get_day_names, get_month_names, get_timezone_location
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from babel.units import format_unit

from factdesk.articles import CleanArticle, Sentence

__all__ = ["Candidate", "spot"]

SP = r"[^\S\n]"  # whitespace inside a paragraph
WORD = r"[^\W\d_][\w'’-]*"
# Units spotted after a number: CLDR unit ids by category (durations first: they win ties).
UNIT_CATEGORIES = ("duration", "length", "mass", "speed", "temperature", "area", "volume")
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
def _zone_tab() -> tuple[tuple[str, str], ...]:
    """(country, zone) from the tz database's zone.tab, most populous zone of a country first."""
    places = [Path(p) / "zone.tab" for p in TZPATH]
    try:
        import tzdata

        places.insert(0, Path(tzdata.__file__).parent / "zoneinfo" / "zone.tab")
    except ImportError:
        pass
    for place in places:
        if place.is_file():
            rows = [line.split("\t") for line in place.read_text(encoding="utf-8").splitlines()]
            return tuple((r[0], r[2]) for r in rows if len(r) >= 3 and not r[0].startswith("#"))
    return ()


@cache
def _offsets(zone: str) -> tuple[timedelta, timedelta]:
    """(standard, daylight) UTC offsets of a zone this year (equal where there is no DST)."""
    year = datetime.now().year
    z = ZoneInfo(zone)
    pair = [datetime(year, m, 15, 12, tzinfo=z).utcoffset() or timedelta() for m in (1, 7)]
    return min(pair), max(pair)


def _utc(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _pick(zones: set[str], home: str) -> tuple[str, str]:
    """The zone a word most likely means: the article country's, else the most populous zone
    of a country; ("", why) when the candidates disagree on the offset."""
    tab = [(cc, z) for cc, z in _zone_tab() if z in zones]
    for cc, z in tab:
        if cc == home:
            return z, ""
    if len({_offsets(z) for _, z in tab}) > 1:
        return "", "ambiguous: " + ", ".join(sorted(z for _, z in tab)[:4])
    seen: set[str] = set()
    firsts = [z for cc, z in tab if not (cc in seen or seen.add(cc))]
    return (sorted(firsts)[0], "") if firsts else ("", "")


@dataclass(frozen=True)
class ZoneWord:
    zone: str
    offset: str  # "UTC+02:00" when the word names standard or daylight time
    why: str = ""  # why no zone was chosen


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
    year = datetime.now().year
    for zone in tab_zones | {"Etc/UTC", "Etc/GMT"}:
        for month in (1, 7):
            moment = datetime(year, month, 15, 12, tzinfo=ZoneInfo(zone))
            name = moment.tzname() or ""
            if re.fullmatch(r"[A-Z]{2,5}", name):
                users.setdefault(name, set()).add(zone)
    for name, zones in users.items():
        zone, why = (f"Etc/{name}", "") if f"Etc/{name}" in zones else _pick(zones, home)
        offset = _offsets(zone)[0] if zone else None
        for z in (zone,) if zone else ():
            moments = [datetime(year, m, 15, 12, tzinfo=ZoneInfo(z)) for m in (1, 7)]
            offset = next((m.utcoffset() for m in moments if m.tzname() == name), offset)
        meaning[name] = ZoneWord(zone, _utc(offset) if offset is not None else "", why)
        abbreviations.add(name)
    # CLDR metazone names in the language ("MESZ", "Mitteleuropäische Sommerzeit").
    metazone_of = get_global("meta_zones")
    phrases: set[str] = set()
    for metazone, names in locale._data["meta_zones"].items():
        zones = {z for z in tab_zones if metazone_of.get(z) == metazone}
        zone, why = _pick(zones, home) if zones else ("", "")
        for width in ("short", "long"):
            for variant, name in names.get(width, {}).items():
                if not zone and not why:
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
        named.setdefault(get_timezone_location(zone, locale, return_city=True).lower(), zone)
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
                key = max((k for k in meaning if k.islower() and k in lower), key=len)
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
    digits: str  # regex of a number in digits
    number: str  # regex of a number (digits or words), group "n"
    unit: str  # regex of a unit word after a number
    clock: str  # regex of words after a clock time (Uhr, uur, h, pm)
    literals: frozenset[str]  # literals of the language's time formats ("Uhr", "h")
    periods: dict[str, str]  # am/pm word -> "am" | "pm"
    relative: tuple[tuple[re.Pattern, str, str, int], ...]  # regex, field, unit, sign
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
    """Number words 2-100 and hundreds (one is left out: it is also an article, "een")."""
    try:
        from unicode_rbnf import RbnfEngine

        engine = RbnfEngine.for_language(language)
    except (ImportError, ValueError):
        return {}
    words: dict[str, int] = {}
    for n in [*range(2, 101), *range(200, 1001, 100)]:
        for text in engine.format_number(n).text_by_ruleset.values():
            words.setdefault(text.lower(), n)
    return words


@cache
def lexicon(language: str, base_language: str) -> Lexicon:
    locale = Locale.parse(language)
    months = _names(get_month_names, language, ("wide", "abbreviated"))
    wide_months = _names(get_month_names, language, ("wide",), fold=False)
    weekdays = _names(get_day_names, language, ("wide", "abbreviated"))
    wide_weekdays = _names(get_day_names, language, ("wide",), fold=False)
    numbers = _number_words(language)
    units: dict[str, tuple[str, str]] = {}
    long_forms, short_forms = set(), set()
    for uid in locale._data["unit_patterns"]:
        category = uid.split("-")[0]
        if category not in UNIT_CATEGORIES or uid.endswith("-person") or "-per-" in uid:
            continue
        column = next(
            iter(_unit_forms(uid, "long" if category == "duration" else "short", "en", (5,))), ""
        )
        for length, forms in (("long", long_forms), ("short", short_forms)):
            for form in _unit_forms(uid, length, language) if column else ():
                units.setdefault(form.lower(), (uid, column))
                forms.add(form)
    unit = (
        rf"(?:(?i:{_alt(f for f in long_forms if f[-1].isalpha())})\w{{0,2}}"
        rf"|(?i:{_alt(f for f in long_forms if not f[-1].isalpha())})|{_alt(short_forms)})(?!\w)"
    )
    decimal, group = re.escape(get_decimal_symbol(locale)), get_group_symbol(locale)
    group = "[\u00a0\u202f ]" if group.isspace() else re.escape(group)
    digits = rf"\d{{1,3}}(?:{group}\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?"
    number = rf"(?<![\w.,:/-])(?P<n>{digits}|(?i:{_alt(numbers)}))(?!\w|[.,:/]\d)"
    # Clock words: literals of the language's time formats ("HH 'Uhr'"), am/pm where the
    # language's clock is 12-hour, and the unit word for hours ("14.12 uur").
    formats = [str(p.pattern) for p in locale.time_formats.values()]
    formats += [str(p.pattern) for k, p in locale._data["datetime_skeletons"].items() if "H" in k]
    literals = {lit for f in formats for lit in re.findall(r"'([^']+)'", f)}
    periods: dict[str, str] = {}
    if "a" in str(locale.time_formats["short"].pattern):
        for width in ("abbreviated", "wide", "narrow"):
            for key in ("am", "pm"):
                name = locale.day_periods.get("format", {}).get(width, {}).get(key, "")
                plain = name.replace(".", "")
                for form in {
                    name,
                    name.lower(),
                    plain,
                    plain.lower(),
                    ".".join(plain.lower()) + ".",
                }:
                    if form:
                        periods.setdefault(form, key)
    hours = _unit_forms("duration-hour", "long", language) | _unit_forms(
        "duration-hour", "short", language
    )
    clock = _alt([*literals, *periods, *hours])
    relative = []
    for field in RELATIVE_FIELDS:
        column = next(iter(_unit_forms(f"duration-{field}", "long", "en", (5,))), "")
        for sign, direction in ((1, "future"), (-1, "past")):
            for pattern in locale._data["date_fields"].get(field, {}).get(direction, {}).values():
                before, _, after = pattern.partition("{0}")
                regex = rf"(?i:{re.escape(before)}){number}(?i:{re.escape(after)})(?!\w)"
                relative.append((re.compile(regex.replace(r"\ ", SP + "+")), field, column, sign))
    order = "".join(
        c for c in dict.fromkeys(get_date_format("short", language).pattern) if c in "dMy"
    )
    return Lexicon(
        months, wide_months, weekdays, wide_weekdays,
        {k: v for k, v in get_day_names("wide", locale=base_language).items()},
        numbers, units, digits, number, unit, clock, frozenset(literals), periods, tuple(relative),
        order.lower(),
    )  # fmt: skip


def _value(text: str, lex: Lexicon, language: str) -> Decimal:
    if text.lower() in lex.numbers:
        return Decimal(lex.numbers[text.lower()])
    group = get_group_symbol(language)
    plain = text.replace(group, "").replace("\u00a0", "").replace("\u202f", "")
    return Decimal(plain.replace(get_decimal_symbol(language), "."))


# --- spotting ------------------------------------------------------------------------------


def _dates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    months, days = _alt(lex.months), _alt(lex.weekdays)
    weekday = rf"(?:(?P<w>(?i:{days})),?{SP}+)?"
    day, year = r"(?P<d>[0-3]?\d)", r"(?P<y>\d{4})"
    pieces = {"d": r"(?P<d>\d{1,2})", "m": r"(?P<m>\d{1,2})", "y": r"(?P<y>\d{4}|\d{2})"}
    first, second, third = (pieces[c] for c in (lex.date_order + "dmy")[:3])
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
        yield Candidate("", m.start(), end, "time", what, "", "", tz, clock, remark, 1)


def _numbers(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    for regex, _field, unit, sign in lex.relative:
        for m in regex.finditer(text):
            n = _number_text(_value(m.group("n"), lex, language))
            when = "after" if sign > 0 else "before"
            yield Candidate(
                "", m.start(), m.end(), "date", f"{n} {unit} {when} the publication date",
                n, unit, remark="relative to the publication date (not known at intake)",
                priority=2,
            )  # fmt: skip
    for m in re.finditer(r"\((?P<n>\d{1,3})\)", text):
        words = re.findall(rf"{WORD}{SP}+\Z", text[: m.start()])
        name = list(re.finditer(rf"(?:{WORD}{SP}+){{1,2}}\Z", text[: m.start()]))
        if not words or not words[0][:1].isupper() or not name:
            continue
        start = name[0].start()
        while not text[start].isupper():  # keep only the capitalised words (the name)
            start = re.compile(rf"{WORD}{SP}+").match(text, start).end()
        yield Candidate(
            "", start, m.end(), "age", f"age {m.group('n')}", m.group("n"), "years", priority=3
        )
    for m in re.finditer(rf"{lex.number}{SP}?(?P<u>{lex.unit})", text):
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
        n = _number_text(_value(m.group("n"), lex, language))
        kind = CLAIM_TYPE.get(uid.split("-")[0], "number")
        yield Candidate("", m.start(), m.end(), kind, f"{kind} {n} {unit}", n, unit, priority=4)
    for m in re.finditer(r"(?<![\w.,:/-])(?P<y>1[5-9]\d\d|20\d\d)(?!\w|[.,:/-]\d)", text):
        year = m.group("y")
        yield Candidate(
            "", m.start(), m.end(), "date", f"year {year}", value_text=year, priority=5
        )
    words = {**lex.months, **lex.weekdays, **lex.numbers, **lex.units}
    for m in re.finditer(rf"{lex.number}{SP}+(?P<w>{WORD})", text):
        noun = m.group("w")
        if len(noun) < 3 or noun.lower() in words:
            continue
        n = _number_text(_value(m.group("n"), lex, language))
        yield Candidate(
            "", m.start(), m.end(), "count", f"count {n} {noun}", n, value_text=noun, priority=6
        )
    for m in re.finditer(rf"(?<![\w.,:/-])(?P<n>{lex.digits})(?!\w|[.,:/]\d)", text):
        n = _number_text(_value(m.group("n"), lex, language))
        yield Candidate("", m.start(), m.end(), "number", f"number {n}", n, priority=7)
    for names, kind in ((lex.wide_months, "month"), (lex.wide_weekdays, "weekday")):
        for m in re.finditer(rf"(?<!\w)(?:{_alt(names)})(?!\w)", text):
            key = names[m.group()]
            if kind == "month":
                value, what = f"XXXX-{key:02d}", f"month {key}, year not stated"
            else:
                value, what = lex.base_weekdays[key], f"weekday ({lex.base_weekdays[key]})"
            remark = "its date follows from the publication date"
            yield Candidate(
                "", m.start(), m.end(), "date", what, value_text=value, remark=remark, priority=8
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
            *_dates(text, lex),
            *_times(text, lex, language),
            *_numbers(text, lex, language),
        ]
        taken: list[Candidate] = []
        for c in sorted(spotted, key=lambda c: (c.priority, c.start, c.start - c.end)):
            if all(c.end <= t.start or t.end <= c.start for t in taken):
                taken.append(c)
        found += [replace(c, part=part) for c in (*taken, *_quotes(text))]
    order = {part: n for n, part in enumerate(article.texts)}
    found.sort(key=lambda c: (order[c.part], c.start, c.end))
    return [(u, _sentence(article, u).sentence_id) for u in (_unique(article, c) for c in found)]
