"""The editorial rules (:mod:`factdesk.facts.verdict_rules`): the real verdicts obey each of them,
and a minimal change to the real data, or to a table of two rows, breaks exactly one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from factdesk import paths
from factdesk.build import config
from factdesk.facts import decisions, schema, verdict_rules
from factdesk.facts.csvfile import RawTable, read_raw

PACKAGE = schema.package()
LANGUAGES = list(config.load().languages)
BASE = PACKAGE.base_language
VERDICTS = paths.display(PACKAGE["verdicts"].path)
RECONCILIATION = paths.display(PACKAGE["reconciliation"].path)


@pytest.fixture(scope="module")
def real() -> dict[str, RawTable]:
    return {name: read_raw(table.path) for name, table in PACKAGE.tables.items()}


def changed(real: dict, table: str, key: str, **cells: str) -> dict[str, RawTable]:
    """``real`` with some cells of one row (found by its first column) changed. A changed
    verdict label comes with a basis that gives it (the decision table's first such row), so
    only the rule under test can object."""
    if table == "verdicts" and "verdict" in cells and "basis" not in cells:
        bases = [b for b, row in decisions.table().items() if row["verdict"] == cells["verdict"]]
        if bases:
            cells = {**cells, "basis": bases[0]}
    raw = real[table]
    frame = raw.frame.copy()
    hit = frame.index[frame.iloc[:, 0] == key]
    assert len(hit) == 1, key
    for column, value in cells.items():
        frame.loc[hit[0], column] = value
    return {**real, table: replace(raw, frame=frame)}


def line(real: dict, table: str, key: str) -> int:
    frame = real[table].frame
    return int(frame.index[frame.iloc[:, 0] == key][0])


def problems(raw: dict) -> list[str]:
    return [str(p) for p in verdict_rules.verdict_problems(raw, set(), LANGUAGES)]


def agreeing(raw: dict, group_id: str) -> str:
    """``claim verdict, ...`` of a group's claims that have a verdict, in the group's order."""
    groups = raw["reconciliation"].frame.set_index("group_id")
    verdicts = raw["verdicts"].frame.set_index("claim_id")["verdict"]
    ids = [i.strip() for i in groups.loc[group_id, "claim_ids"].split(";")]
    return ", ".join(f"{i} {verdicts[i]}" for i in ids if i in verdicts.index)


def same_meaning_as(raw: dict, claim_id: str) -> list[str]:
    """The other claims with the same subject, type and value whose verdicts cite the same
    record rows (rule 2's definition, worked out here from the tables), in claims order."""
    claims = raw["claims"].frame.set_index("claim_id")
    cited = raw["verdicts"].frame.set_index("claim_id")["record_ids"]
    fields = ["subject", "claim_type", "value_number", "unit", "value_time"]

    def meaning(cid: str) -> tuple:
        row = claims.loc[cid]
        rows = tuple(sorted(i.strip() for i in cited[cid].split(";")))
        return (*row[fields], row["value_text"].strip().lower(), rows)

    return [
        cid
        for cid in claims.index
        if cid != claim_id
        and cid in cited.index
        and cited[cid]
        and meaning(cid) == meaning(claim_id)
    ]


def test_real_verdicts_obey_every_rule(real):
    assert problems(real) == []


# --- rule 1: agreeing claims --------------------------------------------------------------------


def test_rule1_agreeing_claims_must_not_contradict(real):
    raw = changed(real, "verdicts", "en-002", verdict="inaccurate")
    named = agreeing(raw, "r01")  # r01: the launch site, in every article
    assert {"nl-013 accurate", "en-002 inaccurate"} <= set(named.split(", "))
    assert problems(raw) == [
        f"{RECONCILIATION}:{line(real, 'reconciliation', 'r01')}:claim_ids: claims that agree "
        f"carry contradicting verdicts: {named}"
    ]


def test_rule1_other_differences_need_a_note(real):
    raw = changed(real, "verdicts", "en-002", verdict="imprecise")
    assert problems(raw) == [
        f"{VERDICTS}:{line(real, 'verdicts', 'en-002')}:verdict: en-002 is imprecise but the "
        "claims it agrees with (r01) are accurate; make them the same or say why in note"
    ]
    noted = changed(raw, "verdicts", "en-002", note="The English text omits the pad.")
    assert problems(noted) == []


def _launch_site_trio(real: dict) -> dict:
    """nl-045 as it rested on the same two rows as nl-013 and en-002 (it now also cites the
    rocket its caption names, with a note)."""
    return changed(real, "verdicts", "nl-045", record_ids="ms19-launch-site;baikonur-country",
                   note="")  # fmt: skip


def test_rule1_holds_only_for_agree_groups(real):
    raw = changed(_launch_site_trio(real), "verdicts", "en-002", verdict="imprecise")
    raw = changed(raw, "reconciliation", "r01", agreement="disagree")
    others = same_meaning_as(raw, "en-002")
    assert {"nl-013", "nl-045"} <= set(others)
    assert problems(raw) == [
        # rule 2 still sees the same meaning resting on the same rows
        f"{VERDICTS}:{line(real, 'verdicts', 'en-002')}:verdict: en-002 is imprecise but "
        f"{', '.join(others)} (same meaning, same record rows) are accurate; make them the same "
        "or say why in note"
    ]


# --- rule 2: same meaning, same verdict -------------------------------------------------------


def _ungrouped(real: dict, claim_id: str = "nl-045") -> dict:
    """The real tables with ``claim_id`` taken out of its comparison group (rule 1 would
    object first), so rule 2 is the one that applies."""
    groups = real["reconciliation"].frame
    hit = groups[groups["claim_ids"].str.contains(claim_id)]
    ids = [i for i in hit["claim_ids"].iloc[0].split(";") if i != claim_id]
    return changed(real, "reconciliation", hit["group_id"].iloc[0], claim_ids=";".join(ids))


def test_rule2_same_meaning_gets_the_same_verdict_or_a_note(real):
    raw = changed(_ungrouped(_launch_site_trio(real)), "verdicts", "nl-045", verdict="imprecise")
    others = same_meaning_as(raw, "nl-045")
    assert {"nl-013", "en-002"} <= set(others)
    assert problems(raw) == [
        f"{VERDICTS}:{line(real, 'verdicts', 'nl-045')}:verdict: nl-045 is imprecise but "
        f"{', '.join(others)} (same meaning, same record rows) are accurate; make them the same "
        "or say why in note"
    ]
    assert problems(changed(raw, "verdicts", "nl-045", note="A caption, not the text.")) == []


def test_rule2_needs_the_same_record_rows(real):
    raw = changed(
        _ungrouped(real), "verdicts", "nl-045", verdict="imprecise", record_ids="ms19-launch-site"
    )
    assert problems(raw) == []


def test_rule2_needs_the_same_meaning(real):
    raw = changed(_ungrouped(_launch_site_trio(real)), "verdicts", "nl-045", verdict="imprecise")
    raw = changed(raw, "claims", "nl-045", value_text="Baikonur")
    assert problems(raw) == []


# --- rules 3 and 4: citations and reasons -----------------------------------------------------


def test_rule3_a_checked_verdict_cites_a_record_row(real):
    raw = changed(real, "verdicts", "nl-003", record_ids="")
    assert problems(raw) == [
        f"{VERDICTS}:{line(real, 'verdicts', 'nl-003')}:record_ids: a verdict of 'accurate' "
        "must cite at least one record row"
    ]


def test_rule3_not_checkable_needs_no_record_row(real):
    frame = real["verdicts"].frame
    assert frame.loc[frame["verdict"].eq("not checkable"), "record_ids"].eq("").any()


def test_rule4_not_checkable_says_why(real):
    raw = changed(real, "verdicts", "nl-027", unchecked_reason="")
    assert problems(raw) == [
        f"{VERDICTS}:{line(real, 'verdicts', 'nl-027')}:unchecked_reason: say why the claim is "
        "not checkable (opinion, quote, rumour, plan, no source found)"
    ]


def test_rule4_only_not_checkable_has_a_reason(real):
    raw = changed(real, "verdicts", "nl-001", unchecked_reason="opinion")
    assert problems(raw) == [
        f"{VERDICTS}:{line(real, 'verdicts', 'nl-001')}:unchecked_reason: only a 'not "
        "checkable' verdict has an unchecked_reason"
    ]


# --- the rules on tables of a few rows ---------------------------------------------------------


def tables(tmp_path: Path, **csvs: str) -> dict[str, RawTable]:
    out = {}
    for name, text in csvs.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        out[name] = read_raw(path)
    return out


CLAIMS_HEADER = (
    "claim_id,source_id,quote,statement,topic,subject,claim_type,checkable,value_number,unit,"
    "value_time,value_timezone,value_text,qualifier,attributed_to,note\n"
)
VERDICTS_HEADER = "claim_id,verdict,basis,record_ids,unchecked_reason,explanation@en,note\n"
RECORD_HEADER = "record_id,subject,property,value_time,value_number,unit,value_text@en\n"
RECORD_ROWS = (
    "r1,x,crew_size,,3,people,\n"
    "r2,x,launch,2021-10-05T08:55:02+00:00,,,\n"
    "r3,x,landing,2021-10-17T04:35:00+00:00,,,\n"
    "r4,x,stay,,12,days,\n"
)


CLAIM_ROWS = (
    "a-1,s1,q,s,crew,x,count,true,3,people,,,,,,\nb-1,s2,q,s,crew,x,count,true,3,people,,,,,,\n"
)


def small(tmp_path: Path, verdicts: str, claims: str = "", record: str = "") -> dict:
    return tables(
        tmp_path,
        claims=CLAIMS_HEADER + (claims or CLAIM_ROWS),
        verdicts=VERDICTS_HEADER + verdicts,
        record=RECORD_HEADER + (record or RECORD_ROWS),
        reconciliation="group_id,claim_ids,agreement\ng1,a-1;b-1,agree\n",
    )


def test_small_tables_obey_every_rule(tmp_path):
    raw = small(
        tmp_path,
        "a-1,accurate,confirmed,r1,,Three people.,\nb-1,accurate,confirmed,r1,,3 people.,\n",
    )
    assert problems(raw) == []


def test_small_tables_each_rule_once(tmp_path):
    raw = small(
        tmp_path,
        "a-1,accurate,confirmed,r1,,Three people.,\n"
        "b-1,inaccurate,contradicted,r1,,Four people.,\n"  # rule 1 (not rule 2 again); 6
        "c-1,imprecise,detail-off,,,No row.,\n"  # rule 3
        "d-1,not checkable,opinion,,,Opinion.,\n"  # rule 4
        "e-1,accurate,confirmed,r1,,Record: three people.,\n",
    )
    v = paths.display(tmp_path / "verdicts.csv")
    assert problems(raw) == [
        f"{v}:4:record_ids: a verdict of 'imprecise' must cite at least one record row",
        f"{v}:5:unchecked_reason: say why the claim is not checkable (opinion, quote, rumour, "
        "plan, no source found)",
        f"{v}:3:verdict: b-1 states a value within the tolerance of a cited record row "
        "(data/tolerances.yaml): not inaccurate, or say why in note",
        f"{paths.display(tmp_path / 'reconciliation.csv')}:2:claim_ids: claims that agree carry "
        "contradicting verdicts: a-1 accurate, b-1 inaccurate",
    ]


def test_a_bad_value_gives_no_rule_message(tmp_path):
    """A claim or record value the schema rejects is not compared (one root cause)."""
    raw = small(
        tmp_path,
        "a-1,accurate,confirmed,r1,,Record: 4 people.,\n",
        claims="a-1,s1,q,s,crew,x,count,true,three,people,,,,,,\n",
        record="r1,x,crew_size,2021-10-05T08:55:02,3,people,\n",
    )
    assert problems(raw) == []


def test_an_invalid_verdict_label_gives_no_rule_message(real):
    """The schema names the bad label; rules 1 to 4 do not repeat it."""
    raw = changed(real, "verdicts", "en-002", verdict="right", record_ids="")
    assert problems(raw) == []
