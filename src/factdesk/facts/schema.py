"""The data model, declared once: the story's ``data/datapackage.yaml`` and its Table Schemas.

Each table's columns, types, allowed values, patterns, ranges and keys are written once, as a
Frictionless Table Schema (the engine's own tables in ``src/factdesk/facts/schemas/``, a story's
extra tables beside their CSV). Validation (:mod:`factdesk.facts.validate`), typed loading
(:mod:`factdesk.facts.tables`) and the published ``datapackage.json``
(:mod:`factdesk.publish.site`) are all derived from here.

Extensions to Table Schema, all stripped from the published package:

* ``translated: true``: the field is one column per language, ``<name>@<language>``
  (``explanation@en``, ``explanation@nl``, ...). ``required`` applies to the base language;
  a missing translation falls back to the base language, with a warning.
* on datetime fields, ``offset: utc`` (the value must be given in UTC) or ``offset: zoned``
  with ``timezone_field`` (the offset must be that IANA zone's at that instant); on number
  fields, ``plausible: {by: <unit field>, ranges: {unit: [min, max]}}``;
* ``templated: true``: the text may hold figures computed from the record
  (:mod:`factdesk.facts.templates`), written out when the table is loaded in a language;
* ``labels: <prefix>``: the field holds codes that pages show by their label, the catalog
  text ``<prefix>.<code>`` (``verdict.accurate``, ``property.launch_site``); ``check`` fails
  when a code in the data has no label in a report language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from factdesk import inputs, paths

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

TRANSLATED = re.compile(r"^(?P<field>[^@]+)@(?P<language>[a-z]{2,3})$")


class SchemaError(ValueError):
    """The data package or a Table Schema itself is malformed (a bug in the declaration)."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "string"
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    pattern: str = ""
    minimum: float | None = None
    maximum: float | None = None
    translated: bool = False
    delimiter: str = ""  # list fields
    references: tuple[str, str] | None = None  # list fields: (resource, field)
    offset: str = ""  # datetime fields: "utc" | "zoned"
    timezone_field: str = ""
    plausible: dict | None = None
    labels: str = ""  # catalog prefix of the codes' labels
    templated: bool = False  # holds {op:ids} fields computed from the record
    true_values: tuple[str, ...] = ("true",)
    false_values: tuple[str, ...] = ("false",)
    descriptor: dict = field(default_factory=dict, compare=False, repr=False)

    def column(self, language: str) -> str:
        """The CSV column holding this field in ``language`` (translated fields only)."""
        return f"{self.name}@{language}"


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One resource of the data package: its name, CSV path and schema."""

    name: str
    path: Path
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    allow_empty: bool = False
    schema_path: Path | None = None

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    def base_columns(self, base_language: str) -> list[str]:
        """The columns every file of this table must have (translated: the base language)."""
        return [f.column(base_language) if f.translated else f.name for f in self.fields]

    def field_of(self, column: str) -> tuple[Field, str] | None:
        """The field a CSV column belongs to and its language ("" when not translated)."""
        hit = TRANSLATED.match(column)
        for f in self.fields:
            if f.translated and hit and hit["field"] == f.name:
                return f, hit["language"]
            if not f.translated and f.name == column:
                return f, ""
        return None


@dataclass(frozen=True)
class Package:
    name: str
    title: str
    base_language: str
    tables: dict[str, Table]
    descriptor: dict

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]


def _field(descriptor: dict) -> Field:
    constraints = descriptor.get("constraints", {})
    references = descriptor.get("references")
    return Field(
        name=descriptor["name"],
        type=descriptor.get("type", "string"),
        description=descriptor.get("description", ""),
        required=bool(constraints.get("required", False)),
        unique=bool(constraints.get("unique", False)),
        enum=tuple(str(v) for v in constraints.get("enum", ())),
        pattern=constraints.get("pattern", ""),
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        translated=bool(descriptor.get("translated", False)),
        delimiter=descriptor.get("delimiter", ",") if descriptor.get("type") == "list" else "",
        references=(references["resource"], references["field"]) if references else None,
        offset=descriptor.get("offset", ""),
        timezone_field=descriptor.get("timezone_field", ""),
        plausible=descriptor.get("plausible"),
        labels=descriptor.get("labels", ""),
        templated=bool(descriptor.get("templated", False)),
        true_values=tuple(descriptor.get("trueValues", ("true",))),
        false_values=tuple(descriptor.get("falseValues", ("false",))),
        descriptor=descriptor,
    )


def _schema_file(reference: str, base: Path) -> Path:
    if reference.startswith("factdesk:"):
        return paths.SCHEMAS / f"{reference.split(':', 1)[1]}.yaml"
    return base / reference


def _read_yaml(path: Path) -> dict:
    inputs.record(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except OSError as exc:
        raise SchemaError(f"{paths.display(path)}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise SchemaError(f"{paths.display(path)}: not valid YAML: {exc}") from None


@cache
def load(path: Path) -> Package:
    """The data package at ``path`` with every table's schema resolved."""
    descriptor = _read_yaml(path)
    tables = {}
    for resource in descriptor.get("resources", []):
        reference = resource["schema"]
        schema_path = _schema_file(reference, path.parent)
        schema = _read_yaml(schema_path)
        primary = schema.get("primaryKey", [])
        foreign = tuple(
            ForeignKey(
                tuple(fk["fields"]),
                fk["reference"]["resource"],
                tuple(fk["reference"]["fields"]),
            )
            for fk in schema.get("foreignKeys", [])
        )
        tables[resource["name"]] = Table(
            name=resource["name"],
            path=path.parent / resource["path"],
            description=str(resource.get("description") or schema.get("description", "")),
            fields=tuple(_field(f) for f in schema["fields"]),
            primary_key=tuple([primary] if isinstance(primary, str) else primary),
            foreign_keys=foreign,
            allow_empty=bool(schema.get("allowEmpty", False)),
            schema_path=schema_path,
        )
    return Package(
        name=descriptor.get("name", ""),
        title=descriptor.get("title", ""),
        base_language=descriptor.get("base_language", "en"),
        tables=tables,
        descriptor=descriptor,
    )


def package() -> Package:
    """The project's data package (``data/datapackage.yaml``). Its files are recorded as read
    on every call, not only the first: a warm kernel renders several reports."""
    found = load(paths.DATAPACKAGE)
    inputs.record(paths.DATAPACKAGE)
    for table in found.tables.values():
        if table.schema_path is not None:
            inputs.record(table.schema_path)
    return found
