"""The src functions behind every chart and table, on the real data, and key values checked
against the public record."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from factdesk import charts, crew, factcheck, labels, tables, timeline
from factdesk.params import ParameterError, check_parameters

UTC = pd.Timestamp


@pytest.fixture(scope="module")
def record():
    return tables.load_record()


@pytest.fixture(scope="module")
def claims():
    return tables.load_claims()


@pytest.fixture(scope="module")
def verdicts():
    return tables.load_verdicts()


def _claim(claims, claim_id):
    return claims.set_index("claim_id").loc[claim_id]


def test_loaders_are_typed(record, claims):
    assert str(record["value_time"].dtype) == "datetime64[us, UTC]" or str(
        record["value_time"].dtype
    ).endswith("UTC]")
    assert claims["topic"].dtype == "category" and claims["checkable"].dtype == bool
    assert claims["value_time"].dt.tz is not None


def test_key_times_match_the_record(record):
    times = record.set_index("record_id")["value_time"]
    assert times["ms19-launch"] == UTC("2021-10-05T08:55:02Z")
    assert times["ms19-docking-planned"] == UTC("2021-10-05T12:12:00Z")
    assert times["ms19-docking-actual"] == UTC("2021-10-05T12:22:31Z")
    assert times["ms18-landing"] == UTC("2021-10-17T04:35:00Z")
    assert times["ms19-landing"] == UTC("2022-03-30T11:28:00Z")


def test_dutch_docking_time_was_the_planned_time(claims, record):
    # "rond 14.12 uur Nederlandse tijd" = 12:12 UTC = the planned docking, not the actual one.
    nl = _claim(claims, "nl-016")
    assert (
        nl["value_time"] == record.set_index("record_id").loc["ms19-docking-planned", "value_time"]
    )
    assert nl["value_timezone"] == "Europe/Amsterdam"


def test_launch_day_gaps(claims, verdicts, record):
    points = timeline.launch_day(claims, verdicts, record)
    gaps = timeline.launch_day_gaps(points).set_index(["row", "event"])
    # Rounded to the nearest minute: 14:12 vs 14:22:31 is 10.5 min early, 14:15 is 7.5 min.
    assert gaps.loc[("nl-ms19-launch", "docking"), "gap_minutes"] == -11
    assert gaps.loc[("en-ms19-launch", "docking"), "gap_minutes"] == -8
    # "about two hours" after the reported 14:15 arrival -> 16:15, vs the hatch at 17:00 CEST.
    hatch = gaps.loc[("en-ms19-launch", "hatch_opening")]
    assert hatch["time_utc"] == UTC("2021-10-05T14:15:00Z") and hatch["gap_minutes"] == -45
    assert points["derived"].sum() == 1


def test_trip_durations(record):
    d = timeline.trip_durations(record)
    assert d["launch_to_docking"] == pd.Timedelta("3h27min29s")
    assert d["docking_late"] == pd.Timedelta("10min31s")
    assert round(d["launch_to_return"].total_seconds() / 86400, 1) == 11.8


def test_mission_events_are_ordered_and_sourced(record):
    events = timeline.mission_events(record)
    assert events["time_utc"].is_monotonic_increasing
    assert list(events["property"])[:3] == ["launch", "docking", "hatch_opening"]
    assert events["source_url"].str.startswith("http").all()


def test_context_events_span_starship_to_release(record):
    ctx = timeline.context_events(record)
    assert ctx["record_id"].iloc[0] == "starship-presentation-date"
    assert ctx["record_id"].iloc[-1] == "vyzov-release-russia"
    assert ctx["time_utc"].is_monotonic_increasing


def test_crew_ages_and_flights_from_record_dates(record, claims):
    people = crew.crew_table(record, tables.load_spaceflights(), tables.load_entities(), "en")
    ages = people.set_index("person")["age_at_launch"]
    assert ages.to_dict() == {"yulia-peresild": 37, "klim-shipenko": 38, "anton-shkaplerov": 49}
    # The English article's "(37)" and "three times before" agree with the record.
    age_claims = claims[claims["unit"].eq("years") & claims["source_id"].eq("en-ms19-launch")]
    assert age_claims["value_number"].tolist() == [ages["yulia-peresild"]]
    shk = people.set_index("person").loc["anton-shkaplerov"]
    assert shk["prior_flights"] == 3
    assert (claims["value_number"].eq(3) & claims["unit"].eq("flights")).any()
    assert 530 < shk["days_before"] < 536  # record: 533 days before MS-19


def test_age_is_computed_from_dates_not_today():
    birth, launch = pd.Timestamp("1984-09-05"), pd.Timestamp("2021-10-05T08:55:02Z")
    assert crew.age_at(birth, launch) == 37
    assert crew.age_at(pd.Timestamp("1984-10-06"), launch) == 36  # birthday not yet reached


def test_iss_population_matches_the_english_article():
    iss = tables.load_iss_crew()
    nat = crew.iss_population(iss, "nationality").set_index("group")
    # "three Americans, two Russians, a Japanese and a Frenchman"
    assert nat["before"].to_dict() == {"Russian": 2, "American": 3, "French": 1, "Japanese": 1}
    assert nat["after"].sum() == 10
    agency = crew.iss_population(iss, "agency").set_index("group")
    assert agency.loc["NASA", "before"] == 3 and agency.loc["Roscosmos", "after"] == 3


def test_factcheck_tables(claims, verdicts, record):
    checked = factcheck.claim_verdicts(claims, verdicts, record)
    assert len(checked) == len(claims)
    assert (checked.loc[~checked["checkable"], "verdict"] == "not checkable").all()
    cited = checked[checked["verdict"] != "not checkable"]
    assert cited["record_sources"].str.contains("http").all()
    totals = factcheck.summary(checked)
    assert totals["claims"] == totals["checkable"] + totals["not_checkable"]
    by_topic = factcheck.verdict_counts(checked, "topic")
    assert by_topic[list(tables.VERDICTS)].to_numpy().sum() == len(claims)
    pairs = factcheck.disagreements(tables.load_reconciliation(), claims, "nl", only_disagree=True)
    assert set(pairs["aspect"]) >= {"Shipenko's role", "length of the stay"}
    assert pairs["quote_nl"].str.len().gt(0).all() and pairs["quote_en"].str.len().gt(0).all()


def test_shipenko_role_is_a_disagreement_and_an_inaccuracy_of_degree(verdicts):
    v = verdicts.set_index("claim_id")
    assert v.loc["nl-016", "verdict"] == "imprecise"  # planned time given as the docking time
    assert v.loc["en-025", "verdict"] in ("imprecise", "inaccurate")


@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "UTC", "Europe/Moscow"])
def test_times_are_shown_in_the_chosen_zone(zone, record):
    tz = ZoneInfo(zone)
    docking = record.set_index("record_id").loc["ms19-docking-actual", "value_time"]
    expected = {"Europe/Amsterdam": "14:22 CEST", "UTC": "12:22 UTC", "Europe/Moscow": "15:22 MSK"}
    assert labels.clock(docking, "en", tz) == expected[zone]
    assert labels.when(docking, "nl", tz).startswith("5 oktober 2021")
    events = timeline.mission_events(record)
    shown = timeline.local(events["time_utc"], tz)
    assert shown.iloc[0].startswith(
        {
            "Europe/Amsterdam": "2021-10-05 10:55",
            "UTC": "2021-10-05 08:55",
            "Europe/Moscow": "2021-10-05 11:55",
        }[zone]
    )


@pytest.mark.parametrize("language", ["en", "nl"])
def test_charts_carry_title_footer_and_language(language, record, claims, verdicts):
    tz = ZoneInfo("Europe/Amsterdam")
    points = timeline.launch_day(claims, verdicts, record)
    fig = charts.launch_day_chart(points, language, tz)
    assert fig.layout.title.text == labels.text("nb2.chart.launchday", language)
    footer = fig.layout.annotations[0].text
    assert footer.startswith(labels.text("source", language)) and f"N = {len(points)}" in footer
    assert len(fig.data) == points["row"].nunique()
    names = {trace.name for trace in fig.data}
    assert labels.text("row.actual", language) in names


def test_every_label_has_both_languages():
    for key, texts in labels.LABELS.items():
        assert set(texts) == {"en", "nl"}, key
        assert all(texts.values()), key


def test_parameter_errors_list_the_valid_values():
    with pytest.raises(ParameterError, match="unknown language 'de'; valid values: en, nl"):
        check_parameters("de", "UTC")
    with pytest.raises(ParameterError, match=r"unknown time zone 'Mars/Olympus'.*Europe/Moscow"):
        check_parameters("en", "Mars/Olympus")
    assert str(check_parameters("nl", "Europe/Moscow")) == "Europe/Moscow"


def test_entities_carry_the_spellings_the_sources_use():
    aliases = tables.load_entities().set_index("entity_id")["aliases"]
    expected = {
        "klim-shipenko": ["Sjipenko", "Shipenko"],
        "yulia-peresild": ["Joelia", "Yulia"],
        "baikonur": ["Bajkonoer", "Baikonur"],
        "vyzov": ["Vizov", "Vyzov", "The Challenge", "De uitdaging"],
        "spacex": ["Space X", "SpaceX"],
        "nasa": ["Nasa", "NASA"],
    }
    for entity, spellings in expected.items():
        for spelling in spellings:
            assert spelling in aliases[entity], (entity, spelling)


def test_launch_day_claims_include_orbits_and_the_wait_for_the_hatch(claims, verdicts):
    table = timeline.launch_day_claims(claims, verdicts, "nl")
    quotes = " | ".join(table["quote"])
    assert "twee rondjes om de aarde" in quotes and "about two hours" in quotes
    assert "14.12 uur" in quotes and "2.15 pm" in quotes
    assert table["explanation"].str.len().gt(0).all()


def _figures(language, record, claims, verdicts):
    tz = ZoneInfo("Europe/Moscow")
    people = crew.crew_table(record, tables.load_spaceflights(), tables.load_entities(), language)
    flights = crew.flights(tables.load_spaceflights(), record)
    iss = tables.load_iss_crew()
    checked = factcheck.claim_verdicts(claims, verdicts, record)
    from factdesk.provenance import coverage, locate_quotes

    articles = tables.load_articles()
    cover = coverage(locate_quotes(claims, articles), articles, tables.load_excused())
    events = timeline.mission_events(record)
    return {
        "mission": (charts.mission_chart(events, timeline.stays(record), language, tz), 4),
        "context": (charts.context_chart(timeline.context_events(record), language, tz), 1),
        "ages": (charts.ages_chart(people, language), 1),
        "flights": (
            charts.flights_chart(
                flights, dict(zip(people.person, people.name, strict=True)), language, tz
            ),
            2,
        ),
        "days": (charts.days_chart(people, language), 2),
        "population": (
            charts.population_chart(
                crew.iss_population(iss, "nationality"),
                crew.iss_population(iss, "agency"),
                language,
                len(iss),
            ),
            2,
        ),
        "verdicts": (
            charts.verdicts_chart(
                factcheck.verdict_counts(checked, "topic"),
                factcheck.verdict_counts(checked, "source_id"),
                language,
            ),
            4,
        ),
        "claims": (charts.claims_per_sentence_chart(cover, language), 2),
    }


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_chart_has_title_source_n_and_its_traces(language, record, claims, verdicts):
    for name, (fig, traces) in _figures(language, record, claims, verdicts).items():
        assert len(fig.data) == traces, name
        assert fig.layout.title.text, name
        footer = fig.layout.annotations[0].text
        assert footer.startswith(labels.text("source", language)) and "N = " in footer, name
        spec = fig.to_plotly_json()
        assert "bdata" not in str(spec["data"]), name  # readable numbers in the notebook JSON


def test_times_on_chart_axes_are_in_the_report_zone(record):
    events = timeline.mission_events(record)
    fig = charts.mission_chart(events, timeline.stays(record), "en", ZoneInfo("Europe/Moscow"))
    launch = [t for t in fig.data if t.mode == "markers"][0].x[0]
    assert launch == "2021-10-05 11:55:02"  # 08:55:02 UTC in Moscow time
    assert fig.layout.xaxis.title.text == "Times in MSK"


def test_disagreements_are_explained_in_the_report_language(claims):
    reconciliation = tables.load_reconciliation()
    nl = factcheck.disagreements(reconciliation, claims, "nl", only_disagree=True)
    en = factcheck.disagreements(reconciliation, claims, "en", only_disagree=True)
    assert "rol van Shipenko" in set(nl["aspect_text"])
    assert "Shipenko's role" in set(en["aspect_text"])
    assert (nl["explanation_text"] != en["explanation_text"]).all()


def test_numbers_and_empty_dates_follow_the_language():
    assert labels.number(11.8166, "nl") == "11,8" and labels.number(11.8166, "en") == "11.8"
    assert labels.day(pd.NaT, "nl") == ""
    assert labels.source("xx-new-article", "nl") == "xx-new-article"  # unlabelled: its id
    assert labels.source("nl-ms19-launch", "en") == "Dutch article"


def test_crew_text_values_follow_the_language(record):
    flights, entities = tables.load_spaceflights(), tables.load_entities()
    nl = crew.crew_table(record, flights, entities, "nl").set_index("person")
    en = crew.crew_table(record, flights, entities, "en").set_index("person")
    assert nl.loc["yulia-peresild", "profession"] == "actrice (theater en film)"
    assert en.loc["yulia-peresild", "profession"] == "actress (theatre and film)"
    assert nl.loc["klim-shipenko", "birthplace"].startswith("Moskou")
