"""Corrections complete by construction (``make check``): every change to what was published
has its line in ``corrections.csv``.

``reports.yml`` names the last published revision of the fact base (``published_revision``,
a git commit). ``check`` reads the tables at that commit and, for each published verdict,
explanation, record value, entity name and comparison of the articles that changed since,
requires a corrections row for that item and field whose ``after`` is what the field says
now. Rows added since, and fields that were empty when published (a first translation, a
value found since), are new, not corrections, unless a correction was logged for them: then
its latest ``after`` must still be what the field says.

Outside a git checkout (a copy without history) there is nothing to compare with and the
rule is skipped; a revision the repository does not hold (a shallow clone) is a warning.
"""

from __future__ import annotations

import csv
import io

from factdesk import paths
from factdesk.diff import revision
from factdesk.facts import schema
from factdesk.facts.csvfile import RawTable
from factdesk.facts.yamlfile import at, compose
from factdesk.problems import Problem, problem

# What a reader was shown, by table: the fields whose change is a correction.
TRACKED = {
    "verdicts": ("verdict", "explanation", "record_ids", "unchecked_reason"),
    "record": (
        "value_time",
        "value_date",
        "time_precision",
        "value_number",
        "unit",
        "value_text",
        "status",
        "label",
    ),  # fmt: skip
    "entities": ("name",),
    "reconciliation": ("agreement", "claim_ids", "aspect", "explanation"),
}


def _published_rows(commit: str, table: schema.Table) -> dict[str, dict[str, str]] | None:
    relative = table.path.relative_to(paths.ROOT).as_posix()
    data = revision.file_at(commit, relative)
    if data is None:
        return None
    key = table.primary_key[0]
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return {row[key]: row for row in rows}


def _logged(corrections: RawTable) -> dict[tuple[str, str, str], str]:
    """(table, row id, field) -> the ``after`` of its latest correction."""
    latest: dict[tuple[str, str, str], tuple[str, str]] = {}
    for row in corrections.records():
        key = (row["table"], row["row_id"], row["field"])
        stamp = (row["date"], row["correction_id"])
        if key not in latest or stamp >= latest[key][0]:
            latest[key] = (stamp, row["after"])
    return {k: after for k, (_, after) in latest.items()}


def as_of_problems(raw: dict[str, RawTable | None], data_as_of: str) -> list[Problem]:
    """The pages' "data as of" date (``reports.yml``) is not older than the latest correction
    they list: a page may not say its data are older than its own corrections."""
    corrections = raw.get("corrections")
    if corrections is None or "date" not in corrections.frame:
        return []
    dates = corrections.frame["date"]
    dates = dates[dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}")]  # a malformed one: the schema's
    if dates.empty or dates.max() <= data_as_of:
        return []
    latest = f"{dates.max()}, {paths.display(corrections.path)} line {dates.idxmax()}"
    message = (
        f"data_as_of {data_as_of} is older than the latest correction ({latest}): set it to "
        "the day the data last changed"
    )
    root, _ = compose(paths.REPORTS_CONFIG)  # read by config before: where the date stands
    node = next(value for key, value in root.value if key.value == "data_as_of")
    return [at(paths.REPORTS_CONFIG, node, message)]


def problems(
    package: schema.Package, raw: dict[str, RawTable | None], published: str
) -> list[Problem]:
    corrections = raw.get("corrections")
    if not published or corrections is None:
        return []
    try:
        commit = revision.resolve(published)
    except revision.DiffError as exc:
        if "not a git repository" in str(exc):
            return []  # a copy without history: nothing to compare with
        return [problem("reports.yml", 1, "published_revision", f"cannot check corrections "
                        f"against the published revision: {exc}", severity="warning")]  # fmt: skip
    logged = _logged(corrections)
    found = []
    for name, fields in TRACKED.items():
        table, data = package.tables.get(name), raw.get(name)
        if table is None or data is None or not table.primary_key:
            continue
        before = _published_rows(commit, table)
        if before is None:
            continue
        key = table.primary_key[0]
        columns = [c for c in data.header if c.split("@", 1)[0] in fields]
        for line, row in zip(data.frame.index, data.frame.to_dict("records"), strict=True):
            old = before.get(row[key])
            if old is None:
                continue  # added since: new, not a correction
            for column in columns:
                now, then = row.get(column, ""), old.get(column, "")
                last = logged.get((name, row[key], column))
                if now == then or last == now or (not then and last is None):
                    continue  # unchanged, logged, or added (a first translation is new)
                found.append(
                    problem(
                        data.path,
                        line,
                        column,
                        f"changed since the published revision {commit[:12]} with no "
                        f"corrections row saying so (corrections.csv: table {name}, row_id "
                        f"{row[key]}, field {column}, before, after = what it says now, why)",
                    )
                )
    return found
