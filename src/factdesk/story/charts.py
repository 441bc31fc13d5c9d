"""Plotly building blocks for any story, and the two charts every story has.

Charts are designed for a phone first. A figure carries its title and a footer with source
and N (JupyterLab and the PNG/SVG images show them); on a page they become HTML around the
chart, where they wrap (:mod:`factdesk.build.export`). Every figure also carries
``layout.meta.narrow``: the layout changes a narrow screen needs (legend below the plot,
wrapped category labels, a height that suits a phone), which the page applies below
:data:`NARROW` pixels. Axes grow their margins to fit their labels (``automargin``), so no
label is clipped. Each chart comes with a text alternative (:class:`Chart`).

Figures are built from plain Python lists so the figure JSON stored in a notebook is readable
numbers and strings. Every text that comes from data goes through :func:`safe`: plotly renders
a subset of HTML in labels, so markup must stay text.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go

from factdesk.language import formats

NARROW = 600  # px: below this width a page applies a chart's narrow layout
FONT = "Helvetica, Arial, sans-serif"
PALETTE = ("#b35806", "#542788", "#1b7837", "#c51b7d", "#2166ac", "#8c510a", "#01665e")
COLORS = {
    "actual": "#1b6ca8",
    "planned": "#767676",
    "accurate": "#2e7d32",
    "imprecise": "#b26a00",
    "inaccurate": "#c62828",
    "not checkable": "#6b6b6b",
    "before": "#8a96a3",
    "after": "#1b6ca8",
}
VERDICTS = ("accurate", "imprecise", "inaccurate", "not checkable")
FOOTER = "fd-footer"  # name of the footer annotation (a page shows it as HTML instead)


@dataclass(frozen=True)
class Chart:
    """A figure and its text alternative: what it shows, in words, in the page language."""

    figure: go.Figure
    description: str


def safe(text: object) -> str:
    """Data text as plotly shows it literally: ``<a href=…>`` stays visible, never a link."""
    return html.escape(str(text), quote=False)


def wrap(text: str, width: int = 16) -> str:
    """A label broken over lines (``<br>``) for a narrow axis."""
    return "<br>".join(textwrap.wrap(safe(text), width, break_long_words=False)) or safe(text)


def palette(keys: list[str]) -> dict[str, str]:
    """A colour per key (e.g. per article), in order, from a fixed colour-blind-safe palette."""
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(keys)}


def local(series: pd.Series, zone: ZoneInfo) -> list[str]:
    """UTC timestamps as wall-clock strings in ``zone`` (what a plotly date axis shows)."""
    return series.dt.tz_convert(zone).dt.strftime("%Y-%m-%d %H:%M:%S").tolist()


def describe(title: str, parts: list[tuple[str, list[str]]]) -> str:
    """A chart's text alternative: its title, then each series and its points in words."""
    said = [
        f"{name}: {', '.join(points)}" if name else ", ".join(points) for name, points in parts
    ]
    return f"{title}. " + "; ".join(said) + "."


def layout(
    fig: go.Figure,
    title: str,
    footer: str,
    language: str,
    height: int = 400,
    narrow: dict | None = None,
    **extra,
) -> go.Figure:
    """Title, footer (source and N), fonts, the language's separators, legend on top, and
    the ``narrow`` layout merged over the narrow defaults: the legend below the plot, one
    line per entry (with room kept for it), long legend names wrapped."""
    fig.update_layout(
        template="none",
        font={"family": FONT, "size": 13, "color": "#222"},
        title={"text": safe(title), "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        height=height,
        margin={"l": 10, "r": 16, "t": 90, "b": 90, "autoexpand": True},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hovermode="closest",
        separators=formats.separators(language),
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom",
                "traceorder": "normal"},
        annotations=[
            {
                "name": FOOTER,
                "text": safe(footer),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -60,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 11, "color": "#555"},
            }
        ],
        **extra,
    )  # fmt: skip
    fig.update_xaxes(showgrid=True, gridcolor="#e6e6e6", zeroline=False, automargin=True)
    fig.update_yaxes(showgrid=True, gridcolor="#e6e6e6", zeroline=False, automargin=True)
    entries = _legend_entries(fig)
    names = [wrap(trace.name, 34) if trace.name else trace.name for trace in fig.data]
    lines = len(entries) + sum(n.count("<br>") for n in names if n) if entries else 0
    overrides = dict(narrow or {})
    plot = overrides.pop("height", height)
    # Below the plot, clear of the x axis's labels and title (about 60 px): the legend's place
    # is a fraction of the plot's height (a container-anchored legend confuses plotly's
    # automatic margins).
    below = 60 / max(plot - 70, 100)
    fig.update_layout(
        meta={
            "locale": language,
            "narrow": _merge(
                {
                    "height": plot + 20 * lines,
                    "font": {"size": 12},
                    "margin": {"t": 10, "b": 64},
                    "xaxis": {"nticks": 4, "tickangle": 0},
                    "legend": {"orientation": "v", "x": 0, "xanchor": "left",
                               "y": -below, "yanchor": "top"},
                    "names": names,
                },
                overrides,
            ),
        }
    )  # fmt: skip
    return fig


def _legend_entries(fig: go.Figure) -> list[str]:
    """The legend's entries (a legend group shows once)."""
    seen: dict[str, None] = {}
    for trace in fig.data:
        if trace.showlegend is False or not trace.name:
            continue
        seen.setdefault(trace.legendgroup or trace.name)
    if len(fig.data) == 1 and fig.data[0].showlegend is None:
        return []  # plotly shows no legend for a single trace
    return list(seen)


def _merge(base: dict, overrides: dict) -> dict:
    out = dict(base)
    for key, value in overrides.items():
        out[key] = {**out[key], **value} if isinstance(value, dict) and key in out else value
    return out


def narrow_rows(labels: list[str], width: int = 18, line: int = 17, base: int = 80) -> dict:
    """The narrow layout of a category axis with one row per label: the labels wrapped to
    ``width`` characters and each row tall enough for its lines (no label touches the next);
    ``base``: room for the other axis. Bold block headings (``<b>``) stay on one line."""
    wrapped = [label if label.startswith("<b>") else wrap(label, width) for label in labels]
    lines = max((w.count("<br>") + 1 for w in wrapped), default=1)
    return {
        "yaxis": {"tickvals": labels, "ticktext": wrapped},
        "height": base + len(labels) * (line * lines + 10),
    }


def time_axis(times: pd.Series, zone: ZoneInfo, label: str, language: str) -> dict:
    """A date axis titled with the zone its wall-clock times are in: the abbreviation when all
    times share one (``Times in CEST``), else the zone and its abbreviations. ``label`` is the
    catalog's ``times_in`` text with ``{zone}`` left to fill."""
    abbreviations = sorted({formats.zone_abbreviation(t, zone, language) for t in times})
    shown = abbreviations[0] if len(abbreviations) == 1 else f"{zone} ({'/'.join(abbreviations)})"
    return {"title": {"text": safe(label.format(zone=shown))}, "type": "date"}


def bars(
    fig: go.Figure,
    groups: list[tuple[str, list[str], list[int]]],
    series: list[tuple[str, str, list[list[int]]]],
) -> list[str]:
    """Horizontal bars in blocks (``groups``: heading, labels, row keys), one trace per series
    (name, colour, values per group). A block's heading is a bold row of its own, so labels
    read on a phone without turning; returns the category order (top to bottom)."""
    categories: list[str] = []
    for heading, labels, _ in groups:
        categories += [f"<b>{safe(heading)}</b>", *(safe(label) for label in labels)]
    for name, color, values in series:
        xs: list = []
        for block in values:  # a gap on each block's heading row
            xs += [None, *(int(v) for v in block)]
        fig.add_trace(
            go.Bar(
                x=xs,
                y=categories,
                orientation="h",
                name=safe(name),
                marker={"color": color},
                hovertemplate="%{y}: %{x}<extra>" + safe(name) + "</extra>",
            )
        )
    return categories


def verdicts_chart(story, by_topic: pd.DataFrame, by_source: pd.DataFrame) -> Chart:
    """Verdicts stacked by topic and by article (one block of bars each), any number of
    topics, articles and languages."""
    t = story.t
    topics = [story.label("topic", topic) for topic in by_topic["topic"]]
    sources = [story.article(s) for s in by_source["source_id"]]
    n = int(by_topic[list(VERDICTS)].to_numpy().sum())
    groups = [(t("col.topic"), topics, []), (t("col.article"), sources, [])]
    series = [
        (story.label("verdict", v), COLORS[v], [by_topic[v].tolist(), by_source[v].tolist()])
        for v in VERDICTS
    ]
    fig = go.Figure()
    categories = bars(fig, groups, series)
    rows = len(categories)
    title = t("chart.verdicts")
    layout(
        fig,
        title,
        t("chart_footer", source=t("articles_source", n=len(sources)), n=n),
        story.language,
        height=150 + 30 * rows,
        narrow=narrow_rows(categories),
        barmode="stack",
        xaxis={"title": {"text": safe(t("col.claims"))}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "type": "category", "showgrid": False},
    )
    parts = []
    for heading, names, frame in (
        (t("col.topic"), topics, by_topic),
        (t("col.article"), sources, by_source),
    ):
        for i, name in enumerate(names):
            counts = [f"{story.label('verdict', v)} {int(frame[v].iloc[i])}" for v in VERDICTS]
            parts.append((f"{heading} {name}", counts))
    return Chart(fig, describe(title, parts))


def claims_per_sentence_chart(story, table: pd.DataFrame) -> Chart:
    """Claims per sentence, per article, in reading order (0 = excused)."""
    fig = go.Figure()
    names = story.articles()
    colors = palette(list(names))
    parts = []
    for source_id, group in table.groupby("source_id", sort=False):
        counts = [int(v) for v in group["n_claims"]]
        fig.add_trace(
            go.Bar(
                x=list(range(1, len(group) + 1)),
                y=counts,
                name=safe(names[str(source_id)]),
                customdata=group["sentence_id"].tolist(),
                marker={"color": colors[str(source_id)]},
                hovertemplate="%{customdata}: %{y}<extra></extra>",
            )
        )
        parts.append((names[str(source_id)], [str(c) for c in counts]))
    title = story.t("chart.claims_per_sentence")
    layout(
        fig,
        title,
        story.t("chart_footer", source=story.t("articles_source", n=len(names)), n=len(table)),
        story.language,
        height=360,
        barmode="group",
        xaxis={"title": {"text": safe(story.t("axis.sentence"))}},
        yaxis={"title": {"text": safe(story.t("col.claims"))}, "dtick": 1},
    )
    return Chart(fig, describe(title, parts))
