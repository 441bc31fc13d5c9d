# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python (factdesk)
#     language: python
#     name: factdesk
# ---

# %% [markdown] tags=["notes"]
# **For authors** (this cell is not in the reports). Prose cells are tagged with their
# language (`lang:en`, `lang:nl`, ...): a report keeps the cells of its language. Run top to
# bottom; change `language` / `timezone` in the parameters cell. `make reports` renders this
# notebook in every language and zone of `reports.yml`.

# %% [markdown] tags=["lang:en"]
# # The articles: what they are and what cleaning changed
#
# Every fact in this story comes from the news articles listed here. Before taking claims
# from them we cleaned their text, and this report shows every change, so a reader can
# check that each quote is the outlet's own words.

# %% [markdown] tags=["lang:nl"]
# # De artikelen: wat ze zijn en wat het opschonen veranderde
#
# Elk feit in dit verhaal komt uit de nieuwsartikelen die hier staan. Voordat we er
# beweringen uit haalden, hebben we hun tekst opgeschoond; dit rapport toont elke wijziging,
# zodat een lezer kan nagaan dat elk citaat de woorden van het medium zelf zijn.

# %% tags=["parameters"]
language = "en"  # any language with a catalog in notebooks/locales/
timezone = "Europe/Amsterdam"  # any IANA name, e.g. "UTC", "Europe/Moscow"
publish = False  # True when `make reports` renders the notebook

# %%
# Check the parameters, load the sources, clean the raw articles and place every quote.
from factdesk.facts import coverage, tables
from factdesk.intake import articles
from factdesk.story import Story, charts, findings

story = Story(language, timezone, publish)
sources = story.load("sources")
clean = tables.articles(sources)
claims = story.load("claims")
excused = story.load("excused")
located = coverage.locate_quotes(claims, clean)
cover = coverage.coverage(located, clean, excused)
summary = coverage.coverage_summary(cover)
log = articles.log_frame(clean.values())
# Checkpoints: every quote is found in its own article; every sentence is accounted for.
assert (located["start"] >= 0).all(), "a claim quote is not in its article"
assert summary["uncovered"].sum() == 0, "every sentence must be covered or excused"

# %%
story.findings(findings.sources(story, clean, claims, cover, log))

# %% [markdown] tags=["lang:en"]
# ## Which articles is this story based on?
#
# What we know about each article. Where the received text does not say (the outlet, the
# address), the cell stays empty rather than guessed.

# %% [markdown] tags=["lang:nl"]
# ## Op welke artikelen is dit verhaal gebaseerd?
#
# Wat we van elk artikel weten. Waar de ontvangen tekst het niet zegt (het medium, het
# adres), blijft de cel leeg in plaats van gegokt.

# %%
story.table(
    sources,
    "sources",
    {
        "source_id": "col.article",
        "language": "col.language",
        "headline": "col.headline",
        "published": "col.published",
        "published_basis": "col.basis",
        "outlet": "col.outlet",
        "notes": "col.notes",
    },
    links={"headline": "url"},
    display={"language": sources["language"].map(story.language_name)},
    lang={"headline": sources["language"], "published_basis": story.base, "notes": story.base},
)

# %% [markdown] tags=["lang:en"]
# ## What did cleaning change in the raw text?
#
# Cleaning repairs encoding damage and moves photo captions and page furniture out of the
# body; it never changes wording. Damage we could only fix by guessing is listed as a
# defect and left as published. Positions point into the raw file, which is never edited.

# %% [markdown] tags=["lang:nl"]
# ## Wat veranderde het opschonen aan de ruwe tekst?
#
# Opschonen herstelt beschadigde tekens en haalt fotobijschriften en paginaresten uit de
# lopende tekst; het verandert nooit de woorden. Schade die we alleen door te gokken konden
# herstellen, staat als gebrek in de lijst en blijft zoals gepubliceerd. Posities verwijzen
# naar het ruwe bestand, dat nooit wordt bewerkt.

# %%
article_language = log["source_id"].map(story.article_language)
story.table(
    log,
    "cleaning-log",
    {
        "source_id": "col.article",
        "position": "col.position",
        "kind": "col.kind",
        "before": "col.before",
        "after": "col.after",
        "reason": "col.reason",
    },
    display={"kind": log["kind"].map(lambda k: story.label("kind", k))},
    lang={"before": article_language, "after": article_language, "reason": story.base},
    data=True,
)

# %% [markdown] tags=["lang:en"]
# ## Which photo captions were separated from the text?
#
# A caption is not the article's own claim about the world, so captions are kept apart,
# with their credit, and checked like the body.

# %% [markdown] tags=["lang:nl"]
# ## Welke fotobijschriften zijn van de tekst gescheiden?
#
# Een bijschrift is geen bewering van het artikel zelf, dus bijschriften staan apart, met
# hun fotobron, en worden gecontroleerd zoals de lopende tekst.

# %%
import pandas as pd

captions = pd.DataFrame(
    [
        {"source_id": sid, "caption": c.text, "credit": c.credit}
        for sid, article in clean.items()
        for c in article.captions
    ],
    columns=["source_id", "caption", "credit"],
)
story.table(
    captions,
    "captions",
    {"source_id": "col.article", "caption": "col.caption", "credit": "col.credit"},
    lang={"caption": captions["source_id"].map(story.article_language)},
)

# %% [markdown] tags=["lang:en"]
# ## How much did we take from each sentence?
#
# Every sentence with the claims taken from it. A sentence without a claim had to be
# excused with a reason: that is how "nothing was skipped" becomes checkable.

# %% [markdown] tags=["lang:nl"]
# ## Hoeveel haalden we uit elke zin?
#
# Elke zin met de beweringen die eruit komen. Een zin zonder bewering moest met een reden
# worden uitgezonderd: zo wordt "niets overgeslagen" controleerbaar.

# %%
story.chart(
    charts.claims_per_sentence_chart(story, cover),
    "claims-per-sentence",
)
story.table(
    cover,
    "sentences",
    {
        "source_id": "col.article",
        "sentence_id": "col.sentence_id",
        "text": "col.sentence",
        "claim_ids": "col.claims",
        "status": "col.status",
    },
    display={"status": cover["status"].map(lambda s: story.label("status", s))},
    lang={"text": cover["source_id"].map(story.article_language)},
    data=True,
)

# %% [markdown] tags=["lang:en"]
# ## Is every sentence accounted for?
#
# Per article: sentences covered by a claim, excused with a reason, or left uncovered
# (the last must be zero before a report is published).

# %% [markdown] tags=["lang:nl"]
# ## Is elke zin verantwoord?
#
# Per artikel: zinnen gedekt door een bewering, uitgezonderd met een reden, of niet gedekt
# (dat laatste moet nul zijn voordat een rapport verschijnt).

# %%
story.table(
    summary,
    "coverage",
    {
        "source_id": "col.article",
        "sentences": "col.sentences",
        "covered": "col.covered",
        "excused": "col.excused",
        "uncovered": "col.uncovered",
        "accounted_pct": "col.accounted_pct",
    },
)
