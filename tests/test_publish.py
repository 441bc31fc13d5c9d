"""Publishing formats: TimelineJS JSON, ClaimReview JSON-LD and the Frictionless data package."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from project import base_language
from pyld import jsonld

from factdesk.build import config
from factdesk.facts import schema, tables
from factdesk.facts.csvfile import read_raw
from factdesk.language.formats import language_name
from factdesk.publish import site

SCHEMA = "https://schema.org/"
LANGUAGES = config.load().languages
BASE = base_language()
# The first notebook's title in every language, as the executed reports would give it.
TITLES = {config.load().notebooks[0]: {lang: f"Title {lang} <&>" for lang in LANGUAGES}}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("published")
    settings = config.load(out=out)
    # Two reports "exist" (their HTML); the index must link those and no other.
    for report in settings.reports[:2]:
        report.html.parent.mkdir(parents=True, exist_ok=True)
        report.html.write_text("<html></html>")
    site.publish(settings, TITLES)
    return out


# TimelineJS documents these fields (https://timeline.knightlab.com/docs/json-format.html).
DATE_FIELDS = {
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "display_date",
    "format",
}
EVENT_FIELDS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_timelinejs_follows_the_documented_format(published, language):
    doc = json.loads((published / "data" / f"timeline-{language}.json").read_text())
    assert set(doc) <= {"title", "events", "eras", "scale"}
    assert doc["title"]["text"]["headline"]
    ids = [e["unique_id"] for e in doc["events"]]
    assert len(ids) == len(set(ids))
    for event in doc["events"]:
        assert set(event) <= EVENT_FIELDS and {"start_date", "text", "group"} <= set(event)
        for key in ("start_date", "end_date"):
            if key in event:
                date = event[key]
                assert set(date) <= DATE_FIELDS and re.fullmatch(r"\d{4}", date["year"])
                assert 1 <= int(date["month"]) <= 12 and 1 <= int(date["day"]) <= 31
        assert set(event["text"]) <= {"headline", "text"} and event["text"]["headline"]
    # Times are in the default zone of reports.yml: the launch (08:55:02 UTC in the record),
    # followed by the zone's abbreviation.
    launch = next(e for e in doc["events"] if e["unique_id"] == "ms19-launch")["start_date"]
    utc = tables.load("record").set_index("record_id").loc["ms19-launch", "value_time"]
    local = utc.tz_convert(config.load().default_timezone).to_pydatetime()
    assert (launch["year"], launch["month"], launch["day"], launch["hour"], launch["minute"]) == (
        str(local.year),
        str(local.month),
        str(local.day),
        str(local.hour),
        str(local.minute),
    )
    zone = local.tzname()  # the tz database abbreviation, as after every time
    assert launch["display_date"].endswith(f"{local:%H:%M} {zone}"), launch["display_date"]
    # One name per thing: groups are the subjects' names from entities.csv in the language.
    names = tables.load("entities", language).set_index("entity_id")["name"]
    assert launch is not None and {e["group"] for e in doc["events"]} <= set(names)


def _offline_loader(url, options=None):
    """schema.org's context without the network: every term in the schema.org vocabulary."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}},
        }
    raise AssertionError(f"JSON-LD tried to load {url}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_claimreview_is_valid_json_ld_for_every_verdict(published, language):
    doc = json.loads((published / "data" / f"claimreview-{language}.jsonld").read_text())
    expanded = jsonld.expand(doc, {"documentLoader": _offline_loader})
    reviews = [n for n in expanded if SCHEMA + "ClaimReview" in n.get("@type", [])]
    verdicts = tables.load("verdicts")
    assert len(reviews) == len(verdicts)

    def keys(node):
        for key, values in node.items():
            if not key.startswith("@"):
                assert key.startswith(SCHEMA), key  # every term resolved, none dropped
                for value in values:
                    if isinstance(value, dict):
                        keys(value)

    for review in reviews:
        keys(review)
        for required in (
            "claimReviewed",
            "itemReviewed",
            "reviewRating",
            "author",
            "datePublished",
        ):
            assert SCHEMA + required in review, required
        rating = review[SCHEMA + "reviewRating"][0]
        assert SCHEMA + "alternateName" in rating and SCHEMA + "bestRating" in rating
        item = review[SCHEMA + "itemReviewed"][0]
        assert SCHEMA + "Claim" in item["@type"] and SCHEMA + "appearance" in item
        # The date comes from the data (reports.yml data_as_of), never the clock.
        assert review[SCHEMA + "datePublished"][0]["@value"] == config.load().data_as_of


def test_claimreview_marks_corrected_verdicts_with_date_modified(published):
    """A verdict corrected since publication (itself or a record row it rests on) carries
    dateModified, the date of its latest correction (from corrections.csv)."""
    doc = json.loads((published / "data" / f"claimreview-{BASE}.jsonld").read_text())
    reviews = {r["@id"].removeprefix("#claimreview-"): r for r in doc["@graph"]}
    log = tables.load("corrections")
    corrected = set(log.loc[log["table"].eq("verdicts"), "row_id"])
    assert corrected and {"en-034", "en-007"} <= corrected
    for claim_id in corrected:
        expected = log.loc[log["row_id"].eq(claim_id), "date"].max().strftime("%Y-%m-%d")
        assert reviews[claim_id]["dateModified"] == expected
    untouched = [r for cid, r in reviews.items() if cid not in corrected]
    assert any("dateModified" not in r for r in untouched)
    assert reviews["en-034"]["reviewRating"]["alternateName"] == "Imprecise"


def test_frictionless_validates_the_data_package(published):
    from frictionless import Package

    descriptor = published / "data" / "datapackage.json"
    doc = json.loads(descriptor.read_text())
    assert {r["name"] for r in doc["resources"]} == {
        n.replace("_", "-") for n in schema.package().tables
    }
    assert doc["licenses"] and doc["sources"]
    claims = next(r for r in doc["resources"] if r["name"] == "claims")
    assert claims["schema"]["primaryKey"] == ["claim_id"]
    fields = {f["name"]: f for f in claims["schema"]["fields"]}
    assert fields["value_time"]["type"] == "datetime" and "offset" not in fields["value_time"]
    verdicts = next(r for r in doc["resources"] if r["name"] == "verdicts")
    names = [f["name"] for f in verdicts["schema"]["fields"]]
    # one column per language the table has
    header = read_raw(schema.package()["verdicts"].path).header
    assert f"explanation@{BASE}" in header
    assert {c for c in header if c.startswith("explanation@")} <= set(names)
    assert {fk["reference"]["resource"] for fk in claims["schema"]["foreignKeys"]} == {
        "sources",
        "entities",
    }  # every foreign key of the one declaration
    report = Package(str(descriptor)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    cli = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", str(descriptor)],
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 0, cli.stdout[-2000:]


def test_index_links_only_reports_that_exist(published):
    index = (published / "index.html").read_text(encoding="utf-8")
    settings = config.load(out=published)
    exist, missing = settings.reports[:2], settings.reports[2:]
    for report in exist:
        assert f'href="{report.language}/{report.name}.html"' in index
    for report in missing:
        assert f'href="{report.language}/{report.name}.html"' not in index
    names = ["datapackage.json", "claims.csv"]
    names += [f"{kind}-{lang}.{ext}" for lang in LANGUAGES for kind, ext in
              (("timeline", "json"), ("claimreview", "jsonld"))]  # fmt: skip
    for name in names:
        assert f'href="data/{name}"' in index
        assert (published / "data" / name).is_file()
    for lang in LANGUAGES:  # a column per language, the titles escaped
        assert html.escape(language_name(lang)) in index
    shown = [r for r in exist if r.notebook in TITLES]
    assert shown and all(html.escape(TITLES[r.notebook][r.language]) in index for r in shown)
