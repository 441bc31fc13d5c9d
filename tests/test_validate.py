"""The real fact base passes; the typed loaders never coerce a bad value to NaN; every schema
check gives its exact ``file:line:column: message``."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from project import base_language, copy_project, other_languages, spare_language

from factdesk import paths
from factdesk.facts import schema, tables
from factdesk.facts.check import check
from factdesk.facts.csvfile import TableError, read_raw
from factdesk.facts.schema import Field, Table
from factdesk.facts.validate import table_problems
from factdesk.language.catalog import TranslationFallback
from factdesk.problems import DataError, Problem, errors

PACKAGE = schema.package()
BASE = base_language()
# A translated column of another report language (the base one if there is no other).
OTHER = next(iter(other_languages()), BASE)


# --- the real project -------------------------------------------------------------------------


def test_real_fact_base_has_no_errors():
    assert [str(p) for p in errors(check())] == []


@pytest.mark.slow
def test_cli_check_exits_0_on_the_real_project_and_1_on_a_broken_copy(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    env["FACTDESK_ROOT"] = str(paths.ROOT)  # the project under test (a copy when one is named)
    ok = subprocess.run(
        [sys.executable, "-m", "factdesk", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=paths.REPOSITORY,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stderr.startswith("fact base OK")
    # warnings (a partly translated language) are allowed; an error is not
    assert all(": warning: " in x for x in ok.stdout.splitlines()), ok.stdout
    project = copy_project(tmp_path / "project", with_reports=False)
    project.edit("data/facts/verdicts.csv", "nl-003,accurate,", "nl-003,right,")
    bad = project.run("check")
    assert bad.returncode == 1
    line = read_raw(paths.FACTS / "verdicts.csv").frame.query("claim_id == 'nl-003'").index[0]
    # exactly one new line: the error; the warnings are the real project's
    assert sorted(bad.stdout.splitlines()) == sorted(
        [
            *ok.stdout.splitlines(),
            f"data/facts/verdicts.csv:{line}:verdict: must be one of: accurate, imprecise, "
            "inaccurate, not checkable (got 'right')",
        ]
    )
    assert bad.stderr.startswith("1 problem(s) in the fact base")


# --- typed loaders ----------------------------------------------------------------------------


def test_loaders_return_typed_frames():
    claims = tables.load("claims")
    assert (
        str(claims["value_time"].dtype).startswith("datetime64")
        and str(claims["value_time"].dt.tz) == "UTC"
    )
    timed = claims.set_index("claim_id")["value_time"]
    # written as 14:12+02:00 (Dutch summer time): the loader gives the UTC instant
    assert timed["nl-016"] == pd.Timestamp("2021-10-05T12:12:00Z")
    assert isinstance(claims["topic"].dtype, pd.CategoricalDtype)
    assert list(claims["topic"].cat.categories) == list(PACKAGE["claims"].field("topic").enum)
    assert claims["value_number"].dtype == "Float64"
    assert claims["value_number"].isna().any()  # empty cells are <NA>, not 0 or ""
    assert claims["checkable"].dtype == "boolean"
    entities = tables.load("entities")
    assert all(isinstance(v, tuple) for v in entities["aliases"])
    assert entities.set_index("entity_id").loc["iss", "aliases"][0] == "ISS"
    record = tables.load("record")
    assert str(record["value_date"].dtype).startswith("datetime64")
    assert record["value_date"].dt.tz is None  # a date has no zone
    crew = tables.load("iss_crew")
    assert crew["aboard_before_ms19"].dtype == "boolean"


@pytest.fixture
def scratch_data(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that ``tables.load`` reads instead of the real one."""
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    monkeypatch.setattr(schema, "package", lambda: schema.load(data / "datapackage.yaml"))
    return data


def set_cell(path: Path, key: str, column: str, value: str) -> int:
    """Set one cell (the row whose first column is ``key``); return the row's line."""
    raw = read_raw(path)
    line = int(raw.frame.index[raw.frame.iloc[:, 0] == key][0])
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    next(r for r in rows if r[raw.header[0]] == key)[column] = value
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(raw.header), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("value_number", "two", "must be a number (with a dot for decimals), got 'two'"),
        ("value_number", "NaN", "must be a number (with a dot for decimals), got 'NaN'"),
        ("value_number", "-2", "must be at least 0, got -2"),
        ("checkable", "maybe", "must be true or false, got 'maybe'"),
        (
            "topic",
            "Crew",
            "must be one of: mission, crew, film, station, context, commentary (got 'Crew')",
        ),
        (
            "value_time",
            "2021-10-05 14:12",
            "must be an ISO 8601 time with a UTC offset (e.g. "
            "2021-10-05T14:12:00+02:00), got '2021-10-05 14:12'; naive times are ambiguous",
        ),
    ],
)
def test_loader_raises_data_error_on_a_bad_value(scratch_data, column, value, message):
    path = scratch_data / "facts" / "claims.csv"
    line = set_cell(path, "en-021", column, value)
    with pytest.raises(DataError) as caught:
        tables.load("claims")
    assert [str(p) for p in caught.value.problems] == [
        f"{paths.display(path)}:{line}:{column}: {message}"
    ]


def test_loader_raises_data_error_on_an_unreadable_table(scratch_data):
    path = scratch_data / "facts" / "verdicts.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        tables.load("verdicts")
    assert str(caught.value) == f"{paths.display(path)}:1:-: the table has a header but no rows"
    path.unlink()
    with pytest.raises(DataError, match="file not found"):
        tables.load("verdicts")


def test_loader_falls_back_to_the_base_language_loudly(scratch_data):
    language = next(iter(other_languages()), None)
    assert language, "needs a second report language"
    set_cell(scratch_data / "facts" / "entities.csv", "iss", f"name@{language}", "")
    with pytest.warns(TranslationFallback, match=f"1 cell\\(s\\) of name@{language} are missing"):
        entities = tables.load("entities", language)
    base = tables.load("entities", BASE).set_index("entity_id").loc["iss", "name"]
    assert entities.set_index("entity_id").loc["iss", "name"] == base


# --- schema checks ----------------------------------------------------------------------------


def sample(tmp_path: Path, name: str, edit=None, rows: int = 3) -> tuple[str, list[str]]:
    """The first ``rows`` rows of a real table, edited by ``edit(header, rows)``, written to
    a scratch CSV: (its displayed path, the problems the schema check finds)."""
    real = read_raw(PACKAGE[name].path)
    header = list(real.header)
    records = [dict(r) for r in real.frame.head(rows).to_dict("records")]
    if edit:
        header, records = edit(header, records) or (header, records)
    path = tmp_path / f"{name}.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
    raw = read_raw(path)
    return paths.display(path), [str(p) for p in table_problems(PACKAGE[name], raw, BASE)]


def cell(row: int, column: str, value: str):
    def edit(header, records):
        records[row][column] = value

    return edit


SCHEMA_CASES = {
    "required": ("claims", cell(1, "statement", ""), "1|statement: must not be empty"),
    "enum": (
        "verdicts",
        cell(0, "verdict", "true"),
        "0|verdict: must be one of: accurate, imprecise, inaccurate, not checkable (got 'true')",
    ),
    "pattern": (
        "claims",
        cell(2, "claim_id", "nl_003"),
        "2|claim_id: must be a lowercase id (letters, digits, hyphens), got 'nl_003'",
    ),
    "pattern-url": (
        "record",
        cell(0, "source_url", "ftp://example.org/x"),
        "0|source_url: must be an http(s) URL, got 'ftp://example.org/x'",
    ),
    "pattern-sha256": (
        "sources",
        cell(0, "sha256", "D5B7"),
        "0|sha256: must be a 64-digit hex SHA-256, got 'D5B7'",
    ),
    "type-number": (
        "claims",
        cell(0, "value_number", "1e3"),
        "0|value_number: must be a number (with a dot for decimals), got '1e3'",
    ),
    "type-boolean": (
        "iss_crew",
        cell(0, "aboard_before_ms19", "True"),
        "0|aboard_before_ms19: must be true or false, got 'True'",
    ),
    "type-date": (
        "sources",
        cell(0, "published", "05-10-2021"),
        "0|published: must be a date YYYY-MM-DD, got '05-10-2021'",
    ),
    "calendar-date": (
        "sources",
        cell(0, "published", "2021-13-05"),
        "0|published: not a valid calendar date: '2021-13-05'",
    ),
    "type-datetime": (
        "spaceflights",
        cell(0, "launch_utc", "2011-11-14 04:14"),
        "0|launch_utc: must be an ISO 8601 time with a UTC offset (e.g. "
        "2021-10-05T14:12:00+02:00), got '2011-11-14 04:14'; naive times are ambiguous",
    ),
    "offset-utc": (
        "spaceflights",
        cell(0, "launch_utc", "2011-11-14T08:14:03+04:00"),
        "0|launch_utc: must be given in UTC (+00:00), got '2011-11-14T08:14:03+04:00'",
    ),
    "minimum": (
        "record",
        lambda h, r: r[0].update(value_number="-1", unit="flights"),
        "0|value_number: must be at least 0, got -1",
    ),
    "plausible-range": (
        "record",
        lambda h, r: r[0].update(value_number="101", unit="flights"),
        "0|value_number: 101 flights is outside the plausible range 0–100 flights",
    ),
    "unique-primary-key": (
        "claims",
        lambda h, r: r[2].update(claim_id=r[0]["claim_id"]),
        None,  # computed: the id is the first row's
    ),
    "composite-primary-key": (
        "spaceflights",
        lambda h, r: r[1].update(person=r[0]["person"], flight_up=r[0]["flight_up"]),
        None,  # computed: the key text depends on the data
    ),
    "unknown-column": (
        "excused",
        lambda h, r: ([*h, "remark"], r),
        "H|remark: unknown column (not in the schema of excused)",
    ),
    "unknown-language-column": (
        "verdicts",
        lambda h, r: ([*h, f"explanation@{spare_language()}"], r),
        None,  # a translated field accepts any language column: no problem
    ),
    "missing-column": (
        "excused",
        lambda h, r: ([c for c in h if c != "reason"], r),
        "H|reason: required column is missing",
    ),
    "header-only": ("corrections", lambda h, r: (h, []), None),  # allowEmpty: fine
    "header-only-not-allowed": (
        "claims",
        lambda h, r: (h, []),
        "H|-: the table has a header but no rows",
    ),
    "empty-list-item": (
        "entities",
        cell(0, "aliases", "Soyuz MS-19; "),
        "0|aliases: empty item in a ';'-separated list",
    ),
    "zero-width-space": (
        "claims",
        cell(0, "quote", "de ervaren\u200bkosmonaut"),
        "0|quote: invisible control character U+200B ZERO WIDTH SPACE at character 11",
    ),
    "rtl-override": (
        "entities",
        cell(1, f"name@{OTHER}", "\u202eSSI"),
        f"1|name@{OTHER}: invisible control character U+202E RIGHT-TO-LEFT OVERRIDE at "
        "character 1",
    ),
    "many-invisible": (
        "claims",
        cell(0, "note", "a\u200b\u200c\u200d\u2066b"),
        "0|note: 4 invisible control characters: U+200B ZERO WIDTH SPACE at 2, U+200C ZERO "
        "WIDTH NON-JOINER at 3, U+200D ZERO WIDTH JOINER at 4 and 1 more",
    ),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_schema_check_gives_the_exact_message(tmp_path, case):
    """Expected messages start with the sample row they name (``0|`` is the first data row,
    ``H|`` the header); the line is read from the sample, as a quoted cell may span lines."""
    name, edit, expected = SCHEMA_CASES[case]
    shown, found = sample(tmp_path, name, edit)
    if case == "composite-primary-key":
        first = read_raw(PACKAGE[name].path).frame.iloc[0]
        expected = (
            f"1|person: duplicate key ({first['person']!r}, {first['flight_up']!r}) "
            f"(first on line {read_raw(PACKAGE[name].path).frame.index[0]})"
        )
    if case == "unique-primary-key":
        first = read_raw(PACKAGE[name].path).frame
        expected = (
            f"2|claim_id: duplicate id {first.iloc[0]['claim_id']!r} "
            f"(first on line {first.index[0]})"
        )
    if expected is None:
        assert found == []
        return
    row, message = expected.split("|", 1)
    line = 1 if row == "H" else read_raw(tmp_path / f"{name}.csv").frame.index[int(row)]
    assert found == [f"{shown}:{line}:{message}"]


def test_unedited_samples_have_no_problems(tmp_path):
    for name in PACKAGE.tables:
        assert sample(tmp_path, name)[1] == [], name


def test_integer_and_maximum_checks(tmp_path):
    table = Table(
        name="counts",
        path=tmp_path / "counts.csv",
        description="",
        fields=(
            Field("id", required=True, unique=True),
            Field("n", type="integer", minimum=0, maximum=10),
            Field("code", unique=True),
        ),
        primary_key=("id",),
        foreign_keys=(),
    )
    table.path.write_text("id,n,code\na,3,x\nb,2.5,y\nc,11,x\nd,-1,z\n", encoding="utf-8")
    shown = paths.display(table.path)
    found = [str(p) for p in table_problems(table, read_raw(table.path), BASE)]
    assert found == [
        f"{shown}:3:n: must be an integer, got '2.5'",
        f"{shown}:5:n: must be at least 0, got -1",
        f"{shown}:4:n: must be at most 10, got 11",
        f"{shown}:4:code: duplicate value 'x' (first on line 2)",
    ]


def test_row_with_wrong_field_count(tmp_path):
    shown, _ = sample(tmp_path, "claims")
    path = tmp_path / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [str(p) for p in table_problems(PACKAGE["claims"], read_raw(path), BASE)]
    assert found == [
        f"{shown}:3:-: row has 17 fields, the header has 16 (a stray or missing comma? "
        "quote cells that contain commas)"
    ]


# --- reading CSV ------------------------------------------------------------------------------


def test_rows_keep_the_line_they_start_on(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(
        b'\xef\xbb\xbfid,text\r\na,"one\r\ntwo\r\nthree"\r\nb,form\x0cfeed \xe2\x80\xa8 sep\r\n'
    )
    raw = read_raw(path)
    assert raw.header == ("id", "text")  # the BOM is not part of the first column's name
    assert list(raw.frame.index) == [2, 5]
    assert raw.frame.loc[5, "text"] == "form\x0cfeed \u2028 sep"  # not split into rows


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "1:-: file is empty (a header row is required)"),
        (
            b"id;text\na;b\n",
            "1:-: looks like semicolon (;)-separated (id, text), not comma-separated; "
            "save it as comma-separated CSV (UTF-8)",
        ),
        (
            b"id|text|note|date\na|b|c|d\n",
            "1:-: looks like pipe (|)-separated (id, text, note, \u2026), not "
            "comma-separated; save it as comma-separated CSV (UTF-8)",
        ),
        (
            "id,text\na,Caf\u00e9\n".encode("cp1252"),
            "2:text: not valid UTF-8: byte 0xe9 at "
            "character 6 of line 2; it looks like Windows-1252 (cp1252, Excel on Windows), where "
            "it is '\u00e9'; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
        ),
        (
            "id,text\na,\u201cquoted\u201d\n".encode("cp1252"),
            "2:text: not valid UTF-8: byte "
            "0x93 at character 3 of line 2; it looks like Windows-1252 (cp1252, Excel on "
            "Windows), where it is '\u201c'; save the file as UTF-8 (in a spreadsheet: CSV "
            "UTF-8)",
        ),
        (
            "id,text\na,\u043c\u0438\u0440\n".encode("cp1251"),
            "2:text: not valid UTF-8: byte "
            "0xec at character 3 of line 2; it looks like Windows-1251 (cp1251, Cyrillic), where "
            "it is '\u043c\u0438\u0440'; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
        ),
        (
            b'id,text\na,"open\nb,c\n',
            "2:-: malformed CSV in the row starting on this line "
            "(unexpected end of data); a cell with commas, quotes or line breaks must be in "
            'double quotes, its own quotes doubled ("")',
        ),
    ],
    ids=["empty", "semicolon", "pipe", "cp1252", "cp1252-quotes", "cp1251", "unclosed-quote"],
)
def test_unreadable_csv_is_one_clear_problem(tmp_path, data, message):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    with pytest.raises(TableError) as caught:
        read_raw(path)
    assert str(caught.value.problem) == f"{paths.display(path)}:{message}"


def test_missing_csv_is_one_clear_problem(tmp_path):
    with pytest.raises(TableError) as caught:
        read_raw(tmp_path / "nothing.csv")
    assert str(caught.value.problem) == f"{paths.display(tmp_path / 'nothing.csv')}:0:-: " + (
        "file not found"
    )


@pytest.fixture
def two_wrongs(tmp_path) -> tuple[Path, list[tuple[str, int, str]]]:
    """A copy of the project with a fault for each half of the rules: a label its basis does
    not give (the verdicts' half) and a name spelled another way (the texts' half)."""
    project = copy_project(tmp_path / "project", with_reports=False)
    facts = project.path("data/facts")
    verdict = set_cell(facts / "verdicts.csv", "nl-010", "verdict", "imprecise")
    aspect = set_cell(facts / "reconciliation.csv", "r17", "aspect@nl", "rol van Shipenko")
    return project.root, [
        ("reconciliation.csv", aspect, "aspect@nl"),
        ("verdicts.csv", verdict, "verdict"),
    ]


def test_a_large_fact_base_has_its_rules_run_side_by_side(two_wrongs, monkeypatch):
    """From ``PARALLEL_FROM`` claims the verdicts' rules run in a forked worker beside the
    texts' rules, and find what one process finds."""
    from factdesk.build import workers
    from factdesk.facts import check as check_module
    from factdesk.facts import verdict_rules

    real = verdict_rules.verdict_problems

    def verdict_problems(*args):  # says which process ran the verdicts' half
        return [*real(*args), Problem("ran in", os.getpid(), "-", "pid", "warning")]

    monkeypatch.setattr(verdict_rules, "verdict_problems", verdict_problems)

    root, wrongs = two_wrongs

    def run() -> tuple[list, set[int]]:
        with paths.use(root):
            found = check(with_coverage=False)
        where = sorted({(Path(p.path).name, p.line, p.column) for p in errors(found)})
        return where, {p.line for p in found if p.path == "ran in"}

    assert run() == (wrongs, {os.getpid()})
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    where, ran_in = run()
    assert where == wrongs
    assert len(ran_in) == 1 and ran_in != {os.getpid()}, "not run in a worker"


def test_a_worker_that_dies_costs_time_not_the_result(monkeypatch):
    from factdesk.build import workers

    monkeypatch.setattr(workers, "cores", lambda: 2)
    parent = os.getpid()

    def there() -> list[str]:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # the worker dies (as if out of memory)
        return ["there"]

    assert workers.side_by_side(lambda: ["here"], there) == ["here", "there"]


def test_the_data_date_is_not_older_than_the_latest_correction(tmp_path):
    """The pages say "data as of" reports.yml's date and list the corrections: a date older
    than the latest correction is an error on reports.yml's line, naming that correction."""
    project = copy_project(tmp_path / "project", with_reports=False)
    with paths.use(project.root):
        corrections = tables.raw("corrections").frame
        latest = max(corrections["date"])
        line = int(corrections.index[corrections["date"].eq(latest)][0])  # the first of them
        config_file = project.path("reports.yml")
        text = config_file.read_text(encoding="utf-8")
        as_of = next(t for t in text.splitlines() if t.startswith("data_as_of:"))
        assert not errors(check(with_coverage=False))
        day_before = (pd.Timestamp(latest) - pd.Timedelta(days=1)).date().isoformat()
        config_file.write_text(text.replace(as_of, f"data_as_of: {day_before}"), "utf-8")
        found = [str(p) for p in errors(check(with_coverage=False))]
    number, column = text.splitlines().index(as_of) + 1, len("data_as_of: ") + 1
    assert found == [
        f"reports.yml:{number}:{column}: data_as_of {day_before} is older than the latest "
        f"correction ({latest}, data/facts/corrections.csv line {line}): set it to the day the "
        "data last changed"
    ]
