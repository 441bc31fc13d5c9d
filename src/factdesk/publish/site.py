"""What lets the story's data travel beyond the notebooks, built beside the reports:

* ``reports/index.html``: every report that exists, in every language and time zone;
* ``reports/data/*.csv`` and ``datapackage.json``: the fact tables with their Table Schemas
  (derived from ``data/datapackage.yaml``: one data model);
* ``reports/data/timeline-<language>.json``: Knight Lab TimelineJS;
* ``reports/data/claimreview-<language>.jsonld``: schema.org ClaimReview for every verdict.

Everything comes from the data and ``reports.yml`` (``data_as_of`` is the publication date);
nothing reads the clock.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from factdesk.build.config import Config
from factdesk.build.writing import write_if_changed
from factdesk.facts import schema, tables
from factdesk.language.catalog import Catalog
from factdesk.language.formats import language_name
from factdesk.publish import datasette
from factdesk.publish.claimreview import claimreview
from factdesk.publish.timelinejs import timeline

EXTENSIONS = ("translated", "offset", "timezone_field", "plausible", "references", "delimiter")


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


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


def datapackage(data_as_of: str, published: dict[str, list[str]]) -> dict:
    """A Frictionless Data Package describing the published CSVs (``published``: table ->
    its header), every schema derived from the one declaration."""
    package = schema.package()
    resources = []
    for name, header in published.items():
        table = package[name]
        fields = []
        for column in header:
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


def index_page(config: Config, titles: dict[str, dict[str, str]]) -> str:
    """``reports/index.html``: every report that exists, by notebook, language and zone.
    ``titles``: notebook -> language -> title (from the executed reports)."""
    base = schema.package().base_language
    text = {lang: Catalog(lang, base) for lang in config.languages}
    rows = []
    for stem in config.notebooks:
        cells = []
        for language in config.languages:
            links = [
                f'<a href="{html.escape(r.language)}/{html.escape(r.name)}.html" '
                f'hreflang="{r.language}">{html.escape(r.timezone)}</a>'
                for r in config.reports
                if r.notebook == stem and r.language == language and r.html.is_file()
            ]
            title = html.escape(titles.get(stem, {}).get(language, stem))
            cells.append(
                f'<td lang="{language}"><strong>{title}</strong><br>'
                f"{' · '.join(links) or '–'}</td>"
            )
        rows.append(f"<tr><th>{html.escape(stem)}</th>{''.join(cells)}</tr>")
    downloads = [("data/datapackage.json", "datapackage.json")]
    downloads += [(f"data/{name}.csv", f"{name}.csv") for name in schema.package().tables]
    for language in config.languages:
        downloads.append((f"data/timeline-{language}.json", f"TimelineJS ({language})"))
        downloads.append((f"data/claimreview-{language}.jsonld", f"ClaimReview ({language})"))
    items = "".join(
        f'<li><a href="{html.escape(h)}">{html.escape(t)}</a></li>' for h, t in downloads
    )
    head = "".join(f"<th>{html.escape(language_name(lang))}</th>" for lang in config.languages)
    intro = " / ".join(html.escape(text[lang].text("index.intro")) for lang in config.languages)
    title = html.escape(schema.package().title)
    as_of = html.escape(Catalog(base, base).text("html.data_date", date=config.data_as_of))
    return f"""<!DOCTYPE html>
<html lang="{base}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; max-width: 960px; margin: 2rem auto;
       padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .5rem; text-align: left; vertical-align: top; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{intro} {as_of}</p>
<table class="fd-index">
<thead><tr><th></th>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<h2>Data</h2>
<ul class="fd-downloads">{items}</ul>
</body>
</html>
"""


def publish(config: Config, titles: dict[str, dict[str, str]]) -> list[Path]:
    """Write the index, the data downloads and the publishing formats; return their paths."""
    data_dir = config.out / "data"
    written: list[Path] = []

    def out(target: Path, text: str, what: str) -> None:
        write_if_changed(target, text, what)
        written.append(target)

    package = schema.package()
    headers = {}
    for name, table in package.tables.items():
        source = table.path.read_bytes()
        out(data_dir / f"{name}.csv", source.decode("utf-8"), "a data download")
        headers[name] = list(tables.raw(name).header)
    out(
        data_dir / "datapackage.json",
        _dump(datapackage(config.data_as_of, headers)),
        "the data package",
    )
    claims, sources, corrections = (tables.load(n) for n in ("claims", "sources", "corrections"))
    for language in config.languages:
        text = Catalog(language, package.base_language)
        entities = tables.load("entities", language)
        names = dict(zip(entities["entity_id"], entities["name"], strict=True))
        record = tables.load("record", language)
        out(
            data_dir / f"timeline-{language}.json",
            _dump(
                timeline(
                    record,
                    names,
                    text.text("timelinejs.title"),
                    text.text("source"),
                    language,
                    config.default_timezone,
                )
            ),
            "the TimelineJS file",
        )
        verdicts = tables.load("verdicts", language)
        doc = claimreview(
            language, config.data_as_of, claims, verdicts, sources, corrections, names
        )
        # Escaped so the file can be pasted into a <script type="application/ld+json">
        # element as it is: "</" in data cannot close the element.
        text = _dump(doc).replace("</", "<\\/").replace("<!--", "<\\!--")
        out(data_dir / f"claimreview-{language}.jsonld", text, "the ClaimReview file")
    out(config.out / "index.html", index_page(config, titles), "the index page")
    # The fact base as one SQLite database with its Datasette metadata (publish/datasette.py).
    written += datasette.publish(data_dir)
    return written
