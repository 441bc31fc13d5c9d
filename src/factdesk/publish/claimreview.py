"""schema.org ClaimReview (JSON-LD) for every checked claim, in one language, as Google's
ClaimReview guidelines ask (https://developers.google.com/search/docs/appearance/
structured-data/factcheck):

* ``url`` on every review: the claim's card on the fact-check page (``#claim-<id>``), absolute
  when the site's address is configured (``site_url`` in ``reports.yml``), else relative;
* ``claimReviewed`` (the article's words), ``itemReviewed`` a ``Claim`` with its
  ``appearance`` (the article: headline, URL and outlet where known, its date only as precise
  as it is known, its language), its ``author`` where the claim is attributed, and its
  ``datePublished``;
* ``reviewRating`` with ``ratingValue`` 1 (inaccurate) to 3 (accurate), ``bestRating``,
  ``worstRating`` and ``alternateName``, the verdict in the page's language;
* claims rated *not checkable* have no rating and are left out.

``datePublished`` is ``data_as_of``; a verdict corrected since (itself, its claim or a record
row it rests on, in ``corrections.csv``) carries ``dateModified``, its latest correction.
"""

from __future__ import annotations

import pandas as pd

from factdesk.story.anchors import claim_anchor

RATING = {"inaccurate": 1, "imprecise": 2, "accurate": 3}  # worst 1 .. best 3
KINDS = {"person": "Person", "organisation": "Organization"}


def modified(verdicts: pd.DataFrame, corrections: pd.DataFrame) -> dict[str, str]:
    """claim_id -> date of the latest correction of its verdict, claim or cited record rows."""
    latest: dict[tuple[str, str], str] = {}
    for row in corrections.itertuples():
        key = (str(row.table), str(row.row_id))
        latest[key] = max(latest.get(key, ""), row.date.strftime("%Y-%m-%d"))
    out = {}
    for claim_id, ids in zip(verdicts["claim_id"], verdicts["record_ids"], strict=True):
        dates = [latest.get(("verdicts", claim_id), ""), latest.get(("claims", claim_id), "")]
        dates += [latest.get(("record", i), "") for i in ids]
        if max(dates):
            out[claim_id] = max(dates)
    return out


def _published(article: pd.Series) -> str:
    """An article's date in ISO 8601, only as precise as it is known."""
    precision = str(article.get("published_precision") or "day")
    fmt = {"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d")
    return article["published"].strftime(fmt)


def _appearance(article: pd.Series) -> dict:
    out: dict = {"@type": "NewsArticle", "inLanguage": str(article["language"])}
    for key in ("headline", "url"):
        if article[key]:
            out[key] = str(article[key])
    if article["outlet"]:
        out["publisher"] = {"@type": "Organization", "name": str(article["outlet"])}
    if pd.notna(article["published"]):
        out["datePublished"] = _published(article)
    return out


def claimreview(
    language: str,
    page_url: str,
    settings: dict,
    tables: dict[str, pd.DataFrame],
    rating_names: dict[str, str],
) -> dict:
    """Every checkable verdict as a ClaimReview in ``language``. ``page_url``: the fact-check
    page (absolute or relative); ``settings``: ``data_as_of`` and ``publisher``; ``tables``:
    claims, verdicts (loaded in ``language``), sources, entities (in ``language``) and
    corrections; ``rating_names``: verdict -> its name in ``language``."""
    articles = tables["sources"].set_index("source_id")
    entities = tables["entities"].set_index("entity_id")
    changed = modified(tables["verdicts"], tables["corrections"])
    merged = tables["claims"].merge(
        tables["verdicts"], on="claim_id", validate="one_to_one", suffixes=("", "_verdict")
    )
    graph = []
    for row in merged[merged["verdict"].astype(str).isin(RATING)].itertuples():
        article = articles.loc[str(row.source_id)]
        claim: dict = {"@type": "Claim", "appearance": _appearance(article)}
        if pd.notna(article["published"]):
            claim["datePublished"] = _published(article)
        if isinstance(row.attributed_to, str) and row.attributed_to in entities.index:
            who = entities.loc[row.attributed_to]
            claim["author"] = {"@type": KINDS.get(str(who["kind"]), "Thing"), "name": who["name"]}
        verdict = str(row.verdict)
        review = {
            "@type": "ClaimReview",
            "url": f"{page_url}#{claim_anchor(row.claim_id)}",
            "claimReviewed": row.quote,
            "itemReviewed": claim,
            "author": {"@type": "Organization", "name": settings["publisher"]},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": RATING[verdict],
                "bestRating": 3,
                "worstRating": 1,
                "alternateName": rating_names[verdict],
            },
            "reviewBody": row.explanation,
            "datePublished": settings["data_as_of"],
            "inLanguage": language,
        }
        if row.claim_id in changed:
            review["dateModified"] = changed[row.claim_id]
        graph.append(review)
    return {"@context": "https://schema.org", "@graph": graph}


def for_language(config, language: str, base_dir) -> dict:
    """The ClaimReview document of ``language`` as a page or file in ``base_dir`` links it:
    the one builder both the fact-check page and ``reports/data/claimreview-<lang>.jsonld``
    use (``config``: :class:`factdesk.build.config.Config`)."""
    import os

    from factdesk.facts import schema, tables
    from factdesk.language.catalog import Catalog

    page = next(
        r
        for r in config.reports
        if r.notebook == config.claimreview
        and r.language == language
        and r.timezone == config.default_timezone
    )
    if config.site_url:
        page_url = f"{config.site_url}/{language}/{page.name}.html"
    else:
        page_url = os.path.relpath(page.html, base_dir).replace(os.sep, "/")
    text = Catalog(language, schema.package().base_language)
    loaded = {
        "claims": tables.load("claims"),
        "verdicts": tables.load("verdicts", language),
        "sources": tables.load("sources"),
        "entities": tables.load("entities", language),
        "corrections": tables.load("corrections"),
    }
    names = {v: text.text(f"verdict.{v}").capitalize() for v in RATING}
    settings = {"data_as_of": config.data_as_of, "publisher": config.publisher}
    return claimreview(language, page_url, settings, loaded, names)
