"""Rule 6 of the verdict rules: a claim whose number the cited record confirms cannot be
rated inaccurate without saying why."""

from __future__ import annotations

from factdesk.facts.csvfile import read_raw
from factdesk.facts.verdict_rules import confirmed_but_inaccurate


def _tables(tmp_path, verdict: str, note: str = ""):
    files = {
        "claims.csv": "claim_id,value_number,unit\nc1,10,people\n",
        "verdicts.csv": f"claim_id,verdict,record_ids,note\nc1,{verdict},r1,{note}\n",
        "record.csv": "record_id,value_number,unit\nr1,10,people\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [read_raw(tmp_path / n) for n in ("verdicts.csv", "claims.csv", "record.csv")]


def test_a_confirmed_number_rated_inaccurate_needs_a_note(tmp_path):
    found = confirmed_but_inaccurate(*_tables(tmp_path, "inaccurate"))
    assert [f"{p.line}:{p.column}: {p.message}" for p in found] == [
        "2:verdict: c1 states 10 people, as record row r1 does, yet is rated inaccurate; "
        "say why in note"
    ]


def test_the_rule_passes_with_a_note_or_another_verdict(tmp_path):
    assert confirmed_but_inaccurate(*_tables(tmp_path, "inaccurate", "counted differently")) == []
    assert confirmed_but_inaccurate(*_tables(tmp_path, "accurate")) == []
