"""Dates and times resolved against the article's publication date, when it is known: a day
named relative to it ("vandaag", "2 jaar geleden", "over twee weken"), a weekday ("Dienstag":
the one on or before the publication date, or on or after it when the sentence speaks of a
plan), a month or day without its year, and the instant of a clock time with its zone
(``value_time``, with the zone's UTC offset on that day). Without the date each is left as
spotted, with a remark saying what it needs."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.claims import Scope
from factdesk.intake.spotting.phrases import find

__all__ = ["resolve"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NEEDS_DATE = "pass --published (or fill value_text) to resolve it"


def _note(c: Candidate, remark: str) -> Candidate:
    return replace(c, remark="; ".join(filter(None, [c.remark, remark])))


def _shift(published: date, amount: int, unit: str) -> str:
    """The date ``amount`` units from ``published``, only as precise as the unit."""
    if unit == "years":
        return str(published.year + amount)
    if unit == "months":
        month = published.year * 12 + published.month - 1 + amount
        return f"{month // 12}-{month % 12 + 1:02d}"
    days = {"weeks": 7, "days": 1}.get(unit)
    return (published + timedelta(days=amount * days)).isoformat() if days else ""


def _weekday(c: Candidate, scope: Scope, published: date) -> Candidate:
    stated = WEEKDAYS.index(c.value_text)
    ws = scope.words
    ahead = bool(find(ws.plan_words, scope.text, scope.start, scope.end)) or any(
        ws.uncertainty[m.group("p").lower()] == "expected"
        for m in find(ws.uncertainty, scope.text, scope.start, scope.end)
    )
    if ahead:
        day = published + timedelta(days=(stated - published.weekday()) % 7)
        how = "the first on or after"
    else:
        day = published - timedelta(days=(published.weekday() - stated) % 7)
        how = "the last on or before"
    remark = f"{c.value_text}, {how} the publication date {published.isoformat()}"
    return replace(c, value_text=day.isoformat(), remark=remark)


def _instant(c: Candidate, day: str, whence: str) -> Candidate:
    hour, minute = (int(x) for x in c.value_text.split(":"))
    local = datetime.fromisoformat(day).replace(hour=hour, minute=minute)
    stamp = local.replace(tzinfo=ZoneInfo(c.value_timezone)).isoformat()
    return replace(c, value_time=stamp, remark=f"value_time on {day}, {whence}")


def resolve(found: list[Candidate], scope: Scope, published: date | None) -> list[Candidate]:
    """The candidates of one sentence with their dates resolved (see the module docstring)."""
    out = []
    for c in found:
        if c.relative is not None:
            amount, unit = c.relative
            if published is None:
                c = replace(c, remark=f"relative to the publication date: {NEEDS_DATE}")
            else:
                value = _shift(published, amount, unit)
                c = replace(c, value_text=value, remark="", value_number="", unit="")
                c = _note(c, f"from the publication date {published.isoformat()}")
        elif c.spotted.startswith("weekday") and c.value_text in WEEKDAYS:
            c = _weekday(c, scope, published) if published else _note(c, NEEDS_DATE)
        elif re.fullmatch(r"XXXX-\d\d(?:-\d\d)?", c.value_text) and published:
            remark = f"the year of the publication date {published.isoformat()}"
            c = replace(c, value_text=f"{published.year}{c.value_text[4:]}", remark=remark)
        out.append(c)
    days = [
        c.value_text
        for c in out
        if c.claim_type == "date" and re.fullmatch(r"\d{4}-\d\d-\d\d", c.value_text)
    ]
    if days:
        day, whence = days[0], "the date the sentence names"
    elif published:
        day, whence = published.isoformat(), "the publication date (the sentence names none)"
    else:
        return out
    clock = re.compile(r"\d\d:\d\d")
    return [
        _instant(c, day, whence)
        if c.spotted_as == "time" and c.value_timezone and clock.fullmatch(c.value_text)
        else c
        for c in out
    ]
