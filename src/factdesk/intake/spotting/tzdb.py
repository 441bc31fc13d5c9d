"""The IANA tz database as the zone-word spotter needs it: which zones a country keeps (its
most populous first, as ``zone.tab`` lists them), which zone best stands for zones that keep
the same time, and a zone's standard and daylight UTC offsets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo

from babel.core import get_global

__all__ = [
    "RULES_YEAR",
    "moments",
    "offsets",
    "rank",
    "territory_zone",
    "utc_text",
    "zone_tab",
]

# The year whose rules say what a zone's offsets and abbreviations are. Fixed, never the
# current year: the engine reads no clock, so that the same article always gets the same
# review sheet. A recent year gives the rules in force today (the tz database carries its
# latest rules on into later years); bump it when tzdata changes a zone an article names.
RULES_YEAR = 2026


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


def zone_tab() -> tuple[tuple[str, str], ...]:
    """(country, zone), a country's most populous zone first (zone.tab's order)."""
    return _tz_table("zone.tab")


@cache
def rank() -> Callable[[str], tuple]:
    """Sort key for zones that keep the same time, the best example first: the zones CLDR names
    for the Windows time zones (Europe/Berlin for "W. Europe", Europe/Moscow for "Russian"),
    then the zones most countries keep (zone1970.tab), then by name."""
    aliases = get_global("zone_aliases")
    prominent = {aliases.get(z, z) for z in get_global("windows_zone_mapping").values()}
    reach = {zone: len(cc.split(",")) for cc, zone in _tz_table("zone1970.tab")}
    return lambda z: (aliases.get(z, z) not in prominent, -reach.get(z, 0), z)


def moments(zone: str) -> tuple[datetime, datetime]:
    """Noon on 15 January and 15 July of :data:`RULES_YEAR` in a zone: its winter and its
    summer time."""
    return tuple(datetime(RULES_YEAR, m, 15, 12, tzinfo=ZoneInfo(zone)) for m in (1, 7))


@cache
def offsets(zone: str) -> tuple[timedelta, timedelta]:
    """(standard, daylight) UTC offsets of a zone (equal where there is no DST)."""
    pair = [moment.utcoffset() or timedelta() for moment in moments(zone)]
    return min(pair), max(pair)


def utc_text(offset: timedelta) -> str:
    """An offset as the notes write it: ``UTC+02:00``."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@cache
def territory_zone(cc: str) -> str:
    """The zone of a country whose zones all keep the same time, else ""."""
    zones = [z for c, z in zone_tab() if c == cc]
    return zones[0] if zones and len({offsets(z) for z in zones}) == 1 else ""
