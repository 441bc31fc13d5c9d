"""Checks across tables and against the articles, which no Table Schema can express:
keys between tables, offsets that match the stated time zone, sentence coverage, sourced
record values, reconciliation groups that span articles, and a verdict for every claim (the
articles themselves and the quotes: :mod:`factdesk.facts.verbatim`).

Each check takes the raw tables (``None`` for a table that could not be read) and skips what
depends on a broken table, so one root cause gives one message, not a cascade.
"""

from __future__ import annotations

import difflib
import re
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

import pandas as pd

from factdesk import paths
from factdesk.facts.coverage import coverage, locate_quotes
from factdesk.facts.csvfile import RawTable
from factdesk.facts.schema import Package
from factdesk.facts.validate import ISO_INSTANT
from factdesk.intake.articles import CleanArticle
from factdesk.problems import Problem, problem

Raw = dict[str, RawTable | None]


def _ids(raw: RawTable | None, column: str) -> set[str]:
    if raw is None or column not in raw.frame:
        return set()
    return set(raw.frame[column])


def foreign_keys(package: Package, raw: Raw, broken: set[str]) -> list[Problem]:
    """Every reference resolves: declared foreign keys and list fields with ``references``."""
    found: list[Problem] = []
    for table in package.tables.values():
        data = raw.get(table.name)
        if data is None:
            continue
        links = [(fk.fields[0], fk.resource, fk.reference[0], "") for fk in table.foreign_keys]
        links += [
            (f.name, f.references[0], f.references[1], f.delimiter)
            for f in table.fields
            if f.references
        ]
        for column, target, target_field, delimiter in links:
            if target in broken or column not in data.frame:
                continue  # the target table's own problem is reported once, not per reference
            valid = _ids(raw[target], target_field)
            noun = target_field.removesuffix("_id").replace("_", " ")
            where = paths.display(package[target].path)
            items = data.frame[column][data.frame[column].ne("")]
            if delimiter:  # one row per item, on its row's line
                items = items.str.split(delimiter).explode().str.strip()
            for line, item in items[~items.isin(valid)].items():
                message = f"unknown {noun} id {item!r} (not in {where})"
                found.append(problem(table.path, line, column, message))
    return found


@lru_cache(maxsize=65536)
def _time_problem(value: str, zone: str) -> str:
    """What is wrong with a zoned time ("" if nothing); cached, a fact base repeats instants."""
    try:
        instant = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f"not a valid date/time: {value!r}"
    if not zone:
        return "an IANA time zone is required with a time"
    if zone not in _zones():
        return f"unknown IANA time zone {zone!r}{did_you_mean(zone, _zones())}"
    expected = instant.astimezone(ZoneInfo(zone)).utcoffset()
    if expected != instant.utcoffset():
        return f"offset of {value!r} is not {zone}'s offset ({expected}) at that time"
    return ""


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def did_you_mean(value: str, known) -> str:
    """'; did you mean 'Europe/Amsterdam'?' for a near miss, else ''."""
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.8)
    return f"; did you mean {close[0]!r}?" if close else ""


def zoned_times(package: Package, raw: Raw) -> list[Problem]:
    """A time with ``offset: zoned`` must carry the offset of its ``timezone_field``'s zone."""
    found = []
    for table in package.tables.values():
        data = raw.get(table.name)
        if data is None:
            continue
        for f in table.fields:
            if f.offset != "zoned" or f.name not in data.frame:
                continue
            zones = data.frame.get(f.timezone_field, pd.Series("", index=data.frame.index))
            for line, value, zone in zip(data.frame.index, data.frame[f.name], zones, strict=True):
                if not value:
                    if zone:
                        found.append(
                            problem(
                                table.path,
                                line,
                                f.name,
                                f"{f.timezone_field} is set but {f.name} is empty",
                            )
                        )
                    continue
                if not re.fullmatch(ISO_INSTANT, value):
                    continue  # reported by the schema check
                message = _time_problem(value, zone)
                if message:
                    zone_problem = message.startswith(("an IANA", "unknown IANA"))
                    column = f.timezone_field if zone_problem else f.name
                    found.append(problem(table.path, line, column, message))
    return found


def groups(raw: Raw, broken: set[str], suspect: frozenset[str] = frozenset()) -> list[Problem]:
    """A reconciliation group holds claims from at least two different articles. A group with
    a ``suspect`` claim (its quote is not in its article, so its source_id is in doubt) is
    left to that claim's own message."""
    rec, claims, found = raw.get("reconciliation"), raw.get("claims"), []
    if rec is None or claims is None or "claims" in broken or "claim_ids" not in rec.frame:
        return found
    source_of = dict(zip(claims.frame["claim_id"], claims.frame["source_id"], strict=True))
    for line, value in rec.frame["claim_ids"].items():
        ids = [i.strip() for i in value.split(";")] if value else []
        articles_ = {source_of[i] for i in ids if i in source_of}
        if suspect & set(ids):
            continue
        if ids and len(articles_) < 2 and all(i in source_of for i in ids):
            found.append(
                problem(
                    rec.path,
                    line,
                    "claim_ids",
                    "a group needs claims from at least two "
                    f"articles; all of {', '.join(ids)} are from {', '.join(articles_)}",
                )
            )
    return found


def record_sources(raw: Raw) -> list[Problem]:
    """A public-record value without its source is not a public-record value."""
    record, found = raw.get("record"), []
    if record is None:
        return found
    frame = record.frame
    values = [
        c
        for c in frame
        if c.startswith(("value_time", "value_date", "value_number", "value_text"))
    ]
    has_value = frame[values].ne("").any(axis=1) if values else pd.Series(False, frame.index)
    for column in ("source_title", "source_url", "evidence"):
        if column in frame:
            for line in frame.index[(has_value & frame[column].eq("")).to_numpy()]:
                found.append(
                    problem(
                        record.path,
                        line,
                        column,
                        "a value needs its source (title, URL and a verbatim excerpt)",
                    )
                )
    if "note" in frame:
        for line in frame.index[(~has_value & frame["note"].eq("")).to_numpy()]:
            found.append(
                problem(record.path, line, "note", "a row without a value must say why in note")
            )
    return found


def every_claim_judged(raw: Raw, broken: set[str]) -> list[Problem]:
    """Every claim needs a verdict (``make check`` lists what a new article still lacks)."""
    claims, verdicts = raw.get("claims"), raw.get("verdicts")
    if claims is None or verdicts is None or {"claims", "verdicts"} & broken:
        return []
    judged = _ids(verdicts, "claim_id")
    where = paths.display(verdicts.path)
    return [
        problem(claims.path, line, "claim_id", f"claim {cid!r} has no verdict yet (in {where})")
        for line, cid in claims.frame["claim_id"].items()
        if cid and cid not in judged
    ]


def coverage_table(raw: Raw, broken: set[str], cleaned: dict[str, CleanArticle]):
    """Every sentence with the claims that cover it (:func:`coverage`), or None when the
    claims, the excused sentences or the articles cannot be read."""
    claims, excused = raw.get("claims"), raw.get("excused")
    if claims is None or excused is None or {"claims", "excused", "sources"} & broken:
        return None
    if not cleaned:
        return None
    located = locate_quotes(claims.frame.reset_index(drop=True), cleaned)
    return coverage(located, cleaned, excused.frame.reset_index(drop=True))


def sentence_coverage(raw: Raw, cleaned: dict[str, CleanArticle], table) -> list[Problem]:
    """Every sentence is covered by a claim's quote or excused with a reason (``table``:
    :func:`coverage_table`)."""
    excused = raw.get("excused")
    if table is None or excused is None:
        return []
    sentence_ids = set(table["sentence_id"])
    unusable = _ids(raw.get("sources"), "source_id") - set(
        cleaned
    )  # reported by verbatim.articles()
    found = [
        problem(excused.path, line, "sentence_id", f"unknown sentence id {sid!r}")
        for line, sid in excused.frame["sentence_id"].items()
        if sid not in sentence_ids and sid.split(":")[0] not in unusable
    ]
    for row in table[table["status"].eq("uncovered")].itertuples():
        found.append(
            problem(
                excused.path,
                1,
                "sentence_id",
                f"sentence {row.sentence_id} ({row.text[:50]!r}) has no claim and is not excused",
            )
        )
    return found
