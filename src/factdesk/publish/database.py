"""The fact base as one SQLite database, derived from the data model (``schema.package()``).

Every table of the data package becomes a table of the same name, its columns those of the CSV
(every language the data has) in the CSV's order, its rows in the CSV's order:

* types from the Table Schema: ``number`` REAL, ``integer`` INTEGER, ``boolean`` INTEGER 0/1,
  ``list`` a JSON array (TEXT), everything else (strings, dates, datetimes) TEXT exactly as
  written in the CSV (ISO 8601, datetimes with the offset the CSV gives); an empty cell is NULL;
* the primary key, NOT NULL where the schema requires a value, and the foreign keys;
* a translated field keeps the CSV's column names, one column per language: ``name@en``,
  ``name@nl``, ``explanation@en``, ... (quote them in SQL: ``"name@en"``);
* a list field that references another table (``verdicts.record_ids``,
  ``reconciliation.claim_ids``) also becomes a link table ``<table>_<field>``
  (``verdicts_record_ids``): the owner's primary key, the referenced key and the item's
  ``position`` in the list, with a foreign key to each side;
* full-text search (FTS5, sqlite-utils' ``<table>_fts`` layout that Datasette detects) over the
  free-text fields in :data:`FULLTEXT`, every language column of each: quotes, statements,
  explanations, aspects, record values, labels and evidence, names and aliases, notes.
  The tokenizer is ``unicode61`` without stemming and with diacritics folded, so it treats
  every language alike.

The bytes depend only on the inputs (and the SQLite and sqlite-utils versions, both pinned):
no build time, no random ids; the database is built in memory, vacuumed, serialized and written
by the caller only when the bytes differ (:mod:`factdesk.publish.datasette`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

import sqlite_utils

from factdesk.facts import figures, schema, tables, templates
from factdesk.facts.csvfile import RawTable, TableError
from factdesk.facts.schema import Field, Table
from factdesk.facts.validate import table_problems
from factdesk.problems import DataError, errors

# Fields (by name, in any table) whose text is indexed for full-text search.
FULLTEXT = frozenset(
    {
        "quote",
        "statement",
        "value_text",
        "qualifier",
        "explanation",
        "aspect",
        "reason",
        "label",
        "name",
        "aliases",
        "description",
        "headline",
        "evidence",
        "source_title",
        "note",
        "notes",
    }
)
TOKENIZE = "unicode61 remove_diacritics 2"
VIEW = "fact_check"  # claims with their article's language and their verdict, for facets
SQL_TYPES = {"number": float, "integer": int, "boolean": int}


@dataclass(frozen=True)
class Column:
    name: str  # as in the CSV (``explanation@nl``)
    field: Field
    language: str  # "" when the field is not translated
    required: bool  # NOT NULL (a required field; translated: its base-language column)


@dataclass(frozen=True)
class Link:
    """A link table for a list field that references another table."""

    name: str
    owner: Table
    field: Field

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.owner.primary_key, self.field.references[1], "position")

    @property
    def description(self) -> str:
        resource, key = self.field.references
        parts = [
            f"One row per item of {self.owner.name}.{self.field.name}, in its order "
            "(position 1, 2, ...).",
            self.field.description,
            f"Links {self.owner.name} to {resource}.{key}.",
        ]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Layout:
    """What the database holds: each table's columns and links, and the validated rows."""

    package: schema.Package
    columns: dict[str, tuple[Column, ...]]
    links: tuple[Link, ...]
    data: dict[str, RawTable]

    def searchable(self, name: str) -> list[str]:
        return [c.name for c in self.columns[name] if c.field.name in FULLTEXT]

    def column_names(self, name: str, field: str) -> list[str]:
        """The columns of ``field`` in table ``name`` (every language of a translated one)."""
        return [c.name for c in self.columns[name] if c.field.name == field]


def _validated(table: Table, base: str) -> RawTable:
    try:
        data = tables.raw(table.name)
    except TableError as exc:
        raise DataError([exc.problem]) from None
    found = errors(table_problems(table, data, base))
    if found:
        raise DataError(found)
    return data


def layout() -> Layout:
    """The database's shape, from the data package and the CSV headers (a
    :class:`DataError` listing every problem when a table does not match its schema)."""
    package = schema.package()
    base = package.base_language
    columns, links, data = {}, [], {}
    for name, table in package.tables.items():
        data[name] = _validated(table, base)
        found = []
        for column in data[name].header:
            f, language = table.field_of(column)  # type: ignore[misc]  # validated header
            required = f.required and language in ("", base)
            found.append(Column(column, f, language, required))
        columns[name] = tuple(found)
        for f in table.fields:
            if f.type == "list" and f.references:
                if f.references[1] in table.primary_key:
                    raise schema.SchemaError(
                        f"{name}.{f.name}: its link table would have {f.references[1]} twice"
                    )
                links.append(Link(f"{name}_{f.name}", table, f))
    return Layout(package, columns, tuple(links), data)


def _items(f: Field, cell: str) -> list[str]:
    return [item.strip() for item in cell.split(f.delimiter)] if cell else []


def _value(f: Field, cell: str) -> object:
    if cell == "":
        return None
    if f.type == "number":
        return float(cell)
    if f.type == "integer":
        return int(cell)
    if f.type == "boolean":
        return int(cell in f.true_values)
    if f.type == "list":
        return json.dumps(_items(f, cell), ensure_ascii=False)
    return cell


def q(identifier: str) -> str:
    """An SQL identifier, quoted (column names such as ``name@en`` need it)."""
    return sqlite_utils.db.quote_identifier(identifier)


def _view_sql(shape: Layout) -> str:
    explanations = ", ".join(f"v.{q(c)}" for c in shape.column_names("verdicts", "explanation"))
    return (
        "SELECT c.claim_id, c.source_id, s.language, c.topic, c.subject, c.claim_type, "
        f"c.quote, c.statement, v.verdict, v.unchecked_reason, {explanations} "
        "FROM claims AS c JOIN sources AS s ON s.source_id = c.source_id "
        "LEFT JOIN verdicts AS v ON v.claim_id = c.claim_id ORDER BY c.rowid"
    )


def _key(columns: tuple[str, ...]) -> str | tuple[str, ...]:
    """sqlite-utils' spelling of a key: a column name, or a tuple for a compound key."""
    return columns[0] if len(columns) == 1 else columns


def _foreign_keys(table: Table) -> list[tuple]:
    return [(_key(fk.fields), fk.resource, _key(fk.reference)) for fk in table.foreign_keys]


def _create(db: sqlite_utils.Database, shape: Layout, name: str) -> None:
    table = shape.package[name]
    columns = shape.columns[name]
    db[name].create(
        {c.name: SQL_TYPES.get(c.field.type, str) for c in columns},
        pk=_key(table.primary_key) if table.primary_key else None,
        foreign_keys=_foreign_keys(table),
        not_null=[c.name for c in columns if c.required],
    )


def build(shape: Layout | None = None) -> bytes:
    """The database of the project's fact base, as bytes (a :class:`DataError` when a table
    does not match its schema)."""
    shape = shape or layout()
    package = shape.package
    db = sqlite_utils.Database(memory=True)
    db.execute("PRAGMA page_size = 4096")
    for name in package.tables:
        _create(db, shape, name)
    for link in shape.links:
        resource, key = link.field.references
        pk = link.owner.primary_key
        db[link.name].create(
            {**{k: str for k in pk}, key: str, "position": int},
            pk=(*pk, key),
            foreign_keys=[(_key(pk), link.owner.name, _key(pk)), (key, resource, key)],
            not_null=link.columns,
        )
    record = figures.typed_rows(shape.data["record"]) if "record" in shape.data else {}

    def cell(c: Column, row: dict) -> object:
        if c.field.templated and row[c.name]:  # written out in the column's language
            return templates.render(row[c.name], record, c.language or package.base_language)
        return _value(c.field, row[c.name])

    for name in package.tables:
        columns = shape.columns[name]
        rows = shape.data[name].records()
        db[name].insert_all(
            ({c.name: cell(c, row) for c in columns} for row in rows), batch_size=500
        )
        for link in (k for k in shape.links if k.owner.name == name):
            items = [
                {
                    **{k: row[k] for k in link.owner.primary_key},
                    link.field.references[1]: item,
                    "position": position,
                }
                for row in rows
                for position, item in enumerate(_items(link.field, row[link.field.name]), 1)
            ]
            db[link.name].insert_all(items, batch_size=500)
    for name in package.tables:
        searchable = shape.searchable(name)
        if searchable:
            db[name].enable_fts(searchable, fts_version="FTS5", tokenize=TOKENIZE)
            fts = q(f"{name}_fts")
            db.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
    db.create_view(VIEW, _view_sql(shape))
    db.conn.commit()
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:  # validation checks the keys first: this is a bug, not bad data
        raise sqlite3.IntegrityError(f"foreign keys that do not resolve: {problems[:5]}")
    db.vacuum()
    return db.conn.serialize()
