"""What a table's CSV download holds: the data, not the page's view of it.

Times are ISO 8601 in UTC with ``Z``; a date stays a date (no time is invented for it); codes
and ids stay codes; numbers use a dot; lists are joined with ``;``; column names are the data's
own. Each download is described by a Frictionless schema (:func:`field_type`).
"""

from __future__ import annotations

import pandas as pd


def field_type(series: pd.Series) -> str:
    """The Table Schema type of a column."""
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return "datetime"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "string"


def utc(value: pd.Timestamp) -> str:
    """An instant as ISO 8601 UTC with ``Z``: the one way every download writes a time."""
    return value.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_value(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value.tzinfo is None else utc(value)
    if isinstance(value, tuple):
        return ";".join(value)
    return value


def data_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The data's own columns: not the page's notes on which language a cell is in, nor the
    page language's copy of a translated field whose ``field@xx`` columns are there."""
    columns = [str(c) for c in frame.columns]
    translated = {c.split("@", 1)[0] for c in columns if "@" in c}
    return frame[[c for c in frame.columns if ":" not in str(c) and str(c) not in translated]]


def csv_text(frame: pd.DataFrame) -> str:
    return data_only(frame).map(csv_value).to_csv(index=False, lineterminator="\n")


def fields(frame: pd.DataFrame, titles: dict[str, str]) -> list[dict]:
    frame = data_only(frame)
    return [{"name": c, "type": field_type(frame[c]), "title": titles.get(c, c)} for c in frame]
