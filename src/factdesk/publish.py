"""Outputs that let the story's data travel beyond the notebooks, built beside the reports:

* ``reports/index.html``: every report in both languages (and time zones), plus downloads;
* ``reports/data/*.csv``: the published fact tables, with a Frictionless ``datapackage.json``;
* ``reports/data/timeline-<language>.json``: Knight Lab TimelineJS JSON;
* ``reports/data/claimreview-<language>.jsonld``: schema.org ClaimReview for every verdict.

Everything is derived from the data and ``reports.yml`` (``data_as_of`` is the publication
date); nothing reads the clock.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from factdesk import labels, tables, timeline
from factdesk.validate import FactBase

if TYPE_CHECKING:
    from factdesk.render import Config

PUBLISHED = (
    "sources",
    "entities",
    "claims",
    "excused",
    "reconciliation",
    "verdicts",
    "record",
    "spaceflights",
    "iss_crew",
)
RATING = {"inaccurate": 1, "imprecise": 2, "accurate": 3}  # worst 1 .. best 3
RATING_NAMES = {
    "accurate": "Accurate",
    "imprecise": "Imprecise",
    "inaccurate": "Inaccurate",
    "not checkable": "Not checkable",
}
PUBLISHER = {"@type": "Organization", "name": "factdesk"}


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _write(path: Path, text: str) -> None:
    from factdesk.render import write_atomic

    write_atomic(path, text)


# --- TimelineJS ----------------------------------------------------------------------------


def _tl_date(moment: pd.Timestamp, zone, language: str, date_only: bool = False) -> dict:
    """A TimelineJS date object in the report zone (strings, as TimelineJS documents them)."""
    local = moment.tz_convert(zone)
    out = {"year": str(local.year), "month": str(local.month), "day": str(local.day)}
    if not date_only:
        out.update(
            {"hour": str(local.hour), "minute": str(local.minute), "second": str(local.second)}
        )
        out["display_date"] = labels.when(moment, language, zone)
    else:
        out["display_date"] = labels.day(local, language)
    return out


def timelinejs(language: str, timezone: str, record: pd.DataFrame) -> dict:
    """The mission timeline and the context events as TimelineJS JSON."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    mission = labels.text("nb2.chart.mission", language)
    context_group = labels.text("nb2.chart.context", language)
    events = []
    for row in timeline.mission_events(record).itertuples():
        craft = "Soyuz MS-19" if row.subject == "soyuz-ms-19" else "Soyuz MS-18"
        start = _tl_date(row.time_utc, zone, language)
        events.append(
            {
                "unique_id": row.record_id,
                "group": mission,
                "start_date": start,
                "display_date": start["display_date"],
                "text": {
                    "headline": html.escape(
                        f"{craft}: {labels.text(f'ev.{row.property}', language)}"
                    ),
                    "text": html.escape(f"{labels.text('source', language)}: {row.source_title}"),
                },
            }
        )
    for stay in timeline.stays(record).itertuples():
        start = _tl_date(stay.start_utc, zone, language)
        end = _tl_date(stay.end_utc, zone, language)
        events.append(
            {
                "unique_id": stay.stay.replace("_", "-"),
                "group": mission,
                "start_date": start,
                "end_date": end,
                "display_date": f"{start['display_date']} – {end['display_date']}",
                "text": {
                    "headline": html.escape(labels.text(f"ev.{stay.stay}", language)),
                    "text": "",
                },
            }
        )
    for row in timeline.context_events(record).itertuples():
        start = _tl_date(row.time_utc, zone, language, date_only=row.date_only)
        events.append(
            {
                "unique_id": f"ctx-{row.record_id}",
                "group": context_group,
                "start_date": start,
                "display_date": start["display_date"],
                "text": {
                    "headline": html.escape(labels.text(f"ctx.{row.record_id}", language)),
                    "text": html.escape(f"{labels.text('source', language)}: {row.source_title}"),
                },
            }
        )
    return {
        "title": {
            "text": {
                "headline": html.escape(labels.text("nb2.title", language)),
                "text": html.escape(labels.text("times_in", language, zone=timezone)),
            }
        },
        "events": events,
    }


# --- ClaimReview ---------------------------------------------------------------------------


def claimreview(
    language: str,
    data_as_of: str,
    claims: pd.DataFrame,
    verdicts: pd.DataFrame,
    sources: pd.DataFrame,
) -> dict:
    """Every verdict as a schema.org ClaimReview (JSON-LD), review text in ``language``."""
    articles = sources.set_index("source_id")
    merged = claims.merge(verdicts, on="claim_id", validate="one_to_one")
    graph = []
    for row in merged.itertuples():
        article = articles.loc[str(row.source_id)]
        appearance = {
            "@type": "NewsArticle",
            "identifier": str(row.source_id),
            "inLanguage": str(article["language"]),
        }
        if article["headline"]:
            appearance["headline"] = article["headline"]
        if pd.notna(article["published"]):
            appearance["datePublished"] = article["published"].strftime("%Y-%m-%d")
        if article["url"]:
            appearance["url"] = article["url"]
        rating = {
            "@type": "Rating",
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": RATING_NAMES[row.verdict],
        }
        if row.verdict in RATING:
            rating["ratingValue"] = RATING[row.verdict]
        graph.append(
            {
                "@type": "ClaimReview",
                "@id": f"#claimreview-{row.claim_id}",
                "claimReviewed": row.quote,
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": appearance,
                    "description": row.statement,
                },
                "reviewRating": rating,
                "reviewBody": getattr(row, f"explanation_{language}"),
                "author": PUBLISHER,
                "datePublished": data_as_of,
                "inLanguage": language,
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


# --- Frictionless data package ------------------------------------------------------------

_TYPES = {
    "checkable": "boolean",
    "aboard_before_ms19": "boolean",
    "value_number": "number",
    "published": "date",
    "value_date": "date",
    "value_time": "datetime",
    "launch_utc": "datetime",
    "landing_utc": "datetime",
}
_KEYS = {
    "sources": ("source_id", []),
    "entities": ("entity_id", []),
    "claims": (
        "claim_id",
        [("source_id", "sources", "source_id"), ("subject", "entities", "entity_id")],
    ),
    "excused": ("sentence_id", []),
    "reconciliation": (
        "pair_id",
        [("claim_nl", "claims", "claim_id"), ("claim_en", "claims", "claim_id")],
    ),
    "verdicts": ("claim_id", [("claim_id", "claims", "claim_id")]),
    "record": ("record_id", [("subject", "entities", "entity_id")]),
    "spaceflights": (["person", "flight_up"], [("person", "entities", "entity_id")]),
    "iss_crew": ("person", [("person", "entities", "entity_id")]),
}
_DESCRIPTIONS = {
    "sources": "The two source articles: language, headline, publication date and its basis.",
    "entities": "People, spacecraft, places, organisations, works and events with aliases.",
    "claims": "Every factual claim of both articles with its verbatim quote.",
    "excused": "Sentences that carry no checkable fact, with the reason.",
    "reconciliation": "Claims both articles make, marked agree or disagree.",
    "verdicts": "A verdict per claim against the public record, explained in English and Dutch.",
    "record": "Public-record values, each with its source title, URL and a verbatim excerpt.",
    "spaceflights": "Every spaceflight of the Soyuz MS-19 crew (UTC).",
    "iss_crew": "People aboard the ISS on 5 October 2021, before and after Soyuz MS-19.",
}


def datapackage(data_as_of: str) -> dict:
    """A Frictionless Data Package describing the published CSVs."""
    resources = []
    for name in PUBLISHED:
        header = tables.read_raw(getattr(FactBase(), name)).header
        fields = []
        for column in header:
            field = {"name": column, "type": _TYPES.get(column, "string")}
            if field["type"] == "boolean":
                field.update({"trueValues": ["true"], "falseValues": ["false"]})
            fields.append(field)
        primary, foreign = _KEYS[name]
        schema = {"fields": fields, "primaryKey": primary, "missingValues": [""]}
        if foreign:
            schema["foreignKeys"] = [
                # resources are named like their package names (iss_crew -> iss-crew)
                {"fields": f, "reference": {"resource": r.replace("_", "-"), "fields": t}}
                for f, r, t in foreign
            ]
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "description": _DESCRIPTIONS[name],
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "factdesk-soyuz-ms-19",
        "title": "Soyuz MS-19 film flight: claims of two news articles checked against the "
        "public record",
        "version": data_as_of,
        "created": f"{data_as_of}T00:00:00Z",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "sources": [
            {
                "title": "Two news articles about the Soyuz MS-19 launch (Dutch and English); "
                "quotes remain the publishers' copyright"
            },
            {
                "title": "Public record: NASA, TASS, Wikipedia and others, cited per row in "
                "record.csv, spaceflights.csv and iss_crew.csv"
            },
        ],
        "resources": resources,
    }


# --- index page ----------------------------------------------------------------------------


def index_page(config: Config) -> str:
    """``reports/index.html``: every report by notebook, language and time zone."""
    rows = []
    for stem, title_key in config.titles.items():
        cells = []
        for language in config.languages:
            links = []
            for report in config.reports:
                if report.notebook == stem and report.language == language:
                    href = f"{language}/{report.name}.html"
                    links.append(
                        f'<a href="{html.escape(href)}" hreflang="{language}">'
                        f"{html.escape(report.timezone)}</a>"
                    )
            title = html.escape(labels.text(title_key, language))
            cells.append(f"<td><strong>{title}</strong><br>{' · '.join(links)}</td>")
        rows.append(f"<tr><th>{html.escape(stem)}</th>{''.join(cells)}</tr>")
    downloads = [("data/datapackage.json", "Frictionless data package (datapackage.json)")]
    downloads += [(f"data/{n}.csv", f"{n}.csv") for n in PUBLISHED]
    for language in config.languages:
        downloads.append((f"data/timeline-{language}.json", f"TimelineJS ({language})"))
        downloads.append((f"data/claimreview-{language}.jsonld", f"ClaimReview ({language})"))
    items = "".join(
        f'<li><a href="{html.escape(h)}">{html.escape(t)}</a></li>' for h, t in downloads
    )
    head = "".join(f"<th>{html.escape(lang)}</th>" for lang in config.languages)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>factdesk reports · Soyuz MS-19</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; max-width: 960px; margin: 2rem auto;
       padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .5rem; text-align: left; vertical-align: top; }}
</style>
</head>
<body>
<h1>factdesk · Soyuz MS-19</h1>
<p>Reports in English and Dutch / Rapporten in het Engels en Nederlands.
Data as of {html.escape(config.data_as_of)}.</p>
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


def publish(config: Config) -> list[Path]:
    """Write the index, the data downloads and the publishing formats; return their paths."""
    data_dir = config.out / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in PUBLISHED:
        source = getattr(FactBase(), name)
        target = data_dir / f"{name}.csv"
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
        written.append(target)
    record = tables.load_record()
    claims, verdicts = tables.load_claims(), tables.load_verdicts()
    sources = tables.load_sources()
    default_zone = config.reports[0].default_timezone
    for language in config.languages:
        target = data_dir / f"timeline-{language}.json"
        _write(target, _dump(timelinejs(language, default_zone, record)))
        written.append(target)
        target = data_dir / f"claimreview-{language}.jsonld"
        _write(target, _dump(claimreview(language, config.data_as_of, claims, verdicts, sources)))
        written.append(target)
    target = data_dir / "datapackage.json"
    _write(target, _dump(datapackage(config.data_as_of)))
    written.append(target)
    _write(config.out / "index.html", index_page(config))
    written.append(config.out / "index.html")
    return written
