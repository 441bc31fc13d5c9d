"""This story's charts, built with the engine's blocks (:mod:`factdesk.story.charts`). Each takes
the report's :class:`~factdesk.story.Story` for its language, zone, names and text."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from factdesk.story import Story
from factdesk.story.charts import COLORS, grouped_bar, layout, local, palette, safe, time_axis
from soyuz_ms19 import record as rec

SYMBOLS = {
    "launch": "triangle-up",
    "docking": "diamond",
    "hatch_opening": "square",
    "hatch_closure": "square-open",
    "undocking": "diamond-open",
    "landing": "triangle-down",
}


def _footer(story: Story, n: int) -> str:
    return story.t("chart_footer", source=story.t("record_sources"), n=n)


def stay_label(story: Story, people: tuple[str, ...]) -> str:
    from babel.lists import format_list

    names = format_list([story.name(p) for p in people], locale=story.language)
    return story.t("stay", names=names, station=story.name(rec.STATION))


def mission_chart(story: Story, events: pd.DataFrame, stays: pd.DataFrame) -> go.Figure:
    """Milestones of both spacecraft as markers, time aboard the station as bars."""
    fig = go.Figure()
    for stay in stays.itertuples():
        name = stay_label(story, stay.people)
        fig.add_trace(
            go.Scatter(
                x=local(pd.Series([stay.start_utc, stay.end_utc]), story.zone),
                y=[safe(name)] * 2,
                mode="lines",
                line={"width": 12, "color": COLORS["planned"]},
                name=safe(name),
                hovertemplate="%{y}<br>%{x}<extra></extra>",
            )
        )
    for subject, group in events.groupby("subject", sort=False):
        craft = safe(story.name(subject))
        fig.add_trace(
            go.Scatter(
                x=local(group["time_utc"], story.zone),
                y=[craft] * len(group),
                mode="markers",
                marker={
                    "size": 13,
                    "color": COLORS["actual"],
                    "symbol": [SYMBOLS.get(p, "circle") for p in group["property"]],
                },
                name=craft,
                text=[safe(story.t(f"event.{p}")) for p in group["property"]],
                customdata=[story.when(t) for t in group["time_utc"]],
                hovertemplate="%{text}<br>%{customdata}<extra></extra>",
            )
        )
    return layout(
        fig,
        story.t("chart.mission", craft=story.name(rec.SPACECRAFT)),
        _footer(story, len(events)),
        story.language,
        xaxis=time_axis(events["time_utc"], story.zone, story.t("times_in")),
        yaxis={"automargin": True},
    )


def launch_day_chart(story: Story, points: pd.DataFrame) -> go.Figure:
    """Launch day: one row per teller (the record's actual and planned times, each article),
    markers by event, so a reported time sits visibly beside the actual one."""
    fig = go.Figure()
    articles = story.articles()
    colors = {**palette(list(articles)), "actual": COLORS["actual"], "planned": COLORS["planned"]}
    order = ["actual", "planned", *[s for s in articles if s in set(points["row"])]]
    names = {"actual": story.t("row.actual"), "planned": story.t("row.planned"), **articles}
    for row in order:
        group = points[points["row"].eq(row)]
        notes = [
            (f"“{safe(q)}”" if q else "") + (f" ({safe(story.t('derived_hatch'))})" if d else "")
            for q, d in zip(group["quote"], group["derived"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=local(group["time_utc"], story.zone),
                y=[safe(names[row])] * len(group),
                mode="markers+text",
                text=[safe(story.t(f"event.{e}")) for e in group["event"]],
                textposition="top center",
                marker={
                    "size": 14,
                    "color": colors[row],
                    "symbol": [
                        SYMBOLS.get(e, "circle") + ("-open" if d else "")
                        for e, d in zip(group["event"], group["derived"], strict=True)
                    ],
                },
                name=safe(names[row]),
                customdata=[
                    [story.when(t), n] for t, n in zip(group["time_utc"], notes, strict=True)
                ],
                hovertemplate="%{text}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    return layout(
        fig,
        story.t("chart.launch_day"),
        _footer(story, len(points)),
        story.language,
        height=460,
        xaxis=time_axis(points["time_utc"], story.zone, story.t("times_in")),
        yaxis={
            "automargin": True,
            "categoryorder": "array",
            "categoryarray": [safe(names[r]) for r in reversed(order)],
        },
    )


def context_chart(story: Story, events: pd.DataFrame) -> go.Figure:
    """Related events as dots on a date axis, one row per event (its name on the y axis, so
    labels never overlap however close the dates), oldest at the top."""
    dates = [
        story.day(t.tz_convert(story.zone)) if d else story.when(t)
        for t, d in zip(events["time_utc"], events["date_only"], strict=True)
    ]
    fig = go.Figure(
        go.Scatter(
            x=local(events["time_utc"], story.zone),
            y=[safe(label) for label in events["label"]],
            mode="markers",
            marker={"size": 11, "color": COLORS["actual"]},
            customdata=dates,
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    return layout(
        fig,
        story.t("chart.context"),
        _footer(story, len(events)),
        story.language,
        height=180 + 32 * len(events),
        xaxis={"type": "date", "title": {"text": safe(story.t("date"))}},
        yaxis={"automargin": True, "autorange": "reversed"},
    )


def ages_chart(story: Story, crew: pd.DataFrame) -> go.Figure:
    """Age at launch of the crew (horizontal bars, labelled)."""
    names = [safe(story.name(p)) for p in crew["person"]]
    fig = go.Figure(
        go.Bar(
            x=[int(a) for a in crew["age_at_launch"]],
            y=names,
            orientation="h",
            text=[str(int(a)) for a in crew["age_at_launch"]],
            textposition="outside",
            marker={"color": COLORS["actual"]},
            showlegend=False,
            hovertemplate="%{y}: %{x} " + safe(story.t("unit.years")) + "<extra></extra>",
        )
    )
    return layout(
        fig,
        story.t("chart.ages"),
        _footer(story, len(crew)),
        story.language,
        height=320,
        xaxis={"title": {"text": safe(story.t("unit.years"))}},
        yaxis={"automargin": True, "autorange": "reversed"},
    )


def flights_chart(story: Story, flights: pd.DataFrame) -> go.Figure:
    """Every spaceflight of the crew as a span on a time axis; this mission highlighted."""
    fig = go.Figure()
    for this, group in flights.groupby("this_mission", sort=True):
        xs: list = []
        ys: list = []
        text: list = []
        for flight in group.itertuples():
            name = safe(story.name(flight.person))
            xs += [*local(pd.Series([flight.launch_utc, flight.landing_utc]), story.zone), None]
            ys += [name, name, None]
            label = safe(f"{flight.flight}: {story.t('days', n=round(flight.days, 1))}")
            text += [label, label, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                text=text,
                line={"width": 10, "color": COLORS["after" if this else "before"]},
                marker={"size": 6},
                name=safe(story.t("this_flight" if this else "earlier_flights")),
                connectgaps=False,
                hovertemplate="%{y}<br>%{text}<extra></extra>",
            )
        )
    return layout(
        fig,
        story.t("chart.flights", craft=story.name(rec.SPACECRAFT)),
        _footer(story, len(flights)),
        story.language,
        height=340,
        xaxis={"type": "date", "title": {"text": safe(story.t("date"))}},
        yaxis={"automargin": True},
    )


def days_chart(story: Story, crew: pd.DataFrame) -> go.Figure:
    """Days in space before this flight and on it, stacked per person."""
    fig = go.Figure()
    names = [safe(story.name(p)) for p in crew["person"]]
    for column, key, color in (
        ("days_before", "earlier_flights", "before"),
        ("days_this_flight", "this_flight", "after"),
    ):
        fig.add_trace(
            go.Bar(
                x=crew[column].tolist(),
                y=names,
                orientation="h",
                name=safe(story.t(key)),
                marker={"color": COLORS[color]},
                hovertemplate="%{y}: %{x} " + safe(story.t("unit.days")) + "<extra></extra>",
            )
        )
    return layout(
        fig,
        story.t("chart.days"),
        _footer(story, len(crew)),
        story.language,
        height=340,
        barmode="stack",
        xaxis={"title": {"text": safe(story.t("unit.days"))}},
        yaxis={"automargin": True, "autorange": "reversed"},
    )


def population_chart(
    story: Story, by_nationality: pd.DataFrame, by_agency: pd.DataFrame, n: int
) -> go.Figure:
    """People aboard before/after the Soyuz arrived, by nationality and by agency."""
    fig = go.Figure()
    craft = story.name(rec.SPACECRAFT)
    for when, column in (("before", "before"), ("after", "after")):
        groups = [
            (story.t(key), frame["group"].tolist(), frame[column].tolist())
            for key, frame in (("by_nationality", by_nationality), ("by_agency", by_agency))
        ]
        fig.add_trace(grouped_bar(groups, story.t(f"{when}_craft", craft=craft), COLORS[column]))
    return layout(
        fig,
        story.t("chart.population", station=story.name(rec.STATION)),
        _footer(story, n),
        story.language,
        height=420,
        barmode="group",
        yaxis={"title": {"text": safe(story.t("count"))}, "dtick": 1},
    )
