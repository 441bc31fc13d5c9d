"""The fact base for Datasette: ``reports/data/factdesk.db`` (:mod:`factdesk.publish.database`)
and ``reports/data/factdesk-metadata.json`` beside it, and ``make datasette`` to serve them.

The metadata is derived from the data model, in the base language: the title, licence and
sources of the data package; each table's and column's description from its Table Schema
(a translated column's description names its language); facets on the columns a reader filters
by (foreign keys, enumerations, a ``language`` column); ``label_column`` so a foreign key shows
the referenced row's name (a required ``name``, ``label``, ``title`` or ``statement`` field, in
the base language); and canned queries: every claim about a person, every claim the record
contradicts, where the articles disagree. Both files are written only when their bytes change.
Serving them is :mod:`factdesk.publish.serve` (``make datasette``).
"""

from __future__ import annotations

import json
from pathlib import Path

from factdesk.build.writing import write_if_changed
from factdesk.facts import schema
from factdesk.publish import database
from factdesk.publish.database import VIEW, Layout, q

DATABASE = "factdesk.db"
METADATA = "factdesk-metadata.json"
NAME = Path(DATABASE).stem  # Datasette names a database after its file
LABELS = ("name", "label", "title", "statement")


def _column_description(column: database.Column) -> str:
    f = column.field
    text = f.description
    if column.language:
        text += f" ({column.language})"
    if f.enum:
        text += " One of: " + ", ".join(f.enum) + "."
    if f.type == "list":
        text += f" A JSON array (in the CSV: items separated by {f.delimiter!r})."
    if f.type == "boolean":
        text += " 1 (true) or 0 (false)."
    return text.strip()


def _facets(table: schema.Table, shape: Layout) -> list[str]:
    wanted = [fk.fields[0] for fk in table.foreign_keys if len(fk.fields) == 1]
    wanted += [f.name for f in table.fields if f.enum or f.name == "language"]
    whole_key = table.primary_key if len(table.primary_key) == 1 else ()
    present = {c.name for c in shape.columns[table.name]}
    return [c for c in dict.fromkeys(wanted) if c in present and c not in whole_key]


def _label(table: schema.Table, base: str) -> str | None:
    for name in LABELS:
        f = next((f for f in table.fields if f.name == name and f.required), None)
        if f:
            return f.column(base) if f.translated else f.name
    return None


def _queries(shape: Layout) -> dict:
    base = shape.package.base_language
    explanation, aspect = q(f"explanation@{base}"), q(f"aspect@{base}")
    names = "\nOR ".join(
        f"lower(e.{q(c)}) = lower(trim(:person))" for c in shape.column_names("entities", "name")
    )
    link = next(k.name for k in shape.links if k.owner.name == "reconciliation")
    return {
        "claims_about_person": {
            "title": "Every claim about a person",
            "description": "The claims whose subject is the person (or any other entity) given "
            "by id, by name in any language or by an alias the articles use, with their "
            "verdicts. Full-text search on the claims table finds every mention.",
            "sql": "SELECT c.claim_id, c.source_id, s.language, c.topic, c.claim_type, "
            f"c.quote, c.statement, v.verdict, v.{explanation} AS explanation\n"
            "FROM claims AS c JOIN entities AS e ON e.entity_id = c.subject\n"
            "JOIN sources AS s ON s.source_id = c.source_id\n"
            "LEFT JOIN verdicts AS v ON v.claim_id = c.claim_id\n"
            f"WHERE lower(e.entity_id) = lower(trim(:person)) OR {names}\n"
            "OR EXISTS (SELECT 1 FROM json_each(e.aliases) AS a "
            "WHERE lower(a.value) = lower(trim(:person)))\nORDER BY c.rowid",
        },
        "contradicted_claims": {
            "title": "Every claim the record contradicts",
            "description": "Claims rated inaccurate: the public record contradicts them. "
            "record_ids lists the record rows the verdict rests on.",
            "sql": "SELECT c.claim_id, c.source_id, c.quote, c.statement, "
            f"v.{explanation} AS explanation, v.record_ids, v.note\n"
            "FROM verdicts AS v JOIN claims AS c ON c.claim_id = v.claim_id\n"
            "WHERE v.verdict = 'inaccurate'\nORDER BY c.rowid",
        },
        "disagreements": {
            "title": "Where the articles disagree",
            "description": "Groups of claims that several articles make about the same thing "
            "and that disagree, with each article's claim and its verdict.",
            "sql": f"SELECT r.group_id, r.{aspect} AS aspect, r.{explanation} AS explanation, "
            "c.claim_id, c.source_id, c.quote, c.statement, v.verdict\n"
            f"FROM reconciliation AS r JOIN {q(link)} AS l ON l.group_id = r.group_id\n"
            "JOIN claims AS c ON c.claim_id = l.claim_id\n"
            "LEFT JOIN verdicts AS v ON v.claim_id = c.claim_id\n"
            "WHERE r.agreement = 'disagree'\nORDER BY r.rowid, l.position",
        },
    }


def _joined(items: list[dict], key: str) -> str:
    return "; ".join(str(i.get(key) or i.get("name") or "") for i in items if i)


def metadata(shape: Layout) -> dict:
    """Datasette metadata for the database :mod:`~factdesk.publish.database` builds."""
    package = shape.package
    base = package.base_language
    descriptor = package.descriptor
    languages = sorted({c.language for cs in shape.columns.values() for c in cs} - {""})
    found: dict = {"title": package.title}
    licenses, sources = descriptor.get("licenses", []), descriptor.get("sources", [])
    if licenses:
        found["license"] = _joined(licenses, "title")
        if licenses[0].get("path"):
            found["license_url"] = licenses[0]["path"]
    if sources:
        found["source"] = _joined(sources, "title")
        urls = [s["path"] for s in sources if s.get("path")]
        if len(urls) == 1:
            found["source_url"] = urls[0]
    tables: dict = {}
    for name, table in package.tables.items():
        meta: dict = {"description": table.description}
        columns = {c.name: _column_description(c) for c in shape.columns[name]}
        meta["columns"] = {k: v for k, v in columns.items() if v}
        if facets := _facets(table, shape):
            meta["facets"] = facets
        if label := _label(table, base):
            meta["label_column"] = label
        tables[name] = meta
    for link in shape.links:
        tables[link.name] = {"description": link.description, "facets": [link.columns[1]]}
    tables[VIEW] = {
        "description": "Every claim with its article's language and its verdict, to filter "
        "by article, language, topic and verdict.",
        "facets": ["source_id", "language", "topic", "verdict"],
    }
    description = (
        f"{package.title}. Every table of the data package with its Table Schema types, "
        "primary and foreign keys; a translated field has one column per language, named "
        f"<field>@<language> ({', '.join(languages)}). Full-text search covers quotes, "
        "statements, explanations, record values and evidence in every language."
    )
    found["databases"] = {
        NAME: {"description": description, "tables": tables, "queries": _queries(shape)}
    }
    return found


def publish(data_dir: Path) -> list[Path]:
    """Write the database and its Datasette metadata into ``data_dir`` (each only when its
    bytes change); return their paths."""
    shape = database.layout()
    db, meta = data_dir / DATABASE, data_dir / METADATA
    write_if_changed(db, database.build(shape), "the SQLite database")
    text = json.dumps(metadata(shape), ensure_ascii=False, indent=1) + "\n"
    write_if_changed(meta, text, "the Datasette metadata")
    return [db, meta]
