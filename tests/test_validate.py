"""The fact base validates, and every kind of broken fact file is caught with the right message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factdesk import paths, tables
from factdesk.validate import FactBase, check

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def test_real_fact_base_is_valid():
    assert [str(p) for p in check()] == []


def test_cli_check_passes_on_real_data_and_fails_on_broken(tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "factdesk", "check"], capture_output=True, text=True
    )
    assert ok.returncode == 0 and "fact base OK" in ok.stdout
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(paths.DATA), str(data)], check=True)
    (data / "facts" / "claims.csv").write_bytes((BROKEN / "duplicate_id.csv").read_bytes())
    bad = subprocess.run(
        [sys.executable, "-m", "factdesk", "check"],
        capture_output=True,
        text=True,
        env={"FACTDESK_DATA": str(data), "PATH": ""},
    )
    assert bad.returncode == 1
    assert "claims.csv:4:claim_id: duplicate id 'nl-016'" in bad.stdout


# fixture file -> (line, column, message fragment) it must produce
EXPECTED = {
    "missing_column": (1, "quote", "required column is missing"),
    "bad_date": (3, "value_time", "not a valid date/time: '2021-10-32T14:15:00+02:00'"),
    "naive_timestamp": (3, "value_time", "must be an ISO 8601 time with a UTC offset"),
    "wrong_offset": (3, "value_time", "is not Europe/Amsterdam's offset"),
    "unknown_source_id": (3, "source_id", "unknown source id 'xx-unknown-paper'"),
    "duplicate_id": (4, "claim_id", "duplicate id 'nl-016'"),
    "quote_not_in_article": (
        3,
        "quote",
        "quote not found verbatim in the cleaned text of nl-ms19-launch",
    ),
    "quote_from_other_article": (2, "quote", "quote is from another article (en-ms19-launch)"),
    "empty_file": (1, "-", "file is empty"),
    "wrong_encoding": (2, "-", "not valid UTF-8 (byte 0xe9)"),
    "stray_delimiter": (4, "-", "row has 17 fields, the header has 16"),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_claims_file_is_caught_precisely(case):
    path = BROKEN / f"{case}.csv"
    problems = [
        p for p in check(FactBase(claims=path, with_coverage=False)) if p.path.endswith(path.name)
    ]
    line, column, fragment = EXPECTED[case]
    assert any(
        p.line == line and p.column == column and fragment in p.message for p in problems
    ), [str(p) for p in problems]
    # Precisely: nothing else in the fixture is reported (duplicates name both rows).
    assert len(problems) == (2 if case == "duplicate_id" else 1), [str(p) for p in problems]
    assert str(problems[-1]).startswith(f"tests/fixtures/broken/{case}.csv:")


def test_all_problems_are_reported_at_once(tmp_path):
    text = (BROKEN / "bad_date.csv").read_text(encoding="utf-8")
    text = text.replace("nl-ms19-launch,De aankoppeling", "zz-paper,De aankoppeling")
    path = tmp_path / "claims.csv"
    path.write_text(text, encoding="utf-8")
    problems = {
        (p.line, p.column)
        for p in check(FactBase(claims=path, with_coverage=False))
        if p.path.endswith("claims.csv")
    }
    assert {(3, "value_time"), (3, "source_id")} <= problems


def test_record_values_need_a_source(tmp_path):
    text = paths.RECORD_CSV.read_text(encoding="utf-8")
    header = text.split("\n", 1)[0].split(",")
    # Blank the source URL of the first record row (ms19-launch).
    first = next(r for r in tables.read_raw(paths.RECORD_CSV).frame.itertuples())
    assert first.record_id == "ms19-launch"
    broken = text.replace(first.source_url, "", 1)
    path = tmp_path / "record.csv"
    path.write_text(broken, encoding="utf-8")
    problems = [
        str(p) for p in check(FactBase(record=path, with_coverage=False)) if "record.csv" in p.path
    ]
    assert any(":2:source_url: a value needs its source" in p for p in problems), problems
    assert "source_url" in header


def test_every_reference_value_has_a_source():
    for path in (paths.RECORD_CSV, paths.SPACEFLIGHTS_CSV, paths.ISS_CREW_CSV):
        frame = tables.read_raw(path).frame
        has_value = (
            frame.drop(columns=["source_title", "source_url", "evidence", "note"], errors="ignore")
            .ne("")
            .any(axis=1)
        )
        assert (frame.loc[has_value, "source_url"].str.startswith("http")).all(), path
        assert frame.loc[has_value, "source_title"].ne("").all(), path


def test_every_sentence_is_covered_or_excused(clean):
    from factdesk.provenance import coverage, locate_quotes

    located = locate_quotes(tables.load_claims(), clean)
    table = coverage(located, clean, tables.load_excused())
    assert (located["start"] >= 0).all()
    assert set(table["status"]) <= {"covered", "excused"}
    assert table.groupby("source_id").size().to_dict() == {
        "en-ms19-launch": 29,
        "nl-ms19-launch": 20,
    }


def test_coverage_command_prints_per_article():
    out = subprocess.run(
        [sys.executable, "-m", "factdesk", "coverage"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "nl-ms19-launch" in out.stdout and "en-ms19-launch" in out.stdout
    assert "accounted_pct" in out.stdout
