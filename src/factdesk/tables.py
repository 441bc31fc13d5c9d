"""Read the project's CSV tables: raw rows with line numbers, and typed DataFrames.

Every table is read the same way: the stdlib ``csv`` reader (so each row keeps the line number
it starts on, even when a quoted field spans lines), all values as strings, empty cells as
``""``. ``validate`` checks those raw frames; the ``load_*`` functions below validate nothing
and turn a table into typed columns (tz-aware UTC timestamps, categoricals, numbers, booleans)
for notebooks and charts.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from factdesk import paths
from factdesk.articles import CleanArticle, clean_article

TOPICS = ("mission", "crew", "film", "station", "context", "commentary")
CLAIM_TYPES = (
    "number",
    "date",
    "time",
    "duration",
    "age",
    "count",
    "distance",
    "name_role",
    "event",
    "plan",
    "rumour",
    "quote",
    "opinion",
)
VERDICTS = ("accurate", "imprecise", "inaccurate", "not checkable")
ENTITY_KINDS = ("person", "spacecraft", "place", "organisation", "work", "event")


class TableError(ValueError):
    """A table cannot be read at all (missing, empty, not UTF-8, no header)."""

    def __init__(self, path: Path, line: int, column: str, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass(frozen=True)
class RawTable:
    """A CSV table as strings. ``frame.index`` holds each row's line number in the file.

    ``bad_rows`` lists (line, field count) for rows whose number of fields differs from the
    header (a stray delimiter or a missing one); they are left out of ``frame``.
    """

    path: Path
    header: tuple[str, ...]
    frame: pd.DataFrame
    bad_rows: tuple[tuple[int, int], ...]


def read_raw(path: Path) -> RawTable:
    """Read a CSV file as strings, keeping the line number of every row."""
    path = Path(path)
    if not path.is_file():
        raise TableError(path, 0, "-", "file not found")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            path,
            line,
            "-",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        ) from None
    if not text.strip():
        raise TableError(path, 1, "-", "file is empty (a header row is required)")
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = tuple(next(reader))
        rows: list[list[str]] = []
        lines: list[int] = []
        bad: list[tuple[int, int]] = []
        start = reader.line_num + 1
        for row in reader:
            if row and len(row) != len(header):
                bad.append((start, len(row)))
            elif row:
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TableError(path, reader.line_num, "-", f"malformed CSV: {exc}") from None
    frame = pd.DataFrame(
        rows, columns=list(header), index=pd.Index(lines, name="line"), dtype=object
    )
    return RawTable(path, header, frame, tuple(bad))


def _frame(path: Path) -> pd.DataFrame:
    return read_raw(path).frame.reset_index(drop=True)


def _utc(series: pd.Series) -> pd.Series:
    """ISO 8601 strings with offsets -> tz-aware UTC timestamps (empty -> NaT)."""
    return pd.to_datetime(series.replace("", None), utc=True, format="ISO8601")


def _number(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None), errors="coerce").astype("Float64")


def _category(series: pd.Series, categories: tuple[str, ...] | None = None) -> pd.Series:
    if categories is None:
        return series.astype("category")
    return pd.Categorical(series, categories=list(categories))  # type: ignore[return-value]


def load_sources(path: Path = paths.SOURCES_CSV) -> pd.DataFrame:
    """The source articles: one row per article, with checksum and publication date."""
    df = _frame(path)
    df["language"] = _category(df["language"], ("en", "nl"))
    df["published"] = pd.to_datetime(df["published"].replace("", None), format="%Y-%m-%d")
    return df


def load_articles(sources: pd.DataFrame | None = None) -> dict[str, CleanArticle]:
    """Every source article, cleaned, by source id (in the order of the sources table)."""
    sources = load_sources() if sources is None else sources
    return {
        row.source_id: clean_article(paths.data_file(row.raw_file), row.source_id)
        for row in sources.itertuples()
    }


def load_entities(path: Path = paths.ENTITIES_CSV) -> pd.DataFrame:
    """People, spacecraft, places, organisations, works and events, with their aliases."""
    df = _frame(path)
    df["kind"] = _category(df["kind"], ENTITY_KINDS)
    return df


def load_claims(path: Path = paths.CLAIMS_CSV) -> pd.DataFrame:
    """Claims with typed values; ``value_time`` is converted to UTC (``value_timezone`` keeps
    the zone the article stated it in)."""
    df = _frame(path)
    df["topic"] = _category(df["topic"], TOPICS)
    df["claim_type"] = _category(df["claim_type"], CLAIM_TYPES)
    df["source_id"] = _category(df["source_id"])
    df["checkable"] = df["checkable"].eq("true")
    df["value_number"] = _number(df["value_number"])
    df["value_time"] = _utc(df["value_time"])
    return df


def load_reconciliation(path: Path = paths.RECONCILIATION_CSV) -> pd.DataFrame:
    """Pairs of claims made by both articles, marked agree / disagree."""
    df = _frame(path)
    df["agreement"] = _category(df["agreement"], ("agree", "disagree"))
    return df


def load_excused(path: Path = paths.EXCUSED_CSV) -> pd.DataFrame:
    """Sentences that carry no checkable fact, with the reason."""
    return _frame(path)


def load_verdicts(path: Path = paths.VERDICTS_CSV) -> pd.DataFrame:
    """One verdict per claim against the public record."""
    df = _frame(path)
    df["verdict"] = _category(df["verdict"], VERDICTS)
    return df


def load_record(path: Path = paths.RECORD_CSV) -> pd.DataFrame:
    """Public-record facts with their sources; ``value_time`` in UTC."""
    df = _frame(path)
    df["value_time"] = _utc(df["value_time"])
    df["value_date"] = pd.to_datetime(df["value_date"].replace("", None), format="%Y-%m-%d")
    df["value_number"] = _number(df["value_number"])
    return df


def load_spaceflights(path: Path = paths.SPACEFLIGHTS_CSV) -> pd.DataFrame:
    """Every spaceflight of the MS-19 crew, launch and landing in UTC."""
    df = _frame(path)
    df["launch_utc"] = _utc(df["launch_utc"])
    df["landing_utc"] = _utc(df["landing_utc"])
    return df


def load_iss_crew(path: Path = paths.ISS_CREW_CSV) -> pd.DataFrame:
    """The people aboard the ISS on 5 Oct 2021, before and after Soyuz MS-19 arrived."""
    df = _frame(path)
    df["aboard_before_ms19"] = df["aboard_before_ms19"].eq("true")
    for column in ("nationality", "agency"):
        df[column] = _category(df[column])
    return df


def all_texts(articles: Mapping[str, CleanArticle]) -> dict[str, dict[str, str]]:
    """Clean text parts (body and captions) of each article, by source id."""
    return {source_id: article.texts for source_id, article in articles.items()}
