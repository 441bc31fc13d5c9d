"""Knight Lab TimelineJS JSON from the record: every dated record row that carries a timeline
label (``label@<language>``), grouped by its subject's name, times in the report zone.

A row known to the minute gets its time; a row known only to the day, month or year gets
only what is known (no time is invented for a date). Every text is HTML-escaped (TimelineJS
renders HTML in headlines and texts); the source is a link whose text is its title."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

import pandas as pd

from factdesk.language import formats

DATE_PARTS = {"year": ("year",), "month": ("year", "month")}


def _date(row, zone: ZoneInfo, language: str) -> dict:
    """A TimelineJS date object (strings, as TimelineJS documents them), only as precise as
    the record knows it."""
    if pd.notna(row.value_time):
        local = row.value_time.tz_convert(zone)
        out = {
            "year": str(local.year),
            "month": str(local.month),
            "day": str(local.day),
            "hour": str(local.hour),
            "minute": str(local.minute),
        }
        out["display_date"] = formats.when(row.value_time, language, zone)
        return out
    precision = str(row.time_precision) if isinstance(row.time_precision, str) else "day"
    day = row.value_date
    parts = DATE_PARTS.get(precision, ("year", "month", "day"))
    out = {part: str(getattr(day, part)) for part in parts}
    out["display_date"] = formats.day(
        day, language, precision if precision in DATE_PARTS else "day"
    )
    return out


def timeline(
    record: pd.DataFrame, names: dict[str, str], text, language: str, timezone: str
) -> dict:
    """``record`` is loaded in ``language`` (its ``label`` column); ``names`` maps entity ids
    to their name in ``language``; ``text`` is the language's catalog."""
    zone = ZoneInfo(timezone)
    rows = record[
        record["label"].ne("") & (record["value_time"].notna() | record["value_date"].notna())
    ]
    events = []
    for row in rows.itertuples():
        start = _date(row, zone, language)
        source = f'<a href="{html.escape(row.source_url)}">{html.escape(row.source_title)}</a>'
        events.append(
            {
                "unique_id": row.record_id,
                "group": html.escape(names.get(row.subject, row.subject)),
                "start_date": start,
                "display_date": start["display_date"],
                "text": {
                    "headline": html.escape(row.label),
                    "text": f"{html.escape(text.text('source'))}: {source}",
                },
            }
        )
    title = {"headline": html.escape(text.text("timelinejs.title")), "text": ""}
    return {"title": {"text": title}, "events": events}
