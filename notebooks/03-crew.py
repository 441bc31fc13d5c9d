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
# language (`lang:en`, `lang:nl`, ...): a report keeps the cells of its language. Ages and
# days in space are computed from record dates, never from today.

# %% [markdown] tags=["lang:en"]
# # Who flew: the crew of Soyuz MS-19
#
# The articles introduce an actress, a filmmaker and a cosmonaut. We looked up each of
# them in the public record (birth date, profession, earlier spaceflights) to check what
# the articles say about them and to show how new to space the film crew was.

# %% [markdown] tags=["lang:nl"]
# # Wie vlogen er: de bemanning van de Sojoez MS-19
#
# De artikelen stellen een actrice, een filmmaker en een kosmonaut voor. We zochten elk
# van hen op in de openbare bronnen (geboortedatum, beroep, eerdere ruimtevluchten) om te
# controleren wat de artikelen over hen zeggen en om te laten zien hoe nieuw de ruimte
# voor de filmploeg was.

# %% tags=["parameters"]
language = "en"  # any language with a catalog in notebooks/locales/
timezone = "Europe/Amsterdam"  # any IANA name, e.g. "UTC", "Europe/Moscow"
publish = False  # True when `make reports` renders the notebook

# %%
# Check the parameters; load the record, the spaceflights and the station's crew list.
from factdesk.story import Story
from soyuz_ms19 import charts, crew, findings

story = Story(language, timezone, publish)
record = story.load("record")
claims = story.load("claims")
spaceflights = story.load("spaceflights")
iss_crew = story.load("iss_crew")
people = crew.crew_table(record, spaceflights)
flights = crew.flights(spaceflights, record)
by_nationality = crew.iss_population(iss_crew, "nationality")
by_agency = crew.iss_population(iss_crew, "agency")
# Checkpoints: an age for every crew member; the counts by nationality and agency agree.
assert people["age_at_launch"].notna().all()
assert by_nationality["after"].sum() == len(iss_crew) == by_agency["after"].sum()

# %%
story.findings(
    [
        *findings.ages(story, people, claims),
        *findings.experience(story, people),
        findings.population(story, by_nationality, iss_crew),
    ]
)

# %% [markdown] tags=["lang:en"]
# ## Who were the three people on board?
#
# Age at launch, profession and role on the flight, from the public record.

# %% [markdown] tags=["lang:nl"]
# ## Wie waren de drie mensen aan boord?
#
# Leeftijd bij de lancering, beroep en rol op de vlucht, volgens de openbare bronnen.

# %%
story.chart(charts.ages_chart(story, people), "ages")
story.table(
    people,
    "crew",
    {
        "person": "col.name",
        "birth_date": "col.born",
        "birthplace": "col.birthplace",
        "age_at_launch": "col.age",
        "profession": "col.profession",
        "role": "col.role",
        "prior_flights": "col.prior",
    },
)

# %% [markdown] tags=["lang:en"]
# ## How experienced were they in space?
#
# Every spaceflight of the three, on one time axis.

# %% [markdown] tags=["lang:nl"]
# ## Hoeveel ervaring hadden ze in de ruimte?
#
# Elke ruimtevlucht van de drie, op één tijdas.

# %%
story.chart(charts.flights_chart(story, flights), "spaceflights")
story.table(
    flights,
    "spaceflights",
    {
        "person": "col.name",
        "flight": "col.flight",
        "launch_utc": "col.launch",
        "landing_utc": "col.landing",
        "days": "col.days",
    },
)

# %% [markdown] tags=["lang:en"]
# ## How many days had each spent in space, before and after this flight?
#
# Days in space computed from launch and landing times, to the minute.

# %% [markdown] tags=["lang:nl"]
# ## Hoeveel dagen was elk van hen in de ruimte, voor en na deze vlucht?
#
# Dagen in de ruimte berekend uit lancerings- en landingstijden, op de minuut.

# %%
story.chart(charts.days_chart(story, people), "days-in-space")
story.table(
    people,
    "days-in-space",
    {
        "person": "col.name",
        "days_before": "col.days_before",
        "days_this_flight": "col.days_this",
        "days_after": "col.days_after",
    },
)

# %% [markdown] tags=["lang:en"]
# ## Who was already on the station?
#
# The station's population on launch day, by nationality and by agency, before and after
# the Soyuz arrived.

# %% [markdown] tags=["lang:nl"]
# ## Wie was er al aan boord van het station?
#
# De bezetting van het station op de dag van de lancering, naar nationaliteit en naar
# ruimtevaartorganisatie, voor en na de aankomst van de Sojoez.

# %%
story.chart(
    charts.population_chart(story, by_nationality, by_agency, len(iss_crew)), "iss-population"
)
story.table(
    iss_crew,
    "iss-crew",
    {
        "person": "col.name",
        "nationality": "col.nationality",
        "agency": "col.agency",
        "arrived_on": "col.flight",
        "aboard_before_ms19": "col.aboard_before",
    },
    display={
        "aboard_before_ms19": iss_crew["aboard_before_ms19"].map(
            lambda b: story.t("yes" if b else "no")
        )
    },
)
