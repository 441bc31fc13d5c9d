"""What a story notebook shows, in the report's language and time zone.

``Story(language, timezone, publish)`` checks the parameters and gives the notebook its
catalog (:meth:`Story.t`), its data in that language (:meth:`Story.load`, entity names,
article labels) and the ways to show things: :meth:`findings`, :meth:`chart`, :meth:`table`
and :meth:`cards`. Outputs are plain MIME bundles: JupyterLab renders them, nbval compares
them and ``render`` turns them into one-file HTML. A table or a set of cards shows localized
values (dates in the zone, codes by their label, the language's decimal mark) while its CSV
download keeps the data (:mod:`factdesk.story.downloads`).
"""

from __future__ import annotations

import json
import warnings
from functools import cached_property
from zoneinfo import ZoneInfo, available_timezones

import pandas as pd
from IPython.display import display

from factdesk.facts import schema, tables
from factdesk.language import catalog, formats
from factdesk.language.catalog import Catalog
from factdesk.story import downloads
from factdesk.story.charts import Chart
from factdesk.story.html import esc, in_language, link, rich
from factdesk.story.html import table as html_table

PLOTLY_MIME = "application/vnd.plotly.v1+json"
ENTITY_COLUMNS = ("subject", "person", "entity_id", "attributed_to")


class ParameterError(ValueError):
    """A notebook parameter has a value the notebooks cannot use."""


def _short_warning(message, category, filename, lineno, line=None) -> str:
    """Warnings in a report name what is missing, never a path of the machine that ran it."""
    return f"{category.__name__}: {message}\n"


def _emit(html_text: str, plain: str, metadata: dict | None = None, **extra: str) -> None:
    display(
        {"text/html": html_text, "text/plain": plain, **extra}, raw=True, metadata=metadata or {}
    )


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
        # A missing translation is the author's to fix: `check` and `render` list it. In a
        # published report it never becomes a warning box in front of readers.
        warnings.simplefilter("ignore" if publish else "always", catalog.TranslationFallback)
        self._itables_ready = False

    # --- text and data in this language -------------------------------------------------

    def t(self, key: str, n: float | None = None, **values: object) -> str:
        """Screen text ``key`` in this report's language (plural form for ``n``)."""
        return self.catalog.text(key, n=n, **values)

    def load(self, name: str) -> pd.DataFrame:
        """Table ``name``, typed, with each translated field in this language."""
        return tables.load(name, language=self.language)

    @cached_property
    def names(self) -> dict[str, str]:
        entities = self.load("entities")
        return dict(zip(entities["entity_id"], entities["name"], strict=True))

    def name(self, entity_id: object) -> str:
        """The one name of an entity in this language (``entities.csv``)."""
        return self.names.get(str(entity_id), str(entity_id))

    def article(self, source_id: object) -> str:
        """How this language names an article (``sources.csv`` label)."""
        return self.articles()[str(source_id)]

    @cached_property
    def _sources(self) -> pd.DataFrame:
        return self.load("sources")

    def articles(self) -> dict[str, str]:
        """Every article's label in this language, in the order of ``sources.csv``."""
        return dict(zip(self._sources["source_id"], self._sources["label"], strict=True))

    def article_language(self, source_id: object) -> str:
        """The language an article is written in (for quotes: ``lang``)."""
        languages = dict(zip(self._sources["source_id"], self._sources["language"], strict=True))
        return str(languages[str(source_id)])

    def label(self, prefix: str, code: object) -> str:
        """A code's label in this language (``verdict.accurate`` -> "accurate")."""
        if code is None or (not isinstance(code, str) and pd.isna(code)) or code == "":
            return ""
        key = f"{prefix}.{str(code).split('@', 1)[0]}"
        forms = self.catalog.forms(key)
        if "{n}" in forms.get("other", ""):  # a unit: its name without a number
            return forms["other"].replace("{n}", "").strip()
        return self.t(key)

    def language_name(self, language: str) -> str:
        """A language's name in this report's language ("Engels" on a Dutch page)."""
        return formats.language_name(language, self.language)

    def when(self, moment: pd.Timestamp, precision: str = "minute") -> str:
        """Date and time in this zone, as precisely as ``precision`` (a record row's)."""
        if pd.isna(moment):
            return ""
        return formats.when(moment, self.language, self.zone, precision)

    def clock(self, moment: pd.Timestamp, precision: str = "minute") -> str:
        return formats.clock(moment, self.language, self.zone, precision)

    def day(self, value: pd.Timestamp, precision: str = "day") -> str:
        return formats.day(value, self.language, precision)

    def number(self, value: float, digits: int = 1) -> str:
        return formats.number(value, self.language, digits)

    def duration(self, delta: pd.Timedelta, precision: str = "minute") -> str:
        return formats.duration(delta, self.language, precision)

    def quantity(self, value: float, unit: str) -> str:
        """A number with its unit, plural by CLDR (``12 days``, ``1 dag``, ``419,98 km``)."""
        return formats.quantity(value, unit, self.language)

    # --- output -------------------------------------------------------------------------

    def findings(self, items: list[str]) -> None:
        """The findings first: the zone the report's times are in, then sentences computed
        (and asserted) from the data."""
        zone_note = self.t("times_in", zone=formats.zone_name(self.timezone, self.language))
        lis = "".join(f"<li>{esc(item)}</li>" for item in items)
        _emit(
            f'<section class="fd-findings-box"><h2>{esc(self.t("findings"))}</h2>'
            f'<ul class="fd-findings">{lis}</ul><p class="fd-zone">{esc(zone_note)}</p></section>',
            "\n".join([*(f"- {item}" for item in items), zone_note]),
        )

    @cached_property
    def _code_columns(self) -> dict[str, str]:
        """Column name -> label prefix, for every field the data model labels."""
        found = {}
        for table in schema.package().tables.values():
            for f in table.fields:
                if f.labels:
                    found.setdefault(f.name, f.labels)
        return found

    def shown(self, column: str, series: pd.Series) -> pd.Series:
        """A column as the page shows it, as plain text: localized dates, names and codes."""
        if isinstance(series.dtype, pd.DatetimeTZDtype):  # seconds where a time has them
            return series.map(lambda v: self.when(v, "second" if v.second else "minute"))
        if pd.api.types.is_datetime64_any_dtype(series):
            return series.map(lambda v: "" if pd.isna(v) else self.day(v))
        if column == "source_id":
            return series.map(self.article)
        if column in ENTITY_COLUMNS:
            return series.map(lambda v: self.name(v) if isinstance(v, str) and v else "")
        if column in self._code_columns:
            return series.map(lambda v: self.label(self._code_columns[column], v))
        if pd.api.types.is_float_dtype(series):
            return series.map(lambda v: "" if pd.isna(v) else self.number(v))
        if pd.api.types.is_object_dtype(series):
            return series.map(lambda v: "; ".join(v) if isinstance(v, tuple) else v)
        return series.astype(str)

    def _download(self, name: str, data: pd.DataFrame, titles: dict[str, str]) -> dict:
        return {"table": name, "fields": downloads.fields(data, titles)}

    def table(
        self,
        frame: pd.DataFrame,
        name: str,
        columns: dict[str, str],
        *,
        links: dict[str, str] | None = None,
        display: dict[str, pd.Series] | None = None,
        titles: dict[str, str] | None = None,
        lang: dict[str, object] | None = None,
        data: bool = False,
    ) -> None:
        """A table titled ``caption.<name>`` with headers in this language (``columns``:
        column -> catalog key). ``links`` makes a title column a link to its URL column
        (shown as the title, kept in the download); ``display`` overrides a column's shown
        text, ``titles`` a header; ``lang`` marks a column written in another language (one
        code, or one per row). A ``data`` table is long: it goes in the page's Data section,
        folded, and JupyterLab also shows it searchable."""
        links = links or {}
        display = dict(display or {})
        lang = lang or {}
        if "published" in columns and "published" not in display:
            display["published"] = pd.Series(
                [
                    self.day(v, p if isinstance(p, str) and p else "day")
                    for v, p in zip(frame["published"], frame["published_precision"], strict=True)
                ],
                index=frame.index,
            )  # a date known to the month is shown to the month
        if "time_precision" in frame:  # times as precisely as the record knows them
            for column in columns:
                if column not in display and isinstance(frame[column].dtype, pd.DatetimeTZDtype):
                    display[column] = pd.Series(
                        [
                            self.when(v, p if isinstance(p, str) and p else "minute")
                            for v, p in zip(frame[column], frame["time_precision"], strict=True)
                        ],
                        index=frame.index,
                    )
        headers = {c: (titles or {}).get(c) or self.t(k) for c, k in columns.items()}
        headers = {c: h[:1].upper() + h[1:] for c, h in headers.items()}  # a column's name
        for column, language in lang.items():
            if isinstance(language, str) and language != self.language:
                name_ = self.language_name(language)
                headers[column] = self.t("in_language", text=headers[column], language=name_)
        shown = {c: display[c] if c in display else self.shown(c, frame[c]) for c in columns}
        cells = {}
        for column in columns:
            texts = shown[column].fillna("").astype(str)
            if column in links:
                html_cells = [link(t, u) for t, u in zip(texts, frame[links[column]], strict=True)]
            else:
                html_cells = [rich(t) for t in texts]
            language = lang.get(column)
            if language is not None:
                per_row = language if not isinstance(language, str) else [language] * len(frame)
                html_cells = [
                    in_language(c, str(code), self.language)
                    for c, code in zip(html_cells, per_row, strict=True)
                ]
            cells[column] = html_cells
        caption = self.t(f"caption.{name}")
        numeric = [
            i for i, c in enumerate(columns) if pd.api.types.is_numeric_dtype(frame[c].dtype)
        ]
        table_html = html_table(
            caption,
            list(headers.values()),
            [list(row) for row in zip(*cells.values(), strict=True)] if len(frame) else [],
            numeric,
        )
        summary = ""
        if data:
            summary = f"{caption} ({self.t('rows_count', n=len(frame))})"
            table_html = (
                f'<details class="fd-data" id="data-{esc(name)}"><summary>{esc(summary)}'
                f"</summary>{table_html}</details>"
            )
        data_columns = list(dict.fromkeys([*columns, *(links[c] for c in columns if c in links)]))
        plain = pd.DataFrame({headers[c]: shown[c] for c in columns})
        _emit(
            table_html,
            f"{caption}\n" + plain.to_string(index=False, max_colwidth=40),
            metadata={
                "factdesk": {
                    **self._download(name, frame[data_columns], headers),
                    "data": data,
                    **({"summary": summary} if data else {}),
                }
            },
            **{"text/csv": downloads.csv_text(frame[data_columns])},
        )
        if data and not self.publish:
            self._explore(plain)

    def cards(self, html_text: str, plain: str, name: str, data: pd.DataFrame) -> None:
        """Cards (claims, groups, record rows, corrections: :mod:`factdesk.story.cards`) with
        the CSV download of the data they show."""
        _emit(
            html_text,
            plain,
            metadata={"factdesk": {**self._download(name, data, {}), "cards": True}},
            **{"text/csv": downloads.csv_text(data)},
        )

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

    def chart(self, chart: Chart, name: str) -> None:
        """A plotly chart as its JSON (JupyterLab draws it; the renderer embeds it) with its
        text alternative: what it shows, in words, for readers who cannot see it."""
        spec = json.loads(chart.figure.to_json())
        spec["config"] = {"displaylogo": False, "responsive": True, "locale": self.language}
        title = chart.figure.layout.title.text or name
        display(
            {PLOTLY_MIME: spec, "text/plain": f"[{title}] {chart.description}"},
            raw=True,
            metadata={"factdesk": {"chart": name, "description": chart.description}},
        )
