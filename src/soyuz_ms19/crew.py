"""Crew background: ages at launch, professions, spaceflights and days in space, and the ISS
population on launch day.

Ages and durations are computed from record dates (birth dates, launch and landing times),
never from today, so a report rendered next year says the same thing.
"""

from __future__ import annotations

import pandas as pd

from soyuz_ms19 import record as rec


def _value(record: pd.DataFrame, subject: str, prop: str, column: str):
    hit = record[record["subject"].eq(subject) & record["property"].eq(prop)]
    return None if hit.empty else hit.iloc[0][column]


def age_at(birth: pd.Timestamp, moment: pd.Timestamp) -> int:
    """Completed years between a birth date and a moment (birthday not yet reached: one less)."""
    return moment.year - birth.year - ((moment.month, moment.day) < (birth.month, birth.day))


def flights(spaceflights: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """Every spaceflight of the crew with its days in space and whether it is this mission."""
    launch = rec.time(record, rec.LAUNCH)
    out = spaceflights[spaceflights["person"].isin(rec.CREW)].copy()
    out["days"] = (out["landing_utc"] - out["launch_utc"]).dt.total_seconds() / 86400
    out["this_mission"] = out["launch_utc"].eq(launch)
    out["flight"] = out["flight_up"].where(
        out["flight_up"].eq(out["flight_down"]), out["flight_up"] + " / " + out["flight_down"]
    )
    return out.sort_values(["person", "launch_utc"], ignore_index=True)


def crew_table(record: pd.DataFrame, spaceflights: pd.DataFrame) -> pd.DataFrame:
    """One row per crew member: birth, age at launch, profession, role, flights, days.
    ``record`` is loaded in the report's language (its ``value_text`` column)."""
    launch = rec.time(record, rec.LAUNCH)
    flown = flights(spaceflights, record)
    rows = []
    for person in rec.CREW:
        birth = _value(record, person, "birth_date", "value_date")
        mine = flown[flown["person"].eq(person)]
        before = mine[mine["launch_utc"] < launch]
        this = mine[mine["this_mission"]]
        assert len(this) == 1, f"{person}: expected one flight on this mission, got {len(this)}"
        rows.append(
            {
                "person": person,
                "birth_date": birth,
                "birthplace": _value(record, person, "birthplace", "value_text"),
                "age_at_launch": age_at(birth, launch) if birth is not None else None,
                "profession": _value(record, person, "profession", "value_text"),
                "role": _value(record, person, "role_on_flight", "value_text"),
                "prior_flights": len(before),
                "days_before": round(float(before["days"].sum()), 1),
                "days_this_flight": round(float(this["days"].sum()), 1),
                "days_after": round(float(before["days"].sum() + this["days"].sum()), 1),
            }
        )
    table = pd.DataFrame(rows)
    table["age_at_launch"] = table["age_at_launch"].astype("Int64")
    return table


def iss_population(iss_crew: pd.DataFrame, by: str) -> pd.DataFrame:
    """People aboard before and after the Soyuz arrived, counted by ``nationality`` or
    ``agency`` (in the report's language). Agency texts such as ``none (spaceflight
    participant; …)`` are shortened to what precedes the parenthesis for the chart."""
    groups = iss_crew[by].astype(str).str.split(" (", regex=False).str[0]
    before = groups[iss_crew["aboard_before_ms19"].astype(bool)].value_counts()
    after = groups.value_counts()
    out = pd.DataFrame(
        {
            "group": after.index,
            "before": before.reindex(after.index, fill_value=0).to_numpy(),
            "after": after.to_numpy(),
        }
    )
    return out.sort_values(["after", "group"], ascending=[False, True], ignore_index=True)
