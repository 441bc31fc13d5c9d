"""This story's finding sentences, each built from the record and the claims by a function
that asserts what the sentence says (the Dutch time *is* the planned time before the report
says so). The catalogs hold only the connecting words."""

from __future__ import annotations

import pandas as pd
from babel.lists import format_list

from factdesk.story import Story
from soyuz_ms19 import record as rec


def _list(story: Story, items: list[str]) -> str:
    return format_list(items, locale=story.language)


def docking(
    story: Story,
    points: pd.DataFrame,
    gaps: pd.DataFrame,
    late: pd.Timedelta,
    record: pd.DataFrame,
) -> list[str]:
    """When the spacecraft docked against the plan, and how each article's time compares.
    Times are printed as precisely as the record knows them and each difference is taken
    from the unrounded times and rounded once, so a printed difference agrees with the
    printed times (14:22:31 is 11 minutes after 14:12 to the minute, not 10)."""
    record_times = points[points["event"].eq("docking")].set_index("row")["time_utc"]
    planned, actual = record_times["planned"], record_times["actual"]
    assert actual - planned == late
    actual_precision = rec.precision(record, rec.DOCKING)
    planned_precision = rec.precision(record, rec.DOCKING_PLANNED)
    found = [
        story.t(
            "find.docking",
            craft=story.name(rec.SPACECRAFT),
            actual=story.clock(actual, actual_precision),
            late=story.duration(late, rec.coarser(actual_precision, planned_precision)),
            planned=story.clock(planned, planned_precision),
        )
    ]
    for row in gaps[gaps["event"].eq("docking")].itertuples():
        values = {"article": story.article(row.source_id), "time": story.clock(row.time_utc)}
        if row.time_utc == planned:
            found.append(story.t("find.reported_planned", **values))
        elif row.time_utc == actual:
            found.append(story.t("find.reported_actual", **values))
        else:
            gap = abs(int(row.gap_minutes))  # from the unrounded times, rounded once
            assert round((row.time_utc - actual).total_seconds() / 60) == row.gap_minutes
            key = "find.reported_early" if row.gap_minutes < 0 else "find.reported_late"
            found.append(story.t(key, n=gap, actual=story.clock(actual, actual_precision),
                                 **values))  # fmt: skip
    return found


def trip(story: Story, record: pd.DataFrame, durations: dict[str, pd.Timedelta]) -> str:
    """How long the trip to the station took, in time and orbits, and the wait for the hatch."""
    launch, docking_ = rec.time(record, rec.LAUNCH), rec.time(record, rec.DOCKING)
    assert durations["launch_to_docking"] == docking_ - launch
    orbits = rec.number(record, rec.ORBITS)
    trip_to = rec.coarser(rec.precision(record, rec.LAUNCH), rec.precision(record, rec.DOCKING))
    hatch = rec.coarser(rec.precision(record, rec.DOCKING), rec.precision(record, rec.HATCH))
    return story.t(
        "find.trip",
        n=int(orbits),
        trip=story.duration(durations["launch_to_docking"], trip_to),
        hatch=story.duration(durations["docking_to_hatch"], hatch),
    )


def stay(story: Story, record: pd.DataFrame, durations: dict[str, pd.Timedelta]) -> str:
    """How long the film crew was away, and when the commander came back."""
    back = rec.time(record, rec.PARTICIPANTS_LANDING)
    assert durations["launch_to_return"] == back - rec.time(record, rec.LAUNCH)
    landing = rec.time(record, rec.COMMANDER_LANDING)
    assert landing > back, "the commander stays longer than the film crew"
    landed = rec.coarser(
        rec.precision(record, rec.LAUNCH), rec.precision(record, rec.PARTICIPANTS_LANDING)
    )
    return story.t(
        "find.stay",
        participants=_list(story, [story.name(p) for p in rec.PARTICIPANTS]),
        duration=story.duration(durations["launch_to_return"], landed),
        commander=story.name(rec.COMMANDER),
        landing=story.day(landing.tz_convert(story.zone)),
    )


def ages(story: Story, people: pd.DataFrame, claims: pd.DataFrame) -> list[str]:
    """Each crew member's age at launch, and whether each age an article gives matches it."""
    age = dict(zip(people["person"], people["age_at_launch"], strict=True))
    found = [
        story.t(
            "find.ages",
            ages=_list(
                story,
                [story.t("find.age", n=int(age[p]), name=story.name(p)) for p in people["person"]],
            ),
        )
    ]
    for claim in claims[claims["claim_type"].eq("age") & claims["subject"].isin(age)].itertuples():
        stated, actual = int(claim.value_number), int(age[claim.subject])
        key = "find.age_claim_matches" if stated == actual else "find.age_claim_differs"
        found.append(
            story.t(
                key,
                n=stated,
                article=story.article(claim.source_id),
                name=story.name(claim.subject),
                actual=actual,
            )
        )
    return found


def experience(story: Story, people: pd.DataFrame) -> list[str]:
    """The commander's earlier flights; who flew for the first time (each count chooses its
    own plural form, so verbs agree in every language)."""
    by_person = people.set_index("person")
    commander = by_person.loc[rec.COMMANDER]
    first = [p for p in people["person"] if by_person.loc[p, "prior_flights"] == 0]
    assert commander["prior_flights"] > 0 and rec.COMMANDER not in first
    found = [
        story.t(
            "find.flights",
            n=int(commander["prior_flights"]),
            name=story.name(rec.COMMANDER),
            days=story.t("days", n=round(float(commander["days_before"]))),
        )
    ]
    if first:
        names = _list(story, [story.name(p) for p in first])
        found.append(story.t("find.first_time", n=len(first), names=names))
    return found


def population(story: Story, by_nationality: pd.DataFrame, iss_crew: pd.DataFrame) -> str:
    """How many people the station held before and after the spacecraft arrived."""
    before, after = int(by_nationality["before"].sum()), int(by_nationality["after"].sum())
    assert after == len(iss_crew)
    assert before == int(iss_crew["aboard_before_ms19"].astype(bool).sum())
    return story.t(
        "find.population",
        before=story.t("people", n=before),
        after=story.t("people", n=after),
        craft=story.name(rec.SPACECRAFT),
    )
