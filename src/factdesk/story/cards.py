"""The fact-check as readers of fact-checks read it: one card per claim (what was said, the
verdict, why, the sources), one per comparison of the articles, one per public-record value,
and the corrections as a newsroom prints them. Every story has these, so they are the
engine's; a notebook shows them with :meth:`factdesk.story.Story.cards`.

Cards carry ``data-*`` attributes that the page's filter bar (article, topic, verdict and a
search, working offline) reads. Anchors are stable (``claim-<id>``, ``record-<id>``): the
ClaimReview ``url`` of a claim points at its card (:func:`claim_anchor`).
"""

from __future__ import annotations

import json

import pandas as pd

from factdesk.facts.tables import LANGUAGE_OF
from factdesk.story.anchors import claim_anchor, record_anchor
from factdesk.story.html import esc, in_language, link, rich
from factdesk.story.notebook import Story

CHECKED = ("accurate", "imprecise", "inaccurate")


def record_value(story: Story, row) -> str:
    """A record row's value as the page states it: its number with unit or its time in the
    report zone, then its text (the source's words or our computation) after a dash, then its
    date; each only as precise as it is known."""
    parts = []
    if pd.notna(row.value_number):
        unit = row.unit if isinstance(row.unit, str) and row.unit else ""
        parts.append(
            story.quantity(row.value_number, unit) if unit else story.number(row.value_number, 2)
        )
    if pd.notna(row.value_time):
        precision = row.time_precision if isinstance(row.time_precision, str) else "minute"
        parts.append(story.when(row.value_time, precision))
    if isinstance(row.value_text, str) and row.value_text:
        parts.append(f"— {row.value_text}" if parts else row.value_text)
    if pd.isna(row.value_time) and pd.notna(row.value_date):
        precision = row.time_precision if row.time_precision in ("month", "year") else "day"
        shown = story.day(row.value_date, precision)
        parts.append(f"({shown})" if parts else shown)
    return " ".join(parts)


def record_name(story: Story, row) -> str:
    """What a record row is about: its subject and property (and planned, if it was)."""
    what = f"{story.name(row.subject)} · {story.label('property', row.property)}"
    if row.status == "planned":
        what += f" ({story.label('status', 'planned')})"
    return what


def filter_bar(story: Story, noun: str, filters: list[tuple[str, str, list[tuple[str, str]]]]):
    """Selects (attribute, label, options) and a search box over the cards that follow; the
    count line uses the catalog's plural forms of ``noun`` (``claims_count``)."""
    selects = []
    for attribute, label, options in filters:
        items = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
        selects.append(
            f"<label>{esc(label)} <select data-fd-filter={esc(attribute)}>"
            f'<option value="">{esc(story.t("filter.all"))}</option>{items}</select></label>'
        )
    forms = json.dumps(story.catalog.forms(noun), ensure_ascii=False, sort_keys=True)
    return (
        '<form class="fd-filters" role="search" onsubmit="return false">'
        + "".join(selects)
        + f'<label>{esc(story.t("filter.search"))} <input type="search" data-fd-search></label>'
        + f'<p class="fd-count" aria-live="polite" data-forms="{esc(forms)}" '
        f'data-of="{esc(story.t("filter.of"))}"></p></form>'
    )


def _sources(story: Story, ids: tuple[str, ...], record: pd.DataFrame) -> str:
    rows = record.set_index("record_id")
    seen: dict[str, str] = {}
    for record_id in ids:
        row = rows.loc[record_id]
        seen.setdefault(str(row.source_url), link(row.source_title, row.source_url))
    return "".join(f"<li>{item}</li>" for item in seen.values())


def _cited(story: Story, ids: tuple[str, ...], record: pd.DataFrame) -> str:
    rows = record.set_index("record_id")
    items = []
    for record_id in ids:
        row = rows.loc[record_id].copy()
        row["record_id"] = record_id
        text = f"{record_name(story, row)}: {record_value(story, row)}"
        items.append(f'<li><a href="#{record_anchor(record_id)}">{esc(text)}</a></li>')
    return "".join(items)


def written_in(story: Story, frame: pd.DataFrame, field: str) -> list[str]:
    """The language each row's ``field`` is written in (the base language where the page's
    language has no translation yet)."""
    column = f"{field}{LANGUAGE_OF}"
    return list(frame[column]) if column in frame else [story.language] * len(frame)


# Double marks only: a single one may be an apostrophe (’t, the cosmonauts’), and ours nest
# around it anyway. ",," is the Dutch press's opening mark.
OPENING_MARKS = ("“", '"', "„", ",,", "«")
CLOSING_MARKS = ("”", '"', "»")


def quoted(quote: str) -> str:
    """An article's words between quotation marks: ours on each side where the quote does
    not already open or close with the article's own (verbatim, never a second pair)."""
    opening = "" if quote.startswith(OPENING_MARKS) else "“"
    closing = "" if quote.endswith(CLOSING_MARKS) else "”"
    return f"{opening}{quote}{closing}"


def claim_card(
    story: Story, claim, record: pd.DataFrame, cited: bool = True, language: str = ""
) -> str:
    verdict = str(claim.verdict)
    badge = story.label("verdict", verdict)
    meta = f"{story.article(claim.source_id)} · {story.label('topic', claim.topic)}"
    quote = in_language(
        esc(quoted(claim.quote)), story.article_language(claim.source_id), story.language
    )
    why = in_language(rich(claim.explanation), language, story.language)
    if verdict == "not checkable" and isinstance(claim.unchecked_reason, str):
        reason = story.label("unchecked", claim.unchecked_reason)
        why = f"{esc(reason[:1].upper() + reason[1:])}. {why}"
    body = [
        f'<p class="fd-card-meta"><span class="fd-badge fd-verdict-{verdict.replace(" ", "-")}">'
        f"{esc(badge)}</span> {esc(meta)}</p>",
        f'<blockquote class="fd-quote"><p>{quote}</p></blockquote>',
        f'<p class="fd-why"><strong>{esc(story.t("card.why"))}</strong> {why}</p>',
    ]
    if claim.record_ids:
        if cited:  # the record's cards are on the same page
            body.append(
                f'<details class="fd-cited"><summary>{esc(story.t("card.record"))}</summary>'
                f"<ul>{_cited(story, claim.record_ids, record)}</ul></details>"
            )
        body.append(
            f'<p class="fd-card-sources"><strong>{esc(story.t("sources"))}</strong></p>'
            f'<ul class="fd-source-list">{_sources(story, claim.record_ids, record)}</ul>'
        )
    attributes = (
        f'data-article="{esc(claim.source_id)}" data-topic="{esc(claim.topic)}" '
        f'data-verdict="{esc(verdict)}"'
    )
    return (
        f'<article class="fd-card" id="{claim_anchor(claim.claim_id)}" {attributes}>'
        + "".join(body)
        + "</article>"
    )


def claim_cards(
    story: Story, checked: pd.DataFrame, record: pd.DataFrame, cited: bool = True
) -> str:
    """Every claim as a card, the checked ones first and the claims that could not be
    checked in a group of their own; a filter bar (article, topic, verdict, search) on top.
    ``cited``: list the record rows each verdict rests on (their cards are on the page)."""
    filters = [
        ("article", story.t("col.article"), list(story.articles().items())),
        ("topic", story.t("col.topic"),
         [(t, story.label("topic", t)) for t in checked["topic"].cat.categories
          if (checked["topic"] == t).any()]),
        ("verdict", story.t("col.verdict"),
         [(v, story.label("verdict", v)) for v in checked["verdict"].cat.categories
          if (checked["verdict"] == v).any()]),
    ]  # fmt: skip
    parts = [filter_bar(story, "claims_count", filters)]
    checkable = checked[checked["verdict"].isin(CHECKED)]
    unchecked = checked[~checked["verdict"].isin(CHECKED)]
    parts.append('<div class="fd-card-list">')
    parts += [
        claim_card(story, c, record, cited, lang)
        for c, lang in zip(
            checkable.itertuples(), written_in(story, checkable, "explanation"), strict=True
        )
    ]
    parts.append("</div>")
    if len(unchecked):
        parts.append(
            f'<h3 class="fd-group-heading">{esc(story.t("card.unchecked", n=len(unchecked)))}'
            f'</h3><div class="fd-card-list">'
        )
        parts += [
            claim_card(story, c, record, cited, lang)
            for c, lang in zip(
                unchecked.itertuples(), written_in(story, unchecked, "explanation"), strict=True
            )
        ]
        parts.append("</div>")
    return '<section class="fd-cards" data-fd-cards="">' + "".join(parts) + "</section>"


def group_cards(story: Story, groups: pd.DataFrame, claims: pd.DataFrame) -> str:
    """One card per fact several articles state: the agreement, each article's words, why."""
    quotes = claims.set_index("claim_id")
    cards = []
    for group, aspect_in, why_in in zip(
        groups.itertuples(),
        written_in(story, groups, "aspect"),
        written_in(story, groups, "explanation"),
        strict=True,
    ):
        said = []
        for claim_id in group.claim_ids:
            claim = quotes.loc[claim_id]
            words = in_language(
                esc(quoted(claim.quote)), story.article_language(claim.source_id), story.language
            )
            said.append(
                f'<li><span class="fd-card-meta">{esc(story.article(claim.source_id))}</span> '
                f'<a href="#{claim_anchor(claim_id)}">{words}</a></li>'
            )
        agreement = str(group.agreement)
        cards.append(
            f'<article class="fd-card" id="group-{esc(group.group_id)}" '
            f'data-agreement="{esc(agreement)}"><p class="fd-card-meta">'
            f'<span class="fd-badge fd-agreement-{esc(agreement)}">'
            f"{esc(story.label('agreement', agreement))}</span> "
            f"{in_language(esc(group.aspect), aspect_in, story.language)}</p>"
            f'<ul class="fd-said">{"".join(said)}</ul>'
            f'<p class="fd-why">{in_language(rich(group.explanation), why_in, story.language)}'
            "</p></article>"
        )
    options = [(a, story.label("agreement", a)) for a in sorted(set(groups["agreement"]))]
    bar = filter_bar(story, "groups_count", [("agreement", story.t("col.agreement"), options)])
    return (
        f'<section class="fd-cards" data-fd-cards="">{bar}'
        f'<div class="fd-card-list">{"".join(cards)}</div></section>'
    )


def record_cards(story: Story, record: pd.DataFrame) -> str:
    """Every public-record value with its source link and its excerpt (folded)."""
    cards = []
    for row, value_in in zip(
        record.itertuples(), written_in(story, record, "value_text"), strict=True
    ):
        excerpt = in_language(esc(row.evidence), story.base, story.language)
        cards.append(
            f'<article class="fd-card fd-record" id="{record_anchor(row.record_id)}" '
            f'data-subject="{esc(row.subject)}"><p class="fd-card-meta">'
            f"{esc(record_name(story, row))}</p>"
            f'<p class="fd-value">'
            f"{in_language(esc(record_value(story, row)), value_in, story.language)}</p>"
            f'<p class="fd-card-sources">{link(row.source_title, row.source_url)}</p>'
            f'<details class="fd-excerpt"><summary>{esc(story.t("card.excerpt"))}</summary>'
            f"<blockquote><p>{excerpt}</p></blockquote></details></article>"
        )
    subjects = list(dict.fromkeys(record["subject"]))
    options = sorted(((s, story.name(s)) for s in subjects), key=lambda o: o[1].lower())
    bar = filter_bar(story, "records_count", [("subject", story.t("col.subject"), options)])
    return (
        f'<section class="fd-cards" data-fd-cards="">{bar}'
        f'<div class="fd-card-list">{"".join(cards)}</div></section>'
    )
