"""Fact-check tables for any story: each claim with its verdict, verdict counts, and the
claims several articles make (and where they disagree)."""

from __future__ import annotations

import pandas as pd

from factdesk.story.charts import VERDICTS


def claim_verdicts(
    claims: pd.DataFrame, verdicts: pd.DataFrame, record: pd.DataFrame
) -> pd.DataFrame:
    """Claims joined to their verdicts (every claim has one; every cited record row exists)."""
    table = claims.merge(
        verdicts, on="claim_id", how="left", validate="one_to_one", suffixes=("", "_verdict")
    )
    missing = table.loc[table["verdict"].isna(), "claim_id"].tolist()
    assert not missing, f"claims without a verdict (data/facts/verdicts.csv): {missing}"
    known = set(record["record_id"])
    unknown = sorted({i for ids in table["record_ids"] for i in ids} - known)
    assert not unknown, f"verdicts cite unknown record rows: {unknown}"
    table["verdict"] = pd.Categorical(table["verdict"].astype(str), categories=list(VERDICTS))
    return table


def verdict_counts(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of claims per ``by`` (topic or source_id) and verdict, every verdict a column,
    every category of ``by`` a row (also those with no claims)."""
    counts = pd.crosstab(table[by], table["verdict"], dropna=False).reindex(
        columns=list(VERDICTS), fill_value=0
    )
    counts.columns = counts.columns.astype(str)
    counts.columns.name = None
    counts.index = counts.index.astype(str)
    return counts.reset_index().rename(columns={"index": by})


def summary(table: pd.DataFrame) -> dict[str, int]:
    """Totals for the findings line (checked against the table before they are stated)."""
    counts = table["verdict"].value_counts()
    out = {
        "claims": len(table),
        "checkable": int(len(table) - counts.get("not checkable", 0)),
        "accurate": int(counts.get("accurate", 0)),
        "imprecise": int(counts.get("imprecise", 0)),
        "inaccurate": int(counts.get("inaccurate", 0)),
        "not_checkable": int(counts.get("not checkable", 0)),
    }
    assert out["accurate"] + out["imprecise"] + out["inaccurate"] == out["checkable"]
    return out


def groups(reconciliation: pd.DataFrame, claims: pd.DataFrame, sources: list[str]) -> pd.DataFrame:
    """One row per reconciliation group, a ``quote:<source_id>`` column per article (empty
    where that article says nothing on the aspect); every claim id must resolve."""
    quotes = claims.set_index("claim_id")[["source_id", "quote"]]
    rows = []
    for group in reconciliation.itertuples():
        unknown = [c for c in group.claim_ids if c not in quotes.index]
        assert not unknown, f"reconciliation {group.group_id}: unknown claims {unknown}"
        row = {"group_id": group.group_id, "claim_ids": group.claim_ids}
        for claim_id in group.claim_ids:
            source = str(quotes.loc[claim_id, "source_id"])
            key = f"quote:{source}"
            row[key] = " / ".join(filter(None, [row.get(key, ""), quotes.loc[claim_id, "quote"]]))
        rows.append(row)
    table = pd.DataFrame(rows).reindex(
        columns=["group_id", "claim_ids", *[f"quote:{s}" for s in sources]], fill_value=""
    )
    table = table.fillna("")
    return reconciliation.merge(table, on=["group_id"], suffixes=("", "_")).drop(
        columns=["claim_ids_"]
    )
