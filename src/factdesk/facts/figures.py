"""No typed arithmetic (``make check``): the figures in explanations and notes.

In every templated field (``templated: true`` in the schema: verdict and comparison
explanations, record values and notes):

1. each template field computes (known operation, known rows that hold the values);
2. a verdict's explanation computes only from the record rows the verdict cites;
3. a figure with a unit written out by hand ("2 h 38 min", "just under 12 days", "≈418 km by
   conversion") is an error unless it stands in quotation marks (a source's or an article's
   words), is a value a cited row holds in that unit (NASA's "12 days") or one its source's
   excerpt states: a difference or a conversion must be a template field, computed from the
   rows, never typed;
4. a figure our own words hedge ("just under 12 days", "about 420 km", "≈418 km") is an
   error outside quotation marks: a computed value is stated as computed (a template field),
   a source's rounded figure is quoted in the source's words. The hedges are each language's
   (``hedges`` in its words file) and the signs ``~`` and ``≈``.

Unit words per language come from the catalogs' ``unit_words``, so the rule works for any
language with a catalog.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pandas as pd

from factdesk.facts import schema, templates
from factdesk.facts.csvfile import RawTable
from factdesk.language import catalog
from factdesk.language import words as language_words
from factdesk.problems import Problem, problem

# Quoted words: a source's or an article's, not ours.
QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|(?<![\w])'[^']*'(?![\w])|«[^»]*»|„[^“”]*[“”]")


def typed_rows(record: RawTable) -> dict[str, dict]:
    """The raw record rows with the types the template fields compute with."""
    out = {}
    for row in record.records():
        typed = dict(row)
        for key, parse in (("value_time", pd.Timestamp), ("value_date", date.fromisoformat)):
            try:
                typed[key] = parse(row[key]) if row.get(key) else None
            except ValueError:
                typed[key] = None  # the schema check names it
        try:
            typed["value_number"] = float(row["value_number"]) if row.get("value_number") else None
        except ValueError:
            typed["value_number"] = None
        out[row["record_id"]] = typed
    return out


@lru_cache(maxsize=64)
def _duration_pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(?:{alternatives})(?![\w])", re.I)


@lru_cache(maxsize=16)
def _units(language: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(unit, pattern of its figures) for every unit with words in ``language``
    (``unit_words`` in the catalogs): read once per language, as check asks per text."""
    found = catalog.entries(language).get("unit_words", {})
    if not isinstance(found, dict):
        return ()
    return tuple((u, _duration_pattern(tuple(w))) for u, w in found.items() if w)


URL = re.compile(r"https?://\S+")
# A clock time (Dutch "04.35 uur", "14:12 h") is a moment, not a duration.
CLOCK = re.compile(r"\b\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:uur|u|h)\b", re.I)


@lru_cache(maxsize=65536)  # check asks for the same evidence once per claim citing it
def durations(
    text: str, language: str, quoted: bool = False
) -> tuple[tuple[str, float, str], ...]:
    """(words, value, unit) of every figure with a unit written out in ``text`` (durations,
    distances, counts), outside template fields and clock times, and outside quotations
    unless ``quoted`` (a source's words)."""
    bare = URL.sub(" ", templates.FIELD.sub(" ", text or ""))
    bare = CLOCK.sub(" ", bare if quoted else QUOTED.sub(" ", bare))
    found = []
    for unit, pattern in _units(language):
        for match in pattern.finditer(bare):
            found.append((match.group(0), float(match.group(1).replace(",", ".")), unit))
    return tuple(found)


@lru_cache(maxsize=16)
def _hedge_pattern(language: str) -> re.Pattern:
    """A hedge at the end of a text, not the middle of a range ("35 tot 40 minuten")."""
    try:
        phrases = sorted(language_words.hedges(language), key=len, reverse=True)
    except language_words.WordsError:
        phrases = []  # check reports the malformed words file
    alternatives = "|".join(
        [*(rf"(?<!\d\s)(?<!\w){re.escape(p)}\s+" for p in phrases), r"[~≈]\s*"]
    )
    return re.compile(rf"(?:{alternatives})$", re.I)


def hedged(text: str, language: str) -> list[str]:
    """Figures in our own words (outside quotations) that a hedge stands right before."""
    bare = URL.sub(" ", templates.FIELD.sub(" ", text or ""))
    bare = CLOCK.sub(" ", QUOTED.sub(" ", bare))
    found = []
    for _, pattern in _units(language):
        for match in pattern.finditer(bare):
            hedge = _hedge_pattern(language).search(bare[: match.start()])
            if hedge:
                found.append(hedge.group(0) + match.group(0))
    return found


def typed_durations(text: str, language: str, allowed: dict[str, set[float]]) -> list[str]:
    """Figures written by hand in ``text`` that are not a figure the cited rows hold or their
    sources state (``allowed``: unit -> values), to the precision written ("about 420 km"
    for 419.98 km)."""
    found = []
    for words, value, unit in durations(text, language):
        digits = re.search(r"\d+(?:[.,](\d+))?", words)
        step = 0.5 * 10 ** -len(digits.group(1) or "") + 1e-9 if digits else 1e-9
        if not any(abs(value - a) <= step for a in allowed.get(unit, ())):
            found.append(words)
    return found


def _allowed(rows: list[dict], language: str, texts: list[str]) -> dict[str, set[float]]:
    """What a text may state without computing it: the rows' own numbers in their units, and
    the durations their sources' excerpts (and the claim's words) state."""
    out: dict[str, set[float]] = {}
    for row in rows:
        if row.get("value_number") is not None and row.get("unit"):
            out.setdefault(row["unit"], set()).add(float(row["value_number"]))
    sourced = [row.get("evidence", "") for row in rows]
    sourced += [q for row in rows for q in QUOTED.findall(row.get("note", "") or "")]
    for text in texts + sourced:
        for _, value, unit in durations(text, language, True) + durations(text, "en", True):
            out.setdefault(unit, set()).add(value)
    return out


def problems(
    package: schema.Package,
    raw: dict[str, RawTable | None],
    languages: tuple[str, ...],
    broken: set[str] = frozenset(),
) -> list[Problem]:
    """Rules 1-4 (``broken``: tables whose rows cannot be trusted; what cites them is
    skipped, so one broken table gives one error, not a cascade)."""
    record = raw.get("record")
    if record is None or "record" in broken:
        return []
    rows = typed_rows(record)
    record_ids = tuple(rows)
    claims = raw.get("claims")
    rows.update({f"claim:{k}": v for k, v in (typed_claims(claims) if claims else {}).items()})
    found = []
    for table in package.tables.values():
        data = raw.get(table.name)
        if data is None or table.name in broken:
            continue
        if "claims" in broken and table.name in ("verdicts", "reconciliation"):
            continue  # they state their claims' figures
        for f in table.fields:
            if not f.templated:
                continue
            columns = [(f.column(lang), lang) for lang in languages] if f.translated else [
                (f.name, package.base_language)
            ]  # fmt: skip
            for column, language in columns:
                if column not in data.frame:
                    continue
                found += _column(table, data, column, language, rows, record_ids)
    return found


def typed_claims(claims: RawTable) -> dict[str, dict]:
    """Claims as the rows a comparison of the articles states: their numbers and words."""
    out = {}
    for row in claims.records():
        try:
            number = float(row["value_number"]) if row.get("value_number") else None
        except ValueError:
            number = None
        out[row["claim_id"]] = {"value_number": number, "unit": row.get("unit", ""),
                                "evidence": row.get("quote", "")}  # fmt: skip
    return out


def _cited(table: schema.Table, row: dict, record_ids: tuple[str, ...]) -> list[str] | None:
    """The rows a text may state figures of: a verdict's cited rows and its claim; a
    comparison's claims; a record row and the rows its note names. None: any."""
    if table.name == "verdicts":
        ids = [i.strip() for i in row.get("record_ids", "").split(";") if i.strip()]
        return [*ids, f"claim:{row['claim_id']}"]
    if table.name == "reconciliation":
        return [f"claim:{i.strip()}" for i in row.get("claim_ids", "").split(";") if i.strip()]
    if table.name == "record":  # the row, and the rows its note names
        note = row.get("note", "") or ""
        return [row["record_id"], *(i for i in record_ids if i in note)]
    return None


def _column(
    table, data: RawTable, column: str, language: str, rows: dict, record_ids: tuple[str, ...]
) -> list[Problem]:
    found = []
    cells = data.frame[column]
    has_digit = cells.str.contains(r"\d", regex=True)
    for line, row in zip(cells[has_digit].index, data.frame[has_digit].to_dict("records"),
                         strict=True):  # fmt: skip
        text = row[column]
        for message in templates.problems(text, rows, language):
            found.append(problem(data.path, line, column, message))
        cited = _cited(table, row, record_ids)
        if cited is not None and table.name == "verdicts":
            outside = [i for i in templates.ids(text) if i not in cited]
            if outside:
                found.append(problem(data.path, line, column, f"computes from {outside}, "
                                     "which the verdict does not cite (record_ids)"))  # fmt: skip
        pool = [rows[i] for i in (cited or []) if i in rows]
        sources = [row.get("evidence", ""), row.get("quote", "")]
        sources += QUOTED.findall(row.get("note", "") or "")
        typed = typed_durations(text, language, _allowed(pool, language, sources))
        for figure in typed:
            found.append(problem(data.path, line, column, f"{figure!r} is typed arithmetic or a "
                                 "typo: no cited row holds it and no source states it; compute "
                                 "it with a template field such as {value:ID} or "
                                 "{duration:FIRST..SECOND} (or quote the source)"))  # fmt: skip
        for figure in hedged(text, language):
            if not any(figure.endswith(t) for t in typed):  # one message per figure
                found.append(problem(data.path, line, column, f"{figure!r} hedges a figure in "
                                     "our own words: state the computed value with a template "
                                     "field, or quote the source's words"))  # fmt: skip
    return found
