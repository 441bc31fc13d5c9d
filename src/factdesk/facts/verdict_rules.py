"""Rules a published verdict must obey, checked like data (``make check``):

1. claims grouped as *agree* in ``reconciliation.csv`` do not carry contradicting verdicts
   (accurate vs inaccurate); other differences need a ``note`` on the differing verdict;
2. claims with the same meaning (subject, type, value and hedge) resting on the same record rows
   get the same verdict, or a ``note`` saying why not;
3. a verdict other than *not checkable* cites at least one record row;
4. a *not checkable* verdict says why (``unchecked_reason``), and only such a verdict does;
5. to 9. the labels the written decision table gives (:mod:`factdesk.facts.decisions`);
10. numbers against the record, by tolerance (:mod:`factdesk.facts.tolerance`).

The figures a verdict's explanation states are computed or sourced
(:mod:`factdesk.facts.figures`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pandas as pd

from factdesk import paths
from factdesk.facts import decisions, schema, tolerance
from factdesk.facts.csvfile import RawTable
from factdesk.problems import Problem, problem

CONTRADICTING = {"accurate", "inaccurate"}


class _ByClaim:
    """A verdicts table's columns by claim id (the last row wins on a duplicate id, which the
    schema check names); built once, as rules 1 and 2 both ask."""

    def __init__(self, verdicts: RawTable) -> None:
        frame = verdicts.frame
        ids = frame["claim_id"]
        self.line = dict(zip(ids, frame.index, strict=True))
        self.verdict = dict(zip(ids, frame["verdict"], strict=True))
        self.record_ids = dict(zip(ids, frame["record_ids"], strict=True))
        self.note = dict(zip(ids, frame["note"], strict=True)) if "note" in frame else {}

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self.line


def agreeing_groups(rec: RawTable, verdicts: RawTable, by_claim: _ByClaim) -> list[Problem]:
    """Rule 1."""
    found = []
    for line, row in zip(rec.frame.index, rec.records(), strict=True):
        if row.get("agreement") != "agree":
            continue
        ids = [i.strip() for i in row["claim_ids"].split(";") if i.strip() in by_claim]
        labels = {i: by_claim.verdict[i] for i in ids}
        if len(set(labels.values())) < 2:
            continue
        if CONTRADICTING <= set(labels.values()):
            found.append(
                problem(
                    rec.path,
                    line,
                    "claim_ids",
                    "claims that agree carry contradicting "
                    f"verdicts: {', '.join(f'{i} {v}' for i, v in labels.items())}",
                )
            )
            continue
        common = Counter(labels.values()).most_common(1)[0][0]
        for cid, label in labels.items():
            if label != common and not by_claim.note.get(cid):
                found.append(
                    problem(
                        verdicts.path,
                        by_claim.line[cid],
                        "verdict",
                        f"{cid} is {label} but the claims "
                        f"it agrees with ({rec.frame.loc[line, 'group_id']}) are {common}; "
                        "make them the same or say why in note",
                    )
                )
    return found


MEANING = ["subject", "claim_type", "value_number", "unit", "value_time", "value_text"]
MEANING.append("qualifier")  # a hedge is part of what a claim says: "about 430 km"


def _meanings(claims: RawTable, by_claim: _ByClaim) -> pd.DataFrame:
    """Claims that state a value and whose verdict cites record rows, keyed by meaning
    (subject, type, value) and cited rows; only keys shared by several claims."""
    frame = claims.frame
    keys = pd.DataFrame(
        {c: frame[c] if c in frame else "" for c in ["claim_id", *MEANING]}, index=frame.index
    )
    keys["value_text"] = keys["value_text"].str.strip().str.lower()
    keys["rows"] = keys["claim_id"].map(by_claim.record_ids)
    stated = keys[MEANING[2:]].ne("").any(axis=1)
    keys = keys[keys["rows"].notna() & keys["rows"].ne("") & stated]
    rows = {v: ";".join(sorted(i.strip() for i in v.split(";"))) for v in keys["rows"].unique()}
    keys["rows"] = keys["rows"].map(rows)
    return keys[keys.duplicated([*MEANING, "rows"], keep=False)]


def same_meaning(
    claims: RawTable, verdicts: RawTable, by_claim: _ByClaim, named: frozenset[str]
) -> list[Problem]:
    """Rule 2; claims in ``named`` (already named by rule 1) are not named again."""
    found = []
    shared = _meanings(claims, by_claim)
    groups = (list(ids) for _, ids in shared.groupby([*MEANING, "rows"], sort=False)["claim_id"])
    for ids in groups:
        if named & set(ids):
            continue
        labels = {i: by_claim.verdict[i] for i in ids}
        if len(set(labels.values())) < 2:
            continue
        common = Counter(labels.values()).most_common(1)[0][0]
        for cid, label in labels.items():
            if label != common and not by_claim.note.get(cid):
                others = [i for i in ids if i != cid]
                verb = "are" if len(others) > 1 else "is"
                found.append(
                    problem(
                        verdicts.path,
                        by_claim.line[cid],
                        "verdict",
                        f"{cid} is {label} but {', '.join(others)} (same meaning, same record "
                        f"rows) {verb} {common}; make them the same or say why in note",
                    )
                )
    return found


def citations(verdicts: RawTable) -> list[Problem]:
    """Rules 3 and 4."""
    frame = verdicts.frame
    if "unchecked_reason" not in frame:
        return []
    unchecked = frame["verdict"].eq("not checkable")
    reason = frame["unchecked_reason"].ne("")
    rules = [
        (
            ~unchecked & frame["verdict"].ne("") & frame["record_ids"].eq(""),
            "record_ids",
            lambda row: f"a verdict of {row['verdict']!r} must cite at least one record row",
        ),
        (
            unchecked & ~reason,
            "unchecked_reason",
            lambda row: (
                "say why the claim is not checkable (opinion, quote, rumour, plan, "
                "no source found)"
            ),
        ),
        (
            ~unchecked & reason,
            "unchecked_reason",
            lambda row: "only a 'not checkable' verdict has an unchecked_reason",
        ),
    ]
    return [
        problem(verdicts.path, line, column, message(frame.loc[line]))
        for mask, column, message in rules
        for line in frame.index[mask.to_numpy()]
    ]


def _named(found: list[Problem], rec: RawTable, verdicts: RawTable) -> frozenset[str]:
    """The claims that rule 1's problems name (a whole group, or one verdict)."""
    ids: set[str] = set()
    for p in found:
        if p.path == paths.display(rec.path) and p.line in rec.frame.index:
            ids |= {i.strip() for i in rec.frame.loc[p.line, "claim_ids"].split(";")}
        elif p.line in verdicts.frame.index:
            ids.add(verdicts.frame.loc[p.line, "claim_id"])
    return frozenset(ids)


def verdict_problems(
    raw: dict[str, RawTable | None], broken: set[str], languages: list[str]
) -> list[Problem]:
    """All the rules (7 to 9: :mod:`factdesk.facts.decisions`), skipping those whose tables
    are broken and the verdicts whose label is not a valid one (the schema check names it)."""
    verdicts, claims = raw.get("verdicts"), raw.get("claims")
    rec, record = raw.get("reconciliation"), raw.get("record")
    if verdicts is None or "verdicts" in broken:
        return []
    valid = verdicts.frame["verdict"].isin(schema.package()["verdicts"].field("verdict").enum)
    verdicts = replace(verdicts, frame=verdicts.frame[valid])
    found = citations(verdicts)
    found += decisions.problems(verdicts, None if "record" in broken else record, languages)
    if not {"claims", "record", "sources"} & broken:
        found += tolerance.verdict_problems({**raw, "verdicts": verdicts})
    by_claim = _ByClaim(verdicts)
    named: frozenset[str] = frozenset()
    if rec is not None and "reconciliation" not in broken:
        agreeing = agreeing_groups(rec, verdicts, by_claim)
        found += agreeing
        named = _named(agreeing, rec, verdicts)
    if claims is not None and "claims" not in broken:
        found += same_meaning(claims, verdicts, by_claim, named)
    return found
