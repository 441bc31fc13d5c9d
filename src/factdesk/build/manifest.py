"""``reports/manifest.json``: the one record of what every output was built from.

One file, one section per step of :mod:`factdesk.build.steps`, each entry listing its inputs
with a SHA-256 (and the settings it depends on); a step runs again when, and only when, one
of them changed or an output is missing:

- ``check``: the digest of the fact base and rules that last passed, and its warnings;
- ``reports``: per report, the files the notebook read (recorded by the loaders, see
  :mod:`factdesk.inputs`), the project modules its kernel imported, the notebook itself, its
  parameters and the versions of the libraries that shape its output;
- ``pages``: per page, what it shows and the code that builds it, and the files it wrote;
- ``publish``: the index and the downloads.

The manifest sits beside the reports (not inside them), so a refactor that leaves every
output the same changes no committed report; it is committed so that a fresh clone knows its
executed notebooks are current (pages, images and downloads are not committed: their entries
say so by listing outputs that are missing). ``reports/.cache/`` holds only caches keyed by
content (drawn charts, cleaned articles, pairs found in sync): deleting it costs time, never
correctness.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from factdesk import paths
from factdesk.build.config import Report
from factdesk.build.writing import write_if_changed

VERSIONED = (
    "pandas",
    "numpy",
    "plotly",
    "papermill",
    "nbformat",
    "ipykernel",
    "babel",
    "itables",
)


@cache
def _sha(path: Path, size: int, mtime: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_hash(path: Path) -> str:
    """SHA-256 of a file ('' when missing), cached per (path, size, mtime) in this process."""
    try:
        stat = path.stat()
    except OSError:
        return ""
    return _sha(path, stat.st_size, stat.st_mtime_ns)


def resolve(relative: str) -> Path:
    """A manifest path: ``src/...`` is code in the repository, the rest is the project's."""
    base = paths.REPOSITORY if relative.startswith("src/") else paths.ROOT
    return base / relative


def relative(path: Path) -> str:
    path = path.resolve()
    for base in (paths.ROOT, paths.REPOSITORY):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()


@cache
def versions() -> dict[str, str]:
    found = {"python": ".".join(map(str, sys.version_info[:2]))}
    for name in VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return found


def entry(report: Report, read: dict) -> dict:
    """The manifest entry of a report just rendered, from what its kernel read."""
    files = {relative(report.source), *read["files"], *read["modules"]}
    return {
        "inputs": {f: file_hash(resolve(f)) for f in sorted(files)},
        "parameters": report.parameters,
        "versions": versions(),
        "report": file_hash(report.ipynb),
    }


def stale_reason(report: Report, recorded: dict | None) -> str:
    """Why ``report`` must run again ('' when it is up to date)."""
    if not recorded:
        return "never rendered"
    if not report.ipynb.is_file() or file_hash(report.ipynb) != recorded.get("report"):
        return "the executed notebook is missing or was edited"
    if recorded.get("parameters") != report.parameters:
        return "parameters changed"
    if recorded.get("versions") != versions():
        return "library versions changed"
    if relative(report.source) not in recorded.get("inputs", {}):
        return "the notebook changed"
    for name, digest in recorded["inputs"].items():
        if file_hash(resolve(name)) != digest:
            return f"{name} changed"
    return ""


SECTIONS = ("check", "reports", "pages", "publish")


def path(out: Path) -> Path:
    return out / "manifest.json"


def load(out: Path) -> dict[str, dict]:
    """The manifest of the reports folder ``out``: every section, empty when never built."""
    try:
        found = json.loads(path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = {}
    return {name: found.get(name, {}) for name in SECTIONS}


def record(out: Path, section: str, value: dict, merge: bool = True) -> None:
    """Set entries in a section of the manifest (``merge=False``: replace the section, for
    the steps with one entry: check, publish). The render lock is held: one writer."""
    whole = load(out)
    whole[section] = dict(sorted({**whole[section], **value}.items())) if merge else value
    text = json.dumps(whole, indent=1, sort_keys=True) + "\n"
    write_if_changed(path(out), text, "the manifest")
