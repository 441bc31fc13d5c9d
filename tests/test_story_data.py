"""The Soyuz MS-19 story's own code (src/soyuz_ms19) on the real data, key values checked
against the public record, and the findings' assertions shown to fire on wrong data."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from factdesk.facts import tables
from factdesk.language import catalog
from factdesk.story import ParameterError, Story, verdict_tables
from soyuz_ms19 import crew, findings, timeline
from soyuz_ms19 import record as rec

UTC = pd.Timestamp


@pytest.fixture(scope="module")
def story():
    return Story("en", "Europe/Amsterdam")


@pytest.fixture(scope="module")
def record():
    return tables.load("record", "en")


@pytest.fixture(scope="module")
def claims():
    return tables.load("claims")


@pytest.fixture(scope="module")
def verdicts():
    return tables.load("verdicts", "en")


def test_key_times_match_the_record(record):
    times = record.set_index("record_id")["value_time"]
    assert times["ms19-launch"] == UTC("2021-10-05T08:55:02Z")
    assert times["ms19-docking-planned"] == UTC("2021-10-05T12:12:00Z")
    assert times["ms19-docking-actual"] == UTC("2021-10-05T12:22:31Z")
    assert times["ms18-landing"] == UTC("2021-10-17T04:35:00Z")
    assert times["ms19-landing"] == UTC("2022-03-30T11:28:00Z")


def test_dutch_docking_time_was_the_planned_time(claims, record):
    # "rond 14.12 uur Nederlandse tijd" = 12:12 UTC = the planned docking, not the actual one.
    nl = claims.set_index("claim_id").loc["nl-016"]
    planned = record.set_index("record_id").loc["ms19-docking-planned", "value_time"]
    assert nl["value_time"] == planned and nl["value_timezone"] == "Europe/Amsterdam"


def test_launch_day_gaps(claims, verdicts, record):
    points = timeline.launch_day(claims, verdicts, record)
    gaps = timeline.launch_day_gaps(points).set_index(["source_id", "event"])
    # Rounded to the nearest minute: 14:12 vs 14:22:31 is 10.5 min early, 14:15 is 7.5 min.
    assert gaps.loc[("nl-ms19-launch", "docking"), "gap_minutes"] == -11
    assert gaps.loc[("nl-ms19-launch", "docking"), "planned_gap"] == 0
    assert gaps.loc[("en-ms19-launch", "docking"), "gap_minutes"] == -8
    # "about two hours" after the reported 14:15 arrival -> 16:15, vs the hatch at 17:00 CEST.
    hatch = gaps.loc[("en-ms19-launch", "hatch_opening")]
    assert hatch["time_utc"] == UTC("2021-10-05T14:15:00Z") and hatch["gap_minutes"] == -45
    assert points["derived"].sum() == 1


def test_trip_durations(record):
    d = timeline.trip_durations(record)
    assert d["launch_to_docking"] == pd.Timedelta("3h27min29s")
    assert d["docking_late"] == pd.Timedelta("10min31s")
    assert d["launch_to_return"] == pd.Timedelta("11D19h39min58s")  # 11 d 19 h 40 min


def test_time_in_space_rows_count_from_launch(record):
    """The second read: time in space runs from launch to landing, not from docking."""
    rows = record.set_index("record_id")
    shown = tables.load("record", "en").set_index("record_id")
    for person in ("peresild", "shipenko"):
        text = rows.loc[f"{person}-time-in-space", "value_text@en"]
        assert "{duration:ms19-launch..ms18-landing}" in text  # computed, never typed
        assert shown.loc[f"{person}-time-in-space", "value_text"].startswith(
            "11 days 19 hr 40 min"
        )


def test_context_events_are_the_labelled_dated_rows(record):
    ctx = timeline.context_events(record)
    assert ctx["date"].is_monotonic_increasing and (ctx["label"] != "").all()
    assert ctx["record_id"].iloc[0] == "starship-presentation-date"
    assert {"ms19-launch", "ms18-landing", "vyzov-premiere"} <= set(ctx["record_id"])
    assert not set(rec.MILESTONES) & set(ctx["record_id"])  # the mission chart shows them
    # A date known only to the day gets no time: no time is invented for it.
    dated = record.set_index("record_id")["value_time"].isna()
    for row in ctx.itertuples():
        assert pd.isna(row.time_utc) == dated[row.record_id], row.record_id


def test_crew_ages_and_flights_from_record_dates(record, claims):
    people = crew.crew_table(record, tables.load("spaceflights"))
    ages = people.set_index("person")["age_at_launch"]
    assert ages.to_dict() == {"yulia-peresild": 37, "klim-shipenko": 38, "anton-shkaplerov": 49}
    shk = people.set_index("person").loc["anton-shkaplerov"]
    assert shk["prior_flights"] == 3 and 530 < shk["days_before"] < 536  # record: 533 days
    assert (claims["value_number"].eq(3) & claims["unit"].eq("flights")).any()


def test_age_is_computed_from_dates_not_today():
    birth, launch = pd.Timestamp("1984-09-05"), pd.Timestamp("2021-10-05T08:55:02Z")
    assert crew.age_at(birth, launch) == 37
    assert crew.age_at(pd.Timestamp("1984-10-06"), launch) == 36  # birthday not yet reached


def test_iss_population_matches_the_english_article():
    iss = tables.load("iss_crew", "en")
    nat = crew.iss_population(iss, "nationality").set_index("group")
    # "three Americans, two Russians, a Japanese and a Frenchman"
    assert nat["before"].to_dict() == {"Russian": 2, "American": 3, "French": 1, "Japanese": 1}
    assert nat["after"].sum() == 10
    dutch = crew.iss_population(tables.load("iss_crew", "nl"), "nationality")
    assert set(dutch["group"]) == {"Russisch", "Amerikaans", "Frans", "Japans"}


def test_shipenko_role_is_a_disagreement_between_the_articles(claims):
    groups = verdict_tables.groups(
        tables.load("reconciliation", "en"), claims, ["nl-ms19-launch", "en-ms19-launch"]
    )
    role = groups[groups["claim_ids"].map(lambda ids: {"nl-004", "en-025"} <= set(ids))]
    assert len(role) == 1 and role["agreement"].iloc[0] == "disagree"
    assert "regisseur" in role["quote:nl-ms19-launch"].iloc[0]
    assert "cameraman" in role["quote:en-ms19-launch"].iloc[0].lower()


def test_second_read_corrections(verdicts):
    """The errors the desk editor's reads found are fixed, and logged."""
    v = verdicts.set_index("claim_id")
    assert v.loc["en-034", "verdict"] == "imprecise"  # Musk is a recognised co-founder
    # "the first time": the record contradicts a first (decision table: first-contradicted)
    assert v.loc["en-007", "verdict"] == v.loc["nl-010", "verdict"] == "inaccurate"
    assert v.loc["en-007", "basis"] == v.loc["nl-010", "basis"] == "first-contradicted"
    for cid in ("nl-025", "en-016"):
        assert "not 30" not in v.loc[cid, "explanation@en"]
    log = tables.load("corrections")
    assert {"en-034", "en-007", "nl-010", "nl-025", "peresild-time-in-space"} <= set(log["row_id"])


def test_findings_state_what_the_data_shows(story, record, claims, verdicts):
    points = timeline.launch_day(claims, verdicts, record)
    gaps = timeline.launch_day_gaps(points)
    durations = timeline.trip_durations(record)
    lines = findings.docking(story, points, gaps, durations["docking_late"], record)
    assert lines[0] == (
        "Soyuz MS-19 docked at 14:22:31 CEST, 11 min after the planned 14:12 CEST."
    )
    assert "14:12 CEST (Dutch article) matches the planned time." in lines
    assert (
        "14:15 CEST (English article) is 8 minutes before the actual docking (14:22:31 CEST)."
        in lines
    )
    for line in lines:
        _difference_agrees_with_the_printed_times(line)


def _seconds(clock: str) -> int:
    parts = [int(p) for p in clock.split(":")]
    return parts[0] * 3600 + parts[1] * 60 + (parts[2] if len(parts) == 3 else 0)


def _difference_agrees_with_the_printed_times(line: str) -> None:
    """A sentence that prints two times and the minutes between them: the minutes are the
    difference of the printed times, rounded once (issue 19: no printed difference may
    contradict the printed times)."""
    times = re.findall(r"\b(\d\d:\d\d(?::\d\d)?)\b", line)
    minutes = re.search(r"\b(\d+) min", line)
    if len(times) != 2 or not minutes:
        return
    printed = abs(_seconds(times[0]) - _seconds(times[1])) / 60
    assert abs(printed - int(minutes.group(1))) <= 0.5, line


def test_a_printed_difference_that_contradicts_the_printed_times_is_caught():
    with pytest.raises(AssertionError):  # the old finding: 14:22 and 14:12 are 10 min apart
        _difference_agrees_with_the_printed_times(
            "Soyuz MS-19 docked at 14:22 CEST, 11 min after the planned 14:12 CEST."
        )


def test_a_finding_refuses_to_state_what_the_data_contradicts(story, record, claims, verdicts):
    """The finding checks its claim: a docking reported at the planned time is only called
    'the planned time' when it equals it, and a wrong delay is refused."""
    points = timeline.launch_day(claims, verdicts, record)
    gaps = timeline.launch_day_gaps(points)
    with pytest.raises(AssertionError):
        findings.docking(story, points, gaps, pd.Timedelta(minutes=5), record)
    moved = points.copy()
    articles = ~moved["row"].isin(["planned", "actual"])
    moved.loc[articles, "time_utc"] = moved.loc[articles, "time_utc"] + pd.Timedelta(minutes=1)
    lines = findings.docking(
        story, moved, timeline.launch_day_gaps(moved), pd.Timedelta("10min31s"), record
    )
    assert not any("matches the planned time" in line for line in lines)


def test_parameter_errors_list_the_valid_values():
    listed = re.escape(f"languages with a catalog: {', '.join(catalog.languages())}")
    with pytest.raises(ParameterError, match=f"unknown language 'xx'.*{listed}"):
        Story("xx", "UTC")
    with pytest.raises(ParameterError, match="unknown time zone 'Europe/Amsterdan'"):
        Story("en", "Europe/Amsterdan")


def test_the_unchecked_finding_names_the_reasons_present(story, record, claims, verdicts):
    """'N claims could not be checked' lists the reasons the verdicts give, with their
    counts, and no reason that none of them gives (a second read found 'rumours, plans'
    listed when no claim rested on either)."""
    from factdesk.story import findings as engine_findings

    checked = verdict_tables.claim_verdicts(claims, verdicts, record)
    unchecked = checked[checked["verdict"].astype(str).eq("not checkable")]
    expected = unchecked["unchecked_reason"].astype(str).value_counts()
    empty = pd.DataFrame(columns=["agreement", "aspect"])
    lines = engine_findings.fact_check(story, checked, empty, tables.load("corrections"))
    line = next(x for x in lines if "could not be checked" in x)
    assert line.startswith(f"{len(unchecked)} claims could not be checked: ")
    listed = dict(re.findall(r"([a-z ]+?) \((\d+)\)", line.split(": ", 1)[1]))
    listed = {r.strip().removeprefix("and ").strip(): int(n) for r, n in listed.items()}
    assert listed == {story.t(f"unchecked.{k}"): v for k, v in expected.items()}
    assert sum(listed.values()) == len(unchecked)
    assert "rumour" not in line or "rumour" in expected


def test_corrections_show_logged_texts_as_readers_saw_them(story, claims, record):
    """A logged explanation with template fields shows the computed text ('11 min'), never
    the field itself ('{duration:...}'), in every corrections entry."""
    from factdesk.story import corrections as printed

    log = tables.load("corrections", "en")
    assert log["before"].astype(str).str.contains("{duration:", regex=False).any()
    groups = tables.load("reconciliation", "en")
    html = printed.entries(story, log, claims, record, groups)
    assert "{duration:" not in html and "{time:" not in html
    assert "11 min later" in html  # nl-016's explanation, computed
    # codes by their label, cited rows by what they are about (en-031's citations, c106)
    assert "Was:</strong> to the month</p>" in html
    assert "cruise-film-announcement;" not in html


@pytest.mark.parametrize(
    "quote, shown",
    [
        ("430 kilometers", "“430 kilometers”"),
        (",,Ik kijk uit naar het vervolg op Mars”", ",,Ik kijk uit naar het vervolg op Mars”"),
        ("“We always tell them to film it.", "“We always tell them to film it.”"),
        ("Thats quite complex.”", "“Thats quite complex.”"),
        ("the cosmonauts’", "“the cosmonauts’”"),  # an apostrophe, not a closing mark
    ],
)
def test_a_quote_gets_one_pair_of_quotation_marks(quote, shown):
    from factdesk.story.cards import quoted

    assert quoted(quote) == shown
