"""Rule 10 on tables of a row each: a claim whose number a cited record row confirms (within
the tolerance of ``data/tolerances.yaml``) cannot be rated inaccurate without saying why."""

from __future__ import annotations

from factdesk.facts import tolerance
from factdesk.facts.csvfile import read_raw


def _tables(tmp_path, verdict: str, note: str = "", stated: str = "10"):
    files = {
        "claims": f"claim_id,source_id,value_number,unit,qualifier\nc1,s1,{stated},people,\n",
        "verdicts": f"claim_id,verdict,record_ids,note\nc1,{verdict},r1,{note}\n",
        "record": "record_id,value_number,unit\nr1,10,people\n",
        "sources": "source_id,language\ns1,en\n",
    }
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return {name: read_raw(tmp_path / f"{name}.csv") for name in files}


def _messages(found) -> list[str]:
    return [f"{p.line}:{p.column}: {p.message}" for p in found]


def test_a_confirmed_number_rated_inaccurate_needs_a_note(tmp_path):
    assert _messages(tolerance.verdict_problems(_tables(tmp_path, "inaccurate"))) == [
        "2:verdict: c1 states a value within the tolerance of a cited record row "
        "(data/tolerances.yaml): not inaccurate, or say why in note"
    ]


def test_a_number_off_the_record_rated_accurate_is_caught(tmp_path):
    found = tolerance.verdict_problems(_tables(tmp_path, "accurate", stated="11"))
    assert _messages(found) == [
        "2:verdict: c1 states a value outside the tolerance of every cited record row "
        "(data/tolerances.yaml): not accurate, or say why in note"
    ]


def test_the_rule_passes_with_a_note_or_another_verdict(tmp_path):
    raw = _tables(tmp_path, "inaccurate", "counted differently")
    assert tolerance.verdict_problems(raw) == []
    assert tolerance.verdict_problems(_tables(tmp_path, "accurate")) == []
