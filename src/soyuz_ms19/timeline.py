"""Mission timeline tables: milestones from the record, launch day as reported vs recorded,
and the related events the articles mention.

All times stay in UTC and are converted only for display, so one table serves every report
zone. Claims are tied to record events through their verdicts' ``record_ids``: that link,
not string matching, decides which event a reported time is about.
"""

from __future__ import annotations

import pandas as pd

from soyuz_ms19 import record as rec


def mission_events(record: pd.DataFrame) -> pd.DataFrame:
    """Milestones of the outbound and the return spacecraft (actual times), oldest first."""
    rows = record[
        record["subject"].isin([rec.SPACECRAFT, rec.RETURN_CRAFT])
        & record["property"].isin(rec.MISSION_EVENTS)
        & record["status"].eq("actual")
        & record["value_time"].notna()
    ]
    out = rows[
        ["record_id", "subject", "property", "value_time", "time_precision", "source_title",
         "source_url"]
    ]  # fmt: skip
    return out.rename(columns={"value_time": "time_utc"}).sort_values(
        "time_utc", ignore_index=True
    )


def stays(record: pd.DataFrame) -> pd.DataFrame:
    """Time aboard the station: the filmmakers (docking to the return craft's undocking) and
    the commander (docking to this craft's undocking)."""
    docking = rec.time(record, rec.DOCKING)
    return pd.DataFrame(
        {
            "people": [rec.PARTICIPANTS, (rec.COMMANDER,)],
            "start_utc": [docking, docking],
            "end_utc": [
                rec.time(record, rec.PARTICIPANTS_UNDOCKING),
                rec.time(record, rec.COMMANDER_UNDOCKING),
            ],
        }
    )


def _claim_events(verdicts: pd.DataFrame, record: pd.DataFrame) -> dict[str, str]:
    """claim_id -> event property of the first timed record row its verdict cites."""
    timed = record[record["value_time"].notna()].set_index("record_id")["property"]
    out: dict[str, str] = {}
    for claim_id, ids in zip(verdicts["claim_id"], verdicts["record_ids"], strict=True):
        for record_id in ids:
            if record_id in timed.index:
                out[claim_id] = timed[record_id]
                break
    return out


def launch_day(claims: pd.DataFrame, verdicts: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """Launch-day points: the record (planned and actual) and what each article reported.

    Columns: ``row`` (actual / planned / a source id), ``event``, ``time_utc``, ``claim_id``,
    ``quote``, ``derived`` (True where a time is computed from a reported duration).
    """
    rows = []
    for record_id in rec.LAUNCH_DAY:
        hit = rec.row(record, record_id)
        rows.append((hit["status"], hit["property"], hit["value_time"], "", "", False))
    events = _claim_events(verdicts, record)
    reported: dict[str, pd.Timestamp] = {}
    for claim in claims[claims["value_time"].notna()].itertuples():
        event = events.get(claim.claim_id)
        assert event, f"{claim.claim_id} states a time but its verdict cites no timed record row"
        source = str(claim.source_id)
        rows.append((source, event, claim.value_time, claim.claim_id, claim.quote, False))
        reported[source] = claim.value_time
    # A reported wait from arrival to the hatch ("about two hours") gives a reported hatch
    # time for an article that states both.
    for claim in claims[claims["unit"].eq("hours")].itertuples():
        source = str(claim.source_id)
        if events.get(claim.claim_id) == "hatch_opening" and source in reported:
            moment = reported[source] + pd.Timedelta(hours=float(claim.value_number))
            rows.append((source, "hatch_opening", moment, claim.claim_id, claim.quote, True))
    return pd.DataFrame(rows, columns=["row", "event", "time_utc", "claim_id", "quote", "derived"])


def launch_day_gaps(points: pd.DataFrame) -> pd.DataFrame:
    """Each reported time with the planned and actual record times of the same event and the
    gap to each in minutes (positive = the article's time is later)."""
    record = points[points["row"].isin(["planned", "actual"])]
    planned = record[record["row"].eq("planned")].set_index("event")["time_utc"]
    actual = record[record["row"].eq("actual")].set_index("event")["time_utc"]
    reported = points[~points["row"].isin(["planned", "actual"])].copy()
    reported["planned_utc"] = reported["event"].map(planned)
    reported["actual_utc"] = reported["event"].map(actual)
    for column, reference in (("gap_minutes", "actual_utc"), ("planned_gap", "planned_utc")):
        reported[column] = (
            (reported["time_utc"] - reported[reference])
            .dt.total_seconds()
            .div(60)
            .round()
            .astype("Int64")
        )
    return reported.rename(columns={"row": "source_id"}).reset_index(drop=True)


def trip_durations(record: pd.DataFrame) -> dict[str, pd.Timedelta]:
    """Launch to docking, docking to hatch opening, launch to the filmmakers' landing, and
    how late the docking was against the plan."""
    launch = rec.time(record, rec.LAUNCH)
    docking = rec.time(record, rec.DOCKING)
    return {
        "launch_to_docking": docking - launch,
        "docking_to_hatch": rec.time(record, rec.HATCH) - docking,
        "launch_to_return": rec.time(record, rec.PARTICIPANTS_LANDING) - launch,
        "docking_late": docking - rec.time(record, rec.DOCKING_PLANNED),
    }


def context_events(record: pd.DataFrame) -> pd.DataFrame:
    """Dated record rows that carry a timeline label (``label@<language>``), oldest first,
    but for the milestones the mission chart shows in detail:
    ``time_utc`` where the record gives a time, else empty (no time is invented for a date),
    ``date`` (the calendar date in UTC) and ``precision`` (what is known)."""
    rows = record[
        record["label"].ne("")
        & (record["value_time"].notna() | record["value_date"].notna())
        & ~record["record_id"].isin(rec.MILESTONES)
    ].copy()
    rows["time_utc"] = rows["value_time"]
    rows["date"] = (
        rows["value_date"]
        .where(
            rows["value_time"].isna(), rows["value_time"].dt.tz_convert("UTC").dt.tz_localize(None)
        )
        .dt.normalize()
    )
    rows["precision"] = rows["time_precision"].fillna("day")
    order = rows["time_utc"].fillna(rows["date"].dt.tz_localize("UTC"))
    rows = rows.assign(_order=order).sort_values("_order", ignore_index=True)
    return rows[
        ["record_id", "label", "time_utc", "date", "precision", "source_title", "source_url"]
    ]


def shown_dates(story, context: pd.DataFrame) -> pd.Series:
    """Each related event's date as readers see it: with the time where one is known."""
    return pd.Series(
        [
            story.when(t) if pd.notna(t) else story.day(d, p if p in ("month", "year") else "day")
            for t, d, p in zip(
                context["time_utc"], context["date"], context["precision"], strict=True
            )
        ],
        index=context.index,
    )


def launch_day_claims(
    claims: pd.DataFrame, verdicts: pd.DataFrame, record: pd.DataFrame
) -> pd.DataFrame:
    """Every claim whose verdict rests on a launch-day record row (times, orbits, the wait
    for the hatch), with its verdict: the articles' words beside the record, including the
    values that are not clock times ("two orbits")."""
    from factdesk.story.verdict_tables import claim_verdicts

    cited = {*rec.LAUNCH_DAY, rec.ORBITS}
    checked = claim_verdicts(claims, verdicts, record)
    chosen = checked["record_ids"].map(lambda ids: bool(cited & set(ids)))
    return checked[chosen].reset_index(drop=True)
