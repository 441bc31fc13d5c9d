"""Which pages must be exported, and the index and downloads (the ``page`` and ``publish``
steps of :mod:`factdesk.build.steps`).

A page's inputs are its executed notebook, the tables and catalogs it shows something from,
the settings it prints and the code of its step (the page code, plus the ClaimReview builder
for the fact-check page), with the template and vendored files: each with a SHA-256 in the
``pages`` section of the manifest (:mod:`factdesk.build.manifest`), so a dry run can say which
one changed. The index and downloads are its ``publish`` section.
"""

from __future__ import annotations

import json
from pathlib import Path

from factdesk import paths
from factdesk.build import manifest, page, steps
from factdesk.build.config import Config, Report
from factdesk.build.export import TEMPLATE_DIR, json_for_script, rel, title_of
from factdesk.facts import schema
from factdesk.language import catalog


def _jsonld(config: Config, report: Report) -> str:
    """The fact-check page's ClaimReview, for its ``<script>`` element ('' on other pages)."""
    if report.notebook != config.claimreview:
        return ""
    from factdesk.publish.claimreview import for_language

    return json_for_script(for_language(config, report.language, report.html.parent))


def page_inputs(config: Config, report: Report, available: set[str]) -> dict:
    """Every file a page shows something from or is built by, with its SHA-256, and the
    settings it prints (without reading the data: a no-op build must not import pandas)."""
    tables_ = ["sources", "corrections"]
    code = [*steps.code("page"), *sorted(TEMPLATE_DIR.rglob("*.*")), *paths.VENDOR.glob("*")]
    if report.notebook == config.claimreview:
        tables_ += ["claims", "verdicts", "entities"]
        code += steps.code("claimreview")
    package = schema.package()
    files = [report.ipynb, *(package[t].path for t in tables_), *code]
    files += catalog.files(report.language) + catalog.files(package.base_language)
    siblings = sorted(k for k in available if k.split("/", 1)[1] == report.name)
    settings = [config.data_as_of, config.claimreview, list(config.languages), siblings,
                report.key, config.site_url, config.publisher]  # fmt: skip
    return {
        "inputs": {manifest.relative(f): manifest.file_hash(f) for f in sorted(set(files))},
        "settings": settings,
    }


def _reason(config: Config, stamp: dict, now, never: str, settings: str) -> str:
    """Why a step must run again, from its stamp ('' when it is up to date); ``now``
    computes its inputs (only when the outputs exist)."""
    if "inputs" not in stamp:
        return never
    if not all((config.out / p).is_file() for p in stamp.get("outputs", [])):
        return "an output is missing"
    current = now()
    if current["settings"] != stamp.get("settings"):
        return settings
    recorded = stamp.get("inputs", {})
    for name in sorted(set(current["inputs"]) | set(recorded)):
        if current["inputs"].get(name) != recorded.get(name):
            return f"{name} changed"
    return ""


def stale_reason(config: Config, report: Report, stamp: dict, exists: set[str]) -> str:
    """Why a page must be exported ('' when it is up to date)."""
    now = lambda: page_inputs(config, report, exists)  # noqa: E731
    return _reason(config, stamp, now, "never exported", "settings changed")


def available(config: Config, outcomes: dict) -> set[str]:
    """Reports that exist and did not just fail: the only ones a page may link to."""
    return {
        r.key
        for r in config.reports
        if r.ipynb.is_file() and getattr(outcomes.get(r.key), "status", "") != "failed"
    }


def stale(
    config: Config, reports: list[Report], outcomes: dict, force: bool = False
) -> list[tuple[Report, str]]:
    """The pages to export and why: their report exists, and what they show or are built by
    changed, or an output is missing (all of them with ``force``)."""
    exists = available(config, outcomes)
    stamps = manifest.load(config.out)["pages"]
    found = []
    for report in reports:
        if report.key in exists:
            stamp = stamps.get(report.key, {})
            reason = "forced" if force else stale_reason(config, report, stamp, exists)
            if reason:
                found.append((report, reason))
    return found


def plan(
    config: Config, reports: list[Report], outcomes: dict, force: bool = False
) -> list[tuple[Report, page.Page]]:
    """The pages to export, with what each shows besides its notebook."""
    todo = stale(config, reports, outcomes, force)
    if not todo:
        return []
    exists = available(config, outcomes)
    shared = {lang: page.language_data(config, lang) for lang in config.languages}
    return [(r, page.page_for(config, r, shared, exists, _jsonld(config, r))) for r, _ in todo]


def done(config: Config, report: Report, outputs: list[Path], outcomes: dict) -> None:
    """Record a page's inputs and outputs (images are written after all exports)."""
    entry = {
        **page_inputs(config, report, available(config, outcomes)),
        "outputs": sorted(rel(p, config.out) for p in outputs),
    }
    manifest.record(config.out, "pages", {report.key: entry})


def titles(config: Config) -> dict[str, dict[str, str]]:
    """notebook -> language -> title, read from the executed reports."""
    found: dict[str, dict[str, str]] = {}
    for report in config.reports:
        if report.timezone == config.default_timezone and report.ipynb.is_file():
            nb = json.loads(report.ipynb.read_text(encoding="utf-8"))
            found.setdefault(report.notebook, {})[report.language] = title_of(nb)
    return found


def _publish_inputs(config: Config) -> dict:
    names = titles(config)
    existing = sorted(r.key for r in config.reports if r.html.is_file())
    files = [p for p in paths.DATA.rglob("*") if p.is_file()]
    files += [*paths.ENGINE_LOCALES.glob("*.yaml"), *paths.STORY_LOCALES.glob("*.yaml")]
    files += [paths.REPORTS_CONFIG, *paths.SCHEMAS.glob("*"), *steps.code("publish")]
    files += sorted(TEMPLATE_DIR.rglob("*.*"))
    return {
        "inputs": {manifest.relative(f): manifest.file_hash(f) for f in sorted(set(files))},
        "settings": [names, existing],
    }


def publish_reason(config: Config) -> str:
    """Why the index and downloads must be rebuilt ('' when they are up to date)."""
    stamp = manifest.load(config.out)["publish"]
    now = lambda: _publish_inputs(config)  # noqa: E731
    return _reason(config, stamp, now, "never published", "titles or pages changed")


def publish_if_stale(config: Config, force: bool = False) -> bool:
    """Rebuild index and downloads unless their inputs and files are unchanged."""
    if not force and not publish_reason(config):
        return False
    from factdesk.publish.site import publish

    written = publish(config, titles(config))
    entry = {**_publish_inputs(config), "outputs": sorted(rel(p, config.out) for p in written)}
    manifest.record(config.out, "publish", entry, merge=False)
    return True
