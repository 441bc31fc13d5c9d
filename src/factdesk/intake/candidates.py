"""Candidate claims that a machine can spot in a cleaned article, for a journalist to accept,
edit or delete: dates, weekdays, clock times with their zone words, durations and other
numbers with units, ages, counts, years, plain numbers and quoted speech.

Every word list comes from locale data, never from patterns written for one language: month
and weekday names, unit words, relative-time phrases ("over {0} weken"), clock-time literals
("HH 'Uhr'") and zone names from CLDR (via Babel), number words from CLDR's spell-out rules
(via unicode-rbnf), zone abbreviations (CEST, MSK, EDT, ...) from the IANA tz database, whose
``zone.tab`` lists a country's most populous zone first.

A candidate's span is the shortest verbatim stretch of the cleaned text that carries the value
(e.g. ``14.12 Uhr MESZ``, ``Jane Doe (37)``), lengthened only when a shorter one would first
occur elsewhere in the article (a quote is located at its first occurrence).

This module runs the spotters of :mod:`factdesk.intake.spotting` in order of strength and
keeps what does not overlap; each spotter, and each kind of locale data, has its own module there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from factdesk.intake.articles import CleanArticle
from factdesk.intake.spotting import dates, numbers, times
from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.quotes import quotes
from factdesk.intake.spotting.spans import sentence_of, unique
from factdesk.intake.spotting.vocabulary import Lexicon, lexicon

__all__ = ["Candidate", "spot"]

Spotter = Callable[[str], Iterator[Candidate]]


def _spotters(lex: Lexicon, language: str, year: int | None) -> tuple[Spotter, ...]:
    """The spotters from the strongest to the weakest: where two spans overlap, the earlier one
    wins (a date beats the year inside it, a clock time the numbers in it, a duration the
    count). ``year`` is the article's year, to read two-digit years by
    (:func:`~factdesk.intake.spotting.dates.reference_year`)."""
    return (
        lambda text: dates.dates(text, lex, year),
        lambda text: times.clock_times(text, lex, language),
        lambda text: dates.relative(text, lex, language),
        numbers.ages,
        lambda text: numbers.measures(text, lex, language),
        dates.years,
        lambda text: numbers.counts(text, lex, language),
        lambda text: numbers.plain(text, lex, language),
        lambda text: dates.named(text, lex),
    )


def spot(article: CleanArticle, language: str, base_language: str) -> list[tuple[Candidate, str]]:
    """Every candidate of a cleaned article in reading order, with the id of the sentence it
    starts in. Values overlap-free by priority (a date beats the year inside it); quoted
    speech may hold values."""
    lex = lexicon(language, base_language)
    year = dates.reference_year(article.header_date, article.texts.values())
    spotters = _spotters(lex, language, year)
    found: list[Candidate] = []
    for part, text in article.texts.items():
        spotted = [
            replace(c, priority=rank)
            for rank, spotter in enumerate(spotters)
            for c in spotter(text)
        ]
        taken: list[Candidate] = []
        for c in sorted(spotted, key=lambda c: (c.priority, c.start, c.start - c.end)):
            if all(c.end <= t.start or t.end <= c.start for t in taken):
                taken.append(c)
        found += [replace(c, part=part) for c in (*taken, *quotes(text))]
    order = {part: n for n, part in enumerate(article.texts)}
    found.sort(key=lambda c: (order[c.part], c.start, c.end))
    return [(u, sentence_of(article, u).sentence_id) for u in (unique(article, c) for c in found)]
