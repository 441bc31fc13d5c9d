"""What a story notebook shows, in the report's language and time zone.

``Story(language, timezone, publish)`` checks the parameters and gives the notebook its
catalog (:meth:`Story.t`), its data in that language (:meth:`Story.load`, entity names,
article labels) and three ways to show things: :meth:`findings`, :meth:`table` and
:meth:`chart`. Outputs are plain MIME bundles: JupyterLab renders them, nbval compares them
and ``render`` turns them into one-file HTML. A table shows localized values (dates in the
zone, translated codes, the language's decimal mark) while its CSV download keeps the data:
ISO 8601 UTC times, codes and ids, numbers with a dot, untranslated column names.
"""

from __future__ import annotations

import html
import json
import warnings
from zoneinfo import ZoneInfo, available_timezones

import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from factdesk.facts import schema, tables
from factdesk.language import catalog, formats
from factdesk.language.catalog import Catalog

PLOTLY_MIME = "application/vnd.plotly.v1+json"
ENTITY_COLUMNS = ("subject", "person", "entity_id")
TRANSLATED_CODES = ("verdict", "topic", "agreement", "status", "kind", "unchecked_reason")


class ParameterError(ValueError):
    """A notebook parameter has a value the notebooks cannot use."""


def _short_warning(message, category, filename, lineno, line=None) -> str:
    """Warnings in a report name what is missing, never a path of the machine that ran it."""
    return f"{category.__name__}: {message}\n"


def _emit(html_text: str, plain: str, metadata: dict | None = None, **extra: str) -> None:
    display(
        {"text/html": html_text, "text/plain": plain, **extra}, raw=True, metadata=metadata or {}
    )


def _field_type(series: pd.Series) -> str:
    if isinstance(series.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(
        series
    ):
        return "datetime" if isinstance(series.dtype, pd.DatetimeTZDtype) else "date"
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "string"


def _csv_value(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%d")
        return value.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, tuple):
        return ";".join(value)
    return value


class Story:
    """The language and time zone of one report, and the ways to show things in them."""

    def __init__(self, language: str, timezone: str, publish: bool = False) -> None:
        package = schema.package()
        if not catalog.known_locale(language) or not catalog.files(language):
            raise ParameterError(
                f"unknown language {language!r}; languages with a catalog: "
                f"{', '.join(catalog.languages())}"
            )
        if not isinstance(timezone, str) or timezone not in available_timezones():
            raise ParameterError(
                f"unknown time zone {timezone!r}; use an IANA time zone name, e.g. "
                "Europe/Amsterdam, UTC or Europe/Moscow"
            )
        self.language, self.timezone, self.publish = language, timezone, publish
        self.zone = ZoneInfo(timezone)
        self.base = package.base_language
        self.catalog = Catalog(language, self.base)
        warnings.formatwarning = _short_warning
        warnings.simplefilter("always", catalog.TranslationFallback)  # same in any kernel
        self._names: dict[str, str] | None = None
        self._articles: dict[str, str] | None = None
        self._itables_ready = False

    # --- text and data in this language -------------------------------------------------

    def t(self, key: str, n: float | None = None, **values: object) -> str:
        """Screen text ``key`` in this report's language (plural form for ``n``)."""
        return self.catalog.text(key, n=n, **values)

    def load(self, name: str) -> pd.DataFrame:
        """Table ``name``, typed, with each translated field in this language."""
        return tables.load(name, language=self.language)

    def name(self, entity_id: object) -> str:
        """The one name of an entity in this language (``entities.csv``)."""
        if self._names is None:
            entities = self.load("entities")
            self._names = dict(zip(entities["entity_id"], entities["name"], strict=True))
        return self._names.get(str(entity_id), str(entity_id))

    def article(self, source_id: object) -> str:
        """How this language names an article (``sources.csv`` label)."""
        return self.articles()[str(source_id)]

    def articles(self) -> dict[str, str]:
        """Every article's label in this language, in the order of ``sources.csv``."""
        if self._articles is None:
            sources = self.load("sources")
            self._articles = dict(zip(sources["source_id"], sources["label"], strict=True))
        return self._articles

    def when(self, moment: pd.Timestamp) -> str:
        return "" if pd.isna(moment) else formats.when(moment, self.language, self.zone)

    def clock(self, moment: pd.Timestamp) -> str:
        return formats.clock(moment, self.language, self.zone)

    def day(self, value: pd.Timestamp) -> str:
        return formats.day(value, self.language)

    def number(self, value: float, digits: int = 1) -> str:
        return formats.number(value, self.language, digits)

    def duration(self, delta: pd.Timedelta) -> str:
        return formats.duration(delta, self.language)

    # --- output -------------------------------------------------------------------------

    def findings(self, items: list[str]) -> None:
        """The findings first: the zone the report's times are in, then sentences computed
        (and asserted) from the data."""
        zone_note = self.t("times_in", zone=self.timezone)
        lis = "".join(f"<li>{html.escape(item)}</li>" for item in items)
        _emit(
            f'<p class="fd-zone">{html.escape(zone_note)}</p>'
            f'<h2>{html.escape(self.t("findings"))}</h2><ul class="fd-findings">{lis}</ul>',
            "\n".join([zone_note, *(f"- {item}" for item in items)]),
        )

    def shown(self, column: str, series: pd.Series) -> pd.Series:
        """A column as the page shows it: localized dates, names and codes."""
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            return series.map(self.when)
        if pd.api.types.is_datetime64_any_dtype(series):
            return series.map(self.day)
        if column == "source_id":
            return series.map(self.article)
        if column in ENTITY_COLUMNS:
            return series.map(self.name)
        if column in TRANSLATED_CODES:
            return series.map(lambda v: self.t(f"{column}.{v}") if pd.notna(v) and v != "" else "")
        if pd.api.types.is_float_dtype(series):
            return series.map(lambda v: "" if pd.isna(v) else self.number(v))
        if pd.api.types.is_object_dtype(series):
            return series.map(lambda v: "; ".join(v) if isinstance(v, tuple) else v)
        return series

    def table(
        self,
        frame: pd.DataFrame,
        name: str,
        columns: dict[str, str],
        interactive: bool = False,
        filters: tuple[str, ...] = (),
        display: dict[str, pd.Series] | None = None,
        titles: dict[str, str] | None = None,
    ) -> None:
        """A table with headers in this language (``columns``: column -> catalog key). Long
        tables are ``interactive`` (search, sort, paging, a filter per column in
        ``filters``). The page shows localized values (``display`` overrides a column's,
        ``titles`` a header); the CSV download holds the data."""
        data = frame[list(columns)]
        display = dict(display or {})
        if (
            "published" in columns
            and "published" not in display
            and "published_precision" in frame
        ):
            display["published"] = pd.Series(
                [
                    formats.day(v, self.language, p or "day")
                    if isinstance(p, str)
                    else formats.day(v, self.language)
                    for v, p in zip(frame["published"], frame["published_precision"], strict=True)
                ],
                index=frame.index,
            )  # a date known to the month is shown to the month
        shown = pd.DataFrame(
            {c: display[c] if c in display else self.shown(c, data[c]) for c in columns}
        )
        titles = {c: (titles or {}).get(c) or self.t(k) for c, k in columns.items()}
        shown.columns = list(titles.values())
        table_html = shown.to_html(
            index=False, escape=True, border=0, na_rep="", classes="fd-table"
        )
        meta: dict = {
            "table": name,
            "fields": [
                {"name": c, "type": _field_type(data[c]), "title": titles[c]} for c in columns
            ],
        }
        if interactive:
            meta["interactive"] = True
            meta["filters"] = [list(columns).index(c) for c in filters]
        csv = data.map(_csv_value).to_csv(index=False, lineterminator="\n")
        _emit(
            table_html,
            shown.to_string(index=False, max_colwidth=40),
            metadata={"factdesk": meta},
            **{"text/csv": csv},
        )
        if interactive and not self.publish:
            self._explore(shown)

    def _explore(self, shown: pd.DataFrame) -> None:
        """In JupyterLab, also an itables view (offline) to search, sort and page."""
        import itables

        if not self._itables_ready:
            # itables 2.9 displays its dark-mode script before the offline library it
            # awaits (a JavaScript error in JupyterLab); show the library first.
            from IPython.utils.capture import capture_output

            with capture_output() as captured:
                itables.init_notebook_mode(all_interactive=False, connected=False)
            for output in reversed(captured.outputs):
                display(output.data, raw=True, metadata=output.metadata)
            self._itables_ready = True
        itables.show(shown, paging=True, pageLength=10, classes="display compact")

    def chart(self, figure: go.Figure, name: str) -> None:
        """A plotly chart as its JSON (JupyterLab draws it; the renderer embeds it)."""
        spec = json.loads(figure.to_json())
        spec["config"] = {"displaylogo": False, "responsive": True, "locale": self.language}
        title = figure.layout.title.text or name
        display(
            {PLOTLY_MIME: spec, "text/plain": f"[chart: {title}]"},
            raw=True,
            metadata={"factdesk": {"chart": name}},
        )
