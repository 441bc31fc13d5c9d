"""Numbers against the record, by tolerance (``make check``).

A number a claim states covers an interval: its value, widened by the margin of its unit
(``data/tolerances.yaml``: ``exact`` without a hedge, ``about`` with one) and bounded by what
its hedge means (the language's hedge words: "almost two weeks" is at most two weeks). Clock
times compare in minutes; durations convert between seconds, minutes, hours, days and weeks.

10. A claim whose interval holds a value of a cited record row (same kind) is not rated
    inaccurate; one whose interval holds none of them is not rated accurate. A claim that
    names what its number is of (a ``value_text`` beside it, or a qualifier beyond a hedge:
    "three Americans") may state a part of the record's number and is left to the
    fact-checker; a ``note`` on the verdict saying why (counted differently) lifts the rule.
11. A comparison of the articles (``reconciliation.csv``) whose claims all state numbers of one
    kind agrees when their intervals overlap and disagrees when they do not; an ``agreement``
    set by hand against that needs a ``note`` (and ``check`` still shows it).
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from functools import cache

import yaml

from factdesk import paths
from factdesk.facts.csvfile import RawTable
from factdesk.language import words
from factdesk.problems import Problem, problem

SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}


@cache
def margins() -> dict[str, dict[str, float]]:
    """unit -> {exact, about} (empty when the story has no tolerances file)."""
    file = paths.DATA / "tolerances.yaml"
    if not file.is_file():
        return {}
    return yaml.safe_load(file.read_text(encoding="utf-8")) or {}


@cache
def _hedge_words(language: str) -> tuple[dict[str, str], re.Pattern | None]:
    """The language's hedges and one pattern finding any of them."""
    try:
        hedges = words.hedges(language)
    except words.WordsError:
        return {}, None  # check reports the malformed words file
    if not hedges:
        return {}, None
    phrases = "|".join(map(re.escape, sorted(hedges, key=len, reverse=True)))
    return hedges, re.compile(rf"(?<!\w)(?:{phrases})(?!\w)")


def _hedges(text: str, language: str) -> list[tuple[str, str]]:
    """The hedges in ``text`` as (phrase, meaning), longest first."""
    hedges, pattern = _hedge_words(language)
    if not text or pattern is None:
        return []
    found = {m.group(0): hedges[m.group(0)] for m in pattern.finditer(text.lower())}
    return sorted(found.items(), key=lambda pair: -len(pair[0]))


def _hedge(text: str, language: str) -> str:
    """The meaning of the longest hedge in ``text`` (``about``, ``nearly``, ...), or ""."""
    found = _hedges(text, language)
    return found[0][1] if found else ""


def _narrowed(qualifier: str, language: str) -> bool:
    """Whether a qualifier says more than its hedge: what part is counted ("American")."""
    rest = qualifier.lower()
    for phrase, _meaning in _hedges(qualifier, language):
        rest = rest.replace(phrase, " ")
    return bool(rest.strip(" ,;"))


def _kind(unit: str) -> str:
    return "duration" if unit in SECONDS else unit


def _base(value: float, unit: str) -> float:
    """A value in its kind's base unit (seconds for durations)."""
    return value * SECONDS.get(unit, 1)


def interval(value: float, unit: str, meaning: str) -> tuple[float, float] | None:
    """The values a stated number covers, in its kind's base unit (None: no margin known)."""
    margin = margins().get("time" if unit == "time" else unit)
    if margin is None:
        return None
    scale = 60 if unit == "time" else SECONDS.get(unit, 1)
    exact, about = margin.get("exact", 0) * scale, margin.get("about", 0) * scale
    v = _base(value, unit) if unit != "time" else value
    return {
        "about": (v - about, v + about),
        "nearly": (v - about, v),
        "more_than": (v, math.inf),
        "at_least": (v, math.inf),
        "less_than": (-math.inf, v),
        "at_most": (-math.inf, v),
    }.get(meaning, (v - exact, v + exact))


def _number(row: dict, number: str = "value_number") -> float | None:
    try:
        return float(row[number]) if row.get(number) else None
    except ValueError:
        return None


def _moment(row: dict) -> float | None:
    try:
        moment = datetime.fromisoformat(row["value_time"]) if row.get("value_time") else None
    except ValueError:
        return None
    return moment.timestamp() if moment and moment.tzinfo else None


def claim_interval(claim: dict, language: str) -> tuple[str, tuple[float, float]] | None:
    """(kind, interval) of a claim's number or clock time, or None."""
    meaning = _hedge(claim.get("qualifier", ""), language)  # hedges go in the qualifier
    moment = _moment(claim)
    if moment is not None:
        found = interval(moment, "time", meaning)
        return ("time", found) if found else None
    value, unit = _number(claim), claim.get("unit", "")
    if value is None or not unit:
        return None
    found = interval(value, unit, meaning)
    return (_kind(unit), found) if found else None


def _record_values(row: dict) -> tuple[str, float] | None:
    moment = _moment(row)
    if moment is not None:
        return "time", moment
    value, unit = _number(row), row.get("unit", "")
    if value is None or not unit:
        return None
    return _kind(unit), _base(value, unit)


def _languages(raw: dict) -> dict[str, str]:
    sources = raw.get("sources")
    return {r["source_id"]: r.get("language", "") for r in sources.records()} if sources else {}


# Bases that say a stated number is off: the tolerance decides them as it decides verdicts
# (for a plan reported as what happened, against the cited rows of what happened).
OFF_BASES = {"outside-tolerance": "a cited record row",
             "planned-as-actual": "a cited record row of what happened"}  # fmt: skip


def verdict_problems(raw: dict[str, RawTable | None]) -> list[Problem]:
    """Rule 10."""
    verdicts, claims, record = raw.get("verdicts"), raw.get("claims"), raw.get("record")
    if verdicts is None or claims is None or record is None:
        return []
    language = _languages(raw)
    by_claim = {r["claim_id"]: r for r in claims.records()}
    values_of = {r["record_id"]: _record_values(r) for r in record.records()}
    actual = {r["record_id"] for r in record.records() if r.get("status") != "planned"}
    found = []
    for line, v in zip(verdicts.frame.index, verdicts.records(), strict=True):
        claim = by_claim.get(v["claim_id"])
        off = v.get("basis") in OFF_BASES  # a note does not lift it: the basis is the reason
        judged = off or (v["verdict"] in ("accurate", "inaccurate") and not v.get("note"))
        if claim is None or not judged:
            continue
        lang = language.get(claim["source_id"], "")
        textual = claim.get("value_text") and not claim.get("value_time")  # a time names its event
        if textual or _narrowed(claim.get("qualifier", ""), lang):
            continue
        stated = claim_interval(claim, lang)
        if stated is None:
            continue
        kind, (low, high) = stated
        ids = [i.strip() for i in v.get("record_ids", "").split(";")]
        if v.get("basis") == "planned-as-actual":  # judged against what happened
            ids = [i for i in ids if i in actual]
        cited = (values_of.get(i) for i in ids)
        values = [got[1] for got in cited if got and got[0] == kind]
        if not values:
            continue
        within = any(low <= value <= high for value in values)
        if off:
            if within:
                found.append(problem(verdicts.path, line, "basis", f"{v['claim_id']} states "
                                     f"a value within the tolerance of {OFF_BASES[v['basis']]} "
                                     f"(data/tolerances.yaml): not {v['basis']}"))  # fmt: skip
            continue
        wrong = {"inaccurate": "within the tolerance of a cited record row",
                 "accurate": "outside the tolerance of every cited record row"}  # fmt: skip
        if v["verdict"] == ("inaccurate" if within else "accurate"):
            found.append(problem(verdicts.path, line, "verdict", f"{v['claim_id']} states a "
                                 f"value {wrong[v['verdict']]} (data/tolerances.yaml): not "
                                 f"{v['verdict']}, or say why in note"))  # fmt: skip
    return found


def derived_agreement(claim_ids: list[str], raw: dict) -> str | None:
    """``agree`` or ``disagree`` from the claims' numbers, or None when they do not all state
    a number of one kind."""
    claims = raw.get("claims")
    if claims is None:
        return None
    language = _languages(raw)
    by_claim = {r["claim_id"]: r for r in claims.records()}
    stated = []
    for claim_id in claim_ids:
        claim = by_claim.get(claim_id)
        got = claim_interval(claim, language.get(claim["source_id"], "")) if claim else None
        if got is None:
            return None
        stated.append(got)
    if len({kind for kind, _ in stated}) != 1:
        return None
    low = max(lo for _, (lo, _hi) in stated)
    high = min(hi for _, (_lo, hi) in stated)
    return "agree" if low <= high else "disagree"


def agreement_problems(raw: dict[str, RawTable | None]) -> list[Problem]:
    """Rule 11."""
    groups = raw.get("reconciliation")
    if groups is None:
        return []
    found = []
    for line, g in zip(groups.frame.index, groups.frame.to_dict("records"), strict=True):
        ids = [i.strip() for i in g.get("claim_ids", "").split(";") if i.strip()]
        derived = derived_agreement(ids, raw)
        if derived is None or derived == g["agreement"]:
            continue
        noted = bool(g.get("note", "").strip())
        found.append(problem(groups.path, line, "agreement", f"set by hand to "
                             f"{g['agreement']!r}; the claims' numbers {derived} within "
                             "their tolerance (data/tolerances.yaml)"
                             + ("" if noted else ": say why in note"),
                             severity="warning" if noted else "error"))  # fmt: skip
    return found
