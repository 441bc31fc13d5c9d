"""Fact-check tables: each claim with its verdict and the record rows it rests on, verdict
counts, and the points where the two articles disagree."""

from __future__ import annotations

import pandas as pd

from factdesk.tables import VERDICTS


def claim_verdicts(
    claims: pd.DataFrame, verdicts: pd.DataFrame, record: pd.DataFrame
) -> pd.DataFrame:
    """Claims joined to their verdicts, with the cited record rows' sources as text
    (``title <url>``; several separated by `` | ``)."""
    table = claims.merge(verdicts, on="claim_id", how="left", validate="one_to_one")
    assert table["verdict"].notna().all(), "every claim needs a verdict (data/facts/verdicts.csv)"
    sources = record.set_index("record_id")[["source_title", "source_url"]]

    def cite(ids: str) -> str:
        seen: list[str] = []
        for record_id in filter(None, ids.split(";")):
            title, url = sources.loc[record_id]
            entry = f"{title} <{url}>"
            if entry not in seen:
                seen.append(entry)
        return " | ".join(seen)

    table["record_sources"] = table["record_ids"].map(cite)
    table["verdict"] = pd.Categorical(table["verdict"], categories=list(VERDICTS))
    return table


def verdict_counts(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of claims per ``by`` (topic or source_id) and verdict, every verdict a column."""
    counts = pd.crosstab(table[by], table["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    counts.columns = counts.columns.astype(str)
    counts.columns.name = None
    return counts.reset_index()


def summary(table: pd.DataFrame) -> dict[str, int]:
    """Totals for the findings line."""
    counts = table["verdict"].value_counts()
    return {
        "claims": len(table),
        "checkable": int(len(table) - counts.get("not checkable", 0)),
        "accurate": int(counts.get("accurate", 0)),
        "imprecise": int(counts.get("imprecise", 0)),
        "inaccurate": int(counts.get("inaccurate", 0)),
        "not_checkable": int(counts.get("not checkable", 0)),
    }


def disagreements(
    reconciliation: pd.DataFrame,
    claims: pd.DataFrame,
    language: str = "en",
    only_disagree: bool = False,
) -> pd.DataFrame:
    """Cross-language pairs with both quotes (checkpointed: every id must resolve), and the
    aspect and explanation in ``language`` as ``aspect_text`` / ``explanation_text``."""
    quotes = claims.set_index("claim_id")["quote"]
    table = reconciliation.copy()
    table["quote_nl"] = table["claim_nl"].map(quotes)
    table["quote_en"] = table["claim_en"].map(quotes)
    assert table[["quote_nl", "quote_en"]].notna().all().all(), "reconciliation ids must resolve"
    suffix = "" if language == "en" else f"_{language}"
    table["aspect_text"] = table[f"aspect{suffix}"]
    table["explanation_text"] = table[f"explanation{suffix}"]
    if only_disagree:
        table = table[table["agreement"].eq("disagree")]
    return table.reset_index(drop=True)
