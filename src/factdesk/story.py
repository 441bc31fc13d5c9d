"""Display helpers for story notebooks: headings, prose, findings, tables and charts in the
report's language, every piece of data HTML-escaped.

Outputs are plain MIME bundles so that they are (a) rendered by JupyterLab, (b) compared by
nbval (HTML text, CSV and plotly JSON alike), and (c) turned into one-file HTML by
``factdesk.render``, which reads the ``factdesk`` output metadata set here (chart and table
names) to give charts stable div ids and tables their CSV download links.
"""

from __future__ import annotations

import html
import json

import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from factdesk import labels
from factdesk.params import check_parameters

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def _emit(html_text: str, plain: str, metadata: dict | None = None, **extra: str) -> None:
    bundle = {"text/html": html_text, "text/plain": plain, **extra}
    display(bundle, raw=True, metadata=metadata or {})


class Story:
    """The language and time zone of one report, and the ways to show things in them."""

    def __init__(self, language: str, timezone: str) -> None:
        self.zone = check_parameters(language, timezone)
        self.language = language
        self.timezone = timezone

    def t(self, key: str, **values: object) -> str:
        """A label in this report's language."""
        return labels.text(key, self.language, **values)

    def source(self, source_id: object) -> str:
        """A source article's display name in this language (its id if it has no label)."""
        return labels.source(str(source_id), self.language)

    def when(self, moment: pd.Timestamp) -> str:
        """Date and time in this report's zone, with its abbreviation."""
        return labels.when(moment, self.language, self.zone)

    def clock(self, moment: pd.Timestamp) -> str:
        """Time of day in this report's zone, with its abbreviation (``14:22 CEST``)."""
        return labels.clock(moment, self.language, self.zone)

    def day(self, value: pd.Timestamp) -> str:
        """A calendar date in this report's language."""
        return labels.day(value, self.language)

    def title(self, key: str) -> None:
        """The report title and a line saying which time zone its times are in."""
        zone_note = self.t("times_in", zone=self.timezone)
        _emit(
            f'<h1 class="fd-title">{html.escape(self.t(key))}</h1>'
            f'<p class="fd-zone">{html.escape(zone_note)}</p>',
            self.t(key),
        )

    def findings(self, items: list[str]) -> None:
        """The findings first: a bulleted list of sentences computed from the data."""
        lis = "".join(f"<li>{html.escape(item)}</li>" for item in items)
        _emit(
            f'<h2>{html.escape(self.t("findings"))}</h2><ul class="fd-findings">{lis}</ul>',
            "\n".join(f"- {item}" for item in items),
        )

    def question(self, key: str, lead: str | None = None) -> None:
        """A section heading phrased as a reader's question, with its one-line lead-in."""
        heading = html.escape(self.t(key))
        lead_html = f'<p class="fd-lead">{html.escape(self.t(lead))}</p>' if lead else ""
        _emit(f"<h2>{heading}</h2>{lead_html}", self.t(key))

    def table(self, frame: pd.DataFrame, name: str, columns: dict[str, str]) -> None:
        """A table with headers in this language (``columns``: column -> label key) and its
        CSV as a second representation, exported by the renderer for download."""
        shown = frame[list(columns)].rename(columns={c: self.t(k) for c, k in columns.items()})
        table_html = shown.to_html(
            index=False, escape=True, border=0, na_rep="", classes="fd-table"
        )
        _emit(
            table_html,
            shown.to_string(index=False, max_colwidth=40),
            metadata={"factdesk": {"table": name}},
            **{"text/csv": shown.to_csv(index=False)},
        )

    def chart(self, figure: go.Figure, name: str) -> None:
        """A plotly chart as its JSON (JupyterLab draws it; the renderer embeds it)."""
        spec = json.loads(figure.to_json())
        spec["config"] = {"displaylogo": False, "responsive": True}
        title = figure.layout.title.text or name
        display(
            {PLOTLY_MIME: spec, "text/plain": f"[chart: {title}]"},
            raw=True,
            metadata={"factdesk": {"chart": name}},
        )
