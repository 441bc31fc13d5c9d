"""Spotting clock times ("14.12 Uhr MESZ", "9.15 a.m. EDT", "12:30"), with the zone word after
them read (:mod:`.zonewords`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.patterns import SP, alternation
from factdesk.intake.spotting.vocabulary import Lexicon
from factdesk.intake.spotting.zonewords import zone_at

__all__ = ["clock_times"]


def clock_times(text: str, lex: Lexicon, language: str) -> Iterator[Candidate]:
    """Clock times: HH:MM always; HH.MM, "14 h 12" and "14 Uhr" only with a clock word or a
    zone word after them (else "14.12" may be a number or a date), with the zone word read."""
    literal = alternation(lex.literals)
    core = re.compile(
        rf"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])"
        rf"(?:(?P<sep>:|\.|{SP}?(?:{literal}){SP}?)(?P<m>[0-5]\d))?(?!\w|[.,:]\d)"
    )
    tail = re.compile(rf"{SP}*(?P<c>{lex.clock})(?!\w)")
    for m in core.finditer(text):
        after = tail.match(text, m.end())
        word = after.group("c") if after else ""
        zone = zone_at(text, after.end() if after else m.end(), language)
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
