"""The review sheet of candidate claims (``data/review/<source_id>-candidates.csv``).

Its first columns are exactly ``claims.csv``'s, so an accepted row is copied over as it is
(after writing its ``statement`` and checking the rest); the columns after them are the
reviewer's and the machine's notes, not copied:

- ``decision``: empty until reviewed; ``rejected`` for a candidate that is not kept (or delete
  the row). ``status`` counts the rows neither in ``claims.csv`` (by ``claim_id``) nor
  rejected as not yet reviewed.
- ``sentence_id``: the sentence the quote starts in (the id ``excused.csv`` uses).
- ``spotted_as``: what kind of claim was spotted (number, duration, time, date, place, role,
  title, first, plan, comparison, opinion, quote, attribution, reported, statement).
- ``similar_claim``, ``suggested_group``, ``suggested_record``: the existing claim of another
  article that probably says the same thing, its reconciliation group (which this claim
  probably joins in ``reconciliation.csv``) and the record rows its verdict cites
  (:mod:`factdesk.intake.suggest`).

Claim ids are proposed as the fact base writes them, ``<language>-<number>`` (``de-001``),
numbered on from the highest such id in ``claims.csv`` and in every review sheet.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from factdesk import paths
from factdesk.facts import tables
from factdesk.facts.csvfile import TableError
from factdesk.intake.articles import CleanArticle
from factdesk.intake.candidates import checkable, spot
from factdesk.intake.spotting.entities import Gazetteer, entities_from_rows
from factdesk.intake.suggest import NONE, Known, suggest

__all__ = ["REJECTED", "REVIEW_COLUMNS", "candidate_rows", "next_ids", "read_sheet", "sheets"]

REVIEW_COLUMNS = (
    "decision",
    "sentence_id",
    "spotted_as",
    "similar_claim",
    "suggested_group",
    "suggested_record",
)
REJECTED = "rejected"
SUFFIX = "-candidates.csv"


def sheets() -> dict[str, Path]:
    """Every candidates sheet in ``data/review/`` by source id."""
    if not paths.REVIEW.is_dir():
        return {}
    return {p.name.removesuffix(SUFFIX): p for p in sorted(paths.REVIEW.glob(f"*{SUFFIX}"))}


def read_sheet(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)]


def next_ids(language: str, taken: Iterable[str], n: int) -> list[str]:
    """``n`` claim ids ``<language>-NNN`` after the highest of ``taken`` with that prefix."""
    numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(rf"{language}-(\d+)", t))]
    first = max(numbers, default=0) + 1
    width = max(3, len(str(first + n)))
    return [f"{language}-{k:0{width}d}" for k in range(first, first + n)]


def _rows(name: str) -> list[dict[str, str]]:
    """A table's rows as strings; [] when it cannot be read (``check`` says why)."""
    try:
        return tables.raw(name).frame.to_dict("records")
    except (TableError, KeyError, OSError):
        return []


def _taken_ids() -> list[str]:
    ids = [row.get("claim_id", "") for row in _rows("claims")]
    for path in sheets().values():
        try:
            ids += [row.get("claim_id", "") for row in read_sheet(path)]
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
    return ids


def candidate_rows(
    source_id: str,
    language: str,
    article: CleanArticle,
    base_language: str,
    published: date | None = None,
) -> list[dict[str, str]]:
    """The review sheet's rows for a new article (claims.csv's columns and
    :data:`REVIEW_COLUMNS`)."""
    entities = entities_from_rows(_rows("entities"), base_language)
    gazetteer = Gazetteer(entities)
    sources = _rows("sources")
    known = Known.from_rows(
        _rows("claims"),
        _rows("reconciliation"),
        _rows("verdicts"),
        _rows("record"),
        gazetteer,
        {row.get("source_id", ""): row.get("language", "") for row in sources},
    )
    found = spot(article, language, base_language, entities, published)
    ids = next_ids(language, _taken_ids(), len(found))
    rows = []
    for claim_id, (c, sentence_id) in zip(ids, found, strict=True):
        quote = article.part_text(c.part)[c.start : c.end]
        hint = suggest(c, source_id, quote, language, known) if known.claims else NONE
        note = f"candidate: {c.spotted}" + (f"; {c.remark}" if c.remark else "")
        rows.append(
            {
                "claim_id": claim_id,
                "source_id": source_id,
                "quote": quote,
                "topic": hint.topic,
                "subject": c.subject,
                "claim_type": c.claim_type,
                "checkable": "true" if checkable(c) else "false",
                "value_number": c.value_number,
                "unit": c.unit,
                "value_time": c.value_time,
                "value_timezone": c.value_timezone,
                "value_text": c.value_text,
                "qualifier": c.qualifier,
                "attributed_to": c.attributed_to,
                "note": note,
                "sentence_id": sentence_id,
                "spotted_as": c.spotted_as,
                "similar_claim": hint.claim_id,
                "suggested_group": hint.group,
                "suggested_record": hint.record,
            }
        )
    return rows
