"""Crew background: ages at launch, professions, spaceflights and days in space, and the ISS
population on launch day.

Ages and durations are computed from record dates (birth dates, launch and landing times),
never from today, so a report rendered next year says the same thing.
"""

from __future__ import annotations

import pandas as pd

CREW = ("yulia-peresild", "klim-shipenko", "anton-shkaplerov")


def _value(record: pd.DataFrame, subject: str, prop: str, column: str = "value_text"):
    hit = record[record["subject"].eq(subject) & record["property"].eq(prop)]
    if hit.empty:
        return None
    return hit.iloc[0][column]


def _text(record: pd.DataFrame, subject: str, prop: str, language: str) -> str | None:
    """A text value in ``language`` (``value_text_<language>``), else as the source gives it."""
    column = f"value_text_{language}"
    translated = _value(record, subject, prop, column) if column in record else None
    return translated or _value(record, subject, prop)


def age_at(birth: pd.Timestamp, moment: pd.Timestamp) -> int:
    """Completed years between a birth date and a moment (birthday not yet reached: one less)."""
    return moment.year - birth.year - ((moment.month, moment.day) < (birth.month, birth.day))


def launch_time(record: pd.DataFrame) -> pd.Timestamp:
    """Soyuz MS-19's actual launch time (UTC), the reference moment for this story."""
    return record.loc[record["record_id"].eq("ms19-launch"), "value_time"].iloc[0]


def flights(spaceflights: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """Every spaceflight of the crew with its days in space and whether it is this mission."""
    launch = launch_time(record)
    out = spaceflights[spaceflights["person"].isin(CREW)].copy()
    out["days"] = (out["landing_utc"] - out["launch_utc"]).dt.total_seconds() / 86400
    out["this_mission"] = out["launch_utc"].eq(launch)
    out["flight"] = out["flight_up"].where(
        out["flight_up"].eq(out["flight_down"]), out["flight_up"] + " / " + out["flight_down"]
    )
    return out.sort_values(["person", "launch_utc"], ignore_index=True)


def crew_table(
    record: pd.DataFrame, spaceflights: pd.DataFrame, entities: pd.DataFrame, language: str
) -> pd.DataFrame:
    """One row per MS-19 crew member: birth, age at launch, profession, role, flights, days."""
    launch = launch_time(record)
    names = entities.set_index("entity_id")[f"name_{language}"]
    flown = flights(spaceflights, record)
    rows = []
    for person in CREW:
        birth = _value(record, person, "birth_date", "value_date")
        mine = flown[flown["person"].eq(person)]
        before = mine[mine["launch_utc"] < launch]
        this = mine[mine["this_mission"]]
        rows.append(
            {
                "person": person,
                "name": names.get(person, person),
                "birth_date": birth,
                "birthplace": _text(record, person, "birthplace", language),
                "age_at_launch": age_at(birth, launch) if birth is not None else None,
                "profession": _text(record, person, "profession", language),
                "role": _text(record, person, "role_on_flight", language),
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
    """People aboard before and after MS-19 arrived, counted by ``nationality`` or ``agency``.

    Agency texts such as ``none (spaceflight participant; …)`` are shortened to what precedes
    the parenthesis so the chart's legend stays readable; the table keeps the full text.
    """
    groups = iss_crew[by].astype(str).str.split(" (", regex=False).str[0]
    before = groups[iss_crew["aboard_before_ms19"]].value_counts()
    after = groups.value_counts()
    out = pd.DataFrame(
        {
            "group": after.index,
            "before": before.reindex(after.index, fill_value=0).to_numpy(),
            "after": after.to_numpy(),
        }
    )
    return out.sort_values(["after", "group"], ascending=[False, True], ignore_index=True)
