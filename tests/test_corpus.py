"""A corpus of mistakes a journalist can make, each a small mutation of a scratch copy of the
project: every one gives exactly the expected ``file:line:column: message`` (one root cause,
one message), no traceback and a non-zero exit; through ``render`` it also leaves reports/
byte-identical. Then the faults of a render: a read-only folder, a full disk, two renders at
once and a render killed with SIGKILL while a kernel runs or while charts are drawn.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from project import (
    Project,
    at,
    base_language,
    config_changed,
    config_edited,
    copy_project,
    key_at,
    notebook_spec,
    settings,
    spare_language,
)

from factdesk import paths
from factdesk.build import config
from factdesk.facts import schema
from factdesk.facts.csvfile import read_raw

CLAIMS = "data/facts/claims.csv"
SOURCES = "data/facts/sources.csv"
ENTITIES = "data/facts/entities.csv"
EXCUSED = "data/facts/excused.csv"
RECONCILIATION = "data/facts/reconciliation.csv"
VERDICTS = "data/facts/verdicts.csv"
RECORD = "data/reference/record.csv"
SPACEFLIGHTS = "data/reference/spaceflights.csv"
CONFIG = "reports.yml"
CLEANING = "data/cleaning.yaml"
RULES_TEXT = (paths.ROOT / CLEANING).read_text(encoding="utf-8")
LEAD_PATTERN = next(x for x in re.findall(r"pattern: ('[^\n]*')", RULES_TEXT) if "$" in x)
EN_ARTICLE = "data/raw/articles/en-ms19-launch.txt"
BASE = base_language()
PACKAGE = schema.package()

# A line of output that is a problem: ``file:line:column: message``.
PROBLEM = re.compile(r"^[\w./@-]+:\d+:[^\s:]+: ")


def line(relative: str, key: str) -> int:
    """The line of the row whose first column is ``key`` in the real (unmutated) file."""
    frame = read_raw(paths.ROOT / relative).frame
    hits = frame.index[frame.iloc[:, 0] == key]
    assert len(hits) == 1, (relative, key)
    return int(hits[0])


def next_line(relative: str) -> int:
    """The line a row appended to the real file starts on."""
    return len((paths.ROOT / relative).read_text(encoding="utf-8").splitlines()) + 1


def line_where(relative: str, **cells: str) -> int:
    """The line of the one row of the real file whose cells have these values."""
    frame = read_raw(paths.ROOT / relative).frame
    hits = frame.index[(frame[list(cells)] == list(cells.values())).all(axis=1)]
    assert len(hits) == 1, (relative, cells)
    return int(hits[0])


def spot(relative: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """(line, character), both 1-based, of the first ``needle`` in the real file, the
    character moved right by ``offset`` characters."""
    text = (paths.ROOT / relative).read_text(encoding="utf-8")
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1 + offset


def header_of(relative: str) -> tuple[str, ...]:
    return read_raw(paths.ROOT / relative).header


def group_verdicts(group_id: str, **changed: str) -> str:
    """``claim verdict, ...`` of an agree group, as rule 1 names them, with some verdicts
    changed: the group's claims in their order, those that have a verdict."""
    groups = read_raw(paths.ROOT / RECONCILIATION).frame.set_index("group_id")
    verdicts = read_raw(paths.ROOT / VERDICTS).frame.set_index("claim_id")["verdict"]
    ids = [i.strip() for i in groups.loc[group_id, "claim_ids"].split(";")]
    return ", ".join(f"{i} {changed.get(i, verdicts[i])}" for i in ids if i in verdicts.index)


# reports.yml: the real settings as data, written in the tests' fixed layout
# (project.config_text), so each mistake below is made in any valid reports.yml.
SETTINGS = settings()
LANGUAGES = list(SETTINGS["languages"])
FIRST_NOTEBOOK, LAST_NOTEBOOK = list(SETTINGS["notebooks"])[0], list(SETTINGS["notebooks"])[-1]
LANGS = f"languages: [{', '.join(LANGUAGES)}]"
ZONE = f"default_timezone: {SETTINGS['default_timezone']}"
NO_CATALOG = spare_language()  # Babel knows it; it has no catalog and is not configured
FIRST_SOURCE = read_raw(paths.ROOT / SOURCES).frame.iloc[0]["source_id"]
OTHER = next((language for language in LANGUAGES if language != BASE), None)
CLAIMREVIEW = config.load().claimreview or LAST_NOTEBOOK


def write_config(text: str) -> Callable[[Project], None]:
    return lambda p: p.path(CONFIG).write_text(text, encoding="utf-8")


# --- mutations --------------------------------------------------------------------------------


def set_cell(relative: str, key: str, column: str, value: str) -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        header, rows = p.rows(relative)
        hit = [r for r in rows if r[header[0]] == key]
        assert len(hit) == 1, key
        hit[0][column] = value
        p.write_rows(relative, header, rows)

    return mutate


def drop_row(relative: str, key: str) -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        header, rows = p.rows(relative)
        kept = [r for r in rows if r[header[0]] != key]
        assert len(kept) == len(rows) - 1, key
        p.write_rows(relative, header, kept)

    return mutate


def add_row(relative: str, **cells: str) -> Callable[[Project], None]:
    """Append a row; a translated cell given in the base language only is copied into every
    other language's column of the file (a complete row: the case is about one mistake)."""

    def mutate(p: Project) -> None:
        header, rows = p.rows(relative)
        row = {k: cells.get(k, "") for k in header}
        for column in header:
            name, _, language = column.partition("@")
            if language and not row[column]:
                row[column] = cells.get(f"{name}@{BASE}", "")
        p.write_rows(relative, header, [*rows, row])

    return mutate


def drop_column(relative: str, column: str) -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        header, rows = p.rows(relative)
        p.write_rows(relative, [h for h in header if h != column], rows_without(rows, column))

    return mutate


def rows_without(rows: list[dict[str, str]], column: str) -> list[dict[str, str]]:
    return [{k: v for k, v in r.items() if k != column} for r in rows]


def add_column(relative: str, column: str) -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        header, rows = p.rows(relative)
        p.write_rows(relative, [*header, column], rows)

    return mutate


def header_only(relative: str) -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        text = p.path(relative).read_text(encoding="utf-8")
        p.path(relative).write_text(text.splitlines()[0] + "\n", encoding="utf-8")

    return mutate


def remove(relative: str) -> Callable[[Project], None]:
    return lambda p: p.path(relative).unlink()


def edit(relative: str, old: str, new: str) -> Callable[[Project], None]:
    return lambda p: p.edit(relative, old, new)


def replace_bytes(relative: str, old: bytes, new: bytes) -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        data = p.path(relative).read_bytes()
        assert old in data, old
        p.path(relative).write_bytes(data.replace(old, new, 1))

    return mutate


def resave(relative: str, transform: Callable[[str], str]) -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        text = p.path(relative).read_text(encoding="utf-8")
        p.path(relative).write_text(transform(text), encoding="utf-8")

    return mutate


def edit_article(old: str, new: str, update_checksum: bool) -> Callable[[Project], None]:
    """Edit the English article; with ``update_checksum`` record its new sha256 in sources."""

    def mutate(p: Project) -> None:
        replace_bytes(EN_ARTICLE, old.encode(), new.encode())(p)
        if update_checksum:
            digest = hashlib.sha256(p.path(EN_ARTICLE).read_bytes()).hexdigest()
            set_cell(SOURCES, "en-ms19-launch", "sha256", digest)(p)

    return mutate


def both(*mutations: Callable[[Project], None]) -> Callable[[Project], None]:
    def mutate(p: Project) -> None:
        for m in mutations:
            m(p)

    return mutate


# --- the corpus -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Project], None]
    errors: tuple[str, ...]  # every error line, exactly
    command: tuple[str, ...] = ("check",)
    warnings: tuple[str, ...] = ()  # every warning line, exactly
    status: int = 1
    says: str = ""  # a non-problem line the output must contain (render errors)


def render(*names: str) -> tuple[str, ...]:
    return ("render", *names, "--jobs", "1")


C = CLAIMS
nl016, en002, en009, en021 = (line(C, k) for k in ("nl-016", "en-002", "en-009", "en-021"))
INVISIBLE_KEPT = "kept (the article stays byte-for-byte), but check what it hides"
HEADER_NO_ROWS = "the table has a header but no rows"
NOT_FOUND_IN = "not found verbatim in the cleaned text of en-ms19-launch"
CAFE = spot(C, "is an experienced cosmonaut.", len("is an experienced cosmonaut caf"))
FIELDS = len(header_of(C))
NL_SOURCE, EN_SOURCE = line(SOURCES, "nl-ms19-launch"), line(SOURCES, "en-ms19-launch")
CRUISE = "Tom Cruise wants too"
EDITED_SHA = hashlib.sha256(
    (paths.ROOT / EN_ARTICLE).read_bytes().replace(b"Russian actress", b"Russian actres", 1)
).hexdigest()

CASES = [
    # ---- a table that cannot be read: one message naming the file, no cascade
    Case(
        "header-only-claims",
        header_only(C),
        (f"{C}:1:-: {HEADER_NO_ROWS}",),
    ),
    Case("header-only-entities", header_only(ENTITIES), (f"{ENTITIES}:1:-: {HEADER_NO_ROWS}",)),
    Case("header-only-verdicts", header_only(VERDICTS), (f"{VERDICTS}:1:-: {HEADER_NO_ROWS}",)),
    Case("missing-claims", remove(C), (f"{C}:0:-: file not found",)),
    Case("missing-sources", remove(SOURCES), (f"{SOURCES}:0:-: file not found",)),
    Case(
        "empty-claims",
        resave(C, lambda t: ""),
        (f"{C}:1:-: file is empty (a header row is required)",),
    ),
    Case(
        "semicolon-separated-claims",
        resave(C, lambda t: t.replace(",", ";")),
        (
            f"{C}:1:-: looks like semicolon (;)-separated, not comma-separated; save it as "
            "comma-separated CSV (UTF-8)",
        ),
    ),
    Case(
        "tab-separated-record",
        resave(RECORD, lambda t: t.replace(",", "\t")),
        (
            f"{RECORD}:1:-: looks like tab-separated, not comma-separated; save it as "
            "comma-separated CSV (UTF-8)",
        ),
    ),
    Case(
        "cp1252-byte-in-claims",
        replace_bytes(
            C,
            b"is an experienced cosmonaut.",
            "is an experienced cosmonaut café.".encode("cp1252"),
        ),
        (
            f"{C}:{CAFE[0]}:statement: not valid UTF-8: byte 0xe9 at character {CAFE[1]} of line "
            f"{CAFE[0]}; it looks like Windows-1252 (cp1252, Excel on Windows), where it is 'é'; "
            "save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
        ),
    ),
    Case(
        "utf16-claims",
        lambda p: p.path(C).write_bytes(p.path(C).read_text(encoding="utf-8").encode("utf-16")),
        (
            f"{C}:1:-: not valid UTF-8: byte 0xff at character 1 of line 1; it looks like "
            "UTF-16 (a spreadsheet's 'Unicode text'); save the file as UTF-8 (in a "
            "spreadsheet: CSV UTF-8)",
        ),
    ),
    Case(
        "malformed-quotes",
        edit(C, ",From Baikonur base in Kazakhstan,", ',"From Baikonur" base in Kazakhstan,'),
        (
            f"{C}:{en002}:-: malformed CSV in the row starting on this line (',' expected after "
            "'\"'); a cell with commas, quotes or line breaks must be in double quotes, its own "
            'quotes doubled ("")',
        ),
    ),
    Case(
        "unclosed-quote-in-last-row",
        resave(C, lambda t: t + 'en-999,en-ms19-launch,"Russian actress\n'),
        (
            f"{C}:{next_line(C)}:-: malformed CSV in the row starting on this line (unexpected "
            "end of data); a cell with commas, quotes or line breaks must be in double quotes, "
            'its own quotes doubled ("")',
        ),
    ),
    Case(
        "stray-delimiter-row",
        edit(C, ",From Baikonur base in Kazakhstan,", ",From Baikonur base, in Kazakhstan,"),
        (
            f"{C}:{en002}:-: row has {FIELDS + 1} fields, the header has {FIELDS} (a stray or "
            "missing comma? quote cells that contain commas)",
        ),
    ),
    # ---- one cell against its schema
    Case(
        "negative-count",
        set_cell(C, "en-021", "value_number", "-2"),
        (f"{C}:{en021}:value_number: must be at least 0, got -2",),
    ),
    Case(
        "implausible-age",
        set_cell(C, "en-009", "value_number", "400"),
        (f"{C}:{en009}:value_number: 400 years is outside the plausible range 0–150 years",),
    ),
    Case(
        "not-a-number",
        set_cell(C, "en-021", "value_number", "two"),
        (f"{C}:{en021}:value_number: must be a number (with a dot for decimals), got 'two'",),
    ),
    Case(
        "decimal-comma",
        set_cell(C, "en-006", "value_number", "430,5"),
        (
            f"{C}:{line(C, 'en-006')}:value_number: must be a number (with a dot for decimals), "
            "got '430,5'",
        ),
    ),
    Case(
        "naive-time",
        set_cell(C, "nl-016", "value_time", "2021-10-05T14:12:00"),
        (
            f"{C}:{nl016}:value_time: must be an ISO 8601 time with a UTC offset (e.g. "
            "2021-10-05T14:12:00+02:00), got '2021-10-05T14:12:00'; naive times are ambiguous",
        ),
    ),
    Case(
        "wrong-offset-for-zone",
        set_cell(C, "nl-016", "value_time", "2021-10-05T14:12:00+03:00"),
        (
            f"{C}:{nl016}:value_time: offset of '2021-10-05T14:12:00+03:00' is not "
            "Europe/Amsterdam's offset (2:00:00) at that time",
        ),
    ),
    Case(
        "unknown-zone",
        set_cell(C, "nl-016", "value_timezone", "Europe/Amsterdamm"),
        (
            f"{C}:{nl016}:value_timezone: unknown IANA time zone 'Europe/Amsterdamm'; did you "
            "mean 'Europe/Amsterdam'?",
        ),
    ),
    Case(
        "zone-without-time",
        set_cell(C, "en-002", "value_timezone", "Europe/Amsterdam"),
        (f"{C}:{en002}:value_time: value_timezone is set but value_time is empty",),
    ),
    Case(
        "invalid-time",
        set_cell(C, "nl-016", "value_time", "2021-10-32T14:12:00+02:00"),
        (f"{C}:{nl016}:value_time: not a valid date/time: '2021-10-32T14:12:00+02:00'",),
    ),
    Case(
        "record-time-not-utc",
        set_cell(RECORD, "ms19-launch", "value_time", "2021-10-05T10:55:02+02:00"),
        (
            f"{RECORD}:{line(RECORD, 'ms19-launch')}:value_time: must be given in UTC (+00:00), "
            "got '2021-10-05T10:55:02+02:00'",
        ),
    ),
    Case(
        "invalid-date",
        set_cell(SOURCES, "nl-ms19-launch", "published", "2021-02-30"),
        (f"{SOURCES}:{NL_SOURCE}:published: not a valid calendar date: '2021-02-30'",),
    ),
    Case(
        "date-not-iso",
        set_cell(SOURCES, "nl-ms19-launch", "published", "5 Oct 2021"),
        (f"{SOURCES}:{NL_SOURCE}:published: must be a date YYYY-MM-DD, got '5 Oct 2021'",),
    ),
    Case(
        "invalid-enum",
        set_cell(C, "en-002", "topic", "sport"),
        (
            f"{C}:{en002}:topic: must be one of: "
            f"{', '.join(PACKAGE['claims'].field('topic').enum)} (got 'sport')",
        ),
    ),
    Case(
        "invalid-boolean",
        set_cell(C, "en-002", "checkable", "yes"),
        (f"{C}:{en002}:checkable: must be true or false, got 'yes'",),
    ),
    Case(
        "bad-url",
        set_cell(SOURCES, "nl-ms19-launch", "url", "www.bd.nl/show"),
        (f"{SOURCES}:{NL_SOURCE}:url: must be an http(s) URL, got 'www.bd.nl/show'",),
    ),
    Case(
        "empty-required-cell",
        set_cell(C, "en-002", "statement", ""),
        (f"{C}:{en002}:statement: must not be empty",),
    ),
    Case(
        "missing-column",
        drop_column(C, "quote"),
        (f"{C}:1:quote: required column is missing",),
    ),
    Case(
        "unknown-column",
        add_column(C, "comment"),
        (f"{C}:1:comment: unknown column (not in the schema of claims)",),
    ),
    Case(
        "duplicate-id",
        set_cell(C, "en-002", "claim_id", "en-001"),
        (f"{C}:{en002}:claim_id: duplicate id 'en-001' (first on line {line(C, 'en-001')})",),
    ),
    Case(
        "malformed-id",
        set_cell(C, "en-002", "claim_id", "EN 002"),
        (
            f"{C}:{en002}:claim_id: must be a lowercase id (letters, digits, hyphens), "
            "got 'EN 002'",
        ),
    ),
    Case(
        "duplicate-composite-key",
        edit(SPACEFLIGHTS, "anton-shkaplerov,Soyuz TMA-15M", "anton-shkaplerov,Soyuz TMA-22"),
        (
            f"{SPACEFLIGHTS}:"
            f"{line_where(SPACEFLIGHTS, person='anton-shkaplerov', flight_up='Soyuz TMA-15M')}:"
            "person: duplicate key ('anton-shkaplerov', 'Soyuz TMA-22') (first on line "
            f"{line_where(SPACEFLIGHTS, person='anton-shkaplerov', flight_up='Soyuz TMA-22')})",
        ),
    ),
    Case(
        "duplicate-record-id",
        set_cell(RECORD, "ms19-launch-site", "record_id", "ms19-launch"),
        (
            f"{RECORD}:{line(RECORD, 'ms19-launch-site')}:record_id: duplicate id 'ms19-launch' "
            f"(first on line {line(RECORD, 'ms19-launch')})",
        ),
    ),
    Case(
        "duplicate-source-id",
        set_cell(SOURCES, "en-ms19-launch", "source_id", "nl-ms19-launch"),
        (
            f"{SOURCES}:{max(NL_SOURCE, EN_SOURCE)}:source_id: duplicate id 'nl-ms19-launch' "
            f"(first on line {min(NL_SOURCE, EN_SOURCE)})",
        ),
    ),
    Case(
        "malformed-checksum",
        set_cell(SOURCES, "en-ms19-launch", "sha256", "459673b3"),
        (f"{SOURCES}:{EN_SOURCE}:sha256: must be a 64-digit hex SHA-256, got '459673b3'",),
    ),
    Case(
        "missing-base-language-column",
        drop_column(VERDICTS, f"explanation@{BASE}"),
        (f"{VERDICTS}:1:explanation@{BASE}: required column is missing",),
    ),
    *(
        Case(
            f"missing-translation-warns-{language}",
            drop_column(VERDICTS, f"explanation@{language}"),
            (),
            warnings=(
                f"{VERDICTS}:1:explanation@{language}: warning: no {language!r} translation; "
                f"reports show explanation@{BASE}",
            ),
            status=0,
        )
        # every report language but the base one whose column the table has
        for language in LANGUAGES
        if language != BASE and f"explanation@{language}" in header_of(VERDICTS)
    ),
    Case(
        "empty-list-item",
        set_cell(ENTITIES, "iss", "aliases", "ISS;;ruimtestation"),
        (f"{ENTITIES}:{line(ENTITIES, 'iss')}:aliases: empty item in a ';'-separated list",),
    ),
    Case(
        "zero-width-space-in-claim",
        set_cell(
            C, "en-002", "statement", "They left from the Baikonur\u200b base in Kazakhstan."
        ),
        (
            f"{C}:{en002}:statement: invisible control character U+200B ZERO WIDTH SPACE at "
            "character 28",
        ),
    ),
    Case(
        "rtl-override-in-entity-name",
        set_cell(ENTITIES, "anton-shkaplerov", f"name@{BASE}", "Anton \u202eShkaplerov"),
        (
            f"{ENTITIES}:{line(ENTITIES, 'anton-shkaplerov')}:name@{BASE}: invisible control "
            "character U+202E RIGHT-TO-LEFT OVERRIDE at character 7",
        ),
    ),
    Case(
        "hidden-tag-characters",
        set_cell(C, "en-002", "note", "ok\U000e0041\U000e0042"),
        (
            f"{C}:{en002}:note: 2 invisible control characters: U+E0041 TAG LATIN CAPITAL "
            "LETTER A at 3, U+E0042 TAG LATIN CAPITAL LETTER B at 4",
        ),
    ),
    Case(
        "form-feed-in-cell",
        set_cell(C, "en-002", "statement", "They left\x0cfrom Baikonur."),
        (f"{C}:{en002}:statement: invisible control character U+000C CONTROL at character 10",),
    ),
    # ---- across tables and articles
    Case(
        "unknown-source-id",
        set_cell(C, "en-002", "source_id", "xx-unknown-paper"),
        (f"{C}:{en002}:source_id: unknown source id 'xx-unknown-paper' (not in {SOURCES})",),
    ),
    Case(
        "unknown-entity-id",
        set_cell(C, "en-002", "subject", "soyuz-ms-91"),
        (f"{C}:{en002}:subject: unknown entity id 'soyuz-ms-91' (not in {ENTITIES})",),
    ),
    Case(
        "quote-not-verbatim",
        set_cell(C, "en-002", "quote", "From Baikonur base in Kasachstan"),
        (f"{C}:{en002}:quote: quote {NOT_FOUND_IN}: 'From Baikonur base in Kasachstan'",),
    ),
    Case(
        "quote-from-another-article",
        set_cell(C, "en-002", "source_id", "nl-ms19-launch"),
        (
            f"{C}:{en002}:quote: quote is from another article (en-ms19-launch), not from "
            "nl-ms19-launch",
        ),
    ),
    Case(
        "edited-raw-article",
        edit_article("Russian actress", "Russian actres", update_checksum=False),
        (
            f"{SOURCES}:{EN_SOURCE}:sha256: {EN_ARTICLE} has changed (sha256 {EDITED_SHA[:12]}…); "
            "raw data must not be edited",
        ),
    ),
    Case(
        "missing-raw-article",
        remove(EN_ARTICLE),
        (f"{SOURCES}:{EN_SOURCE}:raw_file: {EN_ARTICLE}: file not found",),
    ),
    Case(
        "cp1252-article",
        both(
            replace_bytes(
                EN_ARTICLE, b"Tom Cruise wants too", "Tom Cruise wänts too".encode("cp1252")
            ),
        ),
        (
            f"{EN_ARTICLE}:{spot(EN_ARTICLE, CRUISE)[0]}:-: not valid UTF-8: byte 0xe4 at "
            f"character {spot(EN_ARTICLE, CRUISE, len('Tom Cruise w'))[1]} of line "
            f"{spot(EN_ARTICLE, CRUISE)[0]}; it looks like Windows-1252 (cp1252, Excel on "
            "Windows), where it is 'ä'; save the file as UTF-8",
        ),
    ),
    Case(
        "zero-width-space-in-article-warns",
        edit_article("Tom Cruise wants too\n", "Tom Cruise wants too\u200b\n", True),
        (),
        warnings=(
            f"{EN_ARTICLE}:{':'.join(map(str, spot(EN_ARTICLE, CRUISE, len(CRUISE))))}: "
            "warning: invisible control character U+200B ZERO WIDTH SPACE at character "
            f"{spot(EN_ARTICLE, CRUISE, len(CRUISE))[1]}; {INVISIBLE_KEPT}",
        ),
        status=0,
    ),
    Case(
        "rtl-override-in-article-warns",
        edit_article("Tom Cruise wants too\n", "Tom Cruise \u202ewants too\n", True),
        (),
        warnings=(
            f"{EN_ARTICLE}:{':'.join(map(str, spot(EN_ARTICLE, CRUISE, len('Tom Cruise '))))}: "
            "warning: invisible control character U+202E RIGHT-TO-LEFT OVERRIDE at character "
            f"{spot(EN_ARTICLE, CRUISE, len('Tom Cruise '))[1]}; {INVISIBLE_KEPT}",
        ),
        status=0,
    ),
    Case(
        "uncovered-sentence",
        drop_row(EXCUSED, "nl-ms19-launch:p03s01"),
        (
            f"{EXCUSED}:1:sentence_id: sentence nl-ms19-launch:p03s01 ('Wordt vervolgd') has "
            "no claim and is not excused",
        ),
    ),
    Case(
        "excused-id-does-not-exist",
        add_row(EXCUSED, sentence_id="nl-ms19-launch:p99s01", reason="A heading."),
        (
            f"{EXCUSED}:{next_line(EXCUSED)}:sentence_id: unknown sentence id "
            "'nl-ms19-launch:p99s01'",
        ),
    ),
    Case(
        "group-from-one-article",
        set_cell(RECONCILIATION, "r01", "claim_ids", "nl-013;nl-012"),
        (
            f"{RECONCILIATION}:2:claim_ids: a group needs claims from at least two articles; "
            "all of nl-013, nl-012 are from nl-ms19-launch",
        ),
    ),
    Case(
        "verdict-for-unknown-claim",
        add_row(
            VERDICTS,
            claim_id="en-999",
            verdict="accurate",
            basis="confirmed",
            record_ids="ms19-launch",
            **{"explanation@en": "Record: launched on 5 Oct 2021."},
        ),
        (
            f"{VERDICTS}:{next_line(VERDICTS)}:claim_id: unknown claim id 'en-999' (not in "
            f"{CLAIMS})",
        ),
    ),
    Case(
        # a typo in a verdict's claim id: both ends are named (intentionally two messages)
        "verdict-claim-id-typo",
        set_cell(VERDICTS, "en-002", "claim_id", "en-902"),
        (
            f"{C}:{en002}:claim_id: claim 'en-002' has no verdict yet (in {VERDICTS})",
            f"{VERDICTS}:{line(VERDICTS, 'en-002')}:claim_id: unknown claim id 'en-902' (not "
            f"in {CLAIMS})",
        ),
    ),
    Case(
        "claim-without-verdict",
        drop_row(VERDICTS, "en-002"),
        (f"{C}:{en002}:claim_id: claim 'en-002' has no verdict yet (in {VERDICTS})",),
    ),
    Case(
        "not-checkable-without-reason",
        set_cell(VERDICTS, "nl-027", "unchecked_reason", ""),
        (
            f"{VERDICTS}:{line(VERDICTS, 'nl-027')}:unchecked_reason: say why the claim is not "
            "checkable (opinion, quote, rumour, plan, no source found)",
        ),
    ),
    Case(
        "verdict-citing-unknown-record-row",
        set_cell(VERDICTS, "nl-003", "record_ids", "peresild-profesion"),
        (
            f"{VERDICTS}:{line(VERDICTS, 'nl-003')}:record_ids: unknown record id "
            f"'peresild-profesion' (not in {RECORD})",
        ),
    ),
    Case(
        "record-value-without-source",
        set_cell(RECORD, "ms19-launch", "source_url", ""),
        (
            f"{RECORD}:{line(RECORD, 'ms19-launch')}:source_url: a value needs its source "
            "(title, URL and a verbatim excerpt)",
        ),
    ),
    Case(
        "record-row-without-value-or-note",
        both(
            *(
                set_cell(RECORD, "ms19-launch-site", c, "")
                for c in (*(h for h in header_of(RECORD) if h.startswith("value_text@")), "note")
            )
        ),
        (
            f"{RECORD}:{line(RECORD, 'ms19-launch-site')}:note: a row without a value must say "
            "why in note",
        ),
    ),
    Case(
        "words-section-with-an-unknown-hedge-meaning",
        resave(
            f"notebooks/locales/{BASE}.yaml",
            lambda text: text + "words:\n  hedges: {circa: approx}\n",
        ),  # fmt: skip
        (
            f"notebooks/locales/{BASE}.yaml:0:-: words.hedges: 'circa': 'approx' is not one of "
            "about, nearly, more_than, at_least, less_than, at_most",
        ),
    ),
    # ---- where an article came from: never a guessed outlet
    Case(
        "outlet-filled-without-saying-how-it-was-identified",
        both(
            set_cell(SOURCES, FIRST_SOURCE, "outlet", "Example Daily"),
            set_cell(SOURCES, FIRST_SOURCE, "notes", "Found on the web."),
        ),
        (
            f"{SOURCES}:{line(SOURCES, FIRST_SOURCE)}:notes: outlet is filled: say in notes how "
            "it was identified (the word 'identified'); never guess an outlet",
        ),
    ),
    Case(
        "no-outlet-and-notes-do-not-say-unknown",
        set_cell(SOURCES, FIRST_SOURCE, "notes", "Received as plain text."),
        (
            f"{SOURCES}:{line(SOURCES, FIRST_SOURCE)}:notes: outlet and url are empty: say in "
            "notes that they are unknown (the word 'unknown'), or fill them with how they were "
            "identified",
        ),
    ),
    # ---- editorial rules
    Case(
        "agreeing-claims-contradict",
        both(
            set_cell(VERDICTS, "en-002", "verdict", "inaccurate"),
            set_cell(VERDICTS, "en-002", "basis", "contradicted"),
        ),
        (
            f"{RECONCILIATION}:{line(RECONCILIATION, 'r01')}:claim_ids: claims that agree carry "
            f"contradicting verdicts: {group_verdicts('r01', **{'en-002': 'inaccurate'})}",
        ),
    ),
    Case(
        "explanation-number-off",
        set_cell(VERDICTS, "en-006", f"explanation@{BASE}", "Record: about 520 km."),
        (
            f"{VERDICTS}:{line(VERDICTS, 'en-006')}:explanation@{BASE}: '520 km' is typed "
            "arithmetic or a typo: no cited row holds it and no source states it; compute it "
            "with a template field such as {value:ID} or {duration:FIRST..SECOND} (or quote the "
            "source)",
        ),
    ),
    Case(
        "verdict-without-record-row",
        set_cell(VERDICTS, "nl-003", "record_ids", ""),
        (
            f"{VERDICTS}:{line(VERDICTS, 'nl-003')}:record_ids: a verdict of 'accurate' must "
            "cite at least one record row",
        ),
    ),
    # ---- reports.yml (the real settings, one mistake each)
    Case(
        "config-bad-yaml",
        write_config(text := config_edited(LANGS, LANGS[:-1])),
        (
            f"{CONFIG}:{at(text, 'default_timezone:', offset=len('default_timezone'))}: not valid "
            "YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts "
            f"at line {at(text, '[').replace(':', ', column ')})",
        ),
    ),
    Case(
        "config-tab-indent",
        write_config(text := config_edited(f"  {FIRST_NOTEBOOK}:\n", f"  {FIRST_NOTEBOOK}:\n\t")),
        (
            f"{CONFIG}:{at(text, chr(9))}: not valid YAML: found character that cannot start any "
            "token (indent with spaces, not tabs)",
        ),
    ),
    Case(
        "config-unknown-notebook",
        write_config(
            text := config_changed(
                lambda d: d.update(
                    notebooks={
                        (f"{k}-typo" if k == LAST_NOTEBOOK else k): v
                        for k, v in d["notebooks"].items()
                    }
                )
            )
        ),
        (
            f"{CONFIG}:{key_at(text, f'{LAST_NOTEBOOK}-typo')}: unknown notebook "
            f"'{LAST_NOTEBOOK}-typo' (no notebooks/{LAST_NOTEBOOK}-typo.ipynb); known: "
            f"{', '.join(sorted(p.stem for p in paths.NOTEBOOKS.glob('*.ipynb')))}",
        ),
    ),
    Case(
        "config-unknown-language",
        write_config(text := config_changed(lambda d: d.update(languages=[LANGUAGES[0], "xx"]))),
        (
            f"{CONFIG}:{at(text, 'xx]')}: unknown language 'xx'; use a language code such as "
            "en, nl, de",
        ),
    ),
    Case(
        "config-language-without-catalog",
        write_config(
            text := config_changed(lambda d: d.update(languages=[*LANGUAGES, NO_CATALOG]))
        ),
        (
            f"{CONFIG}:{at(text, f'{NO_CATALOG}]')}: no catalog for language {NO_CATALOG!r}: add "
            f"notebooks/locales/{NO_CATALOG}.yaml",
        ),
    ),
    Case(
        "config-unknown-time-zone",
        write_config(
            text := config_changed(lambda d: d.update(default_timezone="Europe/Amsterdm"))
        ),
        (
            f"{CONFIG}:{at(text, 'Europe/Amsterdm')}: unknown time zone 'Europe/Amsterdm'; did "
            "you mean 'Europe/Amsterdam'?",
        ),
    ),
    Case(
        "config-unknown-notebook-zone",
        write_config(
            text := config_changed(
                lambda d: notebook_spec(d, FIRST_NOTEBOOK).update(timezones=["UTC", "Moscow"])
            )
        ),
        (
            f"{CONFIG}:{at(text, 'Moscow]')}: unknown time zone 'Moscow'; use an IANA name such "
            "as Europe/Amsterdam",
        ),
    ),
    Case(
        "config-duplicate-key",
        write_config(text := config_edited(ZONE, f"{ZONE}\ndefault_timezone: UTC")),
        (
            f"{CONFIG}:{at(text, 'default_timezone:', 2)}: duplicate key 'default_timezone' "
            f"(first on line {at(text, 'default_timezone:').split(':')[0]})",
        ),
    ),
    Case(
        "config-duplicate-notebook",
        write_config(
            text := config_edited(
                f"  {FIRST_NOTEBOOK}:\n", f"  {FIRST_NOTEBOOK}:\n  {FIRST_NOTEBOOK}:\n"
            )
        ),
        (
            f"{CONFIG}:{key_at(text, FIRST_NOTEBOOK, 2)}: duplicate key {FIRST_NOTEBOOK!r} "
            f"(first on line {key_at(text, FIRST_NOTEBOOK).split(':')[0]})",
        ),
    ),
    Case(
        "config-duplicate-language",
        write_config(
            text := config_changed(lambda d: d.update(languages=[*LANGUAGES, LANGUAGES[0]]))
        ),
        (f"{CONFIG}:{at(text, f'{LANGUAGES[0]}]')}: duplicate language {LANGUAGES[0]!r}",),
    ),
    Case(
        "config-missing-key",
        write_config(config_changed(lambda d: d.pop("default_timezone"))),
        (f"{CONFIG}:1:1: required key 'default_timezone' is missing",),
    ),
    Case(
        "config-unknown-key",
        write_config(text := config_edited(ZONE, f"{ZONE}\ntheme: dark")),
        (
            f"{CONFIG}:{at(text, 'theme:')}: unknown key 'theme'; known: "
            + ", ".join(config.KEYS + config.OPTIONAL),
        ),
    ),
    Case(
        "config-bad-data-as-of",
        write_config(text := config_changed(lambda d: d.update(data_as_of="2026-11-31"))),
        (f"{CONFIG}:{at(text, '2026-11-31')}: must be a date YYYY-MM-DD, got '2026-11-31'",),
    ),
    Case(
        "config-empty",
        resave(CONFIG, lambda t: ""),
        (
            f"{CONFIG}:1:1: file is empty; it needs languages, default_timezone, data_as_of, "
            "notebooks",
        ),
    ),
    Case(
        "config-not-a-mapping",
        resave(CONFIG, lambda t: "- en\n- nl\n"),
        (f"{CONFIG}:1:1: must be a mapping (key: value)",),
    ),
    Case(
        "config-claimreview-not-boolean",
        write_config(
            text := config_changed(
                lambda d: notebook_spec(d, CLAIMREVIEW).update(claimreview="yes please")
            )
        ),
        (f"{CONFIG}:{at(text, 'yes please')}: must be true or false, got 'yes please'",),
    ),
    Case(
        "config-time-zone-list",
        write_config(text := config_changed(lambda d: d.update(default_timezone=["UTC"]))),
        (f"{CONFIG}:{at(text, '[UTC]')}: must be a time zone, not a list or mapping",),
    ),
    # ---- the cleaning rules (data/cleaning.yaml): one message, no article cleaned, no cascade
    Case(
        "cleaning-bad-pattern",
        resave(CLEANING, lambda t: t.replace(LEAD_PATTERN, "'[unclosed'")),
        (
            f"{CLEANING}:{at(RULES_TEXT, LEAD_PATTERN)}: not a valid regular expression "
            "(unterminated character set at position 0)",
        ),
    ),
    Case(
        "cleaning-unknown-scope",
        resave(CLEANING, lambda t: t.replace("scope: lead", "scope: sideways")),
        (
            f"{CLEANING}:{at(RULES_TEXT, 'scope: lead', offset=len('scope: '))}: scope must "
            "be one of: match, lead",
        ),
    ),
    Case(
        "cleaning-repair-without-replace",
        resave(CLEANING, lambda t: re.sub(r"\n    replace: [^\n]*", "", t, count=1)),
        (f"{CLEANING}:{at(RULES_TEXT, 'find:')}: this repairs entry has no 'replace'",),
    ),
    Case(
        "cleaning-bad-yaml",
        resave(CLEANING, lambda t: t.replace("\n    reason:", "\n   reason:", 1)),
        (
            f"{CLEANING}:{at(RULES_TEXT, '    reason:', offset=3)}: not valid YAML: did not "
            "find expected '-' indicator (while parsing a block collection that starts at "
            f"line {at(RULES_TEXT, '- find').replace(':', ', column ')})",
        ),
    ),
]
del text

# The same mistakes through ``render``: it stops before any kernel runs and writes nothing.
RENDER_ERROR = "nothing was rendered or published (python -m factdesk check lists them)"
RENDERED = [
    "header-only-claims",
    "semicolon-separated-claims",
    "cp1252-byte-in-claims",
    "negative-count",
    "rtl-override-in-entity-name",
    "claim-without-verdict",
    "agreeing-claims-contradict",
    "config-bad-yaml",
    "config-unknown-notebook",
    "config-missing-key",
    "config-empty",
]
if OTHER:  # a translated cell left empty warns, naming it (only with a second language)
    CASES.append(
        Case(
            "empty-translation-cell-warns",
            set_cell(ENTITIES, "iss", f"name@{OTHER}", ""),
            (),
            warnings=(
                f"{ENTITIES}:{line(ENTITIES, 'iss')}:name@{OTHER}: warning: empty {OTHER!r} "
                f"translation; reports show name@{BASE}",
            ),
            status=0,
        )
    )

CASES += [
    Case(
        f"render:{c.id}",
        c.mutate,
        c.errors,
        command=render(),
        says=f"error: {len(c.errors)} problem(s); {RENDER_ERROR}",
    )
    for c in CASES
    if c.id in RENDERED
]
REPORT_NAMES = sorted(
    {r.notebook for r in config.load().reports} | {r.key for r in config.load().reports}
)
CASES += [
    Case(
        "render:unknown-report-name",
        lambda p: None,
        (),
        command=render("no-such-report"),
        says=f"error: unknown report(s): no-such-report; valid: {', '.join(REPORT_NAMES)}",
    ),
    Case(
        "render:unknown-language",
        lambda p: None,
        (),
        command=(*render(), "--language", NO_CATALOG),
        says=f"error: unknown language {NO_CATALOG!r}; reports.yml lists {', '.join(LANGUAGES)}",
    ),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Project:
    """One scratch copy of the project; every case copies it (a few MB, milliseconds)."""
    return copy_project(tmp_path_factory.mktemp("pristine"))


def scratch(pristine: Project, target: Path) -> Project:
    shutil.copytree(pristine.root, target, symlinks=True)
    return Project(target)


def lines_of(result: subprocess.CompletedProcess) -> list[str]:
    return (result.stdout + result.stderr).splitlines()


@pytest.fixture(scope="module")
def baseline(pristine: Project) -> frozenset[str]:
    """The problems ``check`` reports on the unmutated copy: no error, and the warnings the
    project has anyway (a partly translated language warns). A case is judged by what its
    mutation adds."""
    result = pristine.run("check")
    problems = [x for x in lines_of(result) if PROBLEM.match(x)]
    assert result.returncode == 0, "\n".join(lines_of(result))
    assert [x for x in problems if ": warning: " not in x] == []
    return frozenset(problems)


def test_corpus_is_large_and_distinct():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_mistake_gives_one_clear_message(case: Case, pristine: Project, baseline, tmp_path):
    project = scratch(pristine, tmp_path / "project")
    case.mutate(project)
    before = project.snapshot()
    result = project.run(*case.command)
    output = lines_of(result)
    problems = [x for x in output if PROBLEM.match(x)]
    shown = "\n".join(output)
    assert "Traceback" not in shown, shown
    assert result.returncode == case.status, shown
    assert sorted(x for x in problems if ": warning: " not in x) == sorted(case.errors), shown
    new_warnings = [x for x in problems if ": warning: " in x and x not in baseline]
    assert sorted(new_warnings) == sorted(case.warnings), shown
    if case.says:
        assert any(x.startswith(case.says) for x in output), shown
    if case.command[0] == "render":
        assert project.snapshot() == before


# --- faults while rendering -------------------------------------------------------------------

ONE = f"{BASE}/{FIRST_NOTEBOOK}"
CHARTED = f"{BASE}/03-crew"  # the story's crew report draws charts
SUMMARY = re.compile(
    r"^reports: (\d+) rendered, (\d+) exported, (\d+) up to date, (\d+) failed, [\d.]+ s"
)


def temps(project: Project) -> list[Path]:
    return sorted(project.reports.rglob("*fdtmp*"))


def ours(project: Project, command: bytes = b"") -> list[int]:
    """Processes a render of ``project`` started (kernels, Chromium), found by their
    FACTDESK_ROOT (kernels run in their own session, so killing the render's group misses
    them); with ``command``, only those whose command line contains it."""
    found = []
    mark = f"FACTDESK_ROOT={project.root}".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if mark in (proc / "environ").read_bytes().split(b"\0") and (
                command in (proc / "cmdline").read_bytes()
            ):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def kill_all(project: Project, render: subprocess.Popen) -> None:
    os.killpg(render.pid, signal.SIGKILL)
    render.wait(timeout=60)
    for pid in ours(project):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def start(project: Project, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "factdesk", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=project.env(TMPDIR=str(project.tmp)),
        cwd=project.root,
        start_new_session=True,
    )


def wait_for(condition: Callable[[], object], render: subprocess.Popen, what: str) -> object:
    """Poll until ``condition()`` is true; fail if the render ends first."""
    while True:
        found = condition()
        if found:
            return found
        if render.poll() is not None:
            out, err = render.communicate()
            pytest.fail(f"render ended before {what}:\n{out}\n{err}")
        time.sleep(0.05)


def one_error(result: subprocess.CompletedProcess) -> str:
    """The single error line of a failed render (FAILED ... or error: ...)."""
    shown = result.stdout + result.stderr
    assert "Traceback" not in shown, shown
    assert result.returncode != 0, shown
    errors = [x for x in shown.splitlines() if x.startswith(("FAILED ", "error: "))]
    assert len(errors) == 1, shown
    return errors[0]


@dataclass
class Scratch(Project):
    """A scratch project whose renders keep their temporary files in ``tmp``: a short path,
    as Chromium's socket path there must fit in 108 bytes."""

    tmp: Path = Path()


@pytest.fixture
def project(pristine, tmp_path) -> Iterator[Scratch]:
    p = scratch(pristine, tmp_path / "project")
    tmp = Path(tempfile.mkdtemp(prefix="fd-", dir="/tmp"))
    yield Scratch(p.root, tmp)
    shutil.rmtree(tmp, ignore_errors=True)


def mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` unwritable: chmod for a normal user; as root (whom chmod does not stop)
    a read-only bind mount of the folder onto itself."""
    if os.geteuid() != 0:
        dirs = [folder, *(d for d in folder.rglob("*") if d.is_dir())]
        for d in dirs:
            d.chmod(0o555)
        try:
            yield
        finally:
            for d in dirs:
                d.chmod(0o755)
        return
    bound = mount("--bind", str(folder), str(folder))
    if bound.returncode:
        pytest.skip(
            f"as root chmod cannot make {folder} read-only and mount fails: {bound.stderr}"
        )
    try:
        remounted = mount("-o", "remount,bind,ro", str(folder))
        assert remounted.returncode == 0, remounted.stderr
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@contextmanager
def full_disk(folder: Path) -> Iterator[None]:
    """``folder`` on a small tmpfs with its content and only a few kilobytes left: enough for
    the render lock and the check stamp, not for a report."""
    keep = folder.with_name(folder.name + ".orig")
    folder.rename(keep)
    folder.mkdir()
    made = mount("-t", "tmpfs", "-o", "size=8m", "factdesk-full", str(folder))
    if made.returncode:
        folder.rmdir()
        keep.rename(folder)
        pytest.skip(
            f"a full disk needs a small tmpfs, and this machine forbids mount: "
            f"{made.stderr.strip()}"
        )
    try:
        shutil.copytree(keep, folder, dirs_exist_ok=True)
        free = shutil.disk_usage(folder).free
        with open(folder / ".filler", "wb") as filler:
            filler.write(b"\0" * (free - 16 * 1024))
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()
        keep.rename(folder)


def test_read_only_reports_folder_is_one_clear_error(project):
    before = project.snapshot()
    with read_only(project.reports):
        result = project.run(*render(ONE))
    assert one_error(result) == (
        "error: cannot write reports/.cache/render.lock (the render lock): Read-only file "
        "system (is the folder read-only?)"
    )
    assert project.snapshot() == before


def built(project: Project) -> dict[str, str]:
    """Render ``ONE`` so the copy is up to date (index and downloads too); its snapshot."""
    ready = project.run(*render(ONE))
    assert ready.returncode == 0, ready.stdout + ready.stderr
    return project.snapshot()


def test_read_only_language_folder_names_the_report_being_written(project):
    before = built(project)
    with read_only(project.reports / BASE):
        result = project.run("render", ONE, "--force", "--jobs", "1")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert project.snapshot() == before
    assert not temps(project)
    assert one_error(result) == (
        f"FAILED cannot write reports/{ONE}.ipynb (the executed notebook): Read-only "
        "file system (is the folder read-only?)"
    )


def test_full_disk_is_one_clear_error_and_keeps_the_reports(project):
    before = built(project)
    with full_disk(project.reports):
        result = project.run("render", ONE, "--force", "--jobs", "1")
        assert not temps(project)
        (project.reports / ".filler").unlink()
        after = project.snapshot()
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert after == before
    assert one_error(result) == (
        f"FAILED cannot write reports/{ONE}.ipynb (the executed notebook): No space left on device"
    )


def test_second_concurrent_render_is_refused(project):
    first = start(project, "render", ONE, "--force", "--jobs", "1")
    lock = project.reports / ".cache" / "render.lock"
    try:
        wait_for(lambda: lock.is_file() and lock.read_text() == str(first.pid), first, "the lock")
        second = project.run(*render())
        assert one_error(second) == (
            f"error: another render (pid {first.pid}) is writing reports; wait for it to "
            "finish and run again"
        )
        out, err = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            kill_all(project, first)
    assert first.returncode == 0, out + err
    assert SUMMARY.match(out.splitlines()[-1]).groups() == ("1", "0", "0", "0"), out


def assert_valid_reports(project: Project) -> None:
    for nb in project.reports.glob("*/*.ipynb"):
        nbformat.validate(nbformat.read(nb, as_version=4))
    json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))


def test_render_killed_while_a_kernel_runs_recovers(project):
    good = built(project)  # up to date first, so the summary below is exact
    render_ = start(project, "render", ONE, "--force", "--jobs", "1")
    try:
        # the notebook being run is written beside the report, and a kernel runs it
        wait_for(
            lambda: list((project.reports / BASE).glob(".*.fdtmp-*")) and ours(project, b"kernel"),
            render_,
            "a kernel",
        )
    finally:
        kill_all(project, render_)
    assert temps(project), "killed before the kernel wrote anything"
    result = project.run(*render(ONE))
    shown = result.stdout + result.stderr
    assert result.returncode == 0, shown
    assert "Traceback" not in shown
    assert not temps(project)
    # the kill left the last good report: nothing to do
    summary = result.stdout.splitlines()[-1]
    assert SUMMARY.match(summary).groups() == ("0", "0", "1", "0"), shown
    assert summary.endswith("(nothing to do)")
    assert project.snapshot() == good
    assert_valid_reports(project)


def test_render_killed_while_charts_are_drawn_recovers(project):
    render_ = start(project, "render", CHARTED, "--force", "--jobs", "1")
    try:
        wait_for(lambda: list(project.tmp.glob("fd-tmp-*")), render_, "the charts")
    finally:
        kill_all(project, render_)
    assert not (project.reports / BASE / "img").is_dir(), "killed after the charts were written"
    left = list(project.tmp.glob("fd-tmp-*"))
    assert left, "the kill left no scratch folder: nothing here tests its removal"
    result = project.run(*render(CHARTED), TMPDIR=str(project.tmp))  # the same TMPDIR
    shown = result.stdout + result.stderr
    assert result.returncode == 0, shown
    assert "Traceback" not in shown
    assert not temps(project)
    # Kaleido's and Chromium's temporary files lived in the scratch folder: all gone
    assert not [p for p in left if p.exists()], left
    assert not list(project.tmp.iterdir()), list(project.tmp.iterdir())
    # the report ran before the kill; its page and charts are built again
    assert SUMMARY.match(result.stdout.splitlines()[-1]).groups() == ("0", "1", "0", "0"), shown
    assert_valid_reports(project)
    stamps = json.loads((project.reports / "manifest.json").read_text())["pages"]
    outputs = [project.reports / o for o in stamps[CHARTED]["outputs"]]
    images = [o for o in outputs if o.parent.name == "img"]
    assert images, outputs
    for output in outputs:
        assert output.stat().st_size > 0, output
    for image in images:
        head = image.read_bytes()[:100]
        assert head.startswith(b"\x89PNG") if image.suffix == ".png" else b"<svg" in head, image
