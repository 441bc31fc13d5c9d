"""How many of the claims a reporter keeps ``add-article`` proposes, measured on a small
hand-labelled set of real sentences per language from the project's own articles.

The labels are the reporter's: ``data/facts/claims.csv``, made by hand for the two articles.
A kept claim is *proposed* when a proposal's quote overlaps its quote (each proposal pairs with
at most one kept claim, by the maximum assignment, so one long proposal never counts twice);
a proposal that pairs with none is one the reporter deletes. Recall and precision are printed
per language (``pytest -s``) with what the proposals carry: the claim type, the subject, the
hedge, who said it, the reconciliation group. The floors below are floors, not the figures.
"""

from __future__ import annotations

import pytest
from matching import assignment

from factdesk.facts import coverage, schema, tables
from factdesk.intake.candidates import spot
from factdesk.intake.spotting.entities import Gazetteer, entities_from_rows
from factdesk.intake.suggest import Known, suggest
from factdesk.language import words

# The labelled sentences of each of the project's articles (a Dutch and an English one):
# chosen to hold every kind of claim (numbers, durations, times, dates, places, roles, firsts,
# plans, quotes, titles, comparisons, hedges, attribution), the hardest ones included (nine
# claims in one sentence; a caption of names; reported speech). Each is found by how it starts.
LABELLED = {
    "nl-ms19-launch": (
        "Samen met de ervaren kosmonaut", "De raket Soyuz MS-19 steeg", "De aankoppeling vindt",
        "Over twee weken", "Hij kan niet terug", "Het laatste half uur", "Regisseur Sjipenko weet",
        "De Russen zijn niet", "Actiefilmacteur Tom Cruise", "Volgens geruchten",
        "In het ruimtevoertuig", "Joelia Peresild (links)",
    ),
    "en-ms19-launch": (
        "Russian actress and cameraman", "From Baikonur base", "Actress Joelia Peresild",
        "Thats why a surgeon", "The actress and cameraman get help", "The space station already",
        "Around 2.15 pm", "The pairing takes", "With the filming", "Space company SpaceX",
        "Dennis Kleyn, who", "So if you can really", "If the Russians want",
    ),
}  # fmt: skip
FLOORS = {"recall": 0.7, "precision": 0.85, "hedge": 0.75, "attributed": 0.75, "group": 0.4}
BASE = schema.package().base_language


def _overlap(a: tuple[str, int, int], b: tuple[str, int, int]) -> float:
    if a[0] != b[0] or a[2] <= b[1] or b[2] <= a[1]:
        return 0.0
    return (min(a[2], b[2]) - max(a[1], b[1])) / max(1, b[2] - b[1])


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    sources = tables.load("sources")
    articles = tables.articles(sources)
    claims = tables.raw("claims").frame.reset_index(drop=True)
    located = coverage.locate_quotes(claims, articles).merge(claims, on=["claim_id", "source_id"])
    entities = entities_from_rows(tables.raw("entities").frame.to_dict("records"), BASE)
    known = Known.from_rows(
        claims.to_dict("records"),
        tables.raw("reconciliation").frame.to_dict("records"),
        tables.raw("verdicts").frame.to_dict("records"),
        tables.raw("record").frame.to_dict("records"),
        Gazetteer(entities),
        dict(zip(sources["source_id"], sources["language"], strict=True)),
    )
    figures = {}
    for row in sources.itertuples():
        if row.source_id not in LABELLED:
            continue  # an article added since: its claims are not the labels
        article = articles[row.source_id]
        chosen = [s for s in article.sentences if s.text.startswith(LABELLED[row.source_id])]
        assert len(chosen) == len(LABELLED[row.source_id]), "a labelled sentence is missing"
        spans = tuple((s.part, s.start, s.end) for s in chosen)
        inside = lambda part, start, spans=spans: any(  # noqa: E731
            p == part and s <= start < e for p, s, e in spans
        )
        gold = [g for g in located.itertuples() if g.source_id == row.source_id
                and inside(g.part, g.start)]  # fmt: skip
        found = spot(article, row.language, BASE, entities, row.published.date())
        proposed = [c for c, _ in found if inside(c.part, c.start)]
        weights = [
            [
                1000 * bool(share) + 10 * (c.claim_type == g.claim_type) + share
                for g in gold
                for share in [_overlap((c.part, c.start, c.end), (g.part, g.start, g.end))]
            ]
            for c in proposed
        ]
        pairs = [(proposed[i], gold[j]) for i, j in assignment(weights).items()]
        hedges = {**words.hedges(row.language), **words.uncertainty(row.language)}
        hedged = [(c, g) for c, g in pairs if any(
            h.strip().lower() in hedges for h in g.qualifier.split(";") if h.strip())]  # fmt: skip
        attributed = [(c, g) for c, g in pairs if g.attributed_to]
        grouped = [(c, g) for c, g in pairs if g.claim_id in known.groups]
        text = article.part_text
        figures[row.language] = {
            "kept": len(gold),
            "proposed": len(proposed),
            "recall": len(pairs) / len(gold),
            "precision": len(pairs) / len(proposed),
            "type": sum(c.claim_type == g.claim_type for c, g in pairs) / len(pairs),
            "subject": sum(c.subject == g.subject for c, g in pairs) / len(pairs),
            "hedge": sum(
                all(h.strip().lower() in c.qualifier.lower() for h in g.qualifier.split(";"))
                for c, g in hedged
            ) / max(1, len(hedged)),
            "attributed": sum(c.attributed_to == g.attributed_to for c, g in attributed)
            / max(1, len(attributed)),
            "group": sum(
                suggest(c, row.source_id, text(c.part)[c.start : c.end], row.language,
                        known).group == known.groups[g.claim_id]
                for c, g in grouped
            ) / max(1, len(grouped)),
        }  # fmt: skip
    return figures


def test_proposals_cover_most_kept_claims_and_few_are_deleted(measured):
    print()
    print("language  kept  proposed  recall  precision  type  subject  hedge  said-by  group")
    for language, f in sorted(measured.items()):
        print(
            f"{language:8}  {f['kept']:4}  {f['proposed']:8}  {f['recall']:6.0%}  "
            f"{f['precision']:9.0%}  {f['type']:4.0%}  {f['subject']:7.0%}  {f['hedge']:5.0%}  "
            f"{f['attributed']:7.0%}  {f['group']:5.0%}"
        )
    assert len(measured) == len(LABELLED)
    for language, f in measured.items():
        for name, floor in FLOORS.items():
            assert f[name] >= floor, f"{language}: {name} {f[name]:.0%} below {floor:.0%}"
