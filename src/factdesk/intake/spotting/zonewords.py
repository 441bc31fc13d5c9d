"""A language's words for time zones and what each one means: CLDR's metazone names in the
language ("MESZ", "Mitteleuropäische Sommerzeit"), cities, countries and languages with its
word for "time" ("Nederlandse tijd"), and the IANA abbreviations (CEST, MSK, EDT); and
reading such a word right after a clock time."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.core import get_global

from factdesk.intake.spotting.patterns import SP, alternation
from factdesk.intake.spotting.tzdb import (
    moments,
    offsets,
    rank,
    territory_zone,
    utc_text,
    zone_tab,
)

__all__ = ["ZoneWord", "zone_at", "zone_words"]


@dataclass(frozen=True)
class ZoneWord:
    zone: str
    offset: str  # "UTC+02:00" when the word names standard or daylight time
    why: str = ""  # why no zone was chosen


def _home(language: str) -> str:
    """The country a language is most likely written in (nl -> NL), from CLDR."""
    return get_global("likely_subtags").get(language, "").split("_")[-1]


def _pick(zones: set[str], home: str, means: Callable[[str], object]) -> tuple[str, str]:
    """The zone a word most likely names: the article country's, else (when all zones agree
    on ``means``, the offset the word stands for) the best example (:func:`.tzdb.rank`); else
    ("", why)."""
    for cc, zone in zone_tab():
        if cc == home and zone in zones:
            return zone, ""
    if len({means(z) for z in zones}) > 1:
        return "", "ambiguous: " + ", ".join(sorted(zones)[:4])
    return min(zones, key=rank()) if zones else "", ""


@cache
def zone_words(language: str) -> tuple[re.Pattern, re.Pattern, dict[str, ZoneWord]]:
    """Zone words of a language: a case-insensitive regex of phrases (metazone names, cities,
    countries and languages with the word for "time"), a case-sensitive regex of
    abbreviations (CLDR and IANA), and what each word means."""
    locale = Locale.parse(language)
    home = _home(language)
    tab_zones = {z for _, z in zone_tab()}
    meaning: dict[str, ZoneWord] = {}
    abbreviations: set[str] = set()
    # IANA abbreviations (CEST, MSK, EDT): the zones that use each, and its offset there.
    users: dict[str, set[str]] = {}
    for zone in tab_zones | {"Etc/UTC", "Etc/GMT"}:
        for moment in moments(zone):
            if re.fullmatch(r"[A-Z]{2,5}", name := moment.tzname() or ""):
                users.setdefault(name, set()).add(zone)
    for name, zones in users.items():

        def means(zone: str, name: str = name) -> frozenset:
            return frozenset(m.utcoffset() for m in moments(zone) if m.tzname() == name)

        zone, why = (f"Etc/{name}", "") if f"Etc/{name}" in zones else _pick(zones, home, means)
        used = sorted(means(zone)) if zone else []
        meaning[name] = ZoneWord(zone, utc_text(used[0]) if used else "", why)
        abbreviations.add(name)
    # CLDR metazone names in the language ("MESZ", "Mitteleuropäische Sommerzeit").
    metazone_of = get_global("meta_zones")
    phrases: set[str] = set()
    for metazone, names in locale._data["meta_zones"].items():
        zones = {z for z in tab_zones if metazone_of.get(z) == metazone}
        # Zones of one metazone agree on standard time (Algiers keeps CET without summer time).
        zone, why = _pick(zones, home, lambda z: offsets(z)[0]) if zones else ("", "")
        for width in ("short", "long"):
            # "MEZ" is both the generic and the standard name: the standard one, with its offset.
            for variant in ("standard", "daylight", "generic"):
                name = names.get(width, {}).get(variant)
                if not name or not (zone or why):
                    continue
                pair = offsets(zone) if zone else None
                offset = {"standard": 0, "daylight": 1}.get(variant)
                text = utc_text(pair[offset]) if pair and offset is not None else ""
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
        if territory_zone(cc):
            named.setdefault(name.lower(), territory_zone(cc))
    likely = get_global("likely_subtags")
    for code, name in locale.languages.items():
        cc = likely.get(code, "").split("_")[-1] if re.fullmatch("[a-z]{2,3}", code) else ""
        if cc and territory_zone(cc):
            named.setdefault(name.lower(), territory_zone(cc))
    named = {k: v for k, v in named.items() if len(k) >= 4}
    for name, zone in named.items():
        meaning.setdefault(name, ZoneWord(zone, ""))
    names = alternation(named)
    forms = [alternation(phrases)]
    word = _time_word(locale)
    if word:
        w = re.escape(word)
        forms += [rf"(?:{names})\w*[ -]{w}\b", rf"{w}[ -](?:\w+[ '’])?(?:{names})\w*"]
    region = locale._data["zone_formats"].get("region", "")
    if "%s" in region:
        before, after = (re.escape(p) for p in region.split("%s", 1))
        forms.append(f"{before}(?:{names}){after}")
    phrase_re = re.compile(f"(?i:{'|'.join(forms)})(?!\\w)")
    abbr_re = re.compile(rf"(?<!\w)(?:{alternation(abbreviations)})(?!\w)")
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


def zone_at(text: str, pos: int, language: str) -> tuple[int, str, ZoneWord] | None:
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
