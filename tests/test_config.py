"""``reports.yml`` is validated like data: every mistake is exactly one
``reports.yml:line:column: message``, and ``render`` stops with it before writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from project import (
    at,
    config_changed,
    config_edited,
    config_text,
    copy_project,
    key_at,
    notebook_spec,
    settings,
    spare_language,
)

from factdesk import paths
from factdesk.build import config
from factdesk.language import catalog

# The real reports.yml as data, and as text in the tests' fixed layout (project.config_text):
# every case below changes the data or that text, so it holds for any valid reports.yml.
SETTINGS = settings()
LANGUAGES = list(SETTINGS["languages"])
NOTEBOOKS = list(SETTINGS["notebooks"])
FIRST, LAST = NOTEBOOKS[0], NOTEBOOKS[-1]
DEFAULT_ZONE = SETTINGS["default_timezone"]
BASE_TEXT = config_text(SETTINGS)
LANGS = f"languages: [{', '.join(LANGUAGES)}]"
ZONE = f"default_timezone: {DEFAULT_ZONE}"
AS_OF = f"data_as_of: {SETTINGS['data_as_of']}"
KNOWN_NOTEBOOKS = ", ".join(sorted(p.stem for p in paths.NOTEBOOKS.glob("*.ipynb")))
NO_CATALOG = spare_language()  # a language Babel knows that has no catalog
CLAIMREVIEW = next(
    (n for n, spec in SETTINGS["notebooks"].items() if (spec or {}).get("claimreview")), ""
)


def renamed(data: dict, old: str, new: str) -> None:
    """Rename a notebook key, keeping the order."""
    data["notebooks"] = {(new if k == old else k): v for k, v in data["notebooks"].items()}


def read(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "reports.yml"
    path.write_text(text, encoding="utf-8")
    settings_, found = config.read(path, tmp_path / "reports")
    assert (settings_ is None) == bool(found)
    return [str(p) for p in found]


def expected_keys(data: dict) -> set[str]:
    """``language/name`` of every report the settings ask for, worked out from the data."""
    default = data["default_timezone"]
    keys = set()
    for notebook, spec_ in data["notebooks"].items():
        for zone in (spec_ or {}).get("timezones") or [default]:
            name = notebook if zone == default else f"{notebook}--{zone.lower().replace('/', '-')}"
            keys |= {f"{language}/{name}" for language in data["languages"]}
    return keys


def test_the_real_configuration_is_valid():
    settings_, found = config.read()
    assert found == []
    assert settings_.languages == tuple(LANGUAGES)
    assert all(catalog.files(language) for language in settings_.languages)
    assert settings_.notebooks == tuple(NOTEBOOKS)
    assert settings_.default_timezone == DEFAULT_ZONE
    assert settings_.claimreview == CLAIMREVIEW
    keys = [r.key for r in settings_.reports]
    assert len(keys) == len(set(keys))
    assert set(keys) == expected_keys(SETTINGS)
    # each notebook in each language in each of its zones: languages x (notebook, zone)
    assert len(keys) == len(LANGUAGES) * len({k.split("/", 1)[1] for k in keys})


def test_the_tests_layout_reads_as_the_real_file(tmp_path):
    """The cases below edit project.config_text(settings); it must mean what reports.yml means."""
    path = tmp_path / "reports.yml"
    path.write_text(BASE_TEXT, encoding="utf-8")
    ours, found = config.read(path)
    assert found == []
    assert ours == config.load()
    assert yaml.safe_load(BASE_TEXT) == yaml.safe_load(
        paths.REPORTS_CONFIG.read_text(encoding="utf-8")
    )


def _two_claimreviews(data: dict) -> None:
    """claimreview: true on the first and the last notebook, and on no other."""
    for notebook in data["notebooks"]:
        (data["notebooks"][notebook] or {}).pop("claimreview", None)
    for notebook in (FIRST, LAST):
        notebook_spec(data, notebook)["claimreview"] = True


TYPO = f"{LAST}-typo"

# case -> (text of reports.yml, line:column of the problem, message)
CASES = {
    "bad-yaml": (
        text := config_edited(LANGS, LANGS[:-1]),
        at(text, "default_timezone:", offset=len("default_timezone")),  # where the parser notices
        "not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence that "
        f"starts at line {at(text, '[').replace(':', ', column ')})",
    ),
    "tab-indentation": (
        text := config_edited(f"  {FIRST}:\n", f"  {FIRST}:\n\t"),
        at(text, "\t"),
        "not valid YAML: found character that cannot start any token (indent with spaces, not "
        "tabs)",
    ),
    "unknown-notebook": (
        text := config_changed(lambda d: renamed(d, LAST, TYPO)),
        key_at(text, TYPO),
        f"unknown notebook {TYPO!r} (no notebooks/{TYPO}.ipynb); known: {KNOWN_NOTEBOOKS}",
    ),
    "unknown-language": (
        text := config_changed(lambda d: d.update(languages=[LANGUAGES[0], "english"])),
        at(text, "english"),
        "unknown language 'english'; use a language code such as en, nl, de",
    ),
    "language-without-catalog": (
        text := config_changed(lambda d: d.update(languages=[*LANGUAGES, NO_CATALOG])),
        at(text, f"{NO_CATALOG}]"),
        f"no catalog for language {NO_CATALOG!r}: add notebooks/locales/{NO_CATALOG}.yaml",
    ),
    "unknown-default-time-zone": (
        text := config_changed(lambda d: d.update(default_timezone="CET+1")),
        at(text, "CET+1"),
        "unknown time zone 'CET+1'; use an IANA name such as Europe/Amsterdam",
    ),
    "misspelt-time-zone": (
        text := config_changed(
            lambda d: notebook_spec(d, FIRST).update(timezones=["UTC", "Europe/Moskow"])
        ),
        at(text, "Europe/Moskow"),
        "unknown time zone 'Europe/Moskow'; did you mean 'Europe/Moscow'?",
    ),
    "duplicate-key": (
        text := config_edited(AS_OF, f"{AS_OF}\ndata_as_of: 2026-11-23"),
        at(text, "data_as_of:", 2),
        f"duplicate key 'data_as_of' (first on line {at(text, 'data_as_of:').split(':')[0]})",
    ),
    "duplicate-notebook": (
        text := config_edited(f"  {FIRST}:\n", f"  {FIRST}:\n  {FIRST}:\n"),
        key_at(text, FIRST, 2),
        f"duplicate key {FIRST!r} (first on line {key_at(text, FIRST).split(':')[0]})",
    ),
    "duplicate-language": (
        text := config_changed(lambda d: d.update(languages=[*LANGUAGES, LANGUAGES[-1]])),
        at(text, f"{LANGUAGES[-1]}]"),
        f"duplicate language {LANGUAGES[-1]!r}",
    ),
    "duplicate-time-zone": (
        text := config_changed(lambda d: notebook_spec(d, FIRST).update(timezones=["UTC", "UTC"])),
        at(text, "UTC]"),
        "duplicate time zone 'UTC'",
    ),
    "missing-key": (
        text := config_changed(lambda d: d.pop("data_as_of")),
        "1:1",  # the mapping that lacks it
        "required key 'data_as_of' is missing",
    ),
    "unknown-key": (
        text := config_edited(ZONE, f"{ZONE}\ntimezone: UTC"),
        at(text, "timezone: UTC"),
        "unknown key 'timezone'; known: " + ", ".join(config.KEYS + config.OPTIONAL),
    ),
    "unknown-notebook-key": (
        text := config_changed(lambda d: notebook_spec(d, LAST).update(language=LANGUAGES[-1])),
        at(text, "    language:", offset=4),
        "unknown key 'language'; known: timezones, claimreview",
    ),
    "impossible-date": (
        text := config_changed(lambda d: d.update(data_as_of="2026-02-30")),
        at(text, "2026-02-30"),
        "must be a date YYYY-MM-DD, got '2026-02-30'",
    ),
    "date-not-iso": (
        text := config_changed(lambda d: d.update(data_as_of="22/11/2026")),
        at(text, "22/11/2026"),
        "must be a date YYYY-MM-DD, got '22/11/2026'",
    ),
    "date-missing": (
        text := config_changed(lambda d: d.update(data_as_of=None)),
        at(text, "data_as_of:", offset=len("data_as_of:")),
        "must be a date YYYY-MM-DD, got nothing",
    ),
    "languages-not-a-list": (
        text := config_changed(lambda d: d.update(languages=LANGUAGES[0])),
        at(text, "languages: ", offset=len("languages: ")),
        "must be a non-empty list of languages, such as [en, nl]",
    ),
    "time-zone-not-one-value": (
        text := config_changed(lambda d: d.update(default_timezone=[DEFAULT_ZONE])),
        at(text, f"[{DEFAULT_ZONE}]"),
        "must be a time zone, not a list or mapping",
    ),
    "claimreview-not-boolean": (
        text := config_changed(
            lambda d: notebook_spec(d, CLAIMREVIEW or LAST).update(claimreview="ja")
        ),
        at(text, "claimreview: ja", offset=len("claimreview: ")),
        "must be true or false, got 'ja'",
    ),
    "two-claimreviews": (
        text := config_changed(_two_claimreviews),
        key_at(text, LAST),
        f"claimreview: true is already set on {FIRST}",
    ),
    "empty-file": (
        "# nothing yet\n",
        "1:1",
        "file is empty; it needs languages, default_timezone, data_as_of, notebooks",
    ),
    "not-a-mapping": ("- en\n- nl\n", "1:1", "must be a mapping (key: value)"),
}
del text


def test_the_cases_change_the_real_settings():
    """Every case but the two that replace the whole file starts from the real settings."""
    assert len(NOTEBOOKS) >= 2, "two-claimreviews needs two notebooks"
    for case, (text, _, _) in CASES.items():
        if case not in ("empty-file", "not-a-mapping"):
            assert text != BASE_TEXT, case


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_one_message_with_line_and_column(tmp_path, case):
    text, location, message = CASES[case]
    shown = paths.display(tmp_path / "reports.yml")
    assert read(tmp_path, text) == [f"{shown}:{location}: {message}"]


def test_missing_file_is_one_message(tmp_path):
    settings, found = config.read(tmp_path / "reports.yml")
    assert settings is None
    assert [str(p) for p in found] == [
        f"{paths.display(tmp_path / 'reports.yml')}:0:-: file not found"
    ]


def test_several_mistakes_are_all_reported_in_order(tmp_path):
    text = config_changed(
        lambda d: d.update(languages=[LANGUAGES[0], "xx"], default_timezone="Mars/Base")
    )
    shown = paths.display(tmp_path / "reports.yml")
    assert read(tmp_path, text) == [
        f"{shown}:{at(text, 'xx')}: unknown language 'xx'; use a language code such as en, nl, de",
        f"{shown}:{at(text, 'Mars/Base')}: unknown time zone 'Mars/Base'; use an IANA name such "
        "as Europe/Amsterdam",
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        (config_changed(lambda d: renamed(d, LAST, TYPO)), f"unknown notebook {TYPO!r}"),
        (config_edited(LANGS, LANGS[:-1]), "not valid YAML"),
        (
            config_changed(lambda d: d.update(default_timezone="Amsterdam")),
            "unknown time zone 'Amsterdam'",
        ),
    ],
    ids=["unknown-notebook", "bad-yaml", "unknown-zone"],
)
def test_render_stops_with_the_message_before_writing_anything(tmp_path, text, message):
    project = copy_project(tmp_path / "project")
    project.path("reports.yml").write_text(text, encoding="utf-8")
    before = project.snapshot()
    result = project.run("render", "--jobs", "1")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("reports.yml:") and message in lines[0]
    assert lines[1] == (
        "error: 1 problem(s); nothing was rendered or published (python -m factdesk check "
        "lists them)"
    )
    assert project.snapshot() == before
    assert not (project.reports / ".cache").exists()  # not even the render lock
