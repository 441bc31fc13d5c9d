"""Typed, validated tables for notebooks and publishing, derived from the data model.

``load("claims")`` reads the CSV, checks it against its Table Schema (a bad table raises
:class:`~factdesk.problems.DataError` listing every problem; nothing is silently coerced to
NaN) and returns typed columns: tz-aware UTC timestamps, dates, nullable numbers and booleans,
categoricals for enumerations, tuples for lists. With ``language``, each translated field
``f`` also gets a column ``f`` in that language, falling back to the base language with a
:class:`~factdesk.language.catalog.TranslationFallback` warning where a translation is missing.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import pandas as pd

from factdesk import inputs, paths
from factdesk.facts import schema
from factdesk.facts.csvfile import RawTable, TableError, read_raw
from factdesk.facts.schema import Field, Table
from factdesk.facts.validate import table_problems
from factdesk.intake.articles import CleanArticle, clean_article
from factdesk.language.catalog import TranslationFallback
from factdesk.problems import DataError, errors


def raw(name: str) -> RawTable:
    """The table ``name`` as strings (a :class:`TableError` if it cannot be read)."""
    table = schema.package()[name]
    inputs.record(table.path)
    return read_raw(table.path, table.base_columns(schema.package().base_language))


def _typed(f: Field, cells: pd.Series) -> pd.Series:
    empty = cells.eq("")
    if f.type == "number":
        return pd.to_numeric(cells.mask(empty)).astype("Float64")
    if f.type == "integer":
        return pd.to_numeric(cells.mask(empty)).astype("Int64")
    if f.type == "boolean":
        out = cells.isin(f.true_values).astype("boolean")
        return out.mask(empty)
    if f.type == "date":
        return pd.to_datetime(cells.mask(empty), format="%Y-%m-%d")
    if f.type == "datetime":
        return pd.to_datetime(cells.mask(empty), utc=True, format="ISO8601")
    if f.type == "list":
        return cells.map(lambda v: tuple(i.strip() for i in v.split(f.delimiter)) if v else ())
    if f.enum:
        categories = list(f.enum)
        return pd.Series(pd.Categorical(cells.mask(empty), categories=categories), cells.index)
    return cells


LANGUAGE_OF = ":language"  # e.g. "explanation:language": "nl", or "en" where it fell back


def _localize(table: Table, frame: pd.DataFrame, language: str, base: str) -> None:
    for f in table.fields:
        if not f.translated:
            continue
        wanted, fallback = f.column(language), f.column(base)
        values = frame[wanted] if wanted in frame else pd.Series("", index=frame.index)
        missing = values.eq("") & frame[fallback].ne("")
        if missing.any():
            warnings.warn(
                TranslationFallback(
                    f"{paths.display(table.path)}: {int(missing.sum())} cell(s) of "
                    f"{wanted} are missing; showing {fallback} instead"
                ),
                stacklevel=3,
            )
        frame[f.name] = values.where(~missing, frame[fallback])
        # The language each shown cell is written in, so a page can mark a fallback.
        frame[f"{f.name}{LANGUAGE_OF}"] = language
        frame.loc[missing, f"{f.name}{LANGUAGE_OF}"] = base


def load(name: str, language: str | None = None) -> pd.DataFrame:
    """Table ``name`` of the data package, validated and typed (see the module docstring)."""
    package = schema.package()
    table = package[name]
    try:
        data = raw(name)
    except TableError as exc:
        raise DataError([exc.problem]) from None
    found = errors(table_problems(table, data, package.base_language))
    if found:
        raise DataError(found)
    frame = data.frame.reset_index(drop=True)
    for column in data.header:
        f, _ = table.field_of(column)  # type: ignore[misc]  # validated above
        frame[column] = _typed(f, frame[column])
    if language:
        _localize(table, frame, language, package.base_language)
        _render(table, frame, language, package.base_language)
    return frame


def record_rows(frame: pd.DataFrame | None = None) -> dict[str, dict]:
    """The typed record rows by id, what template fields compute from."""
    frame = load("record") if frame is None else frame
    return frame.set_index("record_id").to_dict("index")


def _render(table: Table, frame: pd.DataFrame, language: str, base: str) -> None:
    """Template fields written out in each cell's language (:mod:`factdesk.facts.templates`)."""
    fields = [f for f in table.fields if f.templated and f.name in frame]
    if not fields:
        return
    from factdesk.facts import templates

    rows = record_rows(frame if table.name == "record" else None)
    for f in fields:
        cells = frame[f.name]
        written = language if f.translated else base  # an untranslated text is in the base
        languages = frame.get(f"{f.name}{LANGUAGE_OF}", pd.Series(written, index=frame.index))
        frame[f.name] = [
            templates.render(text, rows, lang) if isinstance(text, str) else text
            for text, lang in zip(cells, languages, strict=True)
        ]


def articles(sources: pd.DataFrame | None = None) -> dict[str, CleanArticle]:
    """Every source article, cleaned, by source id (in the order of the sources table)."""
    sources = load("sources") if sources is None else sources
    found = {}
    for row in sources.itertuples():
        path = paths.data_file(row.raw_file)
        inputs.record(path)
        found[row.source_id] = clean_article(path, row.source_id, row.language or None)
    return found


def all_texts(articles: Mapping[str, CleanArticle]) -> dict[str, dict[str, str]]:
    """Clean text parts (body and captions) of each article, by source id."""
    return {source_id: article.texts for source_id, article in articles.items()}
