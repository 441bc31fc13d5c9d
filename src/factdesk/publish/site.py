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

import json
from pathlib import Path

from factdesk import paths
from factdesk.build.config import Config
from factdesk.build.export import json_for_script
from factdesk.build.writing import write_if_changed
from factdesk.facts import schema, tables
from factdesk.language.catalog import Catalog
from factdesk.language.formats import day, language_name, zone_name
from factdesk.publish import datasette, downloads
from factdesk.publish.claimreview import for_language
from factdesk.publish.timelinejs import timeline


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def index_page(config: Config, titles: dict[str, dict[str, str]]) -> str:
    """``reports/index.html``: every report that exists, by language (its title, a link per
    time zone), each language's publishing formats, and the data downloads.
    ``titles``: notebook -> language -> title (from the executed reports)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    base = schema.package().base_language
    parts = []
    for language in config.languages:
        text = Catalog(language, base)
        reports = []
        for stem in config.notebooks:
            made = [
                r
                for r in config.reports
                if r.notebook == stem and r.language == language and r.html.is_file()
            ]
            if not made:
                continue
            main = next((r for r in made if r.timezone == config.default_timezone), made[0])
            zones = [
                {"href": f"{language}/{r.name}.html", "label": zone_name(r.timezone, language)}
                for r in made
                if r is not main
            ]
            reports.append(
                {
                    "href": f"{language}/{main.name}.html",
                    "title": titles.get(stem, {}).get(language, stem),
                    "zones": zones,
                }
            )
        parts.append(
            {
                "language": language,
                "name": language_name(language),
                "intro": text.text("index.intro"),
                "reports": reports,
                "downloads_label": text.text("html.downloads"),
                "downloads": [
                    {"href": f"data/{name}", "label": text.text(key)}
                    for name, key in (
                        (f"timeline-{language}.json", "html.timelinejs"),
                        (f"claimreview-{language}.jsonld", "html.claimreview"),
                    )
                ],
            }
        )  # fmt: skip
    text = Catalog(base, base)
    tables_ = [
        {"href": "data/datapackage.json", "label": text.text("html.datapackage")},
        {"href": "data/factdesk.db", "label": text.text("html.database")},
    ]
    tables_ += [
        {"href": f"data/{name}.csv", "label": f"{name}.csv"} for name in schema.package().tables
    ]
    environment = Environment(
        loader=FileSystemLoader(paths.TEMPLATES / "factdesk"),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
    )
    return environment.get_template("site.html.j2").render(
        base=base,
        title=schema.package().title,
        css=(paths.TEMPLATES / "factdesk" / "page.css").read_text(encoding="utf-8"),
        as_of=text.text("html.data_date", date=day(config.data_as_of, base)),
        languages=parts,
        data_label=text.text("index.data"),
        tables=tables_,
    )


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
        header, text = downloads.table_csv(table)
        out(data_dir / f"{name}.csv", text, "a data download")
        headers[name] = header
    out(
        data_dir / "datapackage.json",
        _dump(downloads.datapackage(config.data_as_of, headers)),
        "the data package",
    )
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
                    text,
                    language,
                    config.default_timezone,
                )
            ),
            "the TimelineJS file",
        )
        doc = for_language(config, language, data_dir)
        # Safe to paste into a <script type="application/ld+json"> element as it is, and
        # still valid JSON: "<" is written \u003c (json_for_script).
        out(
            data_dir / f"claimreview-{language}.jsonld",
            json_for_script(doc) + "\n",
            "the ClaimReview file",
        )
    out(config.out / "index.html", index_page(config, titles), "the index page")
    # The fact base as one SQLite database with its Datasette metadata (publish/datasette.py).
    written += datasette.publish(data_dir)
    return written
