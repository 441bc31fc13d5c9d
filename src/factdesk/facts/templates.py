"""Figures computed from the record, never typed: template fields in explanations and notes.

A field names the record rows and the operation; the value is computed from the rows and
written in the text's language when a table is loaded (:func:`render`):

* ``{time:ID}`` the row's time in UTC, as precisely as the record knows it (``12:22:31 UTC``);
  ``{time:ID@Europe/Amsterdam}`` in a zone (``14:22:31 CEST``);
* ``{date:ID}`` the row's date, only as precise as known;
* ``{value:ID}`` the row's number with its unit (``419,98 km``);
* ``{duration:A..B}`` the time from row A to row B (``2 h 37 min``);
* ``{difference:A..B}`` B's number minus A's, in their unit (``10,02 km``).

A difference is taken from the unrounded values and rounded once, to the coarser precision of
its two rows (a docking known to the second and a hatch opening known to the minute give
minutes), and times are printed as precisely as they are known, so a printed difference always
agrees with the printed times. ``check`` rejects a field it cannot compute (:func:`problems`)
and a typed duration that no field or cited row gives (:mod:`factdesk.facts.typed_figures`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import pandas as pd

FIELD = re.compile(r"\{(?P<op>[a-z]+):(?P<args>[^{}]+)\}")
OPS = ("time", "date", "value", "duration", "difference")
ROUNDING = {"second": "s", "minute": "min", "hour": "h", "day": "D"}
COARSE = ("second", "minute", "hour", "day", "month", "year")


class TemplateError(ValueError):
    """A field that cannot be computed (unknown operation or row, a row without the value)."""


def ids(text: str) -> list[str]:
    """The record ids every field of ``text`` names."""
    found = []
    for match in FIELD.finditer(text or ""):
        for part in match["args"].split(".."):
            found.append(part.split("@", 1)[0].strip())
    return found


def _precision(row: Mapping) -> str:
    value = row.get("time_precision")
    return value if isinstance(value, str) and value in COARSE else "second"


def _row(record: Mapping[str, Mapping], record_id: str) -> Mapping:
    if record_id not in record:
        raise TemplateError(f"no record row {record_id!r}")
    return record[record_id]


def _time(row: Mapping, record_id: str) -> pd.Timestamp:
    value = row.get("value_time")
    if value is None or pd.isna(value):
        raise TemplateError(f"record row {record_id!r} has no time")
    return pd.Timestamp(value)


def _number(row: Mapping, record_id: str) -> float:
    value = row.get("value_number")
    if value is None or pd.isna(value):
        raise TemplateError(f"record row {record_id!r} has no number")
    return float(value)


def _compute(op: str, args: str, record: Mapping[str, Mapping], language: str) -> str:
    from factdesk.language import formats

    if op not in OPS:
        raise TemplateError(f"unknown operation {op!r}; use one of {', '.join(OPS)}")
    if op in ("duration", "difference"):
        if ".." not in args:
            raise TemplateError(f"{op} needs two rows: {{{op}:FIRST..SECOND}}")
        a_id, b_id = (part.strip() for part in args.split("..", 1))
        a, b = _row(record, a_id), _row(record, b_id)
        if op == "duration":
            coarser = max(_precision(a), _precision(b), key=COARSE.index)
            delta = _time(b, b_id) - _time(a, a_id)
            step = pd.Timedelta(1, unit=ROUNDING.get(coarser, "D"))
            return formats.duration(delta.round(step), language, coarser)
        if a.get("unit") != b.get("unit"):
            raise TemplateError(f"{a_id!r} and {b_id!r} are in different units")
        value = _number(b, b_id) - _number(a, a_id)
        return formats.quantity(value, str(a.get("unit") or ""), language)
    record_id, _, zone = args.partition("@")
    row = _row(record, record_id.strip())
    if op == "time":
        moment = _time(row, record_id)
        return formats.clock(moment, language, ZoneInfo(zone or "UTC"), _precision(row))
    if op == "date":
        value = row.get("value_date")
        if value is None or pd.isna(value):
            value = _time(row, record_id)
        precision = _precision(row) if _precision(row) in ("month", "year") else "day"
        return formats.day(value, language, precision)
    return formats.quantity(_number(row, record_id), str(row.get("unit") or ""), language)


def render(text: str, record: Mapping[str, Mapping], language: str) -> str:
    """``text`` with every field computed in ``language`` (``record``: id -> row)."""
    if not text or "{" not in text:
        return text
    return FIELD.sub(lambda m: _compute(m["op"], m["args"], record, language), text)


def problems(text: str, record: Mapping[str, Mapping], language: str) -> list[str]:
    """What is wrong with each field of ``text`` (empty when every field computes)."""
    found = []
    for match in FIELD.finditer(text or ""):
        try:
            _compute(match["op"], match["args"], record, language)
        except TemplateError as exc:
            found.append(f"{match.group(0)}: {exc}")
    return found
