"""Finding sentences every story has (about its sources and its fact check), each built from
the data by a function that asserts what the sentence claims before it is stated.

The catalogs hold only the connecting words; every number, name and date comes from the
tables, and counts choose their plural form."""

from __future__ import annotations

import pandas as pd
from babel.lists import format_list

from factdesk.story import Story
from factdesk.story.corrections import count as corrections_count


def _list(story: Story, items: list[str]) -> str:
    return format_list(items, locale=story.language) if items else ""


def sources(
    story: Story, cleaned: dict, claims: pd.DataFrame, cover: pd.DataFrame, log: pd.DataFrame
) -> list[str]:
    """How many articles, sentences, captions and claims; coverage; what cleaning did."""
    n_articles = len(cleaned)
    sentences = sum(len(a.sentences) for a in cleaned.values())
    captions = sum(len(a.captions) for a in cleaned.values())
    assert len(cover) == sentences, "one coverage row per sentence"
    per_article = claims["source_id"].astype(str).value_counts()
    assert int(per_article.sum()) == len(claims)
    parts = [
        story.t("find.claims_from", n=int(per_article.get(s, 0)), article=story.article(s))
        for s in cleaned
    ]
    accounted = int(cover["status"].isin(["covered", "excused"]).sum())
    excused = int(cover["status"].eq("excused").sum())
    assert accounted + int(cover["status"].eq("uncovered").sum()) == sentences
    changes = int(log["kind"].eq("change").sum())
    defects = int(log["kind"].eq("defect").sum())
    return [
        story.t("find.articles", n=n_articles, sentences=sentences, captions=captions),
        story.t("find.claims", n=len(claims), per_article=_list(story, parts)),
        story.t("find.coverage", n=sentences, accounted=accounted, excused=excused),
        story.t("find.cleaning", n=changes, defects=defects),
    ]


def _unchecked_reasons(story: Story, checked: pd.DataFrame) -> list[str]:
    """Why the claims that could not be checked could not, most frequent first."""
    unchecked = checked[checked["verdict"].astype(str).eq("not checkable")]
    counts = unchecked["unchecked_reason"].astype(str).value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        story.t("find.unchecked_reason", reason=story.label("unchecked", reason), n=int(count))
        for reason, count in ordered
    ]


def fact_check(
    story: Story,
    checked: pd.DataFrame,
    groups: pd.DataFrame,
    corrections: pd.DataFrame,
) -> list[str]:
    """Verdict totals, where the articles disagree, and how many corrections were made."""
    counts = checked["verdict"].astype(str).value_counts()
    checkable = len(checked) - int(counts.get("not checkable", 0))
    assert checkable == sum(int(counts.get(v, 0)) for v in ("accurate", "imprecise", "inaccurate"))
    found = [
        story.t(
            "find.verdicts",
            n=checkable,
            accurate=int(counts.get("accurate", 0)),
            imprecise=int(counts.get("imprecise", 0)),
            inaccurate=int(counts.get("inaccurate", 0)),
        ),
        story.t(
            "find.unchecked",
            n=int(counts.get("not checkable", 0)),
            reasons=_list(story, _unchecked_reasons(story, checked)),
        ),
    ]
    disagree = groups[groups["agreement"].eq("disagree")]
    assert set(disagree["agreement"]) <= {"disagree"}
    if len(disagree):
        found.append(
            story.t("find.disagree", n=len(disagree), aspects="; ".join(disagree["aspect"]))
        )
    else:
        found.append(story.t("find.no_disagreement"))
    corrected = corrections_count(corrections)
    if corrected:
        assert corrected == len(corrections[["table", "row_id"]].drop_duplicates())
        found.append(story.t("find.corrections", n=corrected))
    return found
