"""Publishing formats: TimelineJS JSON, ClaimReview JSON-LD and the Frictionless data package."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from browser import artifact, chromium_fixture, offline_page  # noqa: F401 - "chromium" fixture
from project import base_language
from pyld import jsonld

from factdesk.build import config
from factdesk.facts import schema, tables
from factdesk.facts.csvfile import read_raw
from factdesk.language.catalog import Catalog
from factdesk.language.formats import language_name, zone_abbreviation
from factdesk.publish import site
from factdesk.publish.claimreview import claimreview, for_language
from soyuz_ms19 import record as rec
from soyuz_ms19 import timeline

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
    zone = zone_abbreviation(utc, ZoneInfo(config.load().default_timezone), language)
    assert launch["display_date"].endswith(f"{local:%H:%M} {zone}"), launch["display_date"]
    # One name per thing: groups are the subjects' names from entities.csv in the language.
    names = tables.load("entities", language).set_index("entity_id")["name"]
    assert launch is not None and {e["group"] for e in doc["events"]} <= set(names)


@pytest.mark.parametrize("language", LANGUAGES)
def test_timelinejs_holds_every_event_of_the_timeline_report(published, language):
    """Every record row the timeline report shows (milestones, launch day as planned and as
    it happened, the related events) is an event; a date known only to the day has no time."""
    doc = json.loads((published / "data" / f"timeline-{language}.json").read_text())
    events = {e["unique_id"]: e for e in doc["events"]}
    record = tables.load("record", language)
    shown = set(timeline.mission_events(record)["record_id"]) | set(rec.LAUNCH_DAY)
    shown |= set(timeline.context_events(record)["record_id"])
    assert shown <= set(events), f"missing from TimelineJS: {sorted(shown - set(events))}"
    rows = record.set_index("record_id")
    for record_id, event in events.items():
        timed = not pd.isna(rows.loc[record_id, "value_time"])
        assert ("hour" in event["start_date"]) == timed, (record_id, event["start_date"])


def _loader(url, options=None):
    """The vendored schema.org context (tests/vendor) instead of the network."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise AssertionError(f"JSON-LD tried to load {url}")


CONTEXT = json.loads((Path(__file__).parent / "vendor" / "schemaorg-context.jsonld").read_text())
SCHEMAS = ("http://schema.org/", "https://schema.org/")
RATED = ("accurate", "imprecise", "inaccurate")
REQUIRED = ("url", "claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished")


def _prop(node: dict, name: str):
    for prefix in SCHEMAS:
        if prefix + name in node:
            return node[prefix + name]
    return None


@pytest.mark.parametrize("language", LANGUAGES)
def test_claimreview_is_valid_json_ld_for_every_checked_verdict(published, language):
    """Read by a real JSON-LD processor (pyld) with schema.org's own context: every term is a
    schema.org term, every review has Google's required fields, its url points at the claim's
    card on the fact-check page, its rating is named in the file's language; claims rated
    not checkable have no ClaimReview."""
    text = (published / "data" / f"claimreview-{language}.jsonld").read_text()
    assert "<" not in text, "the file must be safe inside a <script> element"
    doc = json.loads(text)
    expanded = jsonld.expand(doc, {"documentLoader": _loader})
    reviews = [n for n in expanded if any(t.endswith("/ClaimReview") for t in n["@type"])]
    verdicts = tables.load("verdicts")
    checked = verdicts[~verdicts["verdict"].eq("not checkable")]
    assert len(reviews) == len(checked) == len(doc["@graph"])

    def keys(node):
        for key, values in node.items():
            if not key.startswith("@"):
                assert key.startswith(SCHEMAS), key  # every term resolved, none dropped
                for value in values:
                    if isinstance(value, dict):
                        keys(value)

    page = next(
        r for r in config.load(out=published).reports
        if r.notebook == config.load().claimreview and r.language == language
        and r.timezone == config.load().default_timezone
    )  # fmt: skip
    text_ = Catalog(language, BASE)
    names = {
        text_.text(f"verdict.{v}").capitalize() for v in ("accurate", "imprecise", "inaccurate")
    }
    for review, plain in zip(reviews, doc["@graph"], strict=True):
        keys(review)
        assert all(_prop(review, k) for k in REQUIRED), [
            k for k in REQUIRED if not _prop(review, k)
        ]
        rating = _prop(review, "reviewRating")[0]
        for k in ("ratingValue", "bestRating", "worstRating", "alternateName"):
            assert _prop(rating, k), k
        assert plain["reviewRating"]["alternateName"] in names
        item = _prop(review, "itemReviewed")[0]
        assert any(t.endswith("/Claim") for t in item["@type"]) and _prop(item, "appearance")
        assert _prop(item, "datePublished")
        url, _, anchor = plain["url"].partition("#")
        assert (published / "data" / url).resolve() == page.html.resolve(), plain["url"]
        assert anchor.removeprefix("claim-") in set(checked["claim_id"])
        # The date comes from the data (reports.yml data_as_of), never the clock.
        assert plain["datePublished"] == config.load().data_as_of


def test_claimreview_names_who_made_an_attributed_claim(tmp_path):
    """A claim attributed to a person (``attributed_to``) has that person, by the one name of
    the entity in the file's language, as the Claim's author; other claims have none."""
    loaded = {
        "claims": tables.load("claims"),
        "verdicts": tables.load("verdicts", BASE),
        "sources": tables.load("sources"),
        "entities": tables.load("entities", BASE),
        "corrections": tables.load("corrections"),
    }
    checked = loaded["verdicts"].loc[~loaded["verdicts"]["verdict"].eq("not checkable")]
    claim_id = checked["claim_id"].iloc[0]
    people = loaded["entities"][loaded["entities"]["kind"].eq("person")]
    person = people["entity_id"].iloc[0]
    loaded["claims"] = loaded["claims"].assign(attributed_to="")
    loaded["claims"].loc[loaded["claims"]["claim_id"].eq(claim_id), "attributed_to"] = person
    settings = {"data_as_of": "2026-01-01", "publisher": "desk"}
    names = {v: v for v in RATED}
    doc = claimreview(BASE, "page.html", settings, loaded, names)
    by_claim = {r["url"].partition("#claim-")[2]: r["itemReviewed"] for r in doc["@graph"]}
    assert by_claim[claim_id]["author"] == {
        "@type": "Person",
        "name": people.set_index("entity_id").loc[person, "name"],
    }
    assert all("author" not in claim for c, claim in by_claim.items() if c != claim_id)


def test_claimreview_url_is_absolute_on_the_configured_site(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTDESK_SITE_URL", "https://desk.example.org/factdesk/")
    settings = config.load(out=tmp_path)
    doc = for_language(settings, BASE, tmp_path / "data")
    report = next(r for r in settings.reports if r.notebook == settings.claimreview)
    assert {r["url"].partition("#")[0] for r in doc["@graph"]} == {
        f"https://desk.example.org/factdesk/{BASE}/{report.name}.html"
    }


def test_claimreview_marks_corrected_verdicts_with_date_modified(published):
    """A verdict corrected since publication (itself or a record row it rests on) carries
    dateModified, the date of its latest correction (from corrections.csv)."""
    doc = json.loads((published / "data" / f"claimreview-{BASE}.jsonld").read_text())
    reviews = {r["url"].partition("#claim-")[2]: r for r in doc["@graph"]}
    log = tables.load("corrections")
    corrected = set(log.loc[log["table"].eq("verdicts"), "row_id"]) & set(reviews)
    assert corrected
    for claim_id in corrected:
        expected = log.loc[log["row_id"].eq(claim_id), "date"].max().strftime("%Y-%m-%d")
        assert reviews[claim_id]["dateModified"] >= expected
    untouched = [r for cid, r in reviews.items() if cid not in corrected]
    assert any("dateModified" not in r for r in untouched)


def test_downloads_write_times_in_utc_and_keep_the_stated_offset(published):
    """Every time in a download is ISO 8601 UTC with Z; a claim stated with another offset
    keeps it in <field>_offset; a date stays a date."""
    data = published / "data"
    package = json.loads((data / "datapackage.json").read_text())
    times = 0
    for resource in package["resources"]:
        rows = list(csv.DictReader((data / resource["path"]).open(encoding="utf-8")))
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert list(fields) == list(rows[0]) if rows else True
        for name, f in fields.items():
            for row in rows:
                cell = row[name]
                if cell and f["type"] == "datetime":
                    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", cell), cell
                    times += 1
                if cell and f["type"] == "date":
                    assert re.fullmatch(r"\d{4}-\d\d-\d\d", cell), cell
    assert times
    claims = list(csv.DictReader((data / "claims.csv").open(encoding="utf-8")))
    raw = tables.raw("claims").frame.set_index("claim_id")
    stated = [c for c in claims if c["value_time"]]
    assert stated
    for claim in stated:
        original = raw.loc[claim["claim_id"], "value_time"]
        assert original.endswith(claim["value_time_offset"]), (original, claim)
        assert pd.Timestamp(original) == pd.Timestamp(claim["value_time"])


@pytest.mark.slow
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


TIMELINE_PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<link rel="stylesheet" href="css/timeline.css"><script src="js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width: 900px; height: 600px"></div>
<script>
window.tl = new TL.Timeline("timeline-embed", {data}, {{
  script_path: new URL("js/", location.href).href, language: "en", font: null,
  hash_bookmark: false
}});
</script></body></html>"""


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_timelinejs_draws_every_event(published, language, chromium, tmp_path):
    """The real TimelineJS 3 library (tests/vendor/timelinejs; its web fonts off, as nothing
    may be fetched) draws the file: one slide per event, and no console error."""
    data = (published / "data" / f"timeline-{language}.json").read_text(encoding="utf-8")
    shutil.copytree(Path(__file__).parent / "vendor" / "timelinejs", tmp_path, dirs_exist_ok=True)
    page_path = tmp_path / "timeline.html"
    page_path.write_text(TIMELINE_PAGE.format(lang=language, data=data), encoding="utf-8")
    expected = len(json.loads(data)["events"])
    with offline_page(chromium, page_path) as visit:
        page = visit.page
        page.wait_for_function(
            "() => window.tl && window.tl.config && document.querySelector('.tl-slide')",
            timeout=30_000,
        )
        drawn = page.evaluate("() => window.tl.config.events.length")
        slides = page.evaluate("() => document.querySelectorAll('.tl-slide').length")
        page.screenshot(path=artifact(f"timelinejs-{language}.png"))
        errors = visit.console_errors + visit.page_errors
    assert drawn == expected, f"TimelineJS drew {drawn} of {expected} events"
    assert slides >= expected  # one slide per event, and the title slide
    assert not errors, errors
