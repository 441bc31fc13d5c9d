"""The fact tables as published downloads, and the Frictionless data package describing them.

A download is its table with every time written one way, ISO 8601 in UTC with ``Z``. A time
that was stated with another offset (a claim's "14.12 uur Nederlandse tijd") keeps that
offset in a column of its own, ``<field>_offset``; dates stay dates. Every schema is derived
from the one declaration (:mod:`factdesk.facts.schema`).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from factdesk.facts import schema
from factdesk.facts.csvfile import read_raw

EXTENSIONS = (
    "translated",
    "offset",
    "timezone_field",
    "plausible",
    "references",
    "delimiter",
    "labels",
    "templated",
)


def _published_field(f: schema.Field, language: str = "") -> dict:
    out = {k: v for k, v in f.descriptor.items() if k not in EXTENSIONS}
    if language:
        out["name"] = f.column(language)
        out["description"] = (f.description + f" ({language})").strip()
        if language != schema.package().base_language:
            out.get("constraints", {}).pop("required", None)
    if f.type == "list":
        out["type"] = "string"
        out["description"] = (f.description + f" Items separated by {f.delimiter!r}.").strip()
    if f.type == "datetime":
        out["format"] = "any"
    if out.get("constraints") == {}:
        out.pop("constraints")
    return out


OFFSET = "_offset"


def _offset_field(f: schema.Field) -> dict:
    return {
        "name": f.name + OFFSET,
        "type": "string",
        "description": f"The UTC offset {f.name} was stated with (e.g. +02:00); {f.name} "
        "itself is in UTC.",
        "constraints": {"pattern": "[+-][0-9]{2}:[0-9]{2}"},
    }


def _utc(cell: str) -> tuple[str, str]:
    """An ISO 8601 time as UTC with ``Z``, and the offset it was stated with."""
    moment = datetime.fromisoformat(cell)
    offset = moment.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), offset


def table_csv(table: schema.Table) -> tuple[list[str], str]:
    """A table's download: its header and CSV text, times in UTC with ``Z``, a stated offset
    other than UTC kept in ``<field>_offset`` (after the field)."""
    raw = read_raw(table.path)
    times = {f.name: f for f in table.fields if f.type == "datetime"}
    zoned = {name for name, f in times.items() if f.offset == "zoned"}
    header: list[str] = []
    for column in raw.header:
        header.append(column)
        if column in zoned:
            header.append(column + OFFSET)
    rows = []
    for record in raw.frame.to_dict("records"):
        row = {}
        for column in raw.header:
            cell = record[column]
            if column in times and cell:
                cell, offset = _utc(cell)
                if column in zoned:
                    row[column + OFFSET] = offset
            elif column in zoned:
                row[column + OFFSET] = ""
            row[column] = cell
        rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return header, out.getvalue()


def datapackage(data_as_of: str, published: dict[str, list[str]]) -> dict:
    """A Frictionless Data Package describing the published CSVs (``published``: table ->
    its header), every schema derived from the one declaration."""
    package = schema.package()
    resources = []
    for name, header in published.items():
        table = package[name]
        fields = []
        for column in header:
            if column.endswith(OFFSET) and column[: -len(OFFSET)] in header:
                fields.append(_offset_field(table.field(column[: -len(OFFSET)])))
                continue
            f, language = table.field_of(column)  # type: ignore[misc]
            fields.append(_published_field(f, language))
        out = {"fields": fields, "missingValues": [""]}
        if table.primary_key:
            out["primaryKey"] = list(table.primary_key)
        keys = [
            {
                "fields": list(fk.fields),
                "reference": {
                    "resource": fk.resource.replace("_", "-"),
                    "fields": list(fk.reference),
                },
            }
            for fk in table.foreign_keys
            if fk.resource in published
        ]
        if keys:
            out["foreignKeys"] = keys
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": out,
            }
        )
    descriptor = package.descriptor
    return {
        "profile": "tabular-data-package",
        "name": descriptor.get("name", "factdesk"),
        "title": descriptor.get("title", ""),
        "version": data_as_of,
        "created": f"{data_as_of}T00:00:00Z",
        "licenses": descriptor.get("licenses", []),
        "sources": descriptor.get("sources", []),
        "resources": resources,
    }
