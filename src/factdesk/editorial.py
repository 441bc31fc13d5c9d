"""Rules a published verdict must obey, checked like data (``make check``):

1. claims grouped as *agree* in ``reconciliation.csv`` do not carry contradicting verdicts
   (accurate vs inaccurate); other differences need a ``note`` on the differing verdict;
2. claims with the same meaning (subject, type and value) resting on the same record rows
   get the same verdict, or a ``note`` saying why not;
3. a verdict other than *not checkable* cites at least one record row;
4. a *not checkable* verdict says why (``unchecked_reason``), and only such a verdict does;
5. and 6. the numbers a verdict states (:mod:`factdesk.stated_numbers`).

Unit words per language come from the catalogs (``unit_words``), so rule 5 works for any
language with a catalog.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from factdesk import paths, schema
from factdesk.csvfile import RawTable
from factdesk.problems import Problem, problem
from factdesk.stated_numbers import confirmed_but_inaccurate, explanation_numbers

CONTRADICTING = {"accurate", "inaccurate"}


def _verdict_rows(verdicts: RawTable) -> dict[str, tuple[int, dict]]:
    return {
        row["claim_id"]: (line, row)
        for line, row in zip(verdicts.frame.index, verdicts.records(), strict=True)
    }


def agreeing_groups(rec: RawTable, verdicts: RawTable) -> list[Problem]:
    """Rule 1."""
    found = []
    by_claim = _verdict_rows(verdicts)
    for line, row in zip(rec.frame.index, rec.records(), strict=True):
        if row.get("agreement") != "agree":
            continue
        ids = [i.strip() for i in row["claim_ids"].split(";") if i.strip() in by_claim]
        labels = {i: by_claim[i][1]["verdict"] for i in ids}
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
            vline, vrow = by_claim[cid]
            if label != common and not vrow.get("note"):
                found.append(
                    problem(
                        verdicts.path,
                        vline,
                        "verdict",
                        f"{cid} is {label} but the claims "
                        f"it agrees with ({rec.frame.loc[line, 'group_id']}) are {common}; "
                        "make them the same or say why in note",
                    )
                )
    return found


def _meaning(row: dict) -> tuple:
    value = (
        row.get("value_number", ""),
        row.get("unit", ""),
        row.get("value_time", ""),
        row.get("value_text", "").strip().lower(),
    )
    return (row.get("subject"), row.get("claim_type"), value)


def same_meaning(
    claims: RawTable, verdicts: RawTable, named: frozenset[str] = frozenset()
) -> list[Problem]:
    """Rule 2; claims in ``named`` (already named by rule 1) are not named again."""
    found = []
    by_claim = _verdict_rows(verdicts)
    groups: dict[tuple, list[str]] = defaultdict(list)
    for row in claims.records():
        hit = by_claim.get(row["claim_id"])
        if hit is None or not hit[1]["record_ids"] or not any(_meaning(row)[2]):
            continue
        rows = tuple(sorted(i.strip() for i in hit[1]["record_ids"].split(";")))
        groups[(_meaning(row), rows)].append(row["claim_id"])
    for ids in groups.values():
        if named & set(ids):
            continue
        labels = {i: by_claim[i][1]["verdict"] for i in ids}
        if len(set(labels.values())) < 2:
            continue
        common = Counter(labels.values()).most_common(1)[0][0]
        for cid, label in labels.items():
            line, row = by_claim[cid]
            if label != common and not row.get("note"):
                others = [i for i in ids if i != cid]
                verb = "are" if len(others) > 1 else "is"
                found.append(
                    problem(
                        verdicts.path,
                        line,
                        "verdict",
                        f"{cid} is {label} but {', '.join(others)} (same meaning, same record "
                        f"rows) {verb} {common}; make them the same or say why in note",
                    )
                )
    return found


def citations(verdicts: RawTable) -> list[Problem]:
    """Rules 3 and 4."""
    found = []
    frame = verdicts.frame
    if "unchecked_reason" not in frame:
        return found
    for line, row in zip(frame.index, verdicts.records(), strict=True):
        unchecked = row["verdict"] == "not checkable"
        if not unchecked and row["verdict"] and not row["record_ids"]:
            found.append(
                problem(
                    verdicts.path,
                    line,
                    "record_ids",
                    f"a verdict of {row['verdict']!r} must cite at least one record row",
                )
            )
        if unchecked and not row["unchecked_reason"]:
            found.append(
                problem(
                    verdicts.path,
                    line,
                    "unchecked_reason",
                    "say why the claim "
                    "is not checkable (opinion, quote, rumour, plan, no source "
                    "found)",
                )
            )
        if not unchecked and row["unchecked_reason"]:
            found.append(
                problem(
                    verdicts.path,
                    line,
                    "unchecked_reason",
                    "only a 'not checkable' verdict has an unchecked_reason",
                )
            )
    return found


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
    """All six rules, skipping those whose tables are broken and the verdicts whose label is
    not a valid one (the schema check names it)."""
    verdicts, claims = raw.get("verdicts"), raw.get("claims")
    rec, record = raw.get("reconciliation"), raw.get("record")
    if verdicts is None or "verdicts" in broken:
        return []
    valid = verdicts.frame["verdict"].isin(schema.package()["verdicts"].field("verdict").enum)
    verdicts = replace(verdicts, frame=verdicts.frame[valid])
    found = citations(verdicts)
    named: frozenset[str] = frozenset()
    if rec is not None and "reconciliation" not in broken:
        agreeing = agreeing_groups(rec, verdicts)
        found += agreeing
        named = _named(agreeing, rec, verdicts)
    if claims is not None and "claims" not in broken:
        found += same_meaning(claims, verdicts, named)
        if record is not None and "record" not in broken:
            found += explanation_numbers(verdicts, claims, record, languages)
            found += confirmed_but_inaccurate(verdicts, claims, record)
    return found
