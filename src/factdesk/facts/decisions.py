"""Verdict labels by a written decision table (``make check``).

The table (``decisions.yaml`` beside this module, printed in the README) says what makes a
claim accurate, imprecise, inaccurate or not checkable; each verdict names the row it rests on
(``verdicts.csv`` column ``basis``). What is mechanical is enforced:

7. a verdict's label is the one its basis gives;
8. a claim rated *not checkable* gives the reason its basis names and cites no record row
   (a row that settled it would make it checkable);
9. a verdict citing a row whose status is *planned* says so: its basis is about a plan, or
   its explanation says "planned" (the language's ``planned`` words, in each language).

Numbers against their tolerance (rule 10) are in :mod:`factdesk.facts.tolerance`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from factdesk.facts.csvfile import RawTable
from factdesk.language import words
from factdesk.problems import Problem, problem

FILE = Path(__file__).with_name("decisions.yaml")
PLAN_BASES = ("plan-confirmed", "planned-as-actual", "contradicted")


@cache
def table() -> dict[str, dict]:
    """basis -> {verdict, reason (not checkable only), rule}."""
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


def _reasons(entry: dict) -> tuple[str, ...]:
    reason = entry.get("reason", ())
    return (reason,) if isinstance(reason, str) else tuple(reason)


def _plan_words(language: str) -> re.Pattern | None:
    try:
        found = words.words(language).planned
    except words.WordsError:
        return None  # check reports the malformed words file
    if not found:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, found)) + r")", re.I)


def problems(verdicts: RawTable, record: RawTable | None, languages: list[str]) -> list[Problem]:
    frame = verdicts.frame
    if "basis" not in frame:
        return [problem(verdicts.path, 1, "basis", "no basis column: each verdict names the "
                        "row of the decision table it rests on (README)")]  # fmt: skip
    decisions = table()
    status = {r["record_id"]: r.get("status", "") for r in record.records()} if record else {}
    plan_words = {lang: _plan_words(lang) for lang in languages}
    found = []
    for line, row in zip(frame.index, verdicts.records(), strict=True):
        entry = decisions.get(row["basis"])
        if entry is None:
            continue  # the schema names an unknown basis
        if row["verdict"] != entry["verdict"]:
            found.append(problem(verdicts.path, line, "verdict", f"the basis {row['basis']!r} "
                                 f"makes a claim {entry['verdict']} (README's decision table), "
                                 f"not {row['verdict']}"))  # fmt: skip
            continue
        cited = [i.strip() for i in row.get("record_ids", "").split(";") if i.strip()]
        if entry["verdict"] == "not checkable":
            reason = row.get("unchecked_reason", "")
            if reason and reason not in _reasons(entry):  # an empty one: rule 4 says so
                found.append(problem(verdicts.path, line, "unchecked_reason", "the basis "
                                     f"{row['basis']!r} gives the reason "
                                     f"{' or '.join(_reasons(entry))}"))  # fmt: skip
            if cited:
                found.append(problem(verdicts.path, line, "record_ids", "a claim rated not "
                                     "checkable cites no record row; a row that settles it "
                                     "makes it checkable"))  # fmt: skip
            continue
        planned = [i for i in cited if status.get(i) == "planned"]
        if planned and row["basis"] not in PLAN_BASES:
            for language in languages:
                column, words = f"explanation@{language}", plan_words[language]
                if words is not None and column in row and not words.search(row[column]):
                    found.append(problem(verdicts.path, line, column, f"cites the planned "
                                         f"record row {planned[0]}: say in the explanation "
                                         "that it was the plan"))  # fmt: skip
    return found
