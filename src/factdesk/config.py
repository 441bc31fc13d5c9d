"""``reports.yml``: the report matrix, validated like data before anything renders.

Every mistake is one ``reports.yml:line:column: message``: YAML that does not parse, a
missing or unknown key, a duplicate entry, an unknown notebook, a language without a
catalog, an unknown time zone, a date that is not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import available_timezones

import yaml

from factdesk import catalog, paths
from factdesk.problems import DataError, Problem, problem

KEYS = {"languages", "default_timezone", "data_as_of", "notebooks"}
NOTEBOOK_KEYS = {"timezones", "claimreview"}


@dataclass(frozen=True)
class Report:
    """One cell of the report matrix: a notebook in a language and a time zone."""

    notebook: str  # stem, e.g. "02-timeline"
    language: str
    timezone: str
    default_timezone: str
    out: Path = paths.REPORTS

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
    out: Path = paths.REPORTS


def _compose(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [problem(path, 0, "-", "file not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [problem(path, 0, "-", f"cannot read the file ({exc})")]
    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, str(mark.column + 1)) if mark else (0, "-")
        what = getattr(exc, "problem", None) or str(exc)
        return None, [problem(path, line, column, f"not valid YAML: {what}")]


def _at(path: Path, node: yaml.Node, message: str) -> Problem:
    return problem(path, node.start_mark.line + 1, str(node.start_mark.column + 1), message)


def _mapping(path: Path, node: yaml.Node, allowed: set[str], found: list[Problem]) -> dict:
    """A mapping node as {key: (key node, value node)}; unknown and duplicate keys reported."""
    if not isinstance(node, yaml.MappingNode):
        found.append(_at(path, node, "must be a mapping (key: value)"))
        return {}
    out: dict = {}
    for key, value in node.value:
        name = key.value
        if name in out:
            first = out[name][0].start_mark.line + 1
            found.append(_at(path, key, f"duplicate key {name!r} (first on line {first})"))
        elif allowed and name not in allowed:
            found.append(
                _at(path, key, f"unknown key {name!r}; known: {', '.join(sorted(allowed))}")
            )
        else:
            out[name] = (key, value)
    return out


def _strings(path: Path, node: yaml.Node, what: str, found: list[Problem]) -> list:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        found.append(_at(path, node, f"must be a non-empty list of {what}"))
        return []
    seen, out = set(), []
    for item in node.value:
        if item.value in seen:
            found.append(_at(path, item, f"duplicate {what[:-1]} {item.value!r}"))
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


def read(
    path: Path = paths.REPORTS_CONFIG, out: Path = paths.REPORTS
) -> tuple[Config | None, list[Problem]]:
    """The configuration and every problem in it (``None`` when it cannot be used)."""
    root, found = _compose(path)
    if root is None:
        return None, found
    top = _mapping(path, root, KEYS, found)
    for key in sorted(KEYS - set(top)):
        found.append(problem(path, 1, key, f"required key {key!r} is missing"))
    if found:
        return None, found
    zones = available_timezones()
    languages = []
    for item in _strings(path, top["languages"][1], "languages", found):
        message = _language_problem(item.value)
        found.append(_at(path, item, message)) if message else languages.append(item.value)
    default_node = top["default_timezone"][1]
    if default_node.value not in zones:
        found.append(
            _at(
                path,
                default_node,
                f"unknown time zone {default_node.value!r}; use "
                "an IANA name such as Europe/Amsterdam or UTC",
            )
        )
    as_of = top["data_as_of"][1]
    try:
        date.fromisoformat(str(as_of.value))
    except (TypeError, ValueError):
        found.append(_at(path, as_of, f"must be a date YYYY-MM-DD, got {as_of.value!r}"))
    reports, notebooks, claimreview = [], [], ""
    for stem, (key, spec) in _mapping(path, top["notebooks"][1], set(), found).items():
        if not (paths.NOTEBOOKS / f"{stem}.ipynb").is_file():
            found.append(
                _at(
                    path,
                    key,
                    f"unknown notebook {stem!r} (no "
                    f"{paths.display(paths.NOTEBOOKS / f'{stem}.ipynb')})",
                )
            )
            continue
        settings = {} if spec.tag.endswith("null") else _mapping(path, spec, NOTEBOOK_KEYS, found)
        zones_of = [default_node]
        if "timezones" in settings:
            zones_of = _strings(path, settings["timezones"][1], "time zones", found)
        for zone in zones_of:
            if zone.value not in zones:
                found.append(
                    _at(
                        path,
                        zone,
                        f"unknown time zone {zone.value!r}; use an IANA "
                        "name such as Europe/Amsterdam or UTC",
                    )
                )
        if "claimreview" in settings and settings["claimreview"][1].value == "true":
            claimreview = stem
        notebooks.append(stem)
        for language in languages:
            for zone in zones_of:
                reports.append(Report(stem, language, zone.value, default_node.value, out))
    if found:
        return None, found
    config = Config(
        tuple(reports),
        tuple(languages),
        default_node.value,
        str(as_of.value),
        tuple(notebooks),
        claimreview,
        out,
    )
    return config, []


def load(path: Path = paths.REPORTS_CONFIG, out: Path = paths.REPORTS) -> Config:
    """The configuration, or a :class:`DataError` listing every problem in it."""
    config, found = read(path, out)
    if config is None:
        raise DataError(found)
    return config
