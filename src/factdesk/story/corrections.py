"""Corrections as a newsroom prints them: one entry per corrected item and date (what was
published, what it says now, why, when), newest first, in the page's language.

``corrections.csv`` logs each changed field (a verdict, its explanation in each language, a
record value ...). A reader cares about the item: the verdict on a claim, a public-record
value. :func:`items` groups the log by item; counts of corrections count items.
"""

from __future__ import annotations

import pandas as pd

from factdesk.facts import tables, templates
from factdesk.story.anchors import claim_anchor, record_anchor
from factdesk.story.cards import record_name
from factdesk.story.html import esc, in_language, rich
from factdesk.story.notebook import Story

LABELLED = {"verdict": "verdict", "unit": "unit", "status": "status", "agreement": "agreement",
            "unchecked_reason": "unchecked", "topic": "topic",
            "time_precision": "precision"}  # fmt: skip


def items(corrections: pd.DataFrame) -> pd.DataFrame:
    """One row per corrected item and date (``table``, ``row_id``, ``date``), newest first,
    with the log rows that make it up (``rows``: their positions in ``corrections``)."""
    if corrections.empty:
        return pd.DataFrame(columns=["date", "table", "row_id", "rows"])
    grouped = corrections.reset_index(drop=True).groupby(
        ["date", "table", "row_id"], sort=False, observed=True
    )
    out = pd.DataFrame(
        [(d, str(t), str(r), list(g.index)) for (d, t, r), g in grouped],
        columns=["date", "table", "row_id", "rows"],
    )
    order = out.index.to_series().map(lambda i: -i)  # keep log order within a date
    return (
        out.assign(_o=order)
        .sort_values(["date", "_o"], ascending=[False, True])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def count(corrections: pd.DataFrame) -> int:
    """How many items have been corrected (an item corrected twice counts once)."""
    return int(corrections[["table", "row_id"]].drop_duplicates().shape[0])


def _shown_fields(story: Story, fields: list[str]) -> list[str]:
    """The fields this page shows: the page language's version of a translated field, or
    the base language's when the page language has none."""
    chosen = []
    for f in fields:
        name, _, language = f.partition("@")
        if not language:
            chosen.append(f)
        elif language == story.language or (
            language == story.base and f"{name}@{story.language}" not in fields
        ):
            chosen.append(f)
    return chosen


def _value(story: Story, field: str, value: object, record: dict, names: dict) -> str:
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    name, _, language = field.partition("@")
    text = _computed(text, record, language or story.base)
    if name == "record_ids" and text:  # the rows a verdict cites, by what they are about
        return esc("; ".join(names.get(i, i) for i in text.split(";")))
    if name in LABELLED and story.catalog.has(f"{LABELLED[name]}.{text}"):
        return esc(story.label(LABELLED[name], text))  # a code of the past may have no label
    if not text:
        return f"<em>{esc(story.t('correction.empty'))}</em>"
    return in_language(rich(text), language, story.language)


def _computed(text: str, record: dict, language: str) -> str:
    """A logged text with its template fields computed, as the page showed it (a field whose
    record row is gone stays as written)."""
    try:
        return templates.render(text, record, language)
    except templates.TemplateError:
        return text


def _subject(story: Story, table: str, row_id: str, context: dict) -> str:
    if table in ("verdicts", "claims") and row_id in context["claims"].index:
        claim = context["claims"].loc[row_id]
        quote = in_language(
            esc(f"“{claim.quote}”"), story.article_language(claim.source_id), story.language
        )
        article = esc(story.article(claim.source_id))
        return f'<a href="#{claim_anchor(row_id)}">{quote}</a> ({article})'
    if table == "record" and row_id in context["record"].index:
        row = context["record"].loc[row_id].copy()
        return f'<a href="#{record_anchor(row_id)}">{esc(record_name(story, row))}</a>'
    if table == "reconciliation" and row_id in context["groups"].index:
        return f'<a href="#group-{esc(row_id)}">{esc(context["groups"].loc[row_id, "aspect"])}</a>'
    if table == "entities":
        return esc(story.name(row_id))
    return esc(row_id)


def entries(
    story: Story,
    corrections: pd.DataFrame,
    claims: pd.DataFrame,
    record: pd.DataFrame,
    groups: pd.DataFrame,
) -> str:
    """The corrections section's entries, newest first, headed by the number of items."""
    context = {
        "claims": claims.set_index("claim_id"),
        "record": record.set_index("record_id"),
        "groups": groups.set_index("group_id"),
    }
    log = corrections.reset_index(drop=True)
    rows_by_id = tables.record_rows()  # typed, every language: what template fields compute from
    names = {i: record_name(story, row) for i, row in context["record"].iterrows()}
    out = []
    for item in items(log).itertuples():
        rows = log.loc[item.rows]
        fields = _shown_fields(story, list(rows["field"]))
        changes = []
        for row in rows[rows["field"].isin(fields)].itertuples():
            label = story.label("field", row.field)
            changes.append(
                f'<div class="fd-change"><p class="fd-field">{esc(label)}</p>'
                f'<p class="fd-was"><strong>{esc(story.t("correction.was"))}</strong> '
                f"{_value(story, row.field, row.before, rows_by_id, names)}</p>"
                f'<p class="fd-now"><strong>{esc(story.t("correction.now"))}</strong> '
                f"{_value(story, row.field, row.after, rows_by_id, names)}</p></div>"
            )
        reasons = list(dict.fromkeys(str(r) for r in rows["reason"] if str(r)))
        day = item.date.strftime("%Y-%m-%d")
        out.append(
            f'<li class="fd-correction" id="correction-{esc(rows["correction_id"].iloc[0])}">'
            f'<p class="fd-card-meta"><time datetime="{day}">{esc(story.day(item.date))}</time>'
            f" · {esc(story.label('table_name', item.table))}</p>"
            f'<p class="fd-correction-item">'
            f"{_subject(story, item.table, item.row_id, context)}</p>"
            + "".join(changes)
            + f'<p class="fd-why"><strong>{esc(story.t("card.why"))}</strong> '
            + " ".join(rich(r) for r in reasons)
            + "</p></li>"
        )
    n = count(corrections)
    head = story.t("correction.count", n=n) if n else story.t("html.no_corrections")
    return (
        f'<section class="fd-corrections" id="corrections"><p class="fd-correction-count">'
        f'{esc(head)}</p><ol class="fd-correction-list">{"".join(out)}</ol></section>'
    )
