"""Candidate claims in a cleaned article, for a journalist to accept, edit or delete: for every
sentence, the check-worthy claims it holds.

What can be read from locale data comes from CLDR (via Babel), the IANA tz database and CLDR's
spell-out rules: dates, weekdays, clock times with their zone words, durations and other
numbers with units, ages, counts, years (:mod:`factdesk.intake.spotting`'s value spotters).
What needs a language's words comes from :mod:`factdesk.language.words` (data per language):
hedges, uncertainty, plans, firsts, comparisons, opinions, role nouns, places, speech verbs.
What needs the story comes from its entities table: the subject of each claim, matched by any
of its names and aliases in any language.

A candidate's quote is the shortest verbatim stretch that carries the claim with its hedge and
who said it, lengthened only when a shorter one would first occur elsewhere in the article (a
quote is located at its first occurrence). A sentence in which nothing is spotted is proposed
whole, so that every sentence is either accepted as a claim or excused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from factdesk.intake.articles import CleanArticle
from factdesk.intake.spotting import claims, dates, numbers, times, values
from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.claims import Scope
from factdesk.intake.spotting.context import in_context
from factdesk.intake.spotting.entities import Entity, Gazetteer, Mention
from factdesk.intake.spotting.phrases import find
from factdesk.intake.spotting.resolve import resolve
from factdesk.intake.spotting.spans import sentence_of, unique
from factdesk.intake.spotting.speech import attribution, quotation_pieces
from factdesk.intake.spotting.vocabulary import Lexicon, lexicon
from factdesk.language import words
from factdesk.language.words import Words

__all__ = ["Candidate", "spot"]

Spotter = Callable[[str], Iterator[Candidate]]
NOT_CHECKABLE = ("quote", "opinion", "rumour")
ORDER = (
    "number",
    "duration",
    "time",
    "date",
    "role",
    "title",
    "place",
    "first",
    "comparison",
    "plan",
    "opinion",
    "uncertain",
    "quote",
    "attribution",
    "reported",
    "statement",
)
ABSORBED = ("plan", "uncertain")  # a clause of these kinds around a value is the value's claim


def _spotters(lex: Lexicon, language: str, year: int | None, ws: Words) -> tuple[Spotter, ...]:
    """The value spotters from the strongest to the weakest: where two spans overlap, the
    earlier one wins (a date beats the year inside it, a clock time the numbers in it, a
    duration the count). ``year`` is the article's year, to read two-digit years by
    (:func:`~factdesk.intake.spotting.dates.reference_year`)."""
    return (
        lambda text: dates.dates(text, lex, year),
        lambda text: times.clock_times(text, lex, language),
        lambda text: dates.relative(text, lex, language),
        numbers.ages,
        lambda text: numbers.measures(text, lex, language),
        lambda text: values.fractions(text, lex, ws),
        dates.years,
        lambda text: numbers.counts(text, lex, language),
        lambda text: numbers.plain(text, lex, language),
        lambda text: dates.named(text, lex),
    )


def _values(text: str, spotters, lex: Lexicon, ws: Words, mentions) -> list[Candidate]:
    """The values of one part, overlap-free by priority, none inside an entity's name (the
    "11" of "Apollo 11"), durations in parts joined, lists of counts completed."""
    spotted = [
        replace(c, priority=rank) for rank, spotter in enumerate(spotters) for c in spotter(text)
    ]
    taken: list[Candidate] = []
    for c in sorted(spotted, key=lambda c: (c.priority, c.start, c.start - c.end)):
        named = any(m.start <= c.start and c.end <= m.end for m in mentions)
        if not named and all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    taken = values.join_durations(taken, text, lex)
    taken += values.count_lists(taken, text, lex, ws)
    return [replace(values.smaller_units(c), kind=c.spotted_as) for c in taken]


def _within(inner: Candidate, outer: Candidate) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner is not outer


def _combine(found: list[Candidate], covering: list[Candidate]) -> list[Candidate]:
    """One sentence's candidates without the ones another already says: anything but a value
    inside a quotation or reported speech (``covering``: they are the claim), a plan or
    uncertain clause around a value (the value's quote carries its words), a clause inside a
    clause of a more specific kind ("die ... willen opnemen" inside "niet de enige die ..."),
    a place inside a plan, first or comparison, and the same stretch proposed twice (the more
    specific kind is kept, qualifiers joined)."""

    def inside(c: Candidate, others: Iterable[Candidate]) -> bool:
        return any(_within(c, o) or (o.start, o.end) == (c.start, c.end) for o in others)

    clause_kinds = ("first", "comparison", "plan", "opinion", "uncertain")
    kept = []
    for c in found:
        kind = c.spotted_as
        if not c.has_value and c not in covering and inside(c, covering):
            continue
        if kind in ABSORBED and any(v.has_value and _within(v, c) for v in found):
            continue
        wider = [o for o in found if _within(c, o) and o.spotted_as in clause_kinds]
        if kind in clause_kinds and any(
            ORDER.index(o.spotted_as) < ORDER.index(kind) for o in wider
        ):
            continue
        if kind == "place" and any(o.spotted_as in ("plan", "first", "comparison") for o in wider):
            continue
        kept.append(c)
    by_span: dict[tuple[int, int], Candidate] = {}
    for c in sorted(kept, key=lambda c: ORDER.index(c.spotted_as)):
        same = by_span.get((c.start, c.end))
        if same is None:
            by_span[(c.start, c.end)] = c
        elif c.qualifier and c.qualifier not in same.qualifier:
            joined = "; ".join(filter(None, [same.qualifier, c.qualifier]))
            by_span[(c.start, c.end)] = replace(same, qualifier=joined)
    return list(by_span.values())


def _whole(scope: Scope, kind: str, **values) -> Candidate:
    """The whole sentence as one candidate (its final full stop left out)."""
    end = scope.end - (scope.text[scope.end - 1] in ".:;" if scope.end > scope.start else 0)
    opinion = find(scope.words.opinion_words, scope.text, scope.start, end)
    claim_type = "opinion" if opinion else "event"
    what = "the whole sentence" + (f" (opinion: {opinion[0].group()!r})" if opinion else "")
    return Candidate("", scope.start, end, claim_type, what, kind=kind, **values)


def _part(text, sentences, ws, spotters, lex, mentions: list[Mention], published):
    """The candidates of one part (body or caption)."""
    scopes = {
        s.start: Scope(
            text,
            s.start,
            s.end,
            ws,
            tuple(m for m in mentions if s.start <= m.start and m.end <= s.end),
            s.kind,
        )
        for s in sentences
    }
    pieces = quotation_pieces(scopes, text, mentions)
    every = _values(text, spotters, lex, ws, mentions) + pieces
    out: list[Candidate] = []
    for s in sentences:
        scope = scopes[s.start]
        own = [c for c in every if s.start <= c.start < s.end]
        for spotter in (
            claims.roles,
            claims.titles,
            claims.places,
            claims.relative_days,
            claims.keyword_clauses,
        ):
            own += spotter(scope)
        covering = [q for q in pieces if s.start <= q.start < s.end]
        said = None if covering else attribution(scope, mentions)
        if said:
            covering.append(_whole(scope, "reported", attributed_to=said.speaker))
        if s.kind == "headline":  # the headline is one claim (the body says it in detail)
            covering.append(_whole(scope, "statement"))
        own = _combine(own + [c for c in covering if c not in own], covering)
        own = [in_context(c, scope, said, mentions) for c in own]
        own = resolve(own, scope, published)
        if not own and s.kind != "heading":
            own = [in_context(_whole(scope, "statement"), scope, None, mentions)]
        out += own
    return _last_speaker(out)


def _last_speaker(found: list[Candidate]) -> list[Candidate]:
    """A quotation with no speaker beside it is the last speaker's (a quote running on)."""
    out, last = [], ""
    for c in found:
        if c.spotted_as == "quote" and not c.attributed_to and last:
            c = replace(c, attributed_to=last, spotted="quoted speech, the last speaker's")
        last = c.attributed_to or last
        out.append(c)
    return out


def spot(
    article: CleanArticle,
    language: str,
    base_language: str,
    entities: Iterable[Entity] = (),
    published: date | None = None,
) -> list[tuple[Candidate, str]]:
    """Every candidate of a cleaned article in reading order, with the id of the sentence it
    starts in. ``entities`` are the known entities (their names in any language), and
    ``published`` the publication date that resolves weekdays and relative dates."""
    lex = lexicon(language, base_language)
    ws = words.words(language)
    gazetteer = Gazetteer(entities)
    year = dates.reference_year(article.header_date, article.texts.values())
    spotters = _spotters(lex, language, year, ws)
    found: list[Candidate] = []
    for part, text in article.texts.items():
        sentences = [s for s in article.sentences if s.part == part]
        mentions = gazetteer.mentions(text)
        found += [
            replace(c, part=part)
            for c in _part(text, sentences, ws, spotters, lex, mentions, published)
        ]
    order = {part: n for n, part in enumerate(article.texts)}
    found.sort(key=lambda c: (order[c.part], c.start, c.end))
    result, seen = [], set()
    for c in (unique(article, c) for c in found):
        if (c.part, c.start, c.end, c.spotted_as) not in seen:
            seen.add((c.part, c.start, c.end, c.spotted_as))
            result.append((c, sentence_of(article, c).sentence_id))
    return result


def checkable(c: Candidate) -> bool:
    """Quotes, opinions and rumours are not checkable (the journalist may decide otherwise)."""
    return c.claim_type not in NOT_CHECKABLE
