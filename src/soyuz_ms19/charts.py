"""This story's charts, built with the engine's blocks (:mod:`factdesk.story.charts`). Each
takes the report's :class:`~factdesk.story.Story` for its language, zone, names and text, and
returns a :class:`~factdesk.story.charts.Chart`: the figure and its text alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from factdesk.story import Story
from factdesk.story.charts import (
    COLORS,
    Chart,
    bars,
    describe,
    layout,
    local,
    narrow_rows,
    safe,
    time_axis,
)
from soyuz_ms19 import record as rec

EVENT_COLORS = {
    "launch": "#1b6ca8",
    "docking": "#b35806",
    "hatch_opening": "#1b7837",
    "hatch_closure": "#542788",
    "undocking": "#c51b7d",
    "landing": "#2166ac",
}
SYMBOLS = {
    "launch": "triangle-up",
    "docking": "diamond",
    "hatch_opening": "square",
    "hatch_closure": "square",
    "undocking": "diamond",
    "landing": "triangle-down",
}


def _footer(story: Story, n: int) -> str:
    return story.t("chart_footer", source=story.t("record_sources"), n=n)


def stay_label(story: Story, people: tuple[str, ...]) -> str:
    from babel.lists import format_list

    names = format_list([story.name(p) for p in people], locale=story.language)
    return story.t("stay", names=names, station=story.name(rec.STATION))


def mission_chart(story: Story, events: pd.DataFrame, stays: pd.DataFrame) -> Chart:
    """Each milestone on a row of its own (events hours apart never hide each other), coloured
    by spacecraft, under the bars of the time each person spent aboard the station."""
    fig = go.Figure()
    rows: list[str] = []
    parts = []
    for stay in stays.itertuples():
        name = safe(stay_label(story, stay.people))
        rows.append(name)
        fig.add_trace(
            go.Scatter(
                x=local(pd.Series([stay.start_utc, stay.end_utc]), story.zone),
                y=[name, name],
                mode="lines",
                line={"width": 10, "color": COLORS["before"]},
                name=safe(story.t("aboard")),
                legendgroup="aboard",
                showlegend=stay.Index == 0,
                hovertemplate="%{y}<br>%{x}<extra></extra>",
            )
        )
        parts.append((name, [f"{story.when(stay.start_utc)} – {story.when(stay.end_utc)}"]))
    crafts = list(dict.fromkeys(events["subject"]))
    colors = dict(zip(crafts, ("#1b6ca8", "#b35806", "#1b7837"), strict=False))
    for craft in crafts:
        group = events[events["subject"].eq(craft)]
        labels = [safe(f"{story.name(craft)}: {story.t(f'event.{p}')}") for p in group["property"]]
        fig.add_trace(
            go.Scatter(
                x=local(group["time_utc"], story.zone),
                y=labels,
                mode="markers",
                marker={"size": 12, "color": colors[craft], "symbol": "circle"},
                name=safe(story.name(craft)),
                customdata=[story.when(t) for t in group["time_utc"]],
                hovertemplate="%{y}<br>%{customdata}<extra></extra>",
            )
        )
        parts.append(
            (
                story.name(craft),
                [
                    f"{story.t(f'event.{p}')} {story.when(t)}"
                    for p, t in zip(group["property"], group["time_utc"], strict=True)
                ],
            )
        )
    order = rows[: len(stays)] + _event_labels(story, events)  # events: oldest first
    title = story.t("chart.mission", craft=story.name(rec.SPACECRAFT))
    layout(
        fig,
        title,
        _footer(story, len(events)),
        story.language,
        height=140 + 30 * len(order),
        narrow=narrow_rows(order),
        xaxis=time_axis(events["time_utc"], story.zone, story.t("times_in"), story.language),
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": order,
               "autorange": "reversed", "showgrid": False},
    )  # fmt: skip
    return Chart(fig, describe(title, parts))


def _event_labels(story: Story, events: pd.DataFrame) -> list[str]:
    return [
        safe(f"{story.name(c)}: {story.t(f'event.{p}')}")
        for c, p in zip(events["subject"], events["property"], strict=True)
    ]


def launch_day_chart(story: Story, points: pd.DataFrame) -> Chart:
    """Launch day: one row per teller (the record's actual and planned times, each article),
    one marker shape and colour per event (the legend names them), and an open marker where
    a time is computed from a reported wait, so a reported time sits beside the actual one."""
    fig = go.Figure()
    articles = story.articles()
    order = ["actual", "planned", *[s for s in articles if s in set(points["row"])]]
    names = {"actual": story.t("row.actual"), "planned": story.t("row.planned"), **articles}
    rows = [safe(names[r]) for r in order]
    parts = []
    for event in dict.fromkeys(points["event"]):
        for derived in (False, True):
            group = points[points["event"].eq(event) & points["derived"].eq(derived)]
            if group.empty:
                continue
            label = story.t(f"event.{event}")
            name = f"{label} ({story.t('derived_hatch')})" if derived else label
            fig.add_trace(
                go.Scatter(
                    x=local(group["time_utc"], story.zone),
                    y=[safe(names[r]) for r in group["row"]],
                    mode="markers",
                    marker={
                        "size": 13,
                        "color": "white" if derived else EVENT_COLORS.get(event, "#333"),
                        "symbol": SYMBOLS.get(event, "circle"),
                        "line": {"width": 2, "color": EVENT_COLORS.get(event, "#333")},
                    },
                    name=safe(name),
                    customdata=[story.when(t) for t in group["time_utc"]],
                    hovertemplate="%{y}: %{customdata}<extra>" + safe(name) + "</extra>",
                )
            )
            parts.append(
                (
                    name,
                    [
                        f"{names[r]} {story.clock(t)}"
                        for r, t in zip(group["row"], group["time_utc"], strict=True)
                    ],
                )
            )
    title = story.t("chart.launch_day")
    layout(
        fig,
        title,
        _footer(story, len(points)),
        story.language,
        height=170 + 44 * len(order),
        narrow=narrow_rows(rows, 14, line=17, base=90),
        xaxis=time_axis(points["time_utc"], story.zone, story.t("times_in"), story.language),
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": rows,
               "autorange": "reversed"},
    )  # fmt: skip
    return Chart(fig, describe(title, parts))


def context_chart(story: Story, events: pd.DataFrame) -> Chart:
    """Related events as dots on a date axis, one row per event (its name on the y axis, so
    labels never overlap however close the dates), oldest at the top. An event known only to
    the day sits at the start of its day."""
    from soyuz_ms19.timeline import shown_dates

    dates = shown_dates(story, events).tolist()
    xs = [
        t.tz_convert(story.zone).strftime("%Y-%m-%d %H:%M:%S") if pd.notna(t)
        else d.strftime("%Y-%m-%d")
        for t, d in zip(events["time_utc"], events["date"], strict=True)
    ]  # fmt: skip
    labels = [safe(label) for label in events["label"]]
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=labels,
            mode="markers",
            marker={"size": 11, "color": COLORS["actual"]},
            customdata=dates,
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    title = story.t("chart.context")
    layout(
        fig,
        title,
        _footer(story, len(events)),
        story.language,
        height=120 + 30 * len(events),
        narrow=narrow_rows(labels),
        xaxis={"type": "date", "title": {"text": safe(story.t("date"))}},
        yaxis={"autorange": "reversed", "type": "category", "showgrid": False},
    )
    said = [f"{label} {d}" for label, d in zip(events["label"], dates, strict=True)]
    return Chart(fig, describe(title, [("", said)]))


def ages_chart(story: Story, crew: pd.DataFrame) -> Chart:
    """Age at launch of the crew (horizontal bars, labelled)."""
    names = [safe(story.name(p)) for p in crew["person"]]
    ages = [int(a) for a in crew["age_at_launch"]]
    fig = go.Figure(
        go.Bar(
            x=ages,
            y=names,
            orientation="h",
            text=[str(a) for a in ages],
            textposition="inside",
            insidetextanchor="end",
            textfont={"color": "white"},
            marker={"color": COLORS["actual"]},
            showlegend=False,
            hovertemplate="%{y}: %{x} " + safe(story.t("axis.years")) + "<extra></extra>",
        )
    )
    title = story.t("chart.ages")
    layout(
        fig,
        title,
        _footer(story, len(crew)),
        story.language,
        height=260,
        narrow=narrow_rows(names),
        xaxis={"title": {"text": safe(story.t("axis.years"))}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "type": "category", "showgrid": False},
    )
    said = [f"{story.name(p)} {a}" for p, a in zip(crew["person"], ages, strict=True)]
    return Chart(fig, describe(title, [("", said)]))


def flights_chart(story: Story, flights: pd.DataFrame) -> Chart:
    """Every spaceflight of the crew as a span on a time axis; this mission highlighted."""
    fig = go.Figure()
    parts = []
    people = [safe(story.name(p)) for p in dict.fromkeys(flights["person"])]
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
        key = "this_flight" if this else "earlier_flights"
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                text=text,
                line={"width": 10, "color": COLORS["after" if this else "before"]},
                marker={"size": 6},
                name=safe(story.t(key)),
                connectgaps=False,
                hovertemplate="%{y}<br>%{text}<extra></extra>",
            )
        )
        parts.append(
            (
                story.t(key),
                [
                    f"{story.name(f.person)} {f.flight} ({story.t('days', n=round(f.days, 1))})"
                    for f in group.itertuples()
                ],
            )
        )
    title = story.t("chart.flights", craft=story.name(rec.SPACECRAFT))
    layout(
        fig,
        title,
        _footer(story, len(flights)),
        story.language,
        height=300,
        narrow=narrow_rows(people),
        xaxis={"type": "date", "title": {"text": safe(story.t("date"))}},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": people,
               "showgrid": False},
    )  # fmt: skip
    return Chart(fig, describe(title, parts))


def days_chart(story: Story, crew: pd.DataFrame) -> Chart:
    """Days in space before this flight and on it, stacked per person."""
    fig = go.Figure()
    names = [safe(story.name(p)) for p in crew["person"]]
    parts = []
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
                hovertemplate="%{y}: %{x} " + safe(story.t("axis.days")) + "<extra></extra>",
            )
        )
        parts.append(
            (
                story.t(key),
                [
                    f"{story.name(p)} {story.t('days', n=d)}"
                    for p, d in zip(crew["person"], crew[column], strict=True)
                ],
            )
        )
    title = story.t("chart.days")
    layout(
        fig,
        title,
        _footer(story, len(crew)),
        story.language,
        height=300,
        narrow=narrow_rows(names),
        barmode="stack",
        xaxis={"title": {"text": safe(story.t("axis.days"))}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "type": "category", "showgrid": False},
    )
    return Chart(fig, describe(title, parts))


def population_chart(
    story: Story, by_nationality: pd.DataFrame, by_agency: pd.DataFrame, n: int
) -> Chart:
    """People aboard before/after the Soyuz arrived, by nationality and by agency."""
    fig = go.Figure()
    craft = story.name(rec.SPACECRAFT)
    groups = [
        (story.t(key), frame["group"].tolist(), [])
        for key, frame in (("by_nationality", by_nationality), ("by_agency", by_agency))
    ]
    series = [
        (
            story.t(f"{when}_craft", craft=craft),
            COLORS[when],
            [by_nationality[when].tolist(), by_agency[when].tolist()],
        )
        for when in ("before", "after")
    ]
    categories = bars(fig, groups, series)
    title = story.t("chart.population", station=story.name(rec.STATION))
    layout(
        fig,
        title,
        _footer(story, n),
        story.language,
        height=150 + 34 * len(categories),
        narrow=narrow_rows(categories),
        barmode="group",
        xaxis={"title": {"text": safe(story.t("count"))}, "dtick": 1, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "type": "category", "showgrid": False},
    )  # fmt: skip
    parts = []
    for heading, frame in ((story.t("by_nationality"), by_nationality),
                           (story.t("by_agency"), by_agency)):  # fmt: skip
        for row in frame.itertuples():
            parts.append(
                (
                    f"{heading} {row.group}",
                    [
                        f"{story.t('before_craft', craft=craft)} {row.before}",
                        f"{story.t('after_craft', craft=craft)} {row.after}",
                    ],
                )
            )
    return Chart(fig, describe(title, parts))
