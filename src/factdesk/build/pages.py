"""What each report's page shows besides its notebook, and which pages must be exported.

A page's export hash covers its executed notebook, everything :class:`~factdesk.build.export.Page`
holds for it (the sources and corrections in its language, the other languages that exist,
its ClaimReview) and the export code, template and vendored files. The hashes live in the
git-ignored ``reports/.cache/exports.json``; the index and downloads have their own stamp.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factdesk import paths
from factdesk.build import manifest
from factdesk.build.config import Config, Report
from factdesk.build.export import Page, code_digest, json_for_script, rel, title_of
from factdesk.build.writing import write_if_changed
from factdesk.facts import schema
from factdesk.language import catalog
from factdesk.language.catalog import Catalog

TEXT_KEYS = {
    "index_label": "html.index",
    "nav_label": "html.nav",
    "show_code": "html.show_code",
    "sources_label": "sources",
    "corrections_label": "html.corrections",
    "corrections_link": "html.corrections_link",
    "methodology_label": "html.methodology_label",
    "methodology": "html.methodology",
    "downloads_label": "html.downloads",
    "table_download": "table_download",
    "chart_text": "html.chart_text",
    "data_section": "html.data_section",
}


def _stamps(config: Config) -> Path:
    return config.out / ".cache" / "exports.json"


def _source_item(row, language: str) -> str:
    """One article in the footer: its label, headline and outlet where known (a link when its
    address is), and its date only as precise as it is known."""
    from factdesk.language import formats
    from factdesk.story.html import esc, in_language, link

    headline = row.headline or ""
    title = link(headline or row.label, row.url) if row.url else esc(headline)
    if headline:
        title = in_language(title, row.language, language)
    parts = [f"{esc(row.label)}: {title}" if title and title != esc(row.label) else esc(row.label)]
    if row.outlet:
        parts.append(esc(row.outlet))
    if not _missing(row.published):
        parts.append(esc(formats.day(row.published, language, row.published_precision or "day")))
    return ", ".join(parts)


def _language_data(config: Config, language: str) -> dict:
    """What every page in ``language`` shows from the data (read once per language)."""
    from factdesk.facts import tables
    from factdesk.language import formats
    from factdesk.story.corrections import count

    base = schema.package().base_language
    text = Catalog(language, base)
    sources = tables.load("sources", language)
    corrections = tables.load("corrections", language)
    latest = corrections["date"].max() if len(corrections) else None
    fixes = (
        text.text(
            "html.corrections_count", n=count(corrections), date=formats.day(latest, language)
        )
        if len(corrections)
        else text.text("html.no_corrections")
    )
    return {
        "texts": {k: text.text(v) for k, v in TEXT_KEYS.items()}
        | {
            "data_date": text.text("html.data_date", date=formats.day(config.data_as_of, language))
        },
        "sources": [_source_item(row, language) for row in sources.itertuples()],
        "corrections": fixes,
        "has_corrections": bool(len(corrections)),
    }


def _missing(value) -> bool:
    import pandas as pd

    return value is None or pd.isna(value)


def _jsonld(config: Config, report: Report) -> str:
    from factdesk.publish.claimreview import for_language

    return json_for_script(for_language(config, report.language, report.html.parent))


def page_for(config: Config, report: Report, shared: dict, available: set[str]) -> Page:
    from factdesk.language import formats

    here = report.html.parent
    others = [
        {
            "language": lang,
            "href": rel(config.out / lang / f"{report.name}.html", here),
            "label": formats.language_name(lang),
        }
        for lang in config.languages
        if lang != report.language and f"{lang}/{report.name}" in available
    ]
    data = shared[report.language]
    downloads = [
        ("datapackage.json", "html.datapackage"),
        (f"timeline-{report.language}.json", "html.timelinejs"),
        (f"claimreview-{report.language}.jsonld", "html.claimreview"),
    ]
    text = Catalog(report.language, schema.package().base_language)
    jsonld = _jsonld(config, report) if report.notebook == config.claimreview else ""
    fact_check = [
        r
        for r in config.reports
        if r.notebook == config.claimreview
        and r.language == report.language
        and r.key in available
    ]
    corrections_href = rel(fact_check[0].html, here) + "#corrections" if fact_check else ""
    return Page(
        title_suffix=f" · {report.timezone}",
        languages=others,
        index_href=rel(config.out / "index.html", here),
        texts=data["texts"],
        sources=data["sources"],
        corrections=data["corrections"],
        corrections_href=corrections_href if data["has_corrections"] else "",
        downloads=[
            {"href": rel(config.out / "data" / name, here), "label": text.text(key)}
            for name, key in downloads
        ],
        locale=formats.plotly_locale(report.language),
        jsonld=jsonld,
    )


def page_inputs(config: Config, report: Report, available: set[str]) -> str:
    """A digest of every file a page shows something from (without reading the data: a
    no-op build must not even import pandas)."""
    tables_ = ["sources", "corrections"]
    if report.notebook == config.claimreview:
        tables_ += ["claims", "verdicts", "entities"]
    package = schema.package()
    files = [report.ipynb, *(package[t].path for t in tables_)]
    files += catalog.files(report.language) + catalog.files(package.base_language)
    digest = hashlib.sha256(code_digest().encode())
    for file in files:
        digest.update(manifest.relative(file).encode() + manifest.file_hash(file).encode())
    siblings = sorted(k for k in available if k.split("/", 1)[1] == report.name)
    settings = [config.data_as_of, config.claimreview, config.languages, siblings, report.key,
                config.site_url, config.publisher]  # fmt: skip
    digest.update(json.dumps(settings).encode())
    return digest.hexdigest()


def available(config: Config, outcomes: dict) -> set[str]:
    """Reports that exist and did not just fail: the only ones a page may link to."""
    return {
        r.key
        for r in config.reports
        if r.ipynb.is_file() and getattr(outcomes.get(r.key), "status", "") != "failed"
    }


def plan(config: Config, reports: list[Report], outcomes: dict) -> list[tuple[Report, Page]]:
    """The pages to export: their report exists and what they show or their outputs changed."""
    exists = available(config, outcomes)
    stamps = manifest.load(_stamps(config))
    stale = []
    for report in reports:
        if report.key not in exists:
            continue
        stamp = stamps.get(report.key, {})
        outputs_exist = all((config.out / p).is_file() for p in stamp.get("outputs", []))
        if stamp.get("hash") != page_inputs(config, report, exists) or not outputs_exist:
            stale.append(report)
    if not stale:
        return []
    shared = {lang: _language_data(config, lang) for lang in config.languages}
    return [(r, page_for(config, r, shared, exists)) for r in stale]


def done(config: Config, report: Report, outputs: list[Path], outcomes: dict) -> None:
    """Record a page's input digest and outputs (images are written after all exports)."""
    stamps = manifest.load(_stamps(config))
    stamps[report.key] = {
        "hash": page_inputs(config, report, available(config, outcomes)),
        "outputs": sorted(rel(p, config.out) for p in outputs),
    }
    manifest.save(_stamps(config), stamps)


def titles(config: Config) -> dict[str, dict[str, str]]:
    """notebook -> language -> title, read from the executed reports."""
    found: dict[str, dict[str, str]] = {}
    for report in config.reports:
        if report.timezone == config.default_timezone and report.ipynb.is_file():
            nb = json.loads(report.ipynb.read_text(encoding="utf-8"))
            found.setdefault(report.notebook, {})[report.language] = title_of(nb)
    return found


def publish_if_stale(config: Config) -> bool:
    """Rebuild index and downloads unless their inputs and files are unchanged."""
    names = titles(config)
    existing = sorted(r.key for r in config.reports if r.html.is_file())
    files = [p for p in paths.DATA.rglob("*") if p.is_file()]
    files += [*paths.ENGINE_LOCALES.glob("*.yaml"), *paths.STORY_LOCALES.glob("*.yaml")]
    files += [paths.REPORTS_CONFIG, *paths.PACKAGE.rglob("*.py"), *paths.SCHEMAS.glob("*")]
    digest = hashlib.sha256(json.dumps([names, existing]).encode())
    for file in sorted(files):
        digest.update(manifest.relative(file).encode() + manifest.file_hash(file).encode())
    stamp_path = config.out / ".cache" / "publish.json"
    stamp = manifest.load(stamp_path)
    if stamp.get("hash") == digest.hexdigest() and all(
        (config.out / p).is_file() for p in stamp.get("outputs", [])
    ):
        return False
    from factdesk.publish.site import publish

    written = publish(config, names)
    record = {"hash": digest.hexdigest(), "outputs": sorted(rel(p, config.out) for p in written)}
    write_if_changed(stamp_path, json.dumps(record, indent=1) + "\n", "the publish stamp")
    return True
