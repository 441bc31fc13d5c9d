"""What a reader (and an editor checking a page before it is shared) would not accept, measured
in the browser: used by tests/test_pages.py on every page in every language at a phone's and
a laptop's width.

* the page scrolls sideways;
* a chart's text sticks out of the chart, or two of its texts overlap;
* a URL is shown as text instead of a link named by its title;
* a code of the data (``launch_site``, ``not checkable``) or a screen text of the base
  language is shown on a page in another language;
* the page's ClaimReview is not what Google's guidelines ask, or points at no claim's card;
* axe-core finds a serious or critical accessibility violation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

VENDOR = Path(__file__).parent / "vendor"

# Every visible chart text with its box, relative to its chart.
CHART_TEXT_JS = """() => [...document.querySelectorAll('div.fd-chart')].map(div => {
  const box = div.getBoundingClientRect();
  const texts = [...div.querySelectorAll('svg text')].filter(t => {
    const s = getComputedStyle(t), r = t.getBoundingClientRect();
    return t.textContent.trim() && s.display !== 'none' && s.visibility !== 'hidden'
      && +s.opacity !== 0 && r.width > 0 && r.height > 0;
  }).map(t => { const r = t.getBoundingClientRect();
    return {text: t.textContent.trim(), left: r.left - box.left, top: r.top - box.top,
            right: r.right - box.left, bottom: r.bottom - box.top}; });
  return {id: div.id, width: box.width, height: box.height, texts};
})"""

# Text the reader sees outside charts and scripts: each text node's text, and whether it is in
# a link; each link's text.
VISIBLE_TEXT_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || parent.closest('script, style, .fd-chart')) continue;
    if (parent.closest('.jp-CodeCell .jp-Cell-inputWrapper')) continue;  // code, hidden
    const marked = parent.closest('[lang]');
    out.push({text: node.textContent.trim(), link: !!parent.closest('a'),
              lang: marked ? marked.getAttribute('lang') : ''});
  }
  return out;
}"""

URL = re.compile(r"https?://\S+")


def chart_problems(page) -> list[str]:
    """Chart texts outside their chart, and pairs of chart texts that overlap."""
    found = []
    for chart in page.evaluate(CHART_TEXT_JS):
        texts = chart["texts"]
        for t in texts:
            if (
                t["left"] < -1
                or t["top"] < -1
                or t["right"] > chart["width"] + 1
                or t["bottom"] > chart["height"] + 1
            ):
                found.append(f"{chart['id']}: {t['text']!r} sticks out of the chart")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                width = min(a["right"], b["right"]) - max(a["left"], b["left"])
                height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if width > 1 and height > 1:
                    found.append(f"{chart['id']}: {a['text']!r} overlaps {b['text']!r}")
    return found


def text_problems(page, foreign: dict[str, dict[str, str]]) -> list[str]:
    """Bare URLs, links named by their address, and text not in the language it is marked
    with (``foreign``: language -> {text: what it is}, e.g. a raw code or the base language's
    screen text on a page in another language)."""
    found = []
    for node in page.evaluate(VISIBLE_TEXT_JS):
        text = node["text"]
        if URL.search(text):
            what = "a link whose text is its address" if node["link"] else "a bare URL"
            found.append(f"{what}: {text[:80]!r}")
        wrong = foreign.get(node["lang"], {})
        if text in wrong:
            found.append(f"{wrong[text]} on a page in {node['lang']!r}: {text!r}")
    return found


def overflow(page) -> str:
    """Why the page scrolls sideways ("" when it does not)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    window = page.evaluate("window.innerWidth")
    if width <= window:
        return ""
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)"""
    )
    return f"the page is {width} px wide in a {window} px window (widest: {wide})"


STACKED_JS = """() => [...document.querySelectorAll('td[data-label]')]
  .filter(td => getComputedStyle(td).display === 'grid')
  .flatMap(td => {
    const value = td.getBoundingClientRect().left
      + parseFloat(getComputedStyle(td).gridTemplateColumns.split(' ')[0]);
    return [...td.childNodes].filter(node => {
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      return box.width > 0 && box.left < value - 1;
    }).map(node => td.dataset.label + ': ' + node.textContent.trim().slice(0, 40));
  })"""


def stacked_table_problems(page) -> list[str]:
    """On a phone a table row stacks into labelled lines: each cell's whole value stands in
    the value column, none of it under the label."""
    return [f"in the label column of a stacked table: {p!r}" for p in page.evaluate(STACKED_JS)]


DATA_LINKS_JS = """() => {
  const section = document.getElementById('data');
  return [...document.querySelectorAll('details.fd-data')].filter(box => {
    const links = [...document.querySelectorAll(`a[href="#${box.id}"]`)];
    return !box.id || !section || !links.some(a => a.compareDocumentPosition(section)
      & Node.DOCUMENT_POSITION_FOLLOWING);
  }).map(box => box.querySelector('summary').textContent);
}"""


def data_link_problems(page) -> list[str]:
    """A long table moved to the Data section at the end leaves a link to it where it stood."""
    return [f"no link to the moved table {p!r}" for p in page.evaluate(DATA_LINKS_JS)]


QUOTES_JS = """() => [...document.querySelectorAll('.fd-quote p, .fd-card li a')]
  .map(e => e.textContent.trim())
  .filter(t => /^“([“"„«]|,,)/.test(t) || /[”"»]”$/.test(t))"""


def quote_problems(page) -> list[str]:
    """An article's words in one pair of quotation marks: its own, or ours, never both."""
    return [f"quotation marks doubled: {t[:50]!r}" for t in page.evaluate(QUOTES_JS)]


def axe_problems(page) -> list[str]:
    """Serious and critical violations axe-core (vendored) finds on the page."""
    page.add_script_tag(path=str(VENDOR / "axe.min.js"))
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"
    )
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']}: {v['nodes']}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


REQUIRED_REVIEW = ("url", "claimReviewed", "reviewRating", "author", "itemReviewed")
REQUIRED_RATING = ("ratingValue", "bestRating", "worstRating", "alternateName")


def claimreview_problems(page, names: dict[str, str], unchecked: set[str]) -> list[str]:
    """The page's ClaimReview: valid JSON inside its script element, every required field
    (Google's list), the rating named in the page's language (``names``: verdict -> label),
    every ``url`` anchored on a claim card that exists, no claim rated not checkable."""
    blocks = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "ss => ss.map(s => s.textContent)"
    )
    if len(blocks) != 1:
        return [f"{len(blocks)} JSON-LD blocks (expected 1)"]
    try:
        doc = json.loads(blocks[0])
    except ValueError as exc:
        return [f"the JSON-LD is not valid JSON: {exc}"]
    found = []
    ids = set(page.eval_on_selector_all("[id]", "es => es.map(e => e.id)"))
    for review in doc.get("@graph", []):
        where = review.get("url", "?")
        found += [f"{where}: no {k}" for k in REQUIRED_REVIEW if not review.get(k)]
        rating = review.get("reviewRating", {})
        found += [f"{where}: rating without {k}" for k in REQUIRED_RATING if k not in rating]
        if rating.get("alternateName") not in names.values():
            found.append(
                f"{where}: rating {rating.get('alternateName')!r} not in the page language"
            )
        anchor = str(review.get("url", "")).partition("#")[2]
        if anchor not in ids:
            found.append(f"{where}: no element with id {anchor!r} on the page")
        if anchor.removeprefix("claim-") in unchecked:
            found.append(f"{where}: a claim rated not checkable has a ClaimReview")
        claim = review.get("itemReviewed", {})
        if claim.get("@type") != "Claim" or not claim.get("appearance"):
            found.append(f"{where}: itemReviewed is not a Claim with an appearance")
    return found
