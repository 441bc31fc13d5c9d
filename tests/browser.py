"""Shared helpers for the real-browser tests (test_browser, test_jupyterlab, test_untrusted).

The browser is Debian's Chromium (``apt-get install chromium``; ``.ci/run`` installs it),
driven by the ``playwright`` package from the dev dependencies. Playwright's own browser
download (``playwright install``) is never used. A missing Chromium fails the tests: a skip
would let CI pass without ever having opened a report.

Use the fixture in a test module with::

    from browser import chromium_fixture  # noqa: F401 - provides the "chromium" fixture
"""

from __future__ import annotations

import base64
import json
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import pytest

from factdesk import paths

CHROMIUM = Path(os.environ.get("BROWSER_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = paths.REPOSITORY / "tests" / "artifacts"  # screenshots (gitignored)
# Screenshots show the first screen; SCREENSHOTS=full takes whole pages for an editor's look
# (a long fact-check page costs seconds per shot).
FULL_PAGE = os.environ.get("SCREENSHOTS") == "full"
DRAW_TIMEOUT = 60  # seconds: a bound on waiting for the charts, never an assertion on speed
VIEWPORT = {"width": 1280, "height": 900}


def chromium_executable() -> str:
    """Path of the system Chromium; fails the test (never skips) when it is missing."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium; .ci/run does it) or set BROWSER_PATH. "
            "Do not run `playwright install`.",
            pytrace=False,
        )
    return str(CHROMIUM)


@pytest.fixture(scope="module", name="chromium")
def chromium_fixture() -> Iterator:
    """A headless system Chromium for one test module (a Playwright ``Browser``)."""
    executable = chromium_executable()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: pip install -e '.[dev]' (make setup)", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name: str) -> None:
    """A screenshot of ``page`` under tests/artifacts/ (the whole page with SCREENSHOTS=full)."""
    page.screenshot(path=artifact(name), full_page=FULL_PAGE)


def artifact(name: str) -> Path:
    """Path of a test artifact (screenshot) under tests/artifacts/."""
    target = ARTIFACTS / name
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def file_path(url: str) -> Path:
    """The local path of a ``file://`` URL (query and fragment dropped)."""
    parsed = urlparse(url)
    assert parsed.scheme == "file", f"not a file URL: {url}"
    return Path(url2pathname(unquote(parsed.path)))


# --- an offline page -----------------------------------------------------------------------


@dataclass
class Visit:
    """A page opened from disk with every non-file request blocked, and what it tried."""

    page: object
    url: str
    requests: list[str] = field(default_factory=list)  # every request the page made
    blocked: list[str] = field(default_factory=list)  # non-file requests (aborted)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def outside(self) -> list[str]:
        """Requests that did not stay on file:// (blocked or not: websockets are not routed)."""
        return sorted({u for u in self.requests + self.blocked if not u.startswith("file:")})

    def assert_clean(self) -> None:
        """No network, no other file than the page itself, no errors, no dialogs."""
        assert not self.outside, f"{self.url} attempted network requests: {self.outside}"
        others = sorted({u for u in self.requests if u != self.url})
        assert not others, f"{self.url} is not self-contained; it loaded {others}"
        assert not self.page_errors, f"{self.url}: JavaScript errors: {self.page_errors}"
        assert not self.console_errors, f"{self.url}: console errors: {self.console_errors}"
        assert not self.dialogs, f"{self.url} opened dialogs: {self.dialogs}"


@contextmanager
def offline_page(browser, path: Path, width: int = VIEWPORT["width"]) -> Iterator[Visit]:
    """Open ``path`` from file:// with all network requests aborted and recorded.

    Returns once the load event has fired and, on a report page (one that carries the packed
    plotly.js), once its script has unpacked plotly.js and drawn every chart: it then sets
    ``body[data-fd-charts=drawn]``.
    """
    context = browser.new_context(viewport={**VIEWPORT, "width": width}, service_workers="block")
    url = path.resolve().as_uri()
    visit = Visit(page=None, url=url)

    def route(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            visit.blocked.append(route.request.url)
            route.abort()

    def dialog(d) -> None:
        visit.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    try:
        context.route("**/*", route)
        page = context.new_page()
        visit.page = page
        page.on("request", lambda r: visit.requests.append(r.url))
        page.on("websocket", lambda ws: visit.blocked.append(ws.url))
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
        page.on("dialog", dialog)
        page.goto(url, wait_until="load")
        if page.locator("script#fd-plotly").count():
            wait_drawn(visit)
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        yield visit
    finally:
        context.close()


def wait_drawn(visit: Visit) -> None:
    """Wait until the page's script has drawn every chart (``body[data-fd-charts=drawn]``);
    fail with the page's errors if it never does."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        visit.page.wait_for_selector(
            'body[data-fd-charts="drawn"]', state="attached", timeout=DRAW_TIMEOUT * 1000
        )
    except PlaywrightTimeout:
        raise AssertionError(
            f"{visit.url}: the charts were never drawn (body[data-fd-charts] not set); "
            f"page errors: {visit.page_errors}; console errors: {visit.console_errors}"
        ) from None


# --- plotly charts: what the spec asks for, what the page drew ----------------------------

# For every trace group plotly drew: its trace index (from the d3 data bound to it), its layer
# and how many markers/bars (.point), bars with an area, text labels (.textpoint) and line
# paths it holds.
DRAWN_JS = """
(div) => {
  const box = div.getBoundingClientRect();
  const traces = [...div.querySelectorAll('.scatterlayer .trace, .barlayer .trace')];
  return {
    mainSvg: div.querySelectorAll('svg.main-svg').length,
    width: box.width, height: box.height,
    traces: traces.map(g => {
      const cd = g.__data__;
      const trace = cd && cd[0] && cd[0].trace;
      const shapes = [...g.querySelectorAll('path')].map(p => p.getAttribute('d') || '');
      const extent = p => { const b = p.getBBox(); return b.width > 0 && b.height > 0; };
      return {
        index: trace ? trace.index : null,
        layer: g.closest('.barlayer') ? 'bar' : 'scatter',
        points: g.querySelectorAll('.point').length,
        bars: [...g.querySelectorAll('.point path')].filter(extent).length,
        textpoints: g.querySelectorAll('.textpoint').length,
        lines: [...g.querySelectorAll('path.js-line')]
          .filter(p => (p.getAttribute('d') || '').length > 1).length,
        broken: shapes.filter(d => /NaN|undefined|Infinity/.test(d)).length,
      };
    }),
  };
}
"""

SUPPORTED_TRACES = ("scatter", "bar")


def _values(array) -> list | None:
    """A plotly data array as a list: plain JSON lists, or plotly's typed-array encoding
    ({"dtype", "bdata", "shape"}) that plotly.py uses for numpy arrays."""
    if array is None:
        return None
    if isinstance(array, dict) and "bdata" in array:
        import numpy as np

        values = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        if "shape" in array:
            shape = [int(n) for n in str(array["shape"]).split(",")]
            values = values.reshape(shape)
        return values.tolist()
    if isinstance(array, list):
        return array
    return None  # a scalar (e.g. text="label") is not an array


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _zero(value) -> bool:
    """A bar value that draws a bar without area (0, "0"); anything else non-missing must
    draw a visible bar, so a value plotly cannot use ("n/a") shows up as a missing bar."""
    try:
        return float(value) == 0
    except (TypeError, ValueError):
        return False


def _positions(array) -> list | None:
    """Positions along an axis; a multicategory axis (list of levels) gives tuples."""
    values = _values(array)
    if values and all(isinstance(level, list) for level in values):
        return [None if any(_missing(v) for v in t) else t for t in zip(*values, strict=False)]
    return values


def expected_trace(trace: dict) -> dict:
    """What plotly must draw for one trace of a figure spec: its layer, the number of
    markers or bar elements (``points``), of bars with an area (``bars``), of text labels
    and whether it has a line. Every non-missing point of the data must be drawn."""
    kind = trace.get("type", "scatter")
    if kind not in SUPPORTED_TRACES:
        raise AssertionError(
            f"trace type {kind!r} is not checked by tests/browser.py (supported: "
            f"{', '.join(SUPPORTED_TRACES)}); teach expected_trace() how plotly draws it"
        )
    x, y = _positions(trace.get("x")), _positions(trace.get("y"))
    if kind == "bar":
        orientation = trace.get("orientation") or ("h" if x is not None and y is None else "v")
        value, position = (x, y) if orientation == "h" else (y, x)
        value = value or []
        position = position if position is not None else list(range(len(value)))
        pairs = [(p, v) for p, v in zip(position, value, strict=False) if not _missing(p)]
        # plotly keeps a (possibly empty) bar element per position; every non-missing,
        # non-zero value must have an area.
        visible = sum(not _missing(v) and not _zero(v) for _, v in pairs)
        return {"layer": "bar", "points": len(pairs), "bars": visible, "text": None, "line": False}
    n = max(len(x or []), len(y or []))
    x = x if x is not None else list(range(n))
    y = y if y is not None else list(range(n))
    pairs = list(zip(x, y, strict=False))
    drawn = [i for i, (a, b) in enumerate(pairs) if not _missing(a) and not _missing(b)]
    mode = trace.get("mode") or ("lines+markers" if len(pairs) < 20 else "lines")
    markers = len(drawn) if "markers" in mode else 0
    text = None
    if "text" in mode:
        labels = _values(trace.get("text"))
        if labels is None:
            text = len(drawn) if trace.get("text") not in (None, "") else 0
        else:
            text = sum(i < len(labels) and labels[i] not in (None, "") for i in drawn)
    return {
        "layer": "scatter",
        "points": markers,
        "bars": None,
        "text": text,
        "line": "lines" in mode,
    }


def check_charts(page, where: str) -> int:
    """Every ``div.fd-chart`` on the page drew what its own spec script holds: an SVG, one
    trace group per trace, and per trace the markers/bars (and text labels, lines) the data
    asks for. Returns the number of charts checked."""
    ids = page.eval_on_selector_all("div.fd-chart", "divs => divs.map(d => d.id)")
    for chart_id in ids:
        text = page.evaluate(
            "id => { const s = document.getElementById(id + '-spec');"
            " return s ? s.textContent : null; }",
            chart_id,
        )
        assert text is not None, f"{where}: chart {chart_id} has no #{chart_id}-spec script"
        try:
            spec = json.loads(text)
        except ValueError as exc:
            raise AssertionError(f"{where}: chart {chart_id} spec is not JSON: {exc}") from None
        data = spec.get("data", [])
        assert data, f"{where}: chart {chart_id} has an empty spec"
        drawn = page.eval_on_selector(f"#{chart_id}", DRAWN_JS)
        label = f"{where}: chart {chart_id}"
        assert drawn["mainSvg"] >= 1, f"{label}: plotly drew no .main-svg"
        assert drawn["width"] > 0 and drawn["height"] > 0, f"{label}: chart has no size"
        assert len(drawn["traces"]) == len(data), (
            f"{label}: {len(drawn['traces'])} traces drawn, the spec has {len(data)}"
        )
        by_index = {t["index"]: t for t in drawn["traces"]}
        assert sorted(by_index) == list(range(len(data))), (
            f"{label}: drawn trace indices {sorted(by_index, key=str)} != 0..{len(data) - 1}"
        )
        for index, trace in enumerate(data):
            want, got = expected_trace(trace), by_index[index]
            name = f"{label} trace {index} ({trace.get('name') or trace.get('type', 'scatter')})"
            assert got["layer"] == want["layer"], f"{name}: drawn as {got['layer']}"
            assert got["points"] == want["points"], (
                f"{name}: {got['points']} markers/bars drawn, the spec has {want['points']}"
            )
            if want["bars"] is not None:
                assert got["bars"] == want["bars"], (
                    f"{name}: {got['bars']} bars with an area drawn, the spec has {want['bars']} "
                    "non-zero values"
                )
            if want["text"] is not None:
                assert got["textpoints"] == want["text"], (
                    f"{name}: {got['textpoints']} text labels drawn, the spec has {want['text']}"
                )
            if want["line"]:
                assert got["lines"] >= 1, f"{name}: mode has lines but no line was drawn"
            assert got["broken"] == 0, f"{name}: {got['broken']} SVG paths with NaN coordinates"
    return len(ids)


def resolved_links(page, selector: str) -> list[tuple[str, str]]:
    """(href attribute, absolute URL) of every element matching ``selector``."""
    return page.eval_on_selector_all(
        selector, "els => els.map(a => [a.getAttribute('href'), a.href])"
    )


def assert_local_link(href: str, url: str, where: str, suffix: str | None = None) -> Path:
    """A relative link that resolves to an existing (non-empty) file; returns that file."""
    assert url.startswith("file:"), f"{where}: link {href!r} leaves the reports ({url})"
    target = file_path(url)
    assert target.is_file(), f"{where}: link {href!r} points to a missing file {target}"
    assert target.stat().st_size > 0, f"{where}: link {href!r} points to an empty file"
    if suffix:
        assert target.suffix == suffix, f"{where}: link {href!r} is not a {suffix} file"
    return target


# --- what a report page holds ------------------------------------------------------------

MAX_PAGE_BYTES = 1_500_000


def table_outputs(report) -> list[dict]:
    """factdesk metadata of every table output of the report's executed notebook."""
    nb = json.loads(report.ipynb.read_text(encoding="utf-8"))
    return [
        output["metadata"]["factdesk"]
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
        if output.get("metadata", {}).get("factdesk", {}).get("table")
    ]


def check_report(page, report, languages: tuple[str, ...]) -> None:
    """A report's page (``report.out`` is the reports folder it was rendered in), open in
    ``page``: within its size budget, every chart drawn as its JSON says, the same report in
    every other language and the index linked, one CSV download per table in the report's
    data folder, and every other link into the reports folder landing on a file."""
    where = report.key
    size = report.html.stat().st_size
    assert size <= MAX_PAGE_BYTES, f"{where}: {size} bytes, over {MAX_PAGE_BYTES}"
    charts = check_charts(page, where)
    assert charts >= 1, f"{where}: no div.fd-chart on the page"

    others = [lang for lang in languages if lang != report.language]
    switch = resolved_links(page, "a.fd-language-switch")
    assert len(switch) == len(others), f"{where}: {len(switch)} language-switch links"
    targets = [assert_local_link(*link, where, ".html").resolve() for link in switch]
    assert targets == [(report.out / other / f"{report.name}.html").resolve() for other in others]
    hreflangs = page.eval_on_selector_all("a.fd-language-switch", "as => as.map(a => a.hreflang)")
    assert hreflangs == others, f"{where}: {hreflangs}"
    index = resolved_links(page, "a.fd-index-link")
    assert len(index) == 1, f"{where}: {len(index)} index links"
    target = assert_local_link(*index[0], where, ".html")
    assert target.resolve() == (report.out / "index.html").resolve()

    tables = table_outputs(report)
    downloads = resolved_links(page, "p.fd-download a")
    assert len(downloads) == len(tables), (
        f"{where}: {len(downloads)} CSV links, {len(tables)} tables"
    )
    for href, url in downloads:
        csv = assert_local_link(href, url, where, ".csv")
        assert csv.parent.resolve() == report.data_dir.resolve(), f"{where}: {href}"
        assert "," in csv.read_text(encoding="utf-8").splitlines()[0]

    for href, url in resolved_links(page, "a[href]"):  # footer downloads and the like
        if url.startswith("file:") and file_path(url) != report.html.resolve():
            assert_local_link(href, url, where)
