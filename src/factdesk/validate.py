"""Validate the whole fact base and report every problem at once as ``file:line:column: message``.

Column-level rules (required columns, allowed values, formats, unique ids) are pandera schemas
run lazily, so one run lists every failing cell. What pandera cannot know is checked after it:
referential integrity between tables, quote provenance against the cleaned articles, time zones,
raw-file checksums and sentence coverage. Line numbers are the file's own (header = line 1).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import pandas as pd
import pandera.pandas as pa

from factdesk import paths
from factdesk.articles import ArticleError, CleanArticle, clean_article
from factdesk.provenance import coverage, locate_quotes
from factdesk.tables import (
    CLAIM_TYPES,
    ENTITY_KINDS,
    TOPICS,
    VERDICTS,
    RawTable,
    TableError,
    read_raw,
)

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
ISO_INSTANT = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$"
NUMBER = r"^-?\d+(?:\.\d+)?$"
URL = r"^https?://\S+$"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell (line 1 is the header; column ``-`` means the whole row/file)."""

    path: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class FactBase:
    """Where the tables of one fact base live. The defaults are the project's own data;
    tests and benchmarks point single tables elsewhere."""

    sources: Path = paths.SOURCES_CSV
    claims: Path = paths.CLAIMS_CSV
    entities: Path = paths.ENTITIES_CSV
    excused: Path = paths.EXCUSED_CSV
    reconciliation: Path = paths.RECONCILIATION_CSV
    verdicts: Path = paths.VERDICTS_CSV
    record: Path = paths.RECORD_CSV
    spaceflights: Path = paths.SPACEFLIGHTS_CSV
    iss_crew: Path = paths.ISS_CREW_CSV
    root: Path = paths.ROOT  # raw_file paths in sources are relative to this
    with_coverage: bool = True


def _req(*checks: pa.Check, unique: bool = False) -> pa.Column:
    return pa.Column(
        None, [pa.Check.str_length(min_value=1, error="must not be empty"), *checks], unique=unique
    )


def _opt(*checks: pa.Check) -> pa.Column:
    """An optional cell: empty, or matching every check (checks see non-empty cells only)."""
    wrapped = [pa.Check(lambda s, c=c: _nonempty_ok(s, c), error=c.error) for c in checks]
    return pa.Column(None, wrapped)


def _nonempty_ok(series: pd.Series, check: pa.Check) -> pd.Series:
    nonempty = series.ne("")
    result = pd.Series(True, index=series.index)
    if nonempty.any():
        result[nonempty] = check(series[nonempty]).check_output.to_numpy()
    return result


def _matches(pattern: str, error: str) -> pa.Check:
    return pa.Check.str_matches(pattern, error=error)


def _one_of(values: tuple[str, ...]) -> pa.Check:
    return pa.Check.isin(list(values), error=f"must be one of: {', '.join(values)}")


SLUG_CHECK = _matches(SLUG, "must be a lowercase id (letters, digits, hyphens)")
DATE_CHECK = _matches(ISO_DATE, "must be a date YYYY-MM-DD")
INSTANT_CHECK = _matches(
    ISO_INSTANT,
    "must be an ISO 8601 time with a UTC offset "
    "(e.g. 2021-10-05T14:12:00+02:00); naive times are ambiguous",
)
NUMBER_CHECK = _matches(NUMBER, "must be a number")
URL_CHECK = _matches(URL, "must be an http(s) URL")
BOOL_CHECK = _one_of(("true", "false"))
PRECISION_CHECK = _one_of(("second", "minute", "hour", "day", "month", "year"))

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "sources": pa.DataFrameSchema(
        {
            "source_id": _req(SLUG_CHECK, unique=True),
            "language": _req(_one_of(("en", "nl"))),
            "headline": _opt(),
            "published": _opt(DATE_CHECK),
            "published_precision": _opt(_one_of(("year", "month", "day"))),
            "published_basis": _opt(),
            "outlet": _opt(),
            "url": _opt(URL_CHECK),
            "raw_file": _req(),
            "sha256": _req(_matches(r"^[0-9a-f]{64}$", "must be a 64-digit hex SHA-256")),
            "notes": _opt(),
        }
    ),
    "entities": pa.DataFrameSchema(
        {
            "entity_id": _req(SLUG_CHECK, unique=True),
            "kind": _req(_one_of(ENTITY_KINDS)),
            "name_en": _req(),
            "name_nl": _req(),
            "aliases": _opt(),
            "description_en": _opt(),
        }
    ),
    "claims": pa.DataFrameSchema(
        {
            "claim_id": _req(SLUG_CHECK, unique=True),
            "source_id": _req(),
            "quote": _req(),
            "statement": _req(),
            "topic": _req(_one_of(TOPICS)),
            "subject": _req(),
            "claim_type": _req(_one_of(CLAIM_TYPES)),
            "checkable": _req(BOOL_CHECK),
            "value_number": _opt(NUMBER_CHECK),
            "unit": _opt(),
            "value_time": _opt(INSTANT_CHECK),
            "value_timezone": _opt(),
            "value_text": _opt(),
            "qualifier": _opt(),
            "attributed_to": _opt(),
            "note": _opt(),
        }
    ),
    "excused": pa.DataFrameSchema(
        {
            "sentence_id": _req(unique=True),
            "reason": _req(),
        }
    ),
    "reconciliation": pa.DataFrameSchema(
        {
            "pair_id": _req(SLUG_CHECK, unique=True),
            "aspect": _req(),
            "claim_nl": _req(),
            "claim_en": _req(),
            "agreement": _req(_one_of(("agree", "disagree"))),
            "explanation": _req(),
            "aspect_nl": _req(),
            "explanation_nl": _req(),
        }
    ),
    "verdicts": pa.DataFrameSchema(
        {
            "claim_id": _req(unique=True),
            "verdict": _req(_one_of(VERDICTS)),
            "record_ids": _opt(),
            "explanation_en": _req(),
            "explanation_nl": _req(),
        }
    ),
    "record": pa.DataFrameSchema(
        {
            "record_id": _req(SLUG_CHECK, unique=True),
            "subject": _req(),
            "property": _req(),
            "status": _opt(_one_of(("actual", "planned"))),
            "value_time": _opt(INSTANT_CHECK),
            "value_date": _opt(DATE_CHECK),
            "time_precision": _opt(PRECISION_CHECK),
            "value_number": _opt(NUMBER_CHECK),
            "unit": _opt(),
            "value_text": _opt(),
            "value_text_nl": _opt(),
            "source_title": _opt(),
            "source_url": _opt(URL_CHECK),
            "evidence": _opt(),
            "note": _opt(),
        }
    ),
    "spaceflights": pa.DataFrameSchema(
        {
            "person": _req(),
            "flight_up": _req(),
            "flight_down": _opt(),
            "launch_utc": _req(INSTANT_CHECK),
            "landing_utc": _opt(INSTANT_CHECK),
            "time_precision": _opt(PRECISION_CHECK),
            "source_title": _req(),
            "source_url": _req(URL_CHECK),
            "evidence": _opt(),
            "note": _opt(),
        }
    ),
    "iss_crew": pa.DataFrameSchema(
        {
            "person": _req(unique=True),
            "name": _req(),
            "nationality": _req(),
            "agency": _req(),
            "arrived_on": _req(),
            "aboard_before_ms19": _req(BOOL_CHECK),
            "expedition": _opt(),
            "source_title": _req(),
            "source_url": _req(URL_CHECK),
            "evidence": _opt(),
            "note": _opt(),
        }
    ),
}


class _Collector:
    """Collects problems; ``add`` takes the table name, a line number, a column, a message."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.problems: list[Problem] = []

    def add(self, table: str, line: int, column: str, message: str) -> None:
        self.problems.append(
            Problem(paths.display(getattr(self.base, table)), int(line), column, message)
        )

    def bad(self, table: str, raw: RawTable, mask: pd.Series, column: str, message: str) -> None:
        for line in raw.frame.index[mask.to_numpy()]:
            self.add(table, line, column, message)


def _schema_problems(out: _Collector, table: str, raw: RawTable) -> None:
    for line, count in raw.bad_rows:
        out.add(
            table,
            line,
            "-",
            f"row has {count} fields, the header has {len(raw.header)} "
            "(stray or missing delimiter? quote fields containing commas)",
        )
    try:
        SCHEMAS[table].validate(raw.frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for case in cases.itertuples():
            check = str(case.check)
            if check == "column_in_dataframe":
                out.add(table, 1, str(case.failure_case), "required column is missing")
            elif check == "field_uniqueness":
                out.add(table, case.index, str(case.column), f"duplicate id {case.failure_case!r}")
            elif pd.notna(case.index):
                out.add(table, case.index, str(case.column), check)
            else:
                out.add(table, 1, str(case.column), check)


def _foreign_key(
    out: _Collector,
    table: str,
    raw: RawTable,
    column: str,
    valid: set[str],
    target: str,
    *,
    optional: bool = False,
    split: str | None = None,
) -> None:
    if column not in raw.frame:
        return
    for line, value in raw.frame[column].items():
        if optional and value == "":
            continue
        for item in value.split(split) if split else [value]:
            item = item.strip()
            if item not in valid:
                out.add(table, line, column, f"unknown {target} id {item!r}")


def _ids(raw: RawTable | None, column: str) -> set[str]:
    if raw is None or column not in raw.frame:
        return set()
    return set(raw.frame[column])


_ZONES: set[str] | None = None


def _zone_ok(name: str) -> bool:
    global _ZONES
    if _ZONES is None:
        _ZONES = available_timezones()
    return name in _ZONES


def _check_times(
    out: _Collector, table: str, raw: RawTable, column: str, zone_column: str | None
) -> None:
    """Offsets must exist; with a zone column the offset must be that zone's at that instant;
    without one the time must be in UTC."""
    frame = raw.frame
    if column not in frame:
        return
    zones = (
        frame[zone_column]
        if zone_column and zone_column in frame
        else pd.Series("", index=frame.index)
    )
    for line, value, zone in zip(frame.index, frame[column], zones, strict=True):
        if not value or not re.match(ISO_INSTANT, value):
            if zone_column and zone and not value:
                out.add(table, line, column, "value_timezone is set but value_time is empty")
            continue
        message = _time_problem(value, zone if zone_column else None, zone_column is not None)
        if message:
            out.add(
                table,
                line,
                zone_column if message.startswith(("an IANA", "unknown IANA")) else column,
                message,
            )


@lru_cache(maxsize=65536)
def _time_problem(value: str, zone: str | None, zoned: bool) -> str:
    """What is wrong with one time value (empty string: nothing). Cached: a fact base repeats
    the same instants many times."""
    try:
        instant = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f"not a valid date/time: {value!r}"
    if not zoned:
        if instant.utcoffset().total_seconds() != 0:  # type: ignore[union-attr]
            return f"must be given in UTC (+00:00), got {value!r}"
        return ""
    if not zone:
        return "an IANA time zone is required with value_time"
    if not _zone_ok(zone):
        return f"unknown IANA time zone {zone!r}"
    expected = instant.astimezone(ZoneInfo(zone)).utcoffset()
    if expected != instant.utcoffset():
        return f"offset of {value!r} is not {zone}'s offset ({expected}) at that time"
    return ""


def _check_dates(out: _Collector, table: str, raw: RawTable, column: str) -> None:
    if column not in raw.frame:
        return
    for line, value in raw.frame[column].items():
        if value and re.match(ISO_DATE, value):
            try:
                datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                out.add(table, line, column, f"not a valid calendar date: {value!r}")


def _read(out: _Collector, table: str) -> RawTable | None:
    try:
        raw = read_raw(getattr(out.base, table))
    except TableError as exc:
        out.add(table, exc.line, exc.column, exc.message)
        return None
    _schema_problems(out, table, raw)
    return raw


def _articles(out: _Collector, sources: RawTable) -> dict[str, CleanArticle]:
    articles: dict[str, CleanArticle] = {}
    needed = {"source_id", "raw_file", "sha256"}
    if not needed <= set(sources.frame):
        return articles
    for line, row in sources.frame.iterrows():
        path = (
            paths.data_file(row["raw_file"])
            if out.base.root == paths.ROOT
            else out.base.root / row["raw_file"]
        )
        try:
            articles[row["source_id"]] = clean_article(path, row["source_id"])
        except ArticleError as exc:
            out.add("sources", line, "raw_file", str(exc))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if row["sha256"] and digest != row["sha256"]:
            out.add(
                "sources",
                line,
                "sha256",
                f"{row['raw_file']} has changed (sha256 "
                f"{digest[:12]}…); raw data must not be edited",
            )
    return articles


def check(base: FactBase | None = None) -> list[Problem]:
    """Every problem in the fact base, sorted by file and line; an empty list means valid."""
    base = base or FactBase()
    out = _Collector(base)
    raw = {
        f.name: _read(out, f.name)
        for f in fields(FactBase)
        if f.name not in ("root", "with_coverage")
    }
    sources, claims, entities = raw["sources"], raw["claims"], raw["entities"]
    articles = _articles(out, sources) if sources is not None else {}
    source_ids, entity_ids = _ids(sources, "source_id"), _ids(entities, "entity_id")
    claim_ids, record_ids = _ids(claims, "claim_id"), _ids(raw["record"], "record_id")

    if claims is not None:
        _foreign_key(out, "claims", claims, "source_id", source_ids, "source")
        _foreign_key(out, "claims", claims, "subject", entity_ids, "entity")
        _foreign_key(out, "claims", claims, "attributed_to", entity_ids, "entity", optional=True)
        _check_times(out, "claims", claims, "value_time", "value_timezone")
        _check_quotes(out, claims, articles)
    if (rec := raw["reconciliation"]) is not None and claims is not None:
        _foreign_key(out, "reconciliation", rec, "claim_nl", claim_ids, "claim")
        _foreign_key(out, "reconciliation", rec, "claim_en", claim_ids, "claim")
        _check_pair_languages(out, rec, claims, sources)
    if (verdicts := raw["verdicts"]) is not None:
        _foreign_key(out, "verdicts", verdicts, "claim_id", claim_ids, "claim")
        _foreign_key(
            out, "verdicts", verdicts, "record_ids", record_ids, "record", optional=True, split=";"
        )
    if (record := raw["record"]) is not None:
        _foreign_key(out, "record", record, "subject", entity_ids, "entity")
        _check_times(out, "record", record, "value_time", None)
        _check_dates(out, "record", record, "value_date")
        _check_record_sources(out, record)
    if (flights := raw["spaceflights"]) is not None:
        _foreign_key(out, "spaceflights", flights, "person", entity_ids, "entity")
        for column in ("launch_utc", "landing_utc"):
            _check_times(out, "spaceflights", flights, column, None)
    if (crew := raw["iss_crew"]) is not None:
        _foreign_key(out, "iss_crew", crew, "person", entity_ids, "entity")
    if base.with_coverage and claims is not None and raw["excused"] is not None and articles:
        _check_coverage(out, claims, raw["excused"], articles)
    return sorted(set(out.problems))


def _check_quotes(out: _Collector, claims: RawTable, articles: dict[str, CleanArticle]) -> None:
    """Each quote must be a verbatim span of its own article's cleaned text."""
    if not {"quote", "source_id"} <= set(claims.frame) or not articles:
        return
    texts = {sid: tuple(a.texts.values()) for sid, a in articles.items()}
    for line, source_id, quote in zip(
        claims.frame.index, claims.frame["source_id"], claims.frame["quote"], strict=True
    ):
        if not quote or source_id not in texts:
            continue
        if any(quote in part for part in texts[source_id]):
            continue
        elsewhere = [
            sid
            for sid, parts in texts.items()
            if sid != source_id and any(quote in part for part in parts)
        ]
        if elsewhere:
            out.add(
                "claims",
                line,
                "quote",
                f"quote is from another article ({elsewhere[0]}), not from {source_id}",
            )
        else:
            out.add(
                "claims",
                line,
                "quote",
                f"quote not found verbatim in the cleaned text of {source_id}: {quote[:60]!r}",
            )


def _check_pair_languages(
    out: _Collector, rec: RawTable, claims: RawTable, sources: RawTable | None
) -> None:
    if sources is None or not {"claim_id", "source_id"} <= set(claims.frame):
        return
    language = dict(zip(sources.frame["source_id"], sources.frame["language"], strict=True))
    claim_language = {
        cid: language.get(sid)
        for cid, sid in zip(claims.frame["claim_id"], claims.frame["source_id"], strict=True)
    }
    for column, expected in (("claim_nl", "nl"), ("claim_en", "en")):
        for line, cid in rec.frame[column].items():
            if cid in claim_language and claim_language[cid] != expected:
                out.add(
                    "reconciliation",
                    line,
                    column,
                    f"claim {cid!r} is not from the {expected} article",
                )


def _check_record_sources(out: _Collector, record: RawTable) -> None:
    """A public-record value without its source is not a public-record value."""
    frame = record.frame
    value_columns = [
        c for c in ("value_time", "value_date", "value_number", "value_text") if c in frame
    ]
    has_value = frame[value_columns].ne("").any(axis=1)
    for column in ("source_title", "source_url"):
        if column in frame:
            out.bad(
                "record",
                record,
                has_value & frame[column].eq(""),
                column,
                "a value needs its source (title and URL)",
            )
    if "note" in frame:
        out.bad(
            "record",
            record,
            ~has_value & frame["note"].eq(""),
            "note",
            "a row without a value must say why in note",
        )


def _check_coverage(
    out: _Collector, claims: RawTable, excused: RawTable, articles: dict[str, CleanArticle]
) -> None:
    needed = {"claim_id", "source_id", "quote"}
    if not needed <= set(claims.frame) or "sentence_id" not in excused.frame:
        return
    located = locate_quotes(claims.frame.reset_index(drop=True), articles)
    table = coverage(located, articles, excused.frame.reset_index(drop=True))
    sentence_ids = set(table["sentence_id"])
    _foreign_key(out, "excused", excused, "sentence_id", sentence_ids, "sentence")
    for row in table[table["status"].eq("uncovered")].itertuples():
        out.add(
            "excused",
            1,
            "sentence_id",
            f"sentence {row.sentence_id} ({row.text[:50]!r}) has no claim and is not excused",
        )


__all__ = ["FactBase", "Problem", "SCHEMAS", "check"]
