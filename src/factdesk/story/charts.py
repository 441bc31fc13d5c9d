"""Plotly building blocks for any story, and the two fact-check charts every story has.

Figures are built from plain Python lists so the figure JSON stored in a notebook is readable
numbers and strings, which nbval compares and a journalist can read. Every figure carries its
title and a footer with source and N (also in exported PNG/SVG), the language's number
separators and a ``locale`` for date axes. Every text that comes from data goes through
:func:`safe`: plotly renders a subset of HTML in labels, so markup must stay text.
"""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go

from factdesk.language import formats

FONT = "Helvetica, Arial, sans-serif"
PALETTE = ("#e07b00", "#7b3fa0", "#1b9e77", "#d95f02", "#e7298a", "#66a61e", "#a6761d")
COLORS = {
    "actual": "#1b6ca8",
    "planned": "#9aa5b1",
    "accurate": "#2e7d32",
    "imprecise": "#f9a825",
    "inaccurate": "#c62828",
    "not checkable": "#9e9e9e",
    "before": "#9aa5b1",
    "after": "#1b6ca8",
}
VERDICTS = ("accurate", "imprecise", "inaccurate", "not checkable")


def safe(text: object) -> str:
    """Data text as plotly shows it literally: ``<a href=…>`` stays visible, never a link."""
    return html.escape(str(text), quote=False)


def palette(keys: list[str]) -> dict[str, str]:
    """A colour per key (e.g. per article), in order, from a fixed colour-blind-safe palette."""
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(keys)}


def local(series: pd.Series, zone: ZoneInfo) -> list[str]:
    """UTC timestamps as wall-clock strings in ``zone`` (what a plotly date axis shows)."""
    return series.dt.tz_convert(zone).dt.strftime("%Y-%m-%d %H:%M:%S").tolist()


def layout(
    fig: go.Figure, title: str, footer: str, language: str, height: int = 420, **extra
) -> go.Figure:
    """Title, footer (source and N), fonts, the language's separators and locale."""
    fig.update_layout(
        template="none",
        font={"family": FONT, "size": 13, "color": "#222"},
        title={"text": safe(title), "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        height=height,
        margin={"l": 70, "r": 30, "t": 95, "b": 95},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hovermode="closest",
        separators=formats.separators(language),
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"},
        # The footer sits a fixed number of pixels under the plot, below the axis title.
        annotations=[
            {
                "text": safe(footer),
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
        meta={"locale": language},
        **extra,
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eee", zeroline=False)
    fig.update_yaxes(showgrid=True, gridcolor="#eee", zeroline=False)
    return fig


def time_axis(times: pd.Series, zone: ZoneInfo, label: str) -> dict:
    """A date axis titled with the zone its wall-clock times are in: the abbreviation when all
    times share one (``Times in CEST``), else the zone and its abbreviations. ``label`` is the
    catalog's ``times_in`` text with ``{zone}`` left to fill."""
    abbreviations = sorted({formats.zone_abbreviation(t, zone) for t in times})
    shown = abbreviations[0] if len(abbreviations) == 1 else f"{zone} ({'/'.join(abbreviations)})"
    return {"title": {"text": safe(label.format(zone=shown))}, "type": "date"}


def grouped_bar(groups: list[tuple[str, list[str], list[int]]], name: str, color: str) -> go.Bar:
    """One bar trace over a two-level category axis: each (heading, labels, values) group is a
    block of bars under its heading, e.g. "by topic" and "by article" side by side."""
    headings = [safe(heading) for heading, names, _ in groups for _ in names]
    names = [safe(label) for _, labels_, _ in groups for label in labels_]
    values = [int(v) for _, _, series in groups for v in series]
    return go.Bar(
        x=[headings, names],
        y=values,
        name=safe(name),
        marker={"color": color},
        hovertemplate="%{x}: %{y}<extra></extra>",
    )


def verdicts_chart(
    by_topic: pd.DataFrame,
    by_source: pd.DataFrame,
    t,
    article_names: dict[str, str],
    language: str,
) -> go.Figure:
    """Verdicts stacked by topic and by article (one bar group each). ``t`` is the report's
    catalog lookup (:meth:`factdesk.story.Story.t`)."""
    fig = go.Figure()
    topics = [t(f"topic.{topic}") for topic in by_topic["topic"]]
    sources = [article_names[str(s)] for s in by_source["source_id"]]
    n = int(by_topic[list(VERDICTS)].to_numpy().sum())
    for verdict in VERDICTS:
        groups = [
            (t("col.topic"), topics, by_topic[verdict].tolist()),
            (t("col.article"), sources, by_source[verdict].tolist()),
        ]
        fig.add_trace(grouped_bar(groups, t(f"verdict.{verdict}"), COLORS[verdict]))
    return layout(
        fig,
        t("chart.verdicts"),
        t("chart_footer", source=t("articles_source", n=len(sources)), n=n),
        language,
        height=460,
        barmode="stack",
        yaxis={"title": {"text": safe(t("col.claims"))}},
    )


def claims_per_sentence_chart(
    table: pd.DataFrame, t, article_names: dict[str, str], language: str
) -> go.Figure:
    """Claims per sentence, per article, in reading order (0 = excused)."""
    fig = go.Figure()
    colors = palette(list(article_names))
    for source_id, group in table.groupby("source_id", sort=False):
        fig.add_trace(
            go.Bar(
                x=list(range(1, len(group) + 1)),
                y=[int(v) for v in group["n_claims"]],
                name=safe(article_names[str(source_id)]),
                customdata=group["sentence_id"].tolist(),
                marker={"color": colors[str(source_id)]},
                hovertemplate="%{customdata}: %{y}<extra></extra>",
            )
        )
    return layout(
        fig,
        t("chart.claims_per_sentence"),
        t("chart_footer", source=t("articles_source", n=len(article_names)), n=len(table)),
        language,
        height=380,
        barmode="group",
        xaxis={"title": {"text": safe(t("axis.sentence"))}},
        yaxis={"title": {"text": safe(t("col.claims"))}},
    )
