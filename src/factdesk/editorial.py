"""Rules a published verdict must obey, checked like data (``make check``):

1. claims grouped as *agree* in ``reconciliation.csv`` do not carry contradicting verdicts
   (accurate vs inaccurate); other differences need a ``note`` on the differing verdict;
2. claims with the same meaning (subject, type and value) resting on the same record rows
   get the same verdict, or a ``note`` saying why not;
3. a verdict other than *not checkable* cites at least one record row;
4. a *not checkable* verdict says why (``unchecked_reason``), and only such a verdict does;
5. a number in an explanation, given in a unit that a cited record row also uses, matches a
   value of those record rows or of the claim itself, or the difference of two such values
   (to the precision written);
6. a claim rated *inaccurate* whose number equals a cited record row's number in the same
   unit needs a ``note`` saying why (the record then seems to confirm it).

Unit words per language come from the catalogs (``unit_words``), so rule 5 works for any
language with a catalog.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime
from functools import lru_cache

from factdesk import catalog, paths, schema
from factdesk.csvfile import RawTable
from factdesk.problems import Problem, problem

CONTRADICTING = {"accurate", "inaccurate"}
NUMBER = r"(\d+(?:[.,]\d+)?)"


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


def _float(text: str) -> float | None:
    """A cell as a number, or None when it is not one (the schema check reports that)."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _unreadable(row: dict) -> bool:
    """A value_number or value_time that is filled in but not valid (or a naive time)."""
    if row.get("value_number") and _float(row["value_number"]) is None:
        return True
    try:
        return bool(row.get("value_time")) and not datetime.fromisoformat(row["value_time"]).tzinfo
    except ValueError:
        return True


@lru_cache(maxsize=256)
def _unit_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(NUMBER + r"\s*(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


def _numbers(text: str, words: list[str]) -> list[float]:
    if not text or not words:
        return []
    return [float(m.replace(",", ".")) for m in _unit_pattern(tuple(words)).findall(text)]


SECONDS = {"days": 86400, "hours": 3600, "minutes": 60}
PARTS = {"days": None, "hours": 24, "minutes": 60}


def _durations(cited: list[dict], unit: str) -> list[float]:
    """Durations between the cited rows' times in ``unit``: whole, and as the part of a
    "11 days 19 hours 40 minutes" breakdown."""
    if unit not in SECONDS:
        return []
    times = []
    for row in cited:
        try:
            times.append(datetime.fromisoformat(row.get("value_time", "")))
        except ValueError:  # empty or invalid (the schema check reports that)
            continue
    out = []
    for a in times:
        for b in times:
            if a > b:
                total = (a - b).total_seconds() / SECONDS[unit]
                out += [total, float(int(total))]
                if PARTS[unit]:
                    out.append(float(int(total) % PARTS[unit]))
    return out


def _close(x: float, candidates: list[float], written: str) -> bool:
    decimals = len(written.split(".")[1]) if "." in written else 0
    return any(abs(x - y) <= 0.5 * 10**-decimals + 1e-9 for y in candidates)


def explanation_numbers(
    verdicts: RawTable, claims: RawTable, record: RawTable, languages: list[str]
) -> list[Problem]:
    """Rule 5."""
    found = []
    rec = {r["record_id"]: r for r in record.records()}
    claim_rows = {r["claim_id"]: r for r in claims.records()}
    unit_words = {lang: catalog.entries(lang).get("unit_words", {}) for lang in languages}
    for line, row in zip(verdicts.frame.index, verdicts.records(), strict=True):
        cited = [rec[i.strip()] for i in row["record_ids"].split(";") if i.strip() in rec]
        claim = claim_rows.get(row["claim_id"], {})
        if any(_unreadable(r) for r in [claim, *cited]):
            continue  # the schema check names the bad value; its numbers would only mislead
        for language in languages:
            column = f"explanation@{language}"
            words_by_unit = unit_words[language]
            if column not in row or not isinstance(words_by_unit, dict):
                continue
            for unit in {r["unit"] for r in cited if r.get("unit")}:
                words = words_by_unit.get(unit, [])
                mentioned = _unit_pattern(tuple(words)).findall(row[column]) if words else []
                if not mentioned:
                    continue
                allowed = [
                    float(r["value_number"])
                    for r in cited
                    if r.get("unit") == unit and _float(r.get("value_number")) is not None
                ]
                for text in [
                    r.get(f"value_text@{language}", "") or r.get("value_text@en", "")
                    for r in cited
                ] + [claim.get("quote", "")]:
                    allowed += _numbers(text, words)
                if claim.get("unit") == unit and _float(claim.get("value_number")) is not None:
                    allowed.append(_float(claim["value_number"]))
                allowed += [abs(a - b) for a in allowed for b in allowed if a > b]  # "10 km off"
                allowed += _durations(cited, unit)
                for written in mentioned:
                    value = float(written.replace(",", "."))
                    if not _close(value, allowed, written.replace(",", ".")):
                        shown = sorted({f"{a:g}" for a in allowed}, key=float)
                        found.append(
                            problem(
                                verdicts.path,
                                line,
                                column,
                                f"{written} {unit} does not match the cited record rows "
                                f"({', '.join(shown) or 'no value'})",
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


def confirmed_but_inaccurate(verdicts: RawTable, claims: RawTable, record: RawTable):
    """Rule 6."""
    rec = {r["record_id"]: r for r in record.records()}
    claim_rows = {r["claim_id"]: r for r in claims.records()}
    found = []
    for line, row in zip(verdicts.frame.index, verdicts.records(), strict=True):
        claim = claim_rows.get(row["claim_id"], {})
        value = _float(claim.get("value_number"))
        if row["verdict"] != "inaccurate" or row.get("note") or value is None:
            continue
        for record_id in (i.strip() for i in row["record_ids"].split(";")):
            cited = rec.get(record_id, {})
            same_unit = cited.get("unit") and cited.get("unit") == claim.get("unit")
            if same_unit and _float(cited.get("value_number")) == value:
                found.append(problem(verdicts.path, line, "verdict", f"{row['claim_id']} "
                                     f"states {value:g} {claim['unit']}, as record row "
                                     f"{record_id} does, yet is rated inaccurate; say why in "
                                     "note"))  # fmt: skip
                break
    return found


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
