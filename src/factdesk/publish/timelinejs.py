"""Knight Lab TimelineJS JSON from the record: every dated record row with a timeline label
(``label@<language>``), grouped by its subject's name, times in the report zone. Every text
is HTML-escaped: TimelineJS renders HTML in headlines and texts."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

import pandas as pd

from factdesk.language import formats


def _date(moment: pd.Timestamp, zone: ZoneInfo, language: str, date_only: bool) -> dict:
    """A TimelineJS date object in ``zone`` (strings, as TimelineJS documents them)."""
    local = moment.tz_convert(zone)
    out = {"year": str(local.year), "month": str(local.month), "day": str(local.day)}
    if date_only:
        out["display_date"] = formats.day(local, language)
    else:
        out.update(
            {"hour": str(local.hour), "minute": str(local.minute), "second": str(local.second)}
        )
        out["display_date"] = formats.when(moment, language, zone)
    return out


def timeline(
    record: pd.DataFrame,
    names: dict[str, str],
    title: str,
    subtitle: str,
    language: str,
    timezone: str,
) -> dict:
    """``record`` is loaded in ``language`` (its ``label`` column); ``names`` maps entity ids
    to their name in ``language``; ``subtitle`` gives the source line prefix."""
    zone = ZoneInfo(timezone)
    rows = record[
        record["label"].ne("") & (record["value_time"].notna() | record["value_date"].notna())
    ]
    events = []
    for row in rows.itertuples():
        date_only = pd.isna(row.value_time)
        moment = (
            row.value_date.tz_localize("UTC") + pd.Timedelta(hours=12)
            if date_only
            else row.value_time
        )
        start = _date(moment, zone, language, date_only)
        events.append(
            {
                "unique_id": row.record_id,
                "group": html.escape(names.get(row.subject, row.subject)),
                "start_date": start,
                "display_date": start["display_date"],
                "text": {
                    "headline": html.escape(row.label),
                    "text": html.escape(f"{subtitle}: {row.source_title}"),
                },
            }
        )
    return {"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": events}
