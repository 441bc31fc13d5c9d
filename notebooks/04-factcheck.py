# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (factdesk)
#     language: python
#     name: factdesk
# ---

# %% [markdown] tags=["notes"]
# **For authors** (this cell is not in the reports). Prose cells are tagged with their
# language (`lang:en`, `lang:nl`, ...): a report keeps the cells of its language. Verdicts
# are data (`data/facts/verdicts.csv`); `make check` enforces the rules they must obey.

# %% [markdown] tags=["lang:en"]
# # Fact check: what the articles got right and wrong
#
# Every claim of the articles, rated against the public record: accurate, imprecise (right
# in substance, off in a detail), inaccurate, or not checkable (opinions, quotes, rumours,
# plans and claims no source covers). Each verdict names its sources. Where the articles
# say different things about the same fact, we show both side by side.

# %% [markdown] tags=["lang:nl"]
# # Factcheck: wat de artikelen goed en fout hadden
#
# Elke bewering uit de artikelen, beoordeeld aan de hand van openbare bronnen: juist,
# onnauwkeurig (in de kern juist, maar een detail klopt niet), onjuist, of niet
# controleerbaar (meningen, citaten, geruchten, plannen en beweringen waarvoor geen bron
# is). Elk oordeel noemt zijn bronnen. Waar de artikelen over hetzelfde feit iets anders
# zeggen, staan ze naast elkaar.

# %% tags=["parameters"]
language = "en"  # any language with a catalog in notebooks/locales/
timezone = "Europe/Amsterdam"  # any IANA name, e.g. "UTC", "Europe/Moscow"
publish = False  # True when `make reports` renders the notebook

# %%
# Check the parameters; load claims, verdicts, record, groups and corrections; join them.
from factdesk.story import Story, charts, findings, verdict_tables

story = Story(language, timezone, publish)
claims = story.load("claims")
verdicts = story.load("verdicts")
record = story.load("record")
reconciliation = story.load("reconciliation")
corrections = story.load("corrections")
checked = verdict_tables.claim_verdicts(claims, verdicts, record)
groups = verdict_tables.groups(reconciliation, claims, list(story.articles()))
by_topic = verdict_tables.verdict_counts(checked, "topic")
by_source = verdict_tables.verdict_counts(checked, "source_id")
# Checkpoints: the join kept every claim once; the counts add up.
assert len(checked) == len(claims) == checked["claim_id"].nunique()
assert by_topic.drop(columns="topic").to_numpy().sum() == len(claims)

# %%
story.findings(findings.fact_check(story, checked, groups, corrections))

# %% [markdown] tags=["lang:en"]
# ## How accurate were the articles?
#
# Verdicts by topic and by article.

# %% [markdown] tags=["lang:nl"]
# ## Hoe nauwkeurig waren de artikelen?
#
# Oordelen per onderwerp en per artikel.

# %%
story.chart(
    charts.verdicts_chart(by_topic, by_source, story.t, story.articles(), language), "verdicts"
)
story.table(
    by_topic,
    "verdicts-by-topic",
    {"topic": "col.topic", **{v: f"verdict.{v}" for v in charts.VERDICTS}},
    display={"topic": by_topic["topic"].map(lambda t: story.t(f"topic.{t}"))},
)

# %% [markdown] tags=["lang:en"]
# ## Where do the articles agree and disagree?
#
# Facts that more than one article states, with each article's words.

# %% [markdown] tags=["lang:nl"]
# ## Waar zijn de artikelen het eens en oneens?
#
# Feiten die meer dan één artikel noemt, met de woorden van elk artikel.

# %%
quote_columns = {f"quote:{s}": "col.quote_in" for s in story.articles()}
story.table(
    groups,
    "agreement",
    {
        "aspect": "col.aspect",
        "agreement": "col.agreement",
        **quote_columns,
        "explanation": "col.explanation",
    },
    interactive=True,
    filters=("agreement",),
    titles={
        c: story.t("col.quote_in", article=story.article(c.split(":", 1)[1]))
        for c in quote_columns
    },
)

# %% [markdown] tags=["lang:en"]
# ## What does each claim rest on?
#
# Every claim with its verdict, the explanation and the sources of the record rows it
# rests on. Search, sort, or filter by article, topic and verdict.

# %% [markdown] tags=["lang:nl"]
# ## Waarop berust elke bewering?
#
# Elke bewering met haar oordeel, de toelichting en de bronnen van de gegevens waarop ze
# berust. Zoek, sorteer of filter op artikel, onderwerp en oordeel.

# %%
story.table(
    checked,
    "claims",
    {
        "claim_id": "col.claim",
        "source_id": "col.article",
        "quote": "col.quote",
        "statement": "col.statement",
        "topic": "col.topic",
        "verdict": "col.verdict",
        "explanation": "col.explanation",
        "record_ids": "col.record_ids",
        "record_sources": "col.sources",
    },
    interactive=True,
    filters=("source_id", "topic", "verdict"),
)

# %% [markdown] tags=["lang:en"]
# ## What does the public record say?
#
# Every record row the verdicts rest on, with its source and a verbatim excerpt.

# %% [markdown] tags=["lang:nl"]
# ## Wat zeggen de openbare bronnen?
#
# Elke rij uit de openbare bronnen waarop de oordelen berusten, met de bron en een
# letterlijk fragment.

# %%
story.table(
    record,
    "record",
    {
        "record_id": "col.record_id",
        "subject": "col.subject",
        "property": "col.property",
        "value_time": "col.time",
        "value_date": "col.date",
        "value_number": "col.number",
        "unit": "col.unit",
        "value_text": "col.value",
        "source_title": "col.source",
        "source_url": "col.url",
        "evidence": "col.evidence",
    },
    interactive=True,
    filters=("subject",),
)

# %% [markdown] tags=["lang:en"]
# ## What have we corrected?
#
# Every change to a published verdict or record value, with its date and reason.

# %% [markdown] tags=["lang:nl"]
# ## Wat hebben we gecorrigeerd?
#
# Elke wijziging van een gepubliceerd oordeel of een gepubliceerde waarde, met datum en
# reden.

# %%
story.table(
    corrections,
    "corrections",
    {
        "date": "col.date",
        "row_id": "col.row",
        "field": "col.field",
        "before": "col.before",
        "after": "col.after",
        "reason": "col.reason",
    },
)
