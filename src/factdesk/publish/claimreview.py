"""schema.org ClaimReview (JSON-LD) for every verdict, review text in one language.

``datePublished`` is ``data_as_of`` from ``reports.yml``; a verdict corrected since (in
``corrections.csv``, itself or a record row it rests on) carries ``dateModified``, the date of
its latest correction."""

from __future__ import annotations

import pandas as pd

RATING = {"inaccurate": 1, "imprecise": 2, "accurate": 3}  # worst 1 .. best 3
RATING_NAMES = {
    "accurate": "Accurate",
    "imprecise": "Imprecise",
    "inaccurate": "Inaccurate",
    "not checkable": "Not checkable",
}
PUBLISHER = {"@type": "Organization", "name": "factdesk"}


def modified(verdicts: pd.DataFrame, corrections: pd.DataFrame) -> dict[str, str]:
    """claim_id -> date of the latest correction of its verdict or of a record row it cites."""
    latest: dict[tuple[str, str], str] = {}
    for row in corrections.itertuples():
        key = (str(row.table), str(row.row_id))
        day = row.date.strftime("%Y-%m-%d")
        latest[key] = max(latest.get(key, ""), day)
    out = {}
    for claim_id, ids in zip(verdicts["claim_id"], verdicts["record_ids"], strict=True):
        dates = [latest.get(("verdicts", claim_id), ""), latest.get(("claims", claim_id), "")]
        dates += [latest.get(("record", i), "") for i in ids]
        if max(dates):
            out[claim_id] = max(dates)
    return out


def claimreview(
    language: str,
    data_as_of: str,
    claims: pd.DataFrame,
    verdicts: pd.DataFrame,
    sources: pd.DataFrame,
    corrections: pd.DataFrame,
    names: dict[str, str],
) -> dict:
    """Every verdict as a ClaimReview. ``verdicts`` is loaded in ``language`` (its
    ``explanation`` column); ``names`` maps entity ids to their name in ``language``."""
    articles = sources.set_index("source_id")
    changed = modified(verdicts, corrections)
    merged = claims.merge(
        verdicts, on="claim_id", validate="one_to_one", suffixes=("", "_verdict")
    )
    graph = []
    for row in merged.itertuples():
        article = articles.loc[str(row.source_id)]
        appearance = {
            "@type": "NewsArticle",
            "identifier": str(row.source_id),
            "inLanguage": str(article["language"]),
        }
        for key, column in (("headline", "headline"), ("url", "url")):
            if article[column]:
                appearance[key] = article[column]
        if article["outlet"]:
            appearance["publisher"] = {"@type": "Organization", "name": article["outlet"]}
        if pd.notna(article["published"]):  # ISO 8601 only as precise as the date is known
            precision = article["published_precision"] if "published_precision" in article else ""
            fmt = {"year": "%Y", "month": "%Y-%m"}.get(str(precision), "%Y-%m-%d")
            appearance["datePublished"] = article["published"].strftime(fmt)
        verdict = str(row.verdict)
        rating = {
            "@type": "Rating",
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": RATING_NAMES[verdict],
        }
        if verdict in RATING:
            rating["ratingValue"] = RATING[verdict]
        review = {
            "@type": "ClaimReview",
            "@id": f"#claimreview-{row.claim_id}",
            "claimReviewed": row.quote,
            "itemReviewed": {
                "@type": "Claim",
                "appearance": appearance,
                "description": row.statement,
                "about": {"@type": "Thing", "name": names.get(row.subject, row.subject)},
            },
            "reviewRating": rating,
            "reviewBody": row.explanation,
            "author": PUBLISHER,
            "datePublished": data_as_of,
            "inLanguage": language,
        }
        if row.claim_id in changed:
            review["dateModified"] = changed[row.claim_id]
        graph.append(review)
    return {"@context": "https://schema.org", "@graph": graph}
