"""Mission timeline tables: milestones from the record, launch day as reported vs recorded,
and the related events the articles mention.

All times are kept in UTC and converted only for display (``local`` columns), so one table
serves every report time zone. Claims are tied to record events through the verdicts'
``record_ids``: that link, not string matching, decides which event a reported time is about.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd

from factdesk import labels

MISSION_SUBJECTS = ("soyuz-ms-19", "soyuz-ms-18")
MISSION_EVENTS = ("launch", "docking", "hatch_opening", "hatch_closure", "undocking", "landing")
LAUNCH_DAY_RECORDS = (
    "ms19-launch",
    "ms19-docking-planned",
    "ms19-docking-actual",
    "ms19-hatch-opening-planned",
    "ms19-hatch-opening-actual",
)


def local(series: pd.Series, zone: ZoneInfo) -> pd.Series:
    """UTC timestamps as wall-clock strings in ``zone`` (what a chart axis should show)."""
    return series.dt.tz_convert(zone).dt.strftime("%Y-%m-%d %H:%M:%S")


def _record_time(record: pd.DataFrame, record_id: str) -> pd.Timestamp:
    row = record.loc[record["record_id"].eq(record_id), "value_time"]
    if row.empty or pd.isna(row.iloc[0]):
        raise KeyError(f"data/reference/record.csv has no time for {record_id!r}")
    return row.iloc[0]


def mission_events(record: pd.DataFrame) -> pd.DataFrame:
    """Milestones of Soyuz MS-19 and MS-18 (actual times), oldest first."""
    rows = record[
        record["subject"].isin(MISSION_SUBJECTS)
        & record["property"].isin(MISSION_EVENTS)
        & record["status"].eq("actual")
        & record["value_time"].notna()
    ]
    out = rows[["record_id", "subject", "property", "value_time", "source_title", "source_url"]]
    return out.rename(columns={"value_time": "time_utc"}).sort_values(
        "time_utc", ignore_index=True
    )


def stays(record: pd.DataFrame) -> pd.DataFrame:
    """Time aboard the ISS: the filmmakers (docking to MS-18 undocking) and the commander
    (docking to MS-19 undocking)."""
    docking = _record_time(record, "ms19-docking-actual")
    return pd.DataFrame(
        {
            "stay": ["aboard_participants", "aboard_commander"],
            "start_utc": [docking, docking],
            "end_utc": [
                _record_time(record, "ms18-undocking"),
                _record_time(record, "ms19-undocking"),
            ],
        }
    )


def _claim_events(verdicts: pd.DataFrame, record: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """claim_id -> (event property, record_id) of the first timed record row its verdict cites."""
    timed = record[record["value_time"].notna()].set_index("record_id")["property"]
    out: dict[str, tuple[str, str]] = {}
    for claim_id, ids in zip(verdicts["claim_id"], verdicts["record_ids"], strict=True):
        for record_id in filter(None, ids.split(";")):
            if record_id in timed.index:
                out[claim_id] = (timed[record_id], record_id)
                break
    return out


def launch_day(claims: pd.DataFrame, verdicts: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """Launch-day points: the record (planned and actual) and what each article reported.

    Columns: ``row`` (actual / planned / a source id), ``event``, ``time_utc``, ``claim_id``,
    ``quote``, ``derived`` (True where a time is computed from a reported duration).
    """
    rows = []
    for record_id in LAUNCH_DAY_RECORDS:
        hit = record[record["record_id"].eq(record_id)].iloc[0]
        rows.append((hit["status"], hit["property"], hit["value_time"], "", "", False))
    events = _claim_events(verdicts, record)
    timed = claims[claims["value_time"].notna()]
    reported: dict[str, pd.Timestamp] = {}
    for claim in timed.itertuples():
        event = events.get(claim.claim_id, ("docking", ""))[0]
        rows.append(
            (str(claim.source_id), event, claim.value_time, claim.claim_id, claim.quote, False)
        )
        reported[str(claim.source_id)] = claim.value_time
    # A reported duration from arrival to the hatch ("about two hours") gives a reported hatch
    # time for the article that states both.
    for claim in claims[claims["unit"].eq("hours")].itertuples():
        event = events.get(claim.claim_id, ("", ""))[0]
        source = str(claim.source_id)
        if event == "hatch_opening" and source in reported:
            moment = reported[source] + pd.Timedelta(hours=float(claim.value_number))
            rows.append((source, "hatch_opening", moment, claim.claim_id, claim.quote, True))
    return pd.DataFrame(rows, columns=["row", "event", "time_utc", "claim_id", "quote", "derived"])


def launch_day_gaps(points: pd.DataFrame) -> pd.DataFrame:
    """Each reported time with the planned and actual record times of the same event and the
    gap to the actual time in minutes (positive = the article's time is later)."""
    record = points[points["row"].isin(["planned", "actual"])]
    planned = record[record["row"].eq("planned")].set_index("event")["time_utc"]
    actual = record[record["row"].eq("actual")].set_index("event")["time_utc"]
    reported = points[~points["row"].isin(["planned", "actual"])].copy()
    reported["planned_utc"] = reported["event"].map(planned)
    reported["actual_utc"] = reported["event"].map(actual)
    reported["gap_minutes"] = (
        (reported["time_utc"] - reported["actual_utc"])
        .dt.total_seconds()
        .div(60)
        .round()
        .astype("Int64")
    )
    return reported.reset_index(drop=True)


def trip_durations(record: pd.DataFrame) -> dict[str, pd.Timedelta]:
    """Launch to docking, docking to hatch opening, launch to the filmmakers' landing."""
    launch = _record_time(record, "ms19-launch")
    docking = _record_time(record, "ms19-docking-actual")
    return {
        "launch_to_docking": docking - launch,
        "docking_to_hatch": _record_time(record, "ms19-hatch-opening-actual") - docking,
        "launch_to_return": _record_time(record, "ms18-landing") - launch,
        "docking_late": docking - _record_time(record, "ms19-docking-planned"),
    }


def context_events(record: pd.DataFrame) -> pd.DataFrame:
    """Record rows that have a context label (``ctx.<record_id>`` in labels), dated, oldest
    first. Date-only values are placed at noon UTC so they sit mid-day on a time axis."""
    keep = [rid for rid in record["record_id"] if labels.has(f"ctx.{rid}")]
    rows = record[record["record_id"].isin(keep)].copy()
    noon = rows["value_date"].dt.tz_localize("UTC") + pd.Timedelta(hours=12)
    rows["time_utc"] = rows["value_time"].fillna(noon)
    rows["date_only"] = rows["value_time"].isna()
    return rows[
        ["record_id", "subject", "time_utc", "date_only", "source_title", "source_url"]
    ].sort_values("time_utc", ignore_index=True)


LAUNCH_DAY_CITED = (*LAUNCH_DAY_RECORDS, "ms19-orbits-before-docking")


def launch_day_claims(claims: pd.DataFrame, verdicts: pd.DataFrame, language: str) -> pd.DataFrame:
    """Every claim whose verdict rests on a launch-day record row (times, orbits, the wait
    for the hatch), with the verdict and its explanation in ``language``: the articles' words
    beside the record, including the values that are not clock times ("two orbits")."""
    cites = (
        verdicts["record_ids"]
        .str.split(";")
        .map(lambda ids: any(i in LAUNCH_DAY_CITED for i in ids))
    )
    chosen = verdicts[cites][["claim_id", "verdict", f"explanation_{language}"]]
    table = claims.merge(chosen, on="claim_id", validate="one_to_one")
    table = table.rename(columns={f"explanation_{language}": "explanation"})
    return table[["claim_id", "source_id", "quote", "verdict", "explanation"]].reset_index(
        drop=True
    )
