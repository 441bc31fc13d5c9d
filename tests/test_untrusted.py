"""Untrusted text stays text everywhere: markup in an entity name, an article (its label,
headline and text), a claim's quote and statement, a verdict's explanation and a record label
goes through the whole pipeline (check, papermill, HTML export, chart images, TimelineJS,
ClaimReview) in a scratch copy of the project, and Chromium shows every string literally in
tables, chart text (axis ticks, legends, titles, hover labels) and the publishing formats,
while none of it becomes a link, bold text, an image or a script.

The fixture article is tests/fixtures/untrusted/article.txt (see its README); the rest of the
hostile data is written into the copy by :func:`poison`.
"""

from __future__ import annotations

import hashlib
import html
import json
import shutil
from pathlib import Path

import pytest
from browser import (
    check_charts,
    chromium_fixture,  # noqa: F401 - provides the "chromium" fixture
    offline_page,
    screenshot,
)
from project import Project, base_language, copy_project

from soyuz_ms19 import record as rec

FIXTURE = Path(__file__).parent / "fixtures" / "untrusted" / "article.txt"
SOURCE_ID = "en-untrusted"  # an English article
BASE = base_language()  # the language of the fact base's texts; its reports are checked
# A link, bold text, an image whose error handler opens a dialog, and a script that does.
PAYLOAD = (
    '<a href="https://evil.example/">x</a> <b>bold</b> '
    "<img src=x onerror=alert(1)> <script>alert(1)</script>"
)
HEADLINE = FIXTURE.read_text(encoding="utf-8").splitlines()[0]
# What each place of the fact base holds in the copy; every value must show up literally.
TEXT = {
    "crew": f"Crew {PAYLOAD}",  # entities.csv name@<base> of a crew member
    "craft": f"Craft {PAYLOAD}",  # entities.csv name@<base> of the spacecraft
    "article": f"Article {PAYLOAD}",  # sources.csv label@<base>
    "headline": HEADLINE,  # sources.csv headline (the article's first line)
    "quote": f"A reader posted {PAYLOAD}",  # claims.csv quote (verbatim in the article)
    "statement": f"Statement {PAYLOAD}",  # claims.csv statement
    "explanation": f"Explanation {PAYLOAD} <!-- -->",  # verdicts.csv explanation@<base>
    "event": f"Event {PAYLOAD}",  # record.csv label@<base> of a dated row
}
CLAIMS = {"untrusted-001": TEXT["quote"], "untrusted-002": "a <b>bold</b> plan"}
CHECKED = "untrusted-001"  # rated (so in ClaimReview); the other is not checkable

# Per English report: the texts its HTML tables, its chart SVGs and a chart's hover label
# (chart name, text) must show literally.
PAGES = {
    f"{BASE}/01-sources": {
        "table": ["article", "headline", "quote"],
        "chart": ["article"],
        "hover": [],
    },
    f"{BASE}/02-timeline": {
        "table": ["craft", "event"],
        "chart": ["craft", "crew", "event"],
        "hover": [("context", "event")],
    },
    f"{BASE}/03-crew": {
        "table": ["crew"],
        "chart": ["crew", "craft"],
        "hover": [("ages", "crew")],
    },
    f"{BASE}/04-factcheck": {
        "table": ["article", "quote", "explanation", "craft"],
        "chart": ["article"],
        "hover": [("verdicts", "article")],
    },
}
# Chart images (reports/<base>/img/<name>.svg) and the text each must show literally.
IMAGES = {
    "01-sources--claims-per-sentence": "article",
    "02-timeline--context": "event",
    "02-timeline--mission": "craft",
    "03-crew--ages": "crew",
    "04-factcheck--verdicts": "article",
}


def _set(project: Project, table: str, key: str, rows: dict[str, dict[str, str]]) -> None:
    """Set fields of existing rows (by ``key`` value) of a CSV table of the copy."""
    header, found = project.rows(table)
    for row in found:
        row.update(rows.get(row[key], {}))
    missing = set(rows) - {row[key] for row in found}
    assert not missing, f"{table} has no rows {missing}"
    project.write_rows(table, header, found)


def _append(project: Project, table: str, new: list[dict[str, str]]) -> None:
    """Append rows to a CSV table of the copy, in its own column order."""
    header, found = project.rows(table)
    for row in new:
        unknown = set(row) - set(header)
        assert not unknown, f"{table} has no column(s) {unknown}"
    project.write_rows(table, header, found + [{c: r.get(c, "") for c in header} for r in new])


def translations(project: Project, table: str, field: str, text: str) -> dict[str, str]:
    """``text`` in the columns of ``field`` in the copy's table other than the base one."""
    header, _ = project.rows(table)
    return {c: text for c in header if c.startswith(f"{field}@") and c != f"{field}@{BASE}"}


def poison(project: Project) -> None:
    """Write the hostile texts into the copy: a third source (the fixture article) with its
    checksum, claims, verdicts and an excused headline, so ``check`` passes; names of a crew
    member and the spacecraft; the label of a dated record row."""
    raw = project.path(f"data/raw/articles/{SOURCE_ID}.txt")
    shutil.copyfile(FIXTURE, raw)
    _append(
        project,
        "data/facts/sources.csv",
        [
            {
                "source_id": SOURCE_ID,
                "language": "en",
                f"label@{BASE}": TEXT["article"],
                **translations(project, "data/facts/sources.csv", "label", f"Artikel {PAYLOAD}"),
                "headline": TEXT["headline"],
                "published": "2021-10-05",
                "published_precision": "day",
                "published_basis": "test fixture",
                "raw_file": f"data/raw/articles/{SOURCE_ID}.txt",
                "sha256": hashlib.sha256(raw.read_bytes()).hexdigest(),
                "notes": f"Outlet and URL unknown. Untrusted reader text {PAYLOAD}",
            }
        ],
    )
    _append(
        project,
        "data/facts/claims.csv",
        [
            {
                "claim_id": claim_id,
                "source_id": SOURCE_ID,
                "quote": quote,
                "statement": TEXT["statement"],
                "topic": "commentary",
                "subject": rec.COMMANDER,
                "claim_type": "opinion" if claim_id != CHECKED else "event",
                "checkable": "false" if claim_id != CHECKED else "true",
            }
            for claim_id, quote in CLAIMS.items()
        ],
    )
    _append(
        project,
        "data/facts/verdicts.csv",
        [
            {
                "claim_id": claim_id,
                "verdict": "not checkable" if claim_id != CHECKED else "accurate",
                "basis": "opinion" if claim_id != CHECKED else "confirmed",
                "unchecked_reason": "opinion" if claim_id != CHECKED else "",
                "record_ids": "" if claim_id != CHECKED else rec.LAUNCH,
                f"explanation@{BASE}": TEXT["explanation"],
                **translations(
                    project, "data/facts/verdicts.csv", "explanation", f"Toelichting {PAYLOAD}"
                ),
            }
            for claim_id in CLAIMS
        ],
    )
    _append(
        project,
        "data/facts/excused.csv",
        [{"sentence_id": f"{SOURCE_ID}:p01s01", "reason": f"Headline {PAYLOAD}"}],
    )
    _set(
        project,
        "data/facts/entities.csv",
        "entity_id",
        {
            rec.COMMANDER: {f"name@{BASE}": TEXT["crew"]},
            rec.SPACECRAFT: {f"name@{BASE}": TEXT["craft"]},
        },
    )
    _set(
        project,
        "data/reference/record.csv",
        "record_id",
        {rec.LAUNCH: {f"label@{BASE}": TEXT["event"]}},
    )


@pytest.fixture(scope="module")
def untrusted(tmp_path_factory) -> Project:
    """A scratch copy holding the hostile texts, its English reports rendered."""
    project = copy_project(tmp_path_factory.mktemp("untrusted") / "project")
    poison(project)
    checked = project.run("check")
    assert checked.returncode == 0, f"factdesk check:\n{checked.stdout}{checked.stderr}"
    rendered = project.run("render", "--jobs", "2", *PAGES)
    assert rendered.returncode == 0, f"factdesk render:\n{rendered.stdout}{rendered.stderr}"
    return project


# Elements the payload would create if it were parsed as markup (HTML or plotly's pseudo-HTML
# in SVG), event-handler attributes, and live scripts that hold its code.
LIVE_JS = """() => {
  const found = [];
  const href = el => el.getAttribute('href')
    || el.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '';
  document.querySelectorAll('a').forEach(a => {
    if (href(a).includes('evil')) found.push('link: ' + a.outerHTML.slice(0, 120));
  });
  document.querySelectorAll('img, image').forEach(i => {
    const src = i.getAttribute('src') || href(i);
    if (src === 'x' || i.hasAttribute('onerror')) found.push('image: ' + i.outerHTML);
  });
  document.querySelectorAll('b, strong, tspan').forEach(el => {
    const bold = el.tagName !== 'tspan' || /bold/.test(el.getAttribute('style') || '');
    if (bold && el.textContent.trim() === 'bold') found.push('bold: ' + el.outerHTML);
  });
  document.querySelectorAll('*').forEach(el => {
    for (const a of el.attributes)
      if (a.name.startsWith('on') && a.value.includes('alert'))
        found.push('handler: ' + el.tagName + '[' + a.name + ']');
  });
  [...document.scripts]
    .filter(s => ['', 'text/javascript', 'module'].includes(s.type))
    .filter(s => s.textContent.includes('alert(1)'))
    .forEach(s => found.push('script: ' + s.outerHTML.slice(0, 120)));
  return found;
}"""

# Visible table cells (headers included) and chart SVG text that hold a string.
IN_TABLES_JS = """(text) => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return [...document.querySelectorAll('td, th, .fd-card')]
    .filter(c => c.getClientRects().length > 0 && c.textContent.includes(text)).length;
}"""
IN_CHARTS_JS = """(text) => [...document.querySelectorAll('div.fd-chart svg text')]
  .filter(t => t.textContent.includes(text)).length"""
HOVER_JS = """([id, curve, point]) => {
  const gd = document.getElementById(id);
  Plotly.Fx.hover(gd, [{curveNumber: curve, pointNumber: point}]);
  return [...gd.querySelectorAll('.hoverlayer text')].map(t => t.textContent).join(' | ');
}"""


def _labels(values) -> list[str]:
    """Category labels of a plotly data array (a multicategory axis: its last level)."""
    if not isinstance(values, list):
        return []
    if values and isinstance(values[0], list):
        values = values[-1]
    return [html.unescape(str(v)) for v in values]


def _point(spec: dict, text: str) -> tuple[int, int]:
    """(trace, point) of a non-zero point whose category label is ``text``."""
    for i, trace in enumerate(spec["data"]):
        for axis, other in (("x", "y"), ("y", "x")):
            values = trace.get(other)
            for j, label in enumerate(_labels(trace.get(axis))):
                value = values[j] if isinstance(values, list) and j < len(values) else None
                if label == text and value not in (0, None):
                    return i, j
    raise AssertionError(f"no point labelled {text!r} in the chart")


@pytest.mark.parametrize("key", PAGES)
def test_pages_show_untrusted_text_literally(key, untrusted, chromium):
    html_file = untrusted.reports / f"{key}.html"
    expect = PAGES[key]
    with offline_page(chromium, html_file) as visit:
        page = visit.page
        visit.assert_clean()  # no dialog, no request (an <img src=x> would load x), no error
        assert page.evaluate(LIVE_JS) == [], f"{key}: markup from data became live"
        assert check_charts(page, key) >= 1  # the page's own scripts still draw every chart

        for name in expect["table"]:
            assert page.evaluate(IN_TABLES_JS, TEXT[name]) >= 1, (
                f"{key}: the {name} {TEXT[name]!r} is not shown literally in a table"
            )
        for name in expect["chart"]:
            assert page.evaluate(IN_CHARTS_JS, TEXT[name]) >= 1, (
                f"{key}: the {name} {TEXT[name]!r} is not shown literally in a chart"
            )
        for chart, name in expect["hover"]:
            spec = json.loads(page.text_content(f"#fd-{chart}-spec"))
            curve, point = _point(spec, TEXT[name])
            hover = page.evaluate(HOVER_JS, [f"fd-{chart}", curve, point])
            assert TEXT[name] in hover, f"{key}: hover over {chart} shows {hover!r}"
        screenshot(page, f"untrusted-{key.replace('/', '-')}.png")
        assert page.evaluate(LIVE_JS) == [], f"{key}: markup from data became live"
        visit.assert_clean()


def test_card_filters_show_untrusted_text_literally(untrusted, chromium):
    """The filters of the claim and record cards list the article label and the entity names
    as text, and choosing the article keeps that article's claims."""
    with offline_page(chromium, untrusted.reports / BASE / "04-factcheck.html") as visit:
        page = visit.page
        options = page.locator("select[data-fd-filter] option", has_text="evil.example")
        texts = options.all_text_contents()
        assert set(texts) == {TEXT["article"], TEXT["crew"], TEXT["craft"]}, texts
        option = page.locator("select[data-fd-filter=article] option", has_text=TEXT["article"])
        assert option.count() == 1, "one article filter option"
        option.locator("xpath=..").select_option(label=TEXT["article"])
        section = page.locator("[data-fd-cards]").first
        shown = section.locator(".fd-card:not([hidden])").all_text_contents()
        assert len(shown) == len(CLAIMS), shown
        assert all(TEXT["article"] in card for card in shown)
        assert page.evaluate(LIVE_JS) == []
        visit.assert_clean()


PARSE_JS = """(strings) => strings.map(s => {
  const doc = new DOMParser().parseFromString('<body>' + s, 'text/html');
  return [doc.body.textContent, doc.body.querySelectorAll('*').length];
})"""


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_timelinejs_file_is_html_escaped(untrusted, chromium):
    """TimelineJS renders its texts as HTML: every string of timeline-<base>.json parses to
    text only, but for each event's source, which is exactly one link (to the record row's
    address, its title as text); the record label and the spacecraft's name come out
    literally."""
    doc = json.loads((untrusted.reports / "data" / f"timeline-{BASE}.json").read_text("utf-8"))
    event = next(e for e in doc["events"] if e["unique_id"] == rec.LAUNCH)
    sources = {e["text"]["text"] for e in doc["events"]}
    strings = [s for s in _strings(doc) if s not in sources]
    with offline_page(chromium, untrusted.reports / "index.html") as visit:
        parsed = visit.page.evaluate(PARSE_JS, strings)
        shown = dict(zip(strings, parsed, strict=True))
        made = {s: n for s, (_, n) in shown.items() if n}
        assert not made, f"TimelineJS would render elements from: {made}"
        assert shown[event["text"]["headline"]][0] == TEXT["event"]
        assert shown[event["group"]][0] == TEXT["craft"]
        links = visit.page.evaluate(LINKS_JS, sorted(sources))
        visit.assert_clean()
    record = untrusted.rows("data/reference/record.csv")[1]
    urls = {r["source_url"] for r in record}
    for (elements, hrefs), text in zip(links, sorted(sources), strict=True):
        assert elements == ["a"] and len(hrefs) == 1 and hrefs[0] in urls, text


# How a string parses as HTML: its element names and the addresses of its links.
LINKS_JS = """(strings) => strings.map(s => {
  const doc = new DOMParser().parseFromString('<body>' + s, 'text/html');
  return [[...doc.body.querySelectorAll('*')].map(e => e.localName),
          [...doc.body.querySelectorAll('a')].map(a => a.getAttribute('href'))];
})"""


def _reviews(doc: dict) -> dict[str, dict]:
    return {r["url"].rsplit("#claim-", 1)[1]: r for r in doc["@graph"]}


def _check_reviews(doc: dict, where: str) -> None:
    """The hostile texts are the JSON-LD's plain text (not HTML-escaped, not lost); only the
    rated claim has a ClaimReview."""
    reviews = _reviews(doc)
    assert CHECKED in reviews and not set(CLAIMS) - {CHECKED} & set(reviews), where
    review = reviews[CHECKED]
    assert review["claimReviewed"] == CLAIMS[CHECKED], where
    assert review["reviewBody"] == TEXT["explanation"], where
    assert review["itemReviewed"]["appearance"]["headline"] == TEXT["headline"], where


# The JSON-LD in a <script type="application/ld+json">: how many elements the document holds
# besides the html/head/body skeleton and the script, and the script's text.
EMBED_JS = """(jsonld) => {
  const doc = new DOMParser().parseFromString(
    '<!DOCTYPE html><html><head><script type="application/ld+json">' + jsonld
    + '</script></head><body></body></html>', 'text/html');
  const scripts = doc.querySelectorAll('script');
  return {elements: doc.querySelectorAll('*').length - 4, scripts: scripts.length,
          text: scripts[0].textContent};
}"""


def test_claimreview_in_the_page_keeps_untrusted_text(untrusted, chromium):
    """The page's embedded ClaimReview stays inside its script element and round-trips."""
    with offline_page(chromium, untrusted.reports / BASE / "04-factcheck.html") as visit:
        page = visit.page
        blocks = page.eval_on_selector_all(
            'script[type="application/ld+json"]', "ss => ss.map(s => s.textContent)"
        )
        assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
        _check_reviews(json.loads(blocks[0]), "04-factcheck.html")
        assert page.evaluate(LIVE_JS) == []
        visit.assert_clean()


def test_downloads_keep_the_data_unescaped(untrusted):
    """The CSV downloads are data: the texts as written, not HTML-escaped."""
    claims = (untrusted.reports / "data" / BASE / "04-factcheck" / "claims.csv").read_text("utf-8")
    for name in ("quote", "statement", "explanation"):
        assert TEXT[name] in claims.replace('""', '"'), f"claims.csv lost the {name}"
    assert "&lt;" not in claims


def test_claimreview_file_keeps_untrusted_text(untrusted, chromium):
    """claimreview-<base>.jsonld holds the texts as plain JSON strings and, pasted as it is into a
    <script type="application/ld+json"> element (how a site publishes ClaimReview), cannot
    close that element."""
    name = f"claimreview-{BASE}.jsonld"
    text = (untrusted.reports / "data" / name).read_text("utf-8")
    _check_reviews(json.loads(text), name)
    with offline_page(chromium, untrusted.reports / "index.html") as visit:
        embedded = visit.page.evaluate(EMBED_JS, text)
    assert embedded["scripts"] == 1 and embedded["elements"] == 0, (
        f"{name} breaks out of its <script> element: {embedded['elements']} "
        "elements made from it (escape '</' as '<\\/' when writing the file)"
    )
    assert json.loads(embedded["text"]) == json.loads(text)
