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
# language (`lang:en`, `lang:nl`, ...): a report keeps the cells of its language. Verdicts
# are data (`data/facts/verdicts.csv`); `make check` enforces the rules they must obey.

# %% [markdown] tags=["lang:en"]
# # Fact check: what the articles got right and wrong
#
# Every claim of the articles, rated against the public record: accurate, imprecise (right
# in substance, off in a detail), inaccurate, or not checkable (opinions, quotes, and claims
# no public source covers). Each verdict names its sources. Where the articles
# say different things about the same fact, we show both side by side.

# %% [markdown] tags=["lang:nl"]
# # Factcheck: wat de artikelen goed en fout hadden
#
# Elke bewering uit de artikelen, beoordeeld aan de hand van openbare bronnen: juist,
# onnauwkeurig (in de kern juist, maar een detail klopt niet), onjuist, of niet
# controleerbaar (meningen, citaten en beweringen waarvoor geen openbare bron is). Elk
# oordeel noemt zijn bronnen. Waar de artikelen over hetzelfde feit iets anders
# zeggen, staan ze naast elkaar.

# %% tags=["parameters"]
language = "en"  # any language with a catalog in notebooks/locales/
timezone = "Europe/Amsterdam"  # any IANA name, e.g. "UTC", "Europe/Moscow"
publish = False  # True when `make reports` renders the notebook

# %%
# Check the parameters; load claims, verdicts, record, groups and corrections; join them.
from factdesk.story import Story, cards, charts, findings, verdict_tables
from factdesk.story import corrections as corrections_list

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
story.chart(charts.verdicts_chart(story, by_topic, by_source), "verdicts")
story.table(
    by_topic,
    "verdicts-by-topic",
    {"topic": "col.topic", **{v: f"verdict.{v}" for v in charts.VERDICTS}},
)

# %% [markdown] tags=["lang:en"]
# ## Claim by claim: what did the articles say, and was it right?
#
# Every claim with its verdict, why, and the public-record sources it rests on. Filter by
# article, topic and verdict, or search. Claims that no source can settle (opinions,
# quotes, claims no source covers) are listed separately, with the reason.

# %% [markdown] tags=["lang:nl"]
# ## Bewering voor bewering: wat zeiden de artikelen, en klopte het?
#
# Elke bewering met haar oordeel, de reden en de openbare bronnen waarop het oordeel
# berust. Filter op artikel, onderwerp en oordeel, of zoek. Beweringen die geen bron kan
# beslechten (meningen, citaten, beweringen waarvoor geen bron is) staan apart, met de
# reden.

# %%
story.cards(
    cards.claim_cards(story, checked, record),
    "\n".join(f"{c.claim_id}: {c.verdict}: {c.quote}" for c in checked.itertuples()),
    "claims",
    checked[["claim_id", "source_id", "quote", "statement", "topic", "verdict",
             "unchecked_reason", "explanation", "record_ids"]],
)  # fmt: skip

# %% [markdown] tags=["lang:en"]
# ## Where do the articles agree and disagree?
#
# Facts that more than one article states, with each article's words.

# %% [markdown] tags=["lang:nl"]
# ## Waar zijn de artikelen het eens en oneens?
#
# Feiten die meer dan één artikel noemt, met de woorden van elk artikel.

# %%
story.cards(
    cards.group_cards(story, groups, claims),
    "\n".join(f"{g.group_id}: {g.agreement}: {g.aspect}" for g in groups.itertuples()),
    "agreement",
    groups[["group_id", "claim_ids", "agreement", "aspect", "explanation"]],
)

# %% [markdown] tags=["lang:en"]
# ## What does the public record say?
#
# Every public-record value the verdicts rest on, with its source and a verbatim excerpt.

# %% [markdown] tags=["lang:nl"]
# ## Wat zeggen de openbare bronnen?
#
# Elke waarde uit de openbare bronnen waarop de oordelen berusten, met de bron en een
# letterlijk fragment.

# %%
story.cards(
    cards.record_cards(story, record),
    "\n".join(record["record_id"]),
    "record",
    record.drop(columns=["label", "value_text", "note"]),
)

# %% [markdown] tags=["lang:en"]
# ## What have we corrected?
#
# Every correction to a published verdict or public-record value: what it said, what it
# says now, and why. Newest first.

# %% [markdown] tags=["lang:nl"]
# ## Wat hebben we gecorrigeerd?
#
# Elke correctie van een gepubliceerd oordeel of een gepubliceerde waarde: wat er stond,
# wat er nu staat, en waarom. De nieuwste eerst.

# %%
story.cards(
    corrections_list.entries(story, corrections, claims, record, groups),
    story.t("correction.count", n=corrections_list.count(corrections)),
    "corrections",
    corrections,
)
