"""What a report's page shows besides its notebook: the texts in its language, the articles
and corrections in its footer, links to its other languages and the downloads.

The code of every page (:mod:`factdesk.build.steps`); the fact-check page's ClaimReview is
built by :mod:`factdesk.publish.claimreview` and passed in.
"""

from __future__ import annotations

from factdesk.build.config import Config, Report
from factdesk.build.export import Page, rel
from factdesk.facts import schema
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
    "data_moved": "html.data_moved",
}


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


def language_data(config: Config, language: str) -> dict:
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


def page_for(
    config: Config, report: Report, shared: dict, available: set[str], jsonld: str = ""
) -> Page:
    """What a report's page shows besides its notebook (``jsonld``: its ClaimReview)."""
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
    fact_check = [
        r
        for r in config.reports
        if r.notebook == config.claimreview
        and r.language == report.language
        and r.key in available
    ]
    corrections_href = rel(fact_check[0].html, here) + "#corrections" if fact_check else ""
    return Page(
        title_suffix=f" · {formats.zone_name(report.timezone, report.language)}",
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
