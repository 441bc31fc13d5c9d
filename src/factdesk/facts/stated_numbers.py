"""Rules about the numbers a verdict rests on (rules 5 and 6 of
:mod:`factdesk.facts.verdict_rules`):

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
from datetime import datetime
from functools import lru_cache

from factdesk.facts.csvfile import RawTable
from factdesk.language import catalog
from factdesk.problems import Problem, problem

NUMBER = r"(\d+(?:[.,]\d+)?)"


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


def _rows_of(claims: RawTable, ids: set[str]) -> dict[str, dict]:
    """The claims rows of ``ids`` by claim id."""
    frame = claims.frame[claims.frame["claim_id"].isin(ids)]
    return {r["claim_id"]: r for r in frame.to_dict("records")}


def _close(x: float, candidates: list[float], written: str) -> bool:
    decimals = len(written.split(".")[1]) if "." in written else 0
    return any(abs(x - y) <= 0.5 * 10**-decimals + 1e-9 for y in candidates)


def explanation_numbers(
    verdicts: RawTable, claims: RawTable, record: RawTable, languages: list[str]
) -> list[Problem]:
    """Rule 5."""
    found = []
    columns = [c for c in (f"explanation@{lang}" for lang in languages) if c in verdicts.frame]
    stating = verdicts.frame[columns].apply(lambda c: c.str.contains(r"\d")).any(axis=1)
    if not stating.any():
        return found  # no explanation states a number
    rows = verdicts.frame[stating]
    rec = {r["record_id"]: r for r in record.records()}
    claim_rows = _rows_of(claims, set(rows["claim_id"]))
    unit_words = {lang: catalog.entries(lang).get("unit_words", {}) for lang in languages}
    for line, row in zip(rows.index, rows.to_dict("records"), strict=True):
        cited = [rec[i.strip()] for i in row["record_ids"].split(";") if i.strip() in rec]
        units = {r["unit"] for r in cited if r.get("unit")}
        if not units:
            continue  # no quantity to compare the explanation's numbers with
        claim = claim_rows.get(row["claim_id"], {})
        if any(_unreadable(r) for r in [claim, *cited]):
            continue  # the schema check names the bad value; its numbers would only mislead
        for language in languages:
            column = f"explanation@{language}"
            words_by_unit = unit_words[language]
            if column not in row or not isinstance(words_by_unit, dict):
                continue
            for unit in units:
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


def confirmed_but_inaccurate(verdicts: RawTable, claims: RawTable, record: RawTable):
    """Rule 6."""
    frame = verdicts.frame
    unexplained = frame["note"].eq("") if "note" in frame else True
    rows = frame[frame["verdict"].eq("inaccurate") & unexplained]
    rec = {r["record_id"]: r for r in record.records()}
    claim_rows = _rows_of(claims, set(rows["claim_id"]))
    found = []
    for line, row in zip(rows.index, rows.to_dict("records"), strict=True):
        claim = claim_rows.get(row["claim_id"], {})
        value = _float(claim.get("value_number"))
        if value is None:
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
