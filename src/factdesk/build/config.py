"""``reports.yml``: the report matrix, validated like data before anything renders.

Every mistake is one ``reports.yml:line:column: message``: YAML that does not parse, a
missing or unknown key, a duplicate entry, an unknown notebook, a language without a
catalog, an unknown time zone, a date that is not a date.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

import yaml

from factdesk import paths
from factdesk.facts.yamlfile import at, compose, mapping, scalar
from factdesk.language import catalog
from factdesk.problems import DataError, Problem, problem

KEYS = ("languages", "default_timezone", "data_as_of", "notebooks")
# Where the pages are published, who publishes them, and the git commit of the fact base as
# last published (corrections since then must be logged: facts/published.py).
OPTIONAL = ("site_url", "publisher", "published_revision")
NOTEBOOK_KEYS = ("timezones", "claimreview")


@dataclass(frozen=True)
class Report:
    """One cell of the report matrix: a notebook in a language and a time zone."""

    notebook: str  # stem, e.g. "02-timeline"
    language: str
    timezone: str
    default_timezone: str
    out: Path = field(default_factory=lambda: paths.REPORTS)

    @property
    def name(self) -> str:
        """``02-timeline`` for the default zone, ``02-timeline--europe-moscow`` otherwise."""
        if self.timezone == self.default_timezone:
            return self.notebook
        return f"{self.notebook}--{self.timezone.lower().replace('/', '-')}"

    @property
    def key(self) -> str:
        return f"{self.language}/{self.name}"

    @property
    def source(self) -> Path:
        return paths.NOTEBOOKS / f"{self.notebook}.ipynb"

    @property
    def ipynb(self) -> Path:
        return self.out / self.language / f"{self.name}.ipynb"

    @property
    def html(self) -> Path:
        return self.out / self.language / f"{self.name}.html"

    @property
    def img_dir(self) -> Path:
        return self.out / self.language / "img"

    @property
    def data_dir(self) -> Path:
        return self.out / "data" / self.language / self.name

    @property
    def parameters(self) -> dict[str, object]:
        return {"language": self.language, "timezone": self.timezone, "publish": True}


@dataclass(frozen=True)
class Config:
    """The report matrix and page settings."""

    reports: tuple[Report, ...]
    languages: tuple[str, ...]
    default_timezone: str
    data_as_of: str
    notebooks: tuple[str, ...]
    claimreview: str = ""  # the notebook whose HTML embeds the ClaimReview JSON-LD
    out: Path = field(default_factory=lambda: paths.REPORTS)
    site_url: str = ""  # e.g. https://desk.example.org/factdesk (no trailing slash)
    publisher: str = "factdesk"
    published_revision: str = ""  # git commit of the fact base as last published


def _strings(path: Path, node: yaml.Node, what: str, example: str, found: list) -> list:
    """The scalar items of a non-empty list (``what`` is plural), duplicates reported."""
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        found.append(at(path, node, f"must be a non-empty list of {what}, such as {example}"))
        return []
    seen, out = set(), []
    for item in node.value:
        if scalar(path, item, f"a {what[:-1]}", found) is None:
            continue
        if item.value in seen:
            found.append(at(path, item, f"duplicate {what[:-1]} {item.value!r}"))
            continue
        seen.add(item.value)
        out.append(item)
    return out


def _language_problem(language: str) -> str:
    if not re.fullmatch(r"[a-z]{2,3}", language) or not catalog.known_locale(language):
        return f"unknown language {language!r}; use a language code such as en, nl, de"
    if not catalog.files(language):
        return (
            f"no catalog for language {language!r}: add "
            f"{paths.display(paths.STORY_LOCALES / f'{language}.yaml')}"
        )
    return ""


def _zone_problem(zone: str) -> str:
    if zone in _zones():
        return ""
    close = difflib.get_close_matches(zone, sorted(_zones()), n=1, cutoff=0.8)
    hint = f"did you mean {close[0]!r}?" if close else "use an IANA name such as Europe/Amsterdam"
    return f"unknown time zone {zone!r}; {hint}"


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _notebook(path: Path, key: yaml.Node, spec: yaml.Node, found: list) -> tuple[list, bool]:
    """The time zone nodes of one notebook entry and whether it embeds the ClaimReview."""
    stem = key.value
    if not (paths.NOTEBOOKS / f"{stem}.ipynb").is_file():
        known = sorted(p.stem for p in paths.NOTEBOOKS.glob("*.ipynb"))
        found.append(
            at(
                path,
                key,
                f"unknown notebook {stem!r} (no "
                f"{paths.display(paths.NOTEBOOKS / f'{stem}.ipynb')}); known: {', '.join(known)}",
            )
        )
        return [], False
    settings = {} if spec.tag.endswith(":null") else mapping(path, spec, NOTEBOOK_KEYS, found)
    zones = []
    if "timezones" in settings:
        for zone in _strings(
            path, settings["timezones"][1], "time zones", "[UTC, Europe/Moscow]", found
        ):
            message = _zone_problem(zone.value)
            found.append(at(path, zone, message)) if message else zones.append(zone)
    claimreview = False
    if "claimreview" in settings:
        flag = settings["claimreview"][1]
        if not isinstance(flag, yaml.ScalarNode) or flag.value not in ("true", "false"):
            found.append(at(path, flag, f"must be true or false, got {_shown(flag)}"))
        claimreview = flag.value == "true"
    return zones, claimreview


def _shown(node: yaml.Node) -> str:
    return repr(node.value) if isinstance(node, yaml.ScalarNode) else "a list or mapping"


def read(path: Path | None = None, out: Path | None = None) -> tuple[Config | None, list[Problem]]:
    """The configuration and every problem in it (``None`` when it cannot be used); by
    default the project's ``reports.yml`` and ``reports/``."""
    path, out = path or paths.REPORTS_CONFIG, out or paths.REPORTS
    root, found = compose(path)
    if root is None:
        empty = [problem(path, 1, "1", f"file is empty; it needs {', '.join(KEYS)}")]
        return None, found or empty
    top = mapping(path, root, KEYS + OPTIONAL, found)
    if not isinstance(root, yaml.MappingNode):
        return None, found
    for key in KEYS:
        if key not in top and not any(k.value == key for k, _ in root.value):
            found.append(at(path, root, f"required key {key!r} is missing"))
    if found:
        return None, found
    languages = []
    for item in _strings(path, top["languages"][1], "languages", "[en, nl]", found):
        message = _language_problem(item.value)
        found.append(at(path, item, message)) if message else languages.append(item.value)
    default_node = top["default_timezone"][1]
    default = scalar(path, default_node, "a time zone", found)
    if default is not None and _zone_problem(default):
        found.append(at(path, default_node, _zone_problem(default)))
    as_of = top["data_as_of"][1]
    if scalar(path, as_of, "a date YYYY-MM-DD", found) is not None:
        try:
            date.fromisoformat(as_of.value)
        except ValueError:
            found.append(at(path, as_of, f"must be a date YYYY-MM-DD, got {as_of.value!r}"))
    reports, notebooks, claimreview = [], [], ""
    for stem, (key, spec) in mapping(path, top["notebooks"][1], (), found).items():
        zones, embeds = _notebook(path, key, spec, found)
        if embeds and claimreview:
            found.append(at(path, key, f"claimreview: true is already set on {claimreview}"))
        claimreview = stem if embeds and not claimreview else claimreview
        notebooks.append(stem)
        for language in languages:
            for zone in [z.value for z in zones] or [default]:
                reports.append(Report(stem, language, zone, default, out))
    site_url = _site_url(path, top.get("site_url"), found)
    publisher = "factdesk"
    if "publisher" in top:
        publisher = scalar(path, top["publisher"][1], "the publisher's name", found) or publisher
    published = ""
    if "published_revision" in top:
        published = scalar(path, top["published_revision"][1], "a git commit", found) or ""
    if found:
        return None, sorted(set(found))
    config = Config(
        tuple(reports),
        tuple(languages),
        default,
        as_of.value,
        tuple(notebooks),
        claimreview,
        out,
        site_url,
        publisher,
        published,
    )
    return config, []


def _site_url(path: Path, entry: tuple | None, found: list) -> str:
    """The published site's address: ``FACTDESK_SITE_URL`` (the hosted workflow sets its
    Pages URL) or ``site_url`` in reports.yml; empty means links stay relative."""
    url = os.environ.get("FACTDESK_SITE_URL", "")
    if not url and entry is not None:
        url = scalar(path, entry[1], "an https:// address", found) or ""
        if url and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", url):
            found.append(at(path, entry[1], f"must be an http(s) address, got {url!r}"))
            return ""
    return url.rstrip("/")


def load(path: Path | None = None, out: Path | None = None) -> Config:
    """The configuration, or a :class:`DataError` listing every problem in it."""
    config, found = read(path, out)
    if config is None:
        raise DataError(found)
    return config
