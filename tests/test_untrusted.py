"""Untrusted text stays text: an article whose sentences carry a <script>, an <img onerror> and
a javascript: link goes through the whole pipeline (fact base check, papermill, HTML export)
in a copy of data/, and Chromium shows every string literally while none of it runs.

The fixture article is tests/fixtures/untrusted/article.txt; build_fact_base() registers it in
the copy's sources.csv with a claim and a verdict per payload, so ``factdesk check`` passes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser import (
    artifact,
    check_charts,
    chromium_fixture,  # noqa: F401 - provides the "chromium" fixture
    offline_page,
)

from factdesk import paths

FIXTURE = Path(__file__).parent / "fixtures" / "untrusted" / "article.txt"
SOURCE_ID = "en-untrusted"
SCRIPT = "<script>window.__xss = 1</script>"
IMG = '<img src=x onerror="window.__xss = 2">'
LINK = '<a href="javascript:alert(1)">click</a>'
PAYLOADS = (SCRIPT, IMG, LINK)
HEADLINE = "Readers wrote <script>window.__xss = 3</script> into the comments"
PAGES = ("en/01-sources", "nl/01-sources", "en/04-factcheck", "nl/04-factcheck")


def _append(table: Path, rows: list[dict[str, str]]) -> None:
    """Append rows to a CSV table of the copy, in its own column order."""
    text = table.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, f"{table.name} has no column(s) {unknown}"
        writer.writerow([row.get(column, "") for column in header])
    table.write_text(text + ("" if text.endswith("\n") else "\n") + out.getvalue(), "utf-8")


def build_fact_base(data: Path) -> None:
    """Register the fixture article in the copy ``data``: the raw file with its checksum, a
    claim and a verdict for each payload sentence, the headline excused."""
    raw = data / "raw" / "articles" / f"{SOURCE_ID}.txt"
    shutil.copyfile(FIXTURE, raw)
    facts = data / "facts"
    _append(
        facts / "sources.csv",
        [
            {
                "source_id": SOURCE_ID,
                "language": "en",
                "headline": HEADLINE,
                "published": "2021-10-05",
                "published_precision": "day",
                "published_basis": "test fixture",
                "raw_file": f"data/raw/articles/{SOURCE_ID}.txt",
                "sha256": hashlib.sha256(raw.read_bytes()).hexdigest(),
                "notes": "Untrusted reader text (tests/fixtures/untrusted).",
            }
        ],
    )
    claims, verdicts = [], []
    for n, payload in enumerate(PAYLOADS, start=1):
        claim_id = f"xss-{n:03d}"
        claims.append(
            {
                "claim_id": claim_id,
                "source_id": SOURCE_ID,
                "quote": payload,
                "statement": f"A reader posted {payload} under the story.",
                "topic": "commentary",
                "subject": "soyuz-ms-19",
                "claim_type": "opinion",
                "checkable": "false",
            }
        )
        verdicts.append(
            {
                "claim_id": claim_id,
                "verdict": "not checkable",
                "explanation_en": f"Reader text {payload} is not checkable.",
                "explanation_nl": f"Lezerstekst {payload} is niet controleerbaar.",
            }
        )
    _append(facts / "claims.csv", claims)
    _append(facts / "verdicts.csv", verdicts)
    _append(
        facts / "excused.csv",
        [{"sentence_id": f"{SOURCE_ID}:p01s01", "reason": "Headline; no checkable fact."}],
    )


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "factdesk", *args],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def untrusted_reports(tmp_path_factory) -> Path:
    """01-sources and 04-factcheck in both languages, rendered from a copy of data/ that
    holds the fixture article; returns the reports folder."""
    tmp = tmp_path_factory.mktemp("untrusted")
    data = tmp / "data"
    shutil.copytree(paths.ROOT / "data", data)
    build_fact_base(data)
    # The fixture article has no label in factdesk.labels: reports show it by its id.
    env = dict(os.environ, FACTDESK_DATA=str(data))

    checked = _run(["check"], env)
    assert checked.returncode == 0, f"factdesk check:\n{checked.stdout}{checked.stderr}"
    out = tmp / "reports"
    names = sorted({key.split("/")[1] for key in PAGES})
    rendered = _run(["render", *names, "--out", str(out), "--jobs", "2"], env)
    assert rendered.returncode == 0, f"factdesk render:\n{rendered.stdout}{rendered.stderr}"
    assert SOURCE_ID not in (paths.ROOT / "data" / "facts" / "sources.csv").read_text("utf-8")
    return out


# Event-handler attributes our own template sets; any other one came from data.
OUR_HANDLERS = ["INPUT#fd-show-code[onchange]"]
HANDLERS_JS = """() => [...document.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on'))
      .map(a => `${el.tagName}#${el.id}[${a.name}]`))"""
LIVE_SCRIPTS_JS = """() => [...document.scripts]
    .filter(s => ['', 'text/javascript', 'module'].includes(s.type))
    .filter(s => s.textContent.includes('__xss')).map(s => s.outerHTML.slice(0, 200))"""


@pytest.mark.parametrize("key", PAGES)
def test_untrusted_text_is_shown_not_run(key, untrusted_reports, chromium):
    html = untrusted_reports / f"{key}.html"
    assert html.is_file(), f"{html} was not rendered"
    with offline_page(chromium, html) as visit:
        page = visit.page
        text = page.inner_text("body")
        for payload in (*PAYLOADS, HEADLINE):
            assert payload in text, f"{key}: {payload!r} is not shown as literal text"
        for payload in PAYLOADS:  # sentences (01) and quotes, statements, explanations (04)
            assert page.locator("td", has_text=payload).count() >= 1, f"{key}: {payload!r}"
        # The source list in the footer carries the headline.
        assert page.locator(".fd-footer li", has_text=HEADLINE).count() == 1, f"{key}: footer"
        assert page.evaluate("typeof window.__xss") == "undefined", f"{key}: injected code ran"
        # Nothing made live: no javascript: link, no injected image, no handler, no script.
        live_links = page.eval_on_selector_all(
            "a[href]", "as => as.filter(a => a.protocol === 'javascript:').map(a => a.outerHTML)"
        )
        assert not live_links, f"{key}: javascript: links on the page: {live_links}"
        assert page.locator('img[src="x"], img[onerror]').count() == 0, f"{key}: injected <img>"
        assert page.evaluate(HANDLERS_JS) == OUR_HANDLERS, f"{key}: injected event handler"
        assert page.evaluate(LIVE_SCRIPTS_JS) == [], f"{key}: injected <script>"
        # The page's own scripts still work: every chart is drawn.
        assert check_charts(page, key) >= 1
        if key.endswith("04-factcheck"):
            # The ClaimReview JSON-LD survives its </script> escaping and round-trips exactly.
            jsonld = page.evaluate(
                "() => JSON.parse(document.querySelector("
                "'script[type=\"application/ld+json\"]').textContent)"
            )
            reviewed = {r["claimReviewed"] for r in jsonld["@graph"]}
            assert set(PAYLOADS) <= reviewed, f"{key}: JSON-LD lost a payload"
        page.screenshot(path=artifact(f"untrusted-{key.replace('/', '-')}.png"), full_page=True)
        visit.assert_clean()
