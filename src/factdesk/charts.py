"""Plotly figures for the story notebooks, in the report's language and time zone.

Figures are built from plain Python lists (not numpy arrays) so the figure JSON stored in a
notebook is readable numbers and strings, which nbval compares and a journalist can read.
Every figure carries its title and a footer with source and N (also in exported PNG/SVG).
A small template replaces plotly's default one, which would add ~10 KB of JSON per chart.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go

from factdesk import labels
from factdesk.tables import VERDICTS
from factdesk.timeline import local

FONT = "Helvetica, Arial, sans-serif"
COLORS = {
    "actual": "#1b6ca8",
    "planned": "#9aa5b1",
    "nl-ms19-launch": "#e07b00",
    "en-ms19-launch": "#7b3fa0",
    "accurate": "#2e7d32",
    "imprecise": "#f9a825",
    "inaccurate": "#c62828",
    "not checkable": "#9e9e9e",
    "before": "#9aa5b1",
    "after": "#1b6ca8",
    "earlier": "#9aa5b1",
    "this": "#1b6ca8",
}
SYMBOLS = {
    "launch": "triangle-up",
    "docking": "diamond",
    "hatch_opening": "square",
    "hatch_closure": "square-open",
    "undocking": "diamond-open",
    "landing": "triangle-down",
}


def _layout(fig: go.Figure, title: str, footer: str, height: int = 420, **extra) -> go.Figure:
    fig.update_layout(
        template="none",
        font={"family": FONT, "size": 13, "color": "#222"},
        title={"text": title, "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        height=height,
        margin={"l": 70, "r": 30, "t": 95, "b": 95},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hovermode="closest",
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"},
        # The footer sits a fixed number of pixels under the plot, below the axis title.
        annotations=[
            {
                "text": footer,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -62,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 11, "color": "#555"},
            }
        ],
        **extra,
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eee", zeroline=False)
    fig.update_yaxes(showgrid=True, gridcolor="#eee", zeroline=False)
    return fig


def _time_axis(times: pd.Series, language: str, zone: ZoneInfo) -> dict:
    """A date axis titled with the zone its wall-clock times are in: the abbreviation when all
    times share one (``Times in CEST``), else the zone and its abbreviations."""
    abbreviations = sorted({labels.zone_abbreviation(t, zone) for t in times})
    shown = abbreviations[0] if len(abbreviations) == 1 else f"{zone} ({'/'.join(abbreviations)})"
    return {"title": {"text": labels.text("times_in", language, zone=shown)}, "type": "date"}


def _grouped_bar(groups: list[tuple[str, list[str], pd.Series]], name: str, color: str) -> go.Bar:
    """One bar trace over a two-level category axis: each (heading, labels, values) group is a
    block of bars under its heading, e.g. "by nationality" and "by agency" side by side."""
    headings = [heading for heading, names, _ in groups for _ in names]
    names = [label for _, labels_, _ in groups for label in labels_]
    values = [int(v) for _, _, series in groups for v in series]
    return go.Bar(
        x=[headings, names],
        y=values,
        name=name,
        marker={"color": color},
        hovertemplate="%{x}: %{y}<extra></extra>",
    )


def footer(source_key: str, n: int, language: str) -> str:
    """The chart footer: source and N, in the report's language."""
    return labels.text("chart_footer", language, source=labels.text(source_key, language), n=n)


def mission_chart(
    events: pd.DataFrame, stays: pd.DataFrame, language: str, zone: ZoneInfo
) -> go.Figure:
    """Milestones of MS-19 / MS-18 as markers, time aboard the ISS as bars, on one time axis."""
    fig = go.Figure()
    for stay in stays.itertuples():
        name = labels.text(f"ev.{stay.stay}", language)
        start = local(pd.Series([stay.start_utc]), zone).iloc[0]
        end = local(pd.Series([stay.end_utc]), zone).iloc[0]
        fig.add_trace(
            go.Scatter(
                x=[start, end],
                y=[name, name],
                mode="lines",
                line={"width": 12, "color": COLORS["planned"]},
                name=name,
                hovertemplate=f"{name}<br>%{{x}}<extra></extra>",
            )
        )
    craft = {"soyuz-ms-19": "Soyuz MS-19", "soyuz-ms-18": "Soyuz MS-18"}
    for subject, group in events.groupby("subject", sort=False):
        row = (
            craft[str(subject)]
            if language == "en"
            else craft[str(subject)].replace("Soyuz", "Sojoez")
        )
        texts = [labels.text(f"ev.{p}", language) for p in group["property"]]
        fig.add_trace(
            go.Scatter(
                x=local(group["time_utc"], zone).tolist(),
                y=[row] * len(group),
                mode="markers",
                marker={
                    "size": 13,
                    "color": COLORS["actual"],
                    "symbol": [SYMBOLS.get(p, "circle") for p in group["property"]],
                },
                name=row,
                text=texts,
                customdata=[labels.when(t, language, zone) for t in group["time_utc"]],
                hovertemplate="%{text}<br>%{customdata}<extra></extra>",
            )
        )
    return _layout(
        fig,
        labels.text("nb2.chart.mission", language),
        footer("record_sources", len(events), language),
        xaxis=_time_axis(events["time_utc"], language, zone),
        yaxis={"automargin": True},
    )


def launch_day_chart(points: pd.DataFrame, language: str, zone: ZoneInfo) -> go.Figure:
    """Launch day: one row per teller (record actual/planned, each article), markers by event,
    so a reported time sits visibly beside the actual one."""
    fig = go.Figure()
    order = ["actual", "planned", *sorted(set(points["row"]) - {"actual", "planned"})]
    for row in order:
        group = points[points["row"].eq(row)]
        if group.empty:
            continue
        name = labels.source(row, language, prefix="row.")
        event_names = [labels.text(f"ev.{e}", language) for e in group["event"]]
        hover = [labels.when(t, language, zone) for t in group["time_utc"]]
        notes = [
            (f"“{q}”" if q else "")
            + (f" ({labels.text('nb2.reported_hatch', language)})" if d else "")
            for q, d in zip(group["quote"], group["derived"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=local(group["time_utc"], zone).tolist(),
                y=[name] * len(group),
                mode="markers+text",
                text=event_names,
                textposition="top center",
                marker={
                    "size": 14,
                    "color": COLORS.get(row, "#333"),
                    "symbol": [
                        SYMBOLS.get(e, "circle") + ("-open" if d else "")
                        for e, d in zip(group["event"], group["derived"], strict=True)
                    ],
                },
                name=name,
                customdata=[[h, n] for h, n in zip(hover, notes, strict=True)],
                hovertemplate="%{text}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    return _layout(
        fig,
        labels.text("nb2.chart.launchday", language),
        footer("record_sources", len(points), language),
        height=460,
        xaxis=_time_axis(points["time_utc"], language, zone),
        yaxis={
            "automargin": True,
            "categoryorder": "array",
            "categoryarray": [labels.source(r, language, prefix="row.") for r in reversed(order)],
        },
    )


def context_chart(events: pd.DataFrame, language: str, zone: ZoneInfo) -> go.Figure:
    """Related events as dots on a date axis, one row per event (its name on the y axis, so
    labels never overlap however close the dates), oldest at the top."""
    names = [labels.text(f"ctx.{rid}", language) for rid in events["record_id"]]
    dates = [
        labels.day(t.tz_convert(zone), language) if d else labels.when(t, language, zone)
        for t, d in zip(events["time_utc"], events["date_only"], strict=True)
    ]
    fig = go.Figure(
        go.Scatter(
            x=local(events["time_utc"], zone).tolist(),
            y=names,
            mode="markers",
            marker={"size": 11, "color": COLORS["actual"]},
            customdata=dates,
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    return _layout(
        fig,
        labels.text("nb2.chart.context", language),
        footer("record_sources", len(events), language),
        height=180 + 32 * len(events),
        xaxis={"type": "date", "title": {"text": labels.text("date", language)}},
        yaxis={"automargin": True, "autorange": "reversed"},
    )


def ages_chart(crew: pd.DataFrame, language: str) -> go.Figure:
    """Age at launch of the three crew members (horizontal bars, labelled)."""
    fig = go.Figure(
        go.Bar(
            x=[int(a) for a in crew["age_at_launch"]],
            y=crew["name"].tolist(),
            orientation="h",
            text=[str(int(a)) for a in crew["age_at_launch"]],
            textposition="outside",
            marker={"color": COLORS["actual"]},
            showlegend=False,
            hovertemplate="%{y}: %{x} " + labels.text("years", language) + "<extra></extra>",
        )
    )
    return _layout(
        fig,
        labels.text("nb3.chart.ages", language),
        footer("record_sources", len(crew), language),
        height=320,
        xaxis={"title": {"text": labels.text("years", language)}},
        yaxis={"automargin": True, "autorange": "reversed"},
    )


def flights_chart(
    flights: pd.DataFrame, names: dict[str, str], language: str, zone: ZoneInfo
) -> go.Figure:
    """Every spaceflight of the crew as a span on a time axis; this mission highlighted."""
    fig = go.Figure()
    for this, group in flights.groupby("this_mission", sort=True):
        key = "nb3.this_flight" if this else "nb3.earlier_flights"
        color = COLORS["this" if this else "earlier"]
        xs: list = []
        ys: list = []
        text: list = []
        for flight in group.itertuples():
            name = names.get(flight.person, flight.person)
            xs += [
                local(pd.Series([flight.launch_utc]), zone).iloc[0],
                local(pd.Series([flight.landing_utc]), zone).iloc[0],
                None,
            ]
            ys += [name, name, None]
            label = f"{flight.flight}: {round(flight.days, 1)} {labels.text('days', language)}"
            text += [label, label, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                text=text,
                line={"width": 10, "color": color},
                marker={"size": 6},
                name=labels.text(key, language),
                connectgaps=False,
                hovertemplate="%{y}<br>%{text}<extra></extra>",
            )
        )
    return _layout(
        fig,
        labels.text("nb3.chart.flights", language),
        footer("record_sources", len(flights), language),
        height=340,
        xaxis={"type": "date", "title": {"text": labels.text("date", language)}},
        yaxis={"automargin": True},
    )


def days_chart(crew: pd.DataFrame, language: str) -> go.Figure:
    """Days in space before this flight and on it, stacked per person."""
    fig = go.Figure()
    for column, key, color in (
        ("days_before", "nb3.earlier_flights", "earlier"),
        ("days_this_flight", "nb3.this_flight", "this"),
    ):
        fig.add_trace(
            go.Bar(
                x=crew[column].tolist(),
                y=crew["name"].tolist(),
                orientation="h",
                name=labels.text(key, language),
                marker={"color": COLORS[color]},
                hovertemplate="%{y}: %{x} " + labels.text("days", language) + "<extra></extra>",
            )
        )
    return _layout(
        fig,
        labels.text("nb3.chart.days", language),
        footer("record_sources", len(crew), language),
        height=340,
        barmode="stack",
        xaxis={"title": {"text": labels.text("days", language)}},
        yaxis={"automargin": True, "autorange": "reversed"},
    )


def population_chart(
    by_nationality: pd.DataFrame, by_agency: pd.DataFrame, language: str, n: int
) -> go.Figure:
    """People aboard before/after MS-19 arrived, by nationality and by agency (grouped bars)."""
    fig = go.Figure()
    for when_key, column in (("nb3.before", "before"), ("nb3.after", "after")):
        groups = [
            (
                labels.text(key, language),
                [value_label(g, language) for g in frame["group"]],
                frame[column],
            )
            for key, frame in (
                ("nb3.by_nationality", by_nationality),
                ("nb3.by_agency", by_agency),
            )
        ]
        fig.add_trace(_grouped_bar(groups, labels.text(when_key, language), COLORS[column]))
    return _layout(
        fig,
        labels.text("nb3.chart.population", language),
        footer("record_sources", n, language),
        height=420,
        barmode="group",
        yaxis={"title": {"text": labels.text("count", language)}, "dtick": 1},
    )


def verdicts_chart(by_topic: pd.DataFrame, by_source: pd.DataFrame, language: str) -> go.Figure:
    """Verdicts stacked by topic and by article (one bar group each)."""
    fig = go.Figure()
    topics = [labels.text(f"topic.{t}", language) for t in by_topic["topic"]]
    sources = [labels.source(str(s), language) for s in by_source["source_id"]]
    heading_topic = labels.text("nb4.col.topic", language)
    heading_source = labels.text("nb4.col.article", language)
    n = int(by_topic[list(VERDICTS)].to_numpy().sum())
    for verdict in VERDICTS:
        groups = [
            (heading_topic, topics, by_topic[verdict]),
            (heading_source, sources, by_source[verdict]),
        ]
        fig.add_trace(
            _grouped_bar(groups, labels.text(f"verdict.{verdict}", language), COLORS[verdict])
        )
    return _layout(
        fig,
        labels.text("nb4.chart.verdicts", language),
        footer("articles_source", n, language),
        height=460,
        barmode="stack",
        yaxis={"title": {"text": labels.text("nb4.col.claims", language)}},
    )


def claims_per_sentence_chart(table: pd.DataFrame, language: str) -> go.Figure:
    """Claims per sentence, per article, in reading order (0 = excused)."""
    fig = go.Figure()
    for source_id, group in table.groupby("source_id", sort=False):
        fig.add_trace(
            go.Bar(
                x=list(range(1, len(group) + 1)),
                y=[int(v) for v in group["n_claims"]],
                name=labels.source(str(source_id), language),
                customdata=group["sentence_id"].tolist(),
                marker={"color": COLORS.get(str(source_id), "#333")},
                hovertemplate="%{customdata}: %{y}<extra></extra>",
            )
        )
    return _layout(
        fig,
        labels.text("nb1.chart.claims", language),
        footer("articles_source", len(table), language),
        height=380,
        barmode="group",
        xaxis={"title": {"text": labels.text("nb1.axis.sentence", language)}},
        yaxis={"title": {"text": labels.text("nb1.axis.claims", language)}},
    )


def value_label(value: str, language: str) -> str:
    """A data value shown in a legend or axis (nationality, 'none'), translated if known."""
    key = f"value.{value}"
    return labels.text(key, language) if labels.has(key) else value
