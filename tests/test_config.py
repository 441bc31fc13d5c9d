"""``reports.yml`` is validated like data: every mistake is exactly one
``reports.yml:line:column: message``, and ``render`` stops with it before writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from project import copy_project

from factdesk import config, paths

REAL = paths.REPORTS_CONFIG.read_text(encoding="utf-8")


def at(text: str, needle: str, nth: int = 1) -> str:
    """``line:column`` (1-based) of the ``nth`` occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


def edited(old: str, new: str) -> str:
    assert old in REAL, old
    return REAL.replace(old, new, 1)


def read(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "reports.yml"
    path.write_text(text, encoding="utf-8")
    settings, found = config.read(path, tmp_path / "reports")
    assert (settings is None) == bool(found)
    return [str(p) for p in found]


def test_the_real_configuration_is_valid():
    settings, found = config.read()
    assert found == []
    assert settings.languages == ("en", "nl")
    assert settings.claimreview == "04-factcheck"
    keys = {r.key for r in settings.reports}
    assert len(keys) == len(settings.reports) == 16
    assert {"en/01-sources", "nl/02-timeline--europe-moscow", "en/03-crew--utc"} <= keys


LANGS = "languages: [en, nl]"
ZONE = "default_timezone: Europe/Amsterdam"
AS_OF = "data_as_of: 2026-11-22"
ZONES = "[Europe/Amsterdam, UTC, Europe/Moscow]"

# case -> (text of reports.yml, (needle, occurrence) locating the problem, message)
CASES = {
    "bad-yaml": (
        edited(LANGS, "languages: [en, nl"),
        ("default_timezone:", 1, len("default_timezone")),  # where the parser notices
        "not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence that "
        f"starts at line {at(REAL, '[en, nl]').replace(':', ', column ')})",
    ),
    "tab-indentation": (
        edited("  02-timeline:\n", "  02-timeline:\n\t"),
        ("\t", 1, 0),
        "not valid YAML: found character that cannot start any token (indent with spaces, not "
        "tabs)",
    ),
    "unknown-notebook": (
        edited("  03-crew:\n", "  03-crewe:\n"),
        ("03-crewe", 1, 0),
        "unknown notebook '03-crewe' (no notebooks/03-crewe.ipynb); known: 01-sources, "
        "02-timeline, 03-crew, 04-factcheck",
    ),
    "unknown-language": (
        edited(LANGS, "languages: [en, english]"),
        ("english", 1, 0),
        "unknown language 'english'; use a language code such as en, nl, de",
    ),
    "language-without-catalog": (
        edited(LANGS, "languages: [en, nl, fr]"),
        ("fr]", 1, 0),
        "no catalog for language 'fr': add notebooks/locales/fr.yaml",
    ),
    "unknown-default-time-zone": (
        edited(ZONE, "default_timezone: CET+1"),
        ("CET+1", 1, 0),
        "unknown time zone 'CET+1'; use an IANA name such as Europe/Amsterdam",
    ),
    "misspelt-time-zone": (
        edited(ZONES, "[Europe/Amsterdam, UTC, Europe/Moskow]"),
        ("Europe/Moskow", 1, 0),
        "unknown time zone 'Europe/Moskow'; did you mean 'Europe/Moscow'?",
    ),
    "duplicate-key": (
        edited(AS_OF, f"{AS_OF}\ndata_as_of: 2026-11-23"),
        ("data_as_of: 2026-11-23", 1, 0),
        None,  # message computed: it names the first line
    ),
    "duplicate-notebook": (
        edited("  01-sources:\n", "  01-sources:\n  01-sources:\n"),
        ("01-sources:", 2, 0),
        None,
    ),
    "duplicate-language": (
        edited(LANGS, "languages: [en, nl, nl]"),
        ("nl]", 1, 0),
        "duplicate language 'nl'",
    ),
    "duplicate-time-zone": (
        edited(ZONES, "[Europe/Amsterdam, UTC, UTC]"),
        ("UTC]", 1, 0),
        "duplicate time zone 'UTC'",
    ),
    "missing-key": (
        edited(f"{AS_OF}\n", ""),
        ("languages:", 1, 0),
        "required key 'data_as_of' is missing",
    ),
    "unknown-key": (
        edited(ZONE, f"{ZONE}\ntimezone: UTC"),
        ("timezone: UTC", 1, 0),
        "unknown key 'timezone'; known: languages, default_timezone, data_as_of, notebooks",
    ),
    "unknown-notebook-key": (
        edited("    claimreview: true", "    claimreview: true\n    language: nl"),
        ("language: nl", 1, 0),
        "unknown key 'language'; known: timezones, claimreview",
    ),
    "impossible-date": (
        edited(AS_OF, "data_as_of: 2026-02-30"),
        ("2026-02-30", 1, 0),
        "must be a date YYYY-MM-DD, got '2026-02-30'",
    ),
    "date-not-iso": (
        edited(AS_OF, "data_as_of: 22/11/2026"),
        ("22/11/2026", 1, 0),
        "must be a date YYYY-MM-DD, got '22/11/2026'",
    ),
    "date-missing": (
        edited(AS_OF, "data_as_of:"),
        ("data_as_of:", 1, len("data_as_of:")),
        "must be a date YYYY-MM-DD, got nothing",
    ),
    "languages-not-a-list": (
        edited(LANGS, "languages: en"),
        ("languages: en", 1, len("languages: ")),
        "must be a non-empty list of languages, such as [en, nl]",
    ),
    "time-zone-not-one-value": (
        edited(ZONE, "default_timezone: [Europe/Amsterdam]"),
        ("[Europe/Amsterdam]", 1, 0),
        "must be a time zone, not a list or mapping",
    ),
    "claimreview-not-boolean": (
        edited("    claimreview: true", "    claimreview: ja"),
        ("ja", 1, 0),
        "must be true or false, got 'ja'",
    ),
    "two-claimreviews": (
        edited("  01-sources:\n", "  01-sources:\n    claimreview: true\n"),
        ("04-factcheck:", 1, 0),
        "claimreview: true is already set on 01-sources",
    ),
    "empty-file": (
        "# nothing yet\n",
        None,
        "file is empty; it needs languages, default_timezone, data_as_of, notebooks",
    ),
    "not-a-mapping": ("- en\n- nl\n", None, "must be a mapping (key: value)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_one_message_with_line_and_column(tmp_path, case):
    text, where, message = CASES[case]
    if where is None:
        location = "1:1"
    else:
        needle, nth, offset = where
        line, column = at(text, needle, nth).split(":")
        location = f"{line}:{int(column) + offset}"
    if message is None:  # a duplicate key names the line of the first one
        key = text.splitlines()[int(location.split(":")[0]) - 1].strip().split(":")[0]
        message = f"duplicate key {key!r} (first on line {at(text, key + ':').split(':')[0]})"
    shown = paths.display(tmp_path / "reports.yml")
    assert read(tmp_path, text) == [f"{shown}:{location}: {message}"]


def test_missing_file_is_one_message(tmp_path):
    settings, found = config.read(tmp_path / "reports.yml")
    assert settings is None
    assert [str(p) for p in found] == [
        f"{paths.display(tmp_path / 'reports.yml')}:0:-: file not found"
    ]


def test_several_mistakes_are_all_reported_in_order(tmp_path):
    text = edited(LANGS, "languages: [en, xx]").replace(ZONE, "default_timezone: Mars/Base")
    shown = paths.display(tmp_path / "reports.yml")
    assert read(tmp_path, text) == [
        f"{shown}:{at(text, 'xx')}: unknown language 'xx'; use a language code such as en, nl, de",
        f"{shown}:{at(text, 'Mars/Base')}: unknown time zone 'Mars/Base'; use an IANA name such "
        "as Europe/Amsterdam",
    ]


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  03-crew:\n", "  03-crewe:\n", "unknown notebook '03-crewe'"),
        (LANGS, "languages: [en, nl", "not valid YAML"),
        (ZONE, "default_timezone: Amsterdam", "unknown time zone 'Amsterdam'"),
    ],
    ids=["unknown-notebook", "bad-yaml", "unknown-zone"],
)
def test_render_stops_with_the_message_before_writing_anything(tmp_path, old, new, message):
    project = copy_project(tmp_path / "project")
    project.edit("reports.yml", old, new)
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
