"""The public-record rows this story's analysis is built on (ids in data/reference/record.csv)."""

from __future__ import annotations

import pandas as pd

SPACECRAFT = "soyuz-ms-19"
RETURN_CRAFT = "soyuz-ms-18"
STATION = "iss"
COMMANDER = "anton-shkaplerov"
PARTICIPANTS = ("yulia-peresild", "klim-shipenko")
CREW = (*PARTICIPANTS, COMMANDER)

LAUNCH = "ms19-launch"
DOCKING_PLANNED = "ms19-docking-planned"
DOCKING = "ms19-docking-actual"
HATCH_PLANNED = "ms19-hatch-opening-planned"
HATCH = "ms19-hatch-opening-actual"
ORBITS = "ms19-orbits-before-docking"
PARTICIPANTS_UNDOCKING = "ms18-undocking"
PARTICIPANTS_LANDING = "ms18-landing"
COMMANDER_UNDOCKING = "ms19-undocking"
COMMANDER_LANDING = "ms19-landing"
LAUNCH_DAY = (LAUNCH, DOCKING_PLANNED, DOCKING, HATCH_PLANNED, HATCH)
MISSION_EVENTS = ("launch", "docking", "hatch_opening", "hatch_closure", "undocking", "landing")
# Milestones the mission chart shows in detail: the story-in-context chart leaves them out.
MILESTONES = (DOCKING_PLANNED, DOCKING, HATCH_PLANNED, HATCH, "ms18-hatch-closure",
              PARTICIPANTS_UNDOCKING, COMMANDER_UNDOCKING)  # fmt: skip


def row(record: pd.DataFrame, record_id: str) -> pd.Series:
    hit = record[record["record_id"].eq(record_id)]
    if hit.empty:
        raise KeyError(f"data/reference/record.csv has no row {record_id!r}")
    return hit.iloc[0]


def time(record: pd.DataFrame, record_id: str) -> pd.Timestamp:
    value = row(record, record_id)["value_time"]
    if pd.isna(value):
        raise KeyError(f"data/reference/record.csv has no time for {record_id!r}")
    return value


def number(record: pd.DataFrame, record_id: str) -> float:
    value = row(record, record_id)["value_number"]
    if pd.isna(value):
        raise KeyError(f"data/reference/record.csv has no number for {record_id!r}")
    return float(value)


def precision(record: pd.DataFrame, record_id: str) -> str:
    """How precisely the record knows a row's time (``second``, ``minute``, ...)."""
    value = row(record, record_id)["time_precision"]
    return value if isinstance(value, str) and value else "second"


COARSE = ("second", "minute", "hour", "day", "month", "year")


def coarser(*precisions: str) -> str:
    """The coarsest of some precisions: a difference is rounded once, to it."""
    return max(precisions, key=COARSE.index)
