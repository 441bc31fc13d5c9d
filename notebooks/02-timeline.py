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
# language (`lang:en`, `lang:nl`, ...): a report keeps the cells of its language. The
# finding sentences are computed and asserted in `soyuz_ms19.findings`.

# %% [markdown] tags=["lang:en"]
# # Mission timeline: Soyuz MS-19 and the film flight
#
# The articles were written on launch day and gave times for the docking and the arrival
# at the station. We set those times against the public record (what was planned and what
# happened), because a time that was announced in advance can read as a time that was met.

# %% [markdown] tags=["lang:nl"]
# # Tijdlijn van de missie: Sojoez MS-19 en de filmvlucht
#
# De artikelen zijn op de dag van de lancering geschreven en noemden tijden voor de
# koppeling en de aankomst in het station. We leggen die tijden naast de openbare bronnen
# (wat gepland was en wat er gebeurde), omdat een vooraf aangekondigde tijd kan lezen als
# een tijd die ook gehaald is.

# %% tags=["parameters"]
language = "en"  # any language with a catalog in notebooks/locales/
timezone = "Europe/Amsterdam"  # any IANA name, e.g. "UTC", "Europe/Moscow"
publish = False  # True when `make reports` renders the notebook

# %%
# Check the parameters; load the record, the claims and the verdicts that link each claim
# to record rows; build the timeline tables.

from factdesk.story import Story, cards
from soyuz_ms19 import charts, findings, timeline

story = Story(language, timezone, publish)
record = story.load("record")
claims = story.load("claims")
verdicts = story.load("verdicts")
events = timeline.mission_events(record)
stays = timeline.stays(record)
points = timeline.launch_day(claims, verdicts, record)
gaps = timeline.launch_day_gaps(points)
context = timeline.context_events(record)
durations = timeline.trip_durations(record)
# Checkpoints: every reported time found its record event; the milestones are in order.
assert gaps["actual_utc"].notna().all(), "a reported time has no actual record time"
assert events["time_utc"].is_monotonic_increasing

# %%
story.findings(
    [
        *findings.docking(story, points, gaps, durations["docking_late"], record),
        findings.trip(story, record, durations),
        findings.stay(story, record, durations),
    ]
)

# %% [markdown] tags=["lang:en"]
# ## What happened when, from launch to landing?
#
# The mission's milestones from the public record, and how long each person stayed
# aboard the station.

# %% [markdown] tags=["lang:nl"]
# ## Wat gebeurde er wanneer, van lancering tot landing?
#
# De mijlpalen van de missie volgens de openbare bronnen, en hoe lang elk van hen aan boord
# van het station bleef.

# %%
story.chart(charts.mission_chart(story, events, stays), "mission")
story.table(
    events,
    "mission-events",
    {
        "subject": "col.craft",
        "property": "col.event",
        "time_utc": "time",
        "source_title": "col.source",
    },
    display={"property": events["property"].map(lambda p: story.t(f"event.{p}"))},
    links={"source_title": "source_url"},
    lang={"source_title": story.base},
)

# %% [markdown] tags=["lang:en"]
# ## How long did the trip to the station take, and what did the articles say?
#
# Launch day: the times each article reported beside the planned and the actual times. A
# time computed from a reported wait ("about two hours" after arrival) is marked as such.

# %% [markdown] tags=["lang:nl"]
# ## Hoe lang duurde de reis naar het station, en wat zeiden de artikelen?
#
# De dag van de lancering: de tijden die elk artikel meldde naast de geplande en de
# werkelijke tijden. Een tijd die is berekend uit een gemelde wachttijd ('about two hours'
# na aankomst, in het Engelse artikel) is als zodanig gemarkeerd.

# %%
story.chart(charts.launch_day_chart(story, points), "launch-day")
story.table(
    gaps,
    "launch-day",
    {
        "source_id": "col.article",
        "event": "col.event",
        "quote": "col.quote",
        "time_utc": "reported",
        "planned_utc": "planned",
        "actual_utc": "actual",
        "gap_minutes": "col.gap",
    },
    display={"event": gaps["event"].map(lambda e: story.t(f"event.{e}"))},
    lang={"quote": gaps["source_id"].map(story.article_language)},
)

# %% [markdown] tags=["lang:en"]
# Every launch-day claim with its verdict, including the ones that are not clock times
# (the number of orbits, the wait for the hatch).

# %% [markdown] tags=["lang:nl"]
# Elke bewering over de dag van de lancering met haar oordeel, ook die geen kloktijd zijn
# (het aantal omlopen, het wachten op het luik).

# %%
day_claims = timeline.launch_day_claims(claims, verdicts, record)
story.cards(
    cards.claim_cards(story, day_claims, record, cited=False),
    "\n".join(f"{c.claim_id}: {c.verdict}: {c.quote}" for c in day_claims.itertuples()),
    "launch-day-claims",
    day_claims[["claim_id", "source_id", "quote", "verdict", "explanation", "record_ids"]],
)

# %% [markdown] tags=["lang:en"]
# ## What else were the articles referring to?
#
# The earlier and later events the articles mention, dated from the public record.

# %% [markdown] tags=["lang:nl"]
# ## Naar welke andere gebeurtenissen verwezen de artikelen?
#
# De eerdere en latere gebeurtenissen die de artikelen noemen, gedateerd volgens de
# openbare bronnen.

# %%
story.chart(charts.context_chart(story, context), "context")
story.table(
    context,
    "context-events",
    {"label": "col.event", "time_utc": "date", "source_title": "col.source"},
    display={"time_utc": timeline.shown_dates(story, context)},
    links={"source_title": "source_url"},
    lang={"source_title": story.base},
)
