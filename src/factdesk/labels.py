"""English and Dutch text for everything a report shows: titles, headings, prose, axes, legends.

One table, so a translation is reviewed in one place and a missing one fails a test
(``tests/test_labels.py`` checks every key has both languages). Values may hold ``{name}``
placeholders filled with :func:`text`. Dates and times are formatted with Babel's CLDR data
(:func:`when`, :func:`day`) so month names follow the language.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

LABELS: dict[str, dict[str, str]] = {
    # --- shared -------------------------------------------------------------------------------
    "project": {"en": "factdesk", "nl": "factdesk"},
    "findings": {"en": "Findings", "nl": "Bevindingen"},
    "source": {"en": "Source", "nl": "Bron"},
    "sources": {"en": "Sources", "nl": "Bronnen"},
    "times_in": {"en": "Times in {zone}", "nl": "Tijden in {zone}"},
    "chart_footer": {"en": "Source: {source} · N = {n}", "nl": "Bron: {source} · N = {n}"},
    "table_download": {"en": "Download this table (CSV)", "nl": "Download deze tabel (CSV)"},
    "nl-ms19-launch": {"en": "Dutch article", "nl": "Nederlands artikel"},
    "en-ms19-launch": {"en": "English article", "nl": "Engels artikel"},
    "record": {"en": "Public record", "nl": "Openbare bronnen"},
    "record_sources": {
        "en": "public record (NASA, TASS, Wikipedia and others; see data/reference)",
        "nl": "openbare bronnen (NASA, TASS, Wikipedia e.a.; zie data/reference)",
    },
    "articles_source": {
        "en": "the two articles (data/facts/claims.csv)",
        "nl": "de twee artikelen (data/facts/claims.csv)",
    },
    "planned": {"en": "planned", "nl": "gepland"},
    "actual": {"en": "actual", "nl": "werkelijk"},
    "reported": {"en": "reported", "nl": "gemeld"},
    "minutes": {"en": "minutes", "nl": "minuten"},
    "days": {"en": "days", "nl": "dagen"},
    "years": {"en": "years", "nl": "jaar"},
    "date": {"en": "Date", "nl": "Datum"},
    "time": {"en": "Time", "nl": "Tijd"},
    "event": {"en": "Event", "nl": "Gebeurtenis"},
    "count": {"en": "Count", "nl": "Aantal"},
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    # --- event names (record properties) -------------------------------------------------------
    "ev.launch": {"en": "Launch", "nl": "Lancering"},
    "ev.docking": {"en": "Docking", "nl": "Koppeling"},
    "ev.hatch_opening": {"en": "Hatch opening", "nl": "Luik open"},
    "ev.hatch_closure": {"en": "Hatch closure", "nl": "Luik dicht"},
    "ev.undocking": {"en": "Undocking", "nl": "Ontkoppeling"},
    "ev.landing": {"en": "Landing", "nl": "Landing"},
    "ev.aboard_participants": {
        "en": "Peresild and Shipenko aboard the ISS (filming)",
        "nl": "Peresild en Sjipenko aan boord van het ISS (opnames)",
    },
    "ev.aboard_commander": {
        "en": "Shkaplerov aboard the ISS",
        "nl": "Shkaplerov aan boord van het ISS",
    },
    "ctx.cruise-film-announcement": {
        "en": "NASA confirms Tom Cruise film project",
        "nl": "NASA bevestigt filmproject Tom Cruise",
    },
    "ctx.cruise-film-spacex": {
        "en": "Report: SpaceX to fly Tom Cruise",
        "nl": "Bericht: SpaceX gaat Tom Cruise vliegen",
    },
    "ctx.starship-presentation-date": {
        "en": "Musk presents Starship in Texas",
        "nl": "Musk presenteert Starship in Texas",
    },
    "ctx.i4-launch": {
        "en": "Inspiration4 launch (first all-civilian orbital flight)",
        "nl": "Lancering Inspiration4 (eerste burgervlucht in een baan om de aarde)",
    },
    "ctx.i4-splashdown": {"en": "Inspiration4 splashdown", "nl": "Inspiration4 landt in zee"},
    "ctx.cruise-inspiration4-call": {
        "en": "Tom Cruise talks to the Inspiration4 crew",
        "nl": "Tom Cruise spreekt de bemanning van Inspiration4",
    },
    "ctx.ms19-launch": {"en": "Soyuz MS-19 launch", "nl": "Lancering Sojoez MS-19"},
    "ctx.ms18-landing": {
        "en": "Peresild and Shipenko land (Soyuz MS-18)",
        "nl": "Peresild en Sjipenko landen (Sojoez MS-18)",
    },
    "ctx.ms19-landing": {
        "en": "Shkaplerov lands (Soyuz MS-19)",
        "nl": "Shkaplerov landt (Sojoez MS-19)",
    },
    "ctx.vyzov-premiere": {
        "en": "Premiere of The Challenge (Vyzov)",
        "nl": "Première van De uitdaging (Vizov)",
    },
    "ctx.vyzov-release-russia": {
        "en": "The Challenge released in Russia",
        "nl": "De uitdaging in Russische bioscopen",
    },
    # --- launch-day rows --------------------------------------------------------------------
    "row.actual": {"en": "Record: actual", "nl": "Gegevens: werkelijk"},
    "row.planned": {"en": "Record: planned", "nl": "Gegevens: gepland"},
    "row.nl-ms19-launch": {"en": "Dutch article", "nl": "Nederlands artikel"},
    "row.en-ms19-launch": {"en": "English article", "nl": "Engels artikel"},
    # --- 01 sources -------------------------------------------------------------------------
    "nb1.title": {
        "en": "The two articles: what they are and what cleaning changed",
        "nl": "De twee artikelen: wat ze zijn en wat het opschonen veranderde",
    },
    "nb1.find.sentences": {
        "en": "The two articles hold {sentences} sentences and {captions} photo captions; "
        "{claims} claims were extracted ({per_nl} from the Dutch, {per_en} from the "
        "English text).",
        "nl": "De twee artikelen bevatten {sentences} zinnen en {captions} fotobijschriften; "
        "er zijn {claims} beweringen uit gehaald ({per_nl} uit de Nederlandse, {per_en} "
        "uit de Engelse tekst).",
    },
    "nb1.find.coverage": {
        "en": "{accounted} of {sentences} sentences are covered by a claim or explicitly "
        "excused ({excused} without a checkable fact).",
        "nl": "{accounted} van de {sentences} zinnen vallen onder een bewering of zijn "
        "uitdrukkelijk uitgezonderd ({excused} zonder controleerbaar feit).",
    },
    "nb1.find.cleaning": {
        "en": "Cleaning made {changes} changes (encoding repairs, captions and page furniture "
        "moved out) and logged {defects} defects it left alone, such as lost apostrophes.",
        "nl": "Het opschonen maakte {changes} wijzigingen (herstelde tekens, bijschriften en "
        "paginaresten apart gezet) en noteerde {defects} gebreken die het liet staan, "
        "zoals weggevallen apostrofs.",
    },
    "nb1.q.what": {
        "en": "Which articles is this story based on?",
        "nl": "Op welke artikelen is dit verhaal gebaseerd?",
    },
    "nb1.lead.what": {
        "en": "Metadata of each source article; unknown values stay empty.",
        "nl": "Gegevens van elk bronartikel; onbekende waarden blijven leeg.",
    },
    "nb1.q.cleaning": {
        "en": "What did cleaning change in the raw text?",
        "nl": "Wat veranderde het opschonen aan de ruwe tekst?",
    },
    "nb1.lead.cleaning": {
        "en": "Every change and every defect left alone, with its position in the raw file.",
        "nl": "Elke wijziging en elk gebrek dat bleef staan, met de positie in het ruwe bestand.",
    },
    "nb1.q.captions": {
        "en": "Which photo captions were separated from the text?",
        "nl": "Welke fotobijschriften zijn van de tekst gescheiden?",
    },
    "nb1.lead.captions": {
        "en": "Captions are kept as captions, with their credit.",
        "nl": "Bijschriften blijven bewaard als bijschrift, met de bron.",
    },
    "nb1.q.side": {
        "en": "How do the two texts compare, sentence by sentence?",
        "nl": "Hoe verhouden de twee teksten zich, zin voor zin?",
    },
    "nb1.lead.side": {
        "en": "The cleaned sentences side by side, with the claims taken from each.",
        "nl": "De opgeschoonde zinnen naast elkaar, met de beweringen uit elke zin.",
    },
    "nb1.q.coverage": {"en": "Is every sentence accounted for?", "nl": "Is elke zin verantwoord?"},
    "nb1.lead.coverage": {
        "en": "Sentences per article covered by a claim, excused, or uncovered.",
        "nl": "Zinnen per artikel: gedekt door een bewering, uitgezonderd of niet gedekt.",
    },
    "nb1.chart.claims": {"en": "Claims per sentence", "nl": "Beweringen per zin"},
    "nb1.axis.sentence": {"en": "Sentence (in reading order)", "nl": "Zin (in leesvolgorde)"},
    "nb1.axis.claims": {"en": "Claims", "nl": "Beweringen"},
    # --- 02 timeline ------------------------------------------------------------------------
    "nb2.title": {
        "en": "Mission timeline: Soyuz MS-19 and the first film shot in orbit",
        "nl": "Tijdlijn van de missie: Sojoez MS-19 en de eerste film in een baan om de aarde",
    },
    "nb2.find.docking": {
        "en": "Soyuz MS-19 docked at {actual}, {late} minutes after the planned {planned}; the "
        "Dutch article's {nl_time} was the planned time and the English article's {en_time} is "
        "{gap_en} minutes off the actual docking.",
        "nl": "Sojoez MS-19 koppelde om {actual}, {late} minuten na de geplande {planned}; de "
        "{nl_time} van het Nederlandse artikel was de geplande tijd en de {en_time} van het "
        "Engelse artikel zit {gap_en} minuten naast de werkelijke koppeling.",
    },
    "nb2.find.trip": {
        "en": "From launch to docking took {trip} (the Dutch article: 'two orbits'); the hatch "
        "opened {hatch} after docking (the English article: 'about two hours').",
        "nl": "Van lancering tot koppeling duurde {trip} (het Nederlandse artikel: 'twee "
        "rondjes om de aarde'); het luik ging {hatch} na de koppeling open (het Engelse "
        "artikel: 'about two hours').",
    },
    "nb2.find.stay": {
        "en": "Peresild and Shipenko were back on Earth after {stay_days} days "
        "(the articles: 'two weeks', 'almost two weeks'); Shkaplerov landed on {landing}.",
        "nl": "Peresild en Sjipenko waren na {stay_days} dagen terug op aarde (de artikelen: "
        "'twee weken', 'bijna twee weken'); Shkaplerov landde op {landing}.",
    },
    "nb2.q.mission": {
        "en": "What happened when, from launch to landing?",
        "nl": "Wat gebeurde er wanneer, van lancering tot landing?",
    },
    "nb2.lead.mission": {
        "en": "The mission's milestones from the public record.",
        "nl": "De mijlpalen van de missie volgens openbare bronnen.",
    },
    "nb2.q.trip": {
        "en": "How long did the trip to the station take, and what did the articles say?",
        "nl": "Hoe lang duurde de reis naar het station, en wat zeiden de artikelen?",
    },
    "nb2.lead.trip": {
        "en": "Launch day: reported times beside the planned and actual times.",
        "nl": "De dag van de lancering: gemelde tijden naast de geplande en werkelijke tijden.",
    },
    "nb2.q.context": {
        "en": "What else were the articles referring to?",
        "nl": "Naar welke andere gebeurtenissen verwezen de artikelen?",
    },
    "nb2.lead.context": {
        "en": "Related events, from the Starship presentation to the film's release.",
        "nl": "Verwante gebeurtenissen, van de Starship-presentatie tot de première van de film.",
    },
    "nb2.chart.mission": {
        "en": "Soyuz MS-19: from launch to landing",
        "nl": "Sojoez MS-19: van lancering tot landing",
    },
    "nb2.chart.launchday": {
        "en": "Launch day: what the articles reported vs the record",
        "nl": "Lanceerdag: wat de artikelen meldden en wat er gebeurde",
    },
    "nb2.chart.context": {"en": "The story in context", "nl": "Het verhaal in context"},
    "nb2.col.event": {"en": "Event", "nl": "Gebeurtenis"},
    "nb2.col.craft": {"en": "Spacecraft", "nl": "Ruimteschip"},
    "nb2.col.status": {"en": "Planned or actual", "nl": "Gepland of werkelijk"},
    "nb2.col.time": {"en": "Time ({zone})", "nl": "Tijd ({zone})"},
    "nb2.col.who": {"en": "Who says so", "nl": "Wie zegt dat"},
    "nb2.col.gap": {"en": "Minutes off the actual time", "nl": "Minuten naast de werkelijke tijd"},
    "nb2.col.quote": {"en": "Quote", "nl": "Citaat"},
    "nb2.col.source": {"en": "Source", "nl": "Bron"},
    "nb2.reported_hatch": {
        "en": "reported arrival + 'about two hours'",
        "nl": "gemelde aankomst + 'ongeveer twee uur'",
    },
    # --- 03 crew ----------------------------------------------------------------------------
    "nb3.title": {
        "en": "Who flew: the crew of Soyuz MS-19",
        "nl": "Wie vlogen er: de bemanning van Sojoez MS-19",
    },
    "nb3.find.ages": {
        "en": "At launch Peresild was {age_peresild}, Shipenko {age_shipenko} and Shkaplerov "
        "{age_shkaplerov}; the English article's '(37)' for Peresild matches the record.",
        "nl": "Bij de lancering was Peresild {age_peresild}, Sjipenko {age_shipenko} en "
        "Shkaplerov {age_shkaplerov} jaar; de '(37)' voor Peresild in het Engelse "
        "artikel klopt.",
    },
    "nb3.find.flights": {
        "en": "Shkaplerov had flown {prior} times before ({days_before} days in space); the two "
        "filmmakers were first-time flyers.",
        "nl": "Shkaplerov was al {prior} keer eerder in de ruimte geweest ({days_before} dagen); "
        "voor de twee filmmakers was het de eerste vlucht.",
    },
    "nb3.find.population": {
        "en": "The station held {before} people before the Soyuz arrived and {after} after.",
        "nl": "Er waren {before} mensen aan boord van het station voordat de Sojoez aankwam, "
        "en {after} daarna.",
    },
    "nb3.q.who": {
        "en": "Who were the three people on board?",
        "nl": "Wie waren de drie mensen aan boord?",
    },
    "nb3.lead.who": {
        "en": "Age at launch, profession and role, from the public record.",
        "nl": "Leeftijd bij de lancering, beroep en rol, volgens openbare bronnen.",
    },
    "nb3.q.experience": {
        "en": "How experienced were they in space?",
        "nl": "Hoeveel ervaring hadden ze in de ruimte?",
    },
    "nb3.lead.experience": {
        "en": "Every spaceflight of the three, on one time axis.",
        "nl": "Elke ruimtevlucht van de drie, op één tijdas.",
    },
    "nb3.q.days": {
        "en": "How many days had each spent in space, before and after this flight?",
        "nl": "Hoeveel dagen was elk van hen in de ruimte, voor en na deze vlucht?",
    },
    "nb3.lead.days": {
        "en": "Days in space from launch and landing times (to the minute).",
        "nl": "Dagen in de ruimte op basis van lancerings- en landingstijden.",
    },
    "nb3.q.station": {
        "en": "Who was already on the station?",
        "nl": "Wie was er al aan boord van het station?",
    },
    "nb3.lead.station": {
        "en": "The ISS population on 5 October 2021 by nationality and agency.",
        "nl": "De bezetting van het ISS op 5 oktober 2021 naar nationaliteit "
        "en ruimtevaartorganisatie.",
    },
    "nb3.chart.ages": {"en": "Age at launch", "nl": "Leeftijd bij de lancering"},
    "nb3.chart.flights": {
        "en": "Spaceflights of the Soyuz MS-19 crew",
        "nl": "Ruimtevluchten van de bemanning van Sojoez MS-19",
    },
    "nb3.chart.days": {"en": "Days in space", "nl": "Dagen in de ruimte"},
    "nb3.chart.population": {
        "en": "People aboard the ISS on 5 October 2021",
        "nl": "Mensen aan boord van het ISS op 5 oktober 2021",
    },
    "nb3.col.name": {"en": "Name", "nl": "Naam"},
    "nb3.col.born": {"en": "Born", "nl": "Geboren"},
    "nb3.col.birthplace": {"en": "Birthplace", "nl": "Geboorteplaats"},
    "nb3.col.age": {"en": "Age at launch", "nl": "Leeftijd bij lancering"},
    "nb3.col.profession": {"en": "Profession", "nl": "Beroep"},
    "nb3.col.role": {"en": "Role on this flight", "nl": "Rol op deze vlucht"},
    "nb3.col.prior": {"en": "Earlier spaceflights", "nl": "Eerdere ruimtevluchten"},
    "nb3.col.before": {"en": "Days in space before", "nl": "Dagen in de ruimte ervoor"},
    "nb3.col.this": {"en": "Days on this flight", "nl": "Dagen op deze vlucht"},
    "nb3.col.total": {"en": "Days in space after", "nl": "Dagen in de ruimte erna"},
    "nb3.col.flight": {"en": "Flight", "nl": "Vlucht"},
    "nb3.col.launch": {"en": "Launch", "nl": "Lancering"},
    "nb3.col.landing": {"en": "Landing", "nl": "Landing"},
    "nb3.col.group": {"en": "Group", "nl": "Groep"},
    "nb3.col.nationality": {"en": "Nationality", "nl": "Nationaliteit"},
    "nb3.col.agency": {"en": "Agency", "nl": "Organisatie"},
    "nb3.col.when": {"en": "When", "nl": "Wanneer"},
    "nb3.before": {"en": "Before Soyuz MS-19", "nl": "Voor Sojoez MS-19"},
    "nb3.after": {"en": "After Soyuz MS-19", "nl": "Na Sojoez MS-19"},
    "nb3.earlier_flights": {"en": "earlier flights", "nl": "eerdere vluchten"},
    "nb3.this_flight": {"en": "this flight", "nl": "deze vlucht"},
    "nb3.by_nationality": {"en": "by nationality", "nl": "naar nationaliteit"},
    "nb3.by_agency": {"en": "by agency", "nl": "naar organisatie"},
    # --- 04 fact check ----------------------------------------------------------------------
    "nb4.title": {
        "en": "Fact check: what the two articles got right and wrong",
        "nl": "Factcheck: wat de twee artikelen goed en fout hadden",
    },
    "nb4.find.verdicts": {
        "en": "Of {checkable} checkable claims, {accurate} are accurate, {imprecise} imprecise "
        "and {inaccurate} inaccurate; {not_checkable} claims could not be checked.",
        "nl": "Van de {checkable} controleerbare beweringen zijn er {accurate} juist, "
        "{imprecise} onnauwkeurig en {inaccurate} onjuist; {not_checkable} beweringen "
        "konden niet worden gecontroleerd.",
    },
    "nb4.find.disagree": {
        "en": "The two articles disagree on {n} points: {aspects}.",
        "nl": "De twee artikelen spreken elkaar op {n} punten tegen: {aspects}.",
    },
    "nb4.q.verdicts": {
        "en": "How accurate were the articles?",
        "nl": "Hoe nauwkeurig waren de artikelen?",
    },
    "nb4.lead.verdicts": {
        "en": "Verdicts by topic and by article.",
        "nl": "Oordelen per onderwerp en per artikel.",
    },
    "nb4.q.disagree": {
        "en": "Where do the Dutch and English articles disagree?",
        "nl": "Waar spreken het Nederlandse en het Engelse artikel elkaar tegen?",
    },
    "nb4.lead.disagree": {
        "en": "Claims both articles make, with both quotes.",
        "nl": "Beweringen die beide artikelen doen, met beide citaten.",
    },
    "nb4.q.claims": {"en": "What does each claim rest on?", "nl": "Waarop berust elke bewering?"},
    "nb4.lead.claims": {
        "en": "Every claim with its verdict, explanation and sources.",
        "nl": "Elke bewering met oordeel, toelichting en bronnen.",
    },
    "nb4.chart.verdicts": {
        "en": "Verdicts by topic and article",
        "nl": "Oordelen per onderwerp en artikel",
    },
    "nb4.col.claim": {"en": "Claim", "nl": "Bewering"},
    "nb4.col.article": {"en": "Article", "nl": "Artikel"},
    "nb4.col.quote": {"en": "Quote", "nl": "Citaat"},
    "nb4.col.statement": {"en": "Statement", "nl": "Bewering (Engels)"},
    "nb4.col.topic": {"en": "Topic", "nl": "Onderwerp"},
    "nb4.col.verdict": {"en": "Verdict", "nl": "Oordeel"},
    "nb4.col.explanation": {"en": "Explanation", "nl": "Toelichting"},
    "nb4.col.sources": {"en": "Sources", "nl": "Bronnen"},
    "nb4.col.aspect": {"en": "Aspect", "nl": "Onderwerp"},
    "nb4.col.quote_nl": {"en": "Dutch quote", "nl": "Nederlands citaat"},
    "nb4.col.quote_en": {"en": "English quote", "nl": "Engels citaat"},
    "nb4.col.agreement": {"en": "Agreement", "nl": "Overeenstemming"},
    "nb4.col.claims": {"en": "Claims", "nl": "Beweringen"},
    "verdict.accurate": {"en": "accurate", "nl": "juist"},
    "verdict.imprecise": {"en": "imprecise", "nl": "onnauwkeurig"},
    "verdict.inaccurate": {"en": "inaccurate", "nl": "onjuist"},
    "verdict.not checkable": {"en": "not checkable", "nl": "niet controleerbaar"},
    "agreement.agree": {"en": "agree", "nl": "eens"},
    "agreement.disagree": {"en": "disagree", "nl": "oneens"},
    "topic.mission": {"en": "mission", "nl": "missie"},
    "topic.crew": {"en": "crew", "nl": "bemanning"},
    "topic.film": {"en": "film", "nl": "film"},
    "topic.station": {"en": "station", "nl": "station"},
    "topic.context": {"en": "context", "nl": "context"},
    "topic.commentary": {"en": "commentary", "nl": "commentaar"},
    "status.covered": {"en": "covered", "nl": "gedekt"},
    "status.excused": {"en": "excused", "nl": "uitgezonderd"},
    "status.uncovered": {"en": "uncovered", "nl": "niet gedekt"},
    "kind.change": {"en": "change", "nl": "wijziging"},
    "kind.defect": {"en": "defect left alone", "nl": "gebrek, niet hersteld"},
    "col.source_id": {"en": "Source id", "nl": "Bron-id"},
    "col.language": {"en": "Language", "nl": "Taal"},
    "col.headline": {"en": "Headline", "nl": "Kop"},
    "col.published": {"en": "Published", "nl": "Gepubliceerd"},
    "col.basis": {"en": "How the date is known", "nl": "Hoe de datum bekend is"},
    "col.outlet": {"en": "Outlet", "nl": "Medium"},
    "col.url": {"en": "URL", "nl": "URL"},
    "col.notes": {"en": "Notes", "nl": "Opmerkingen"},
    "col.position": {"en": "Position in raw file", "nl": "Positie in ruw bestand"},
    "col.kind": {"en": "Kind", "nl": "Soort"},
    "col.before": {"en": "Before", "nl": "Voor"},
    "col.after": {"en": "After", "nl": "Na"},
    "col.reason": {"en": "Why", "nl": "Waarom"},
    "col.caption": {"en": "Caption", "nl": "Bijschrift"},
    "col.credit": {"en": "Credit", "nl": "Fotobron"},
    "col.sentence": {"en": "Sentence", "nl": "Zin"},
    "col.sentence_id": {"en": "Sentence id", "nl": "Zin-id"},
    "col.claims": {"en": "Claims", "nl": "Beweringen"},
    "col.status": {"en": "Status", "nl": "Status"},
    "col.sentences": {"en": "Sentences", "nl": "Zinnen"},
    "col.covered": {"en": "Covered", "nl": "Gedekt"},
    "col.excused": {"en": "Excused", "nl": "Uitgezonderd"},
    "col.uncovered": {"en": "Uncovered", "nl": "Niet gedekt"},
    "col.accounted_pct": {"en": "Accounted for (%)", "nl": "Verantwoord (%)"},
    "unknown": {"en": "unknown", "nl": "onbekend"},
    "value.Russian": {"en": "Russian", "nl": "Russisch"},
    "value.American": {"en": "American", "nl": "Amerikaans"},
    "value.French": {"en": "French", "nl": "Frans"},
    "value.Japanese": {"en": "Japanese", "nl": "Japans"},
    "value.none": {"en": "none", "nl": "geen"},
    # --- report frame (HTML header/footer, index) --------------------------------------------
    "html.other_language": {"en": "Nederlandse versie", "nl": "English version"},
    "html.index": {"en": "All reports", "nl": "Alle rapporten"},
    "html.data_date": {"en": "Data as of {date}", "nl": "Gegevens van {date}"},
    "html.show_code": {"en": "Show code", "nl": "Toon code"},
    "html.methodology": {
        "en": "Methodology: every claim in the two articles is a row in data/facts/claims.csv "
        "with its verbatim quote; public-record values in data/reference/ each cite their "
        "source. Values that could not be sourced are left empty. See README.md.",
        "nl": "Methode: elke bewering uit de twee artikelen is een rij in data/facts/claims.csv "
        "met het letterlijke citaat; elke waarde uit openbare bronnen in data/reference/ "
        "noemt haar bron. Waarden zonder bron blijven leeg. Zie README.md.",
    },
    "html.downloads": {"en": "Data downloads", "nl": "Data downloaden"},
    "html.timelinejs": {"en": "TimelineJS timeline", "nl": "TimelineJS-tijdlijn"},
    "html.claimreview": {"en": "ClaimReview JSON-LD", "nl": "ClaimReview JSON-LD"},
    "html.datapackage": {"en": "Frictionless data package", "nl": "Frictionless datapakket"},
}


def text(key: str, language: str, **values: object) -> str:
    """The label ``key`` in ``language`` with ``{placeholders}`` filled in."""
    try:
        template = LABELS[key][language]
    except KeyError:
        raise KeyError(f"no {language!r} label for {key!r} in factdesk.labels") from None
    return template.format(**values) if values else template


def has(key: str) -> bool:
    """Whether a label exists for ``key``."""
    return key in LABELS


def source(source_id: str, language: str, prefix: str = "") -> str:
    """A source article's display name ("Dutch article"); an article added without a label
    is shown by its id, so a new article never breaks a report."""
    key = f"{prefix}{source_id}"
    return text(key, language) if has(key) else str(source_id)


def zone_abbreviation(moment: pd.Timestamp | datetime, zone: ZoneInfo) -> str:
    """The zone's abbreviation at that moment (CEST, UTC, MSK): what readers see after times."""
    return pd.Timestamp(moment).tz_convert(zone).tzname() or str(zone)


def when(
    moment: pd.Timestamp | datetime,
    language: str,
    zone: ZoneInfo,
    pattern: str = "d MMMM y, HH:mm",
) -> str:
    """A date and time in ``zone``, month names in ``language``, followed by the zone
    abbreviation: ``5 oktober 2021, 14:22 CEST``."""
    ts = pd.Timestamp(moment)
    return (
        f"{format_datetime(ts.to_pydatetime(), pattern, tzinfo=zone, locale=language)} "
        f"{zone_abbreviation(ts, zone)}"
    )


def clock(moment: pd.Timestamp | datetime, language: str, zone: ZoneInfo) -> str:
    """Just the time of day with the zone: ``14:22 CEST``."""
    return when(moment, language, zone, "HH:mm")


def day(value: pd.Timestamp | date | datetime, language: str, pattern: str = "d MMMM y") -> str:
    """A calendar date in ``language``: ``5 October 2021`` / ``5 oktober 2021``; an unknown
    date (empty in the data) is shown empty."""
    if value is None or pd.isna(value):
        return ""
    ts = pd.Timestamp(value)
    return format_date(ts.date(), pattern, locale=language)


def number(value: float, language: str, digits: int = 1) -> str:
    """A number with the language's decimal mark: ``11.8`` / ``11,8``."""
    return format_decimal(round(value, digits), locale=language)


def duration(delta: pd.Timedelta, language: str) -> str:
    """A duration as ``3 h 27 min`` (``3 uur 27 min``)."""
    minutes = int(round(delta.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    unit = "h" if language == "en" else "uur"
    return f"{hours} {unit} {minutes} min"
