"""Where each claim's quote stands in its article, and which sentences the claims cover.

A claim covers a sentence when its quote's span overlaps the sentence's span in the same part
(body or caption). A sentence with no claim must be listed in ``excused.csv`` with a reason;
that is how "every sentence is accounted for" becomes checkable.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from factdesk.intake.articles import CleanArticle


def locate_quotes(claims: pd.DataFrame, articles: Mapping[str, CleanArticle]) -> pd.DataFrame:
    """First occurrence of each claim's quote: ``claim_id, source_id, part, start, end``.

    A quote that is not found gets ``part = ""`` and ``start = end = -1`` (validation reports
    it; here it simply covers nothing).
    """
    rows = []
    for claim_id, source_id, quote in zip(
        claims["claim_id"], claims["source_id"].astype(str), claims["quote"], strict=True
    ):
        part, start = "", -1
        article = articles.get(source_id)
        if article is not None and quote:
            for name, text in article.texts.items():
                start = text.find(quote)
                if start >= 0:
                    part = name
                    break
        end = start + len(quote) if start >= 0 else -1
        rows.append((claim_id, source_id, part, start, end))
    return pd.DataFrame(rows, columns=["claim_id", "source_id", "part", "start", "end"])


def coverage(
    located: pd.DataFrame, articles: Mapping[str, CleanArticle], excused: pd.DataFrame
) -> pd.DataFrame:
    """One row per sentence: the claims that cover it, or why it is excused, and a status
    (``covered`` / ``excused`` / ``uncovered``)."""
    reasons = dict(zip(excused["sentence_id"], excused["reason"], strict=True))
    by_part: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for row in located[located["start"] >= 0].itertuples():
        by_part.setdefault((row.source_id, row.part), []).append(
            (row.start, row.end, row.claim_id)
        )
    rows = []
    for source_id, article in articles.items():
        for s in article.sentences:
            spans = by_part.get((source_id, s.part), [])
            ids = [cid for start, end, cid in spans if start < s.end and end > s.start]
            reason = reasons.get(s.sentence_id, "")
            status = "covered" if ids else ("excused" if reason else "uncovered")
            rows.append(
                (
                    source_id,
                    s.sentence_id,
                    s.part,
                    s.kind,
                    s.text,
                    " ".join(ids),
                    len(ids),
                    reason,
                    status,
                )
            )
    return pd.DataFrame(
        rows,
        columns=[
            "source_id",
            "sentence_id",
            "part",
            "kind",
            "text",
            "claim_ids",
            "n_claims",
            "excused_reason",
            "status",
        ],
    )


def coverage_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Sentences per article by status, with the share accounted for (covered or excused)."""
    summary = table.pivot_table(
        index="source_id", columns="status", values="sentence_id", aggfunc="count", fill_value=0
    ).reindex(columns=["covered", "excused", "uncovered"], fill_value=0)
    summary["sentences"] = summary.sum(axis=1)
    summary["accounted_pct"] = (
        100 * (summary["covered"] + summary["excused"]) / summary["sentences"]
    ).round(1)
    summary.columns.name = None
    return summary.reset_index()
