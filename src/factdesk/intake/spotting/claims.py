"""Spotting the claims that carry no number, from a language's words
(:mod:`factdesk.language.words`) and the known entities (:mod:`.entities`): who or what someone
or something is (a role noun beside a known entity: "actrice Jane Doe", "Tesla founder
Elon Musk"), titles ("Das Boot (The Boat)"), places ("vanaf de lanceerbasis Kourou in
Frans-Guyana"), firsts, plans, comparisons, opinions and uncertain statements (the clause around
their word), and days named relative to the publication date ("vandaag", "this morning").

Each spotter reads one sentence (:class:`Scope`) and yields candidates in that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.entities import Mention
from factdesk.intake.spotting.patterns import SP, alternation
from factdesk.intake.spotting.phrases import clause_at, clauses, find, gap_words, words_before
from factdesk.language.words import Words

__all__ = ["Scope", "keyword_clauses", "places", "relative_days", "roles", "titles"]


@dataclass(frozen=True)
class Scope:
    """One sentence being read: its part's text, its span there, the language's words and the
    known entities named in it."""

    text: str
    start: int
    end: int
    words: Words
    mentions: tuple[Mention, ...]
    kind: str = "body"  # the sentence's kind: headline, heading, body or caption

    @property
    def clauses(self) -> list[tuple[int, int]]:
        """Clauses split at punctuation and before the words that open one ("that", "dat")."""
        return clauses(self.text, self.start, self.end, self.words.clause_words)

    @property
    def stretches(self) -> list[tuple[int, int]]:
        """Clauses split at punctuation only."""
        return clauses(self.text, self.start, self.end)

    def inside_mention(self, start: int, end: int) -> bool:
        return any(m.start <= start and end <= m.end for m in self.mentions)

    def subject_before(self, position: int, skip: tuple[str, ...] = ("place",)) -> str:
        """The last entity named before ``position`` in this sentence, places skipped."""
        before = [m for m in self.mentions if m.end <= position and m.entity.kind not in skip]
        return before[-1].entity.entity_id if before else ""

    def first_named(self, start: int, end: int, skip: tuple[str, ...] = ("place",)) -> str:
        """The first entity named in ``start``-``end``, else in the sentence (places
        skipped): the subject of a clause."""
        for lo, hi in ((start, end), (self.start, self.end)):
            named = [
                m
                for m in self.mentions
                if lo <= m.start and m.end <= hi and m.entity.kind not in skip
            ]
            if named:
                return named[0].entity.entity_id
        return ""


def _candidate(scope: Scope, start: int, end: int, kind: str, claim_type: str, **values):
    return Candidate("", start, end, claim_type, values.pop("spotted", kind), kind=kind, **values)


def roles(scope: Scope) -> Iterator[Candidate]:
    """A role noun right before a known entity ("regisseur Jan Jansen"), after one
    ("Doe heeft de hoofdrol"), or joined to one by "played by" ("a surgeon, played by
    Doe"); the role's word in the base language is the value."""
    ws, text = scope.words, scope.text
    played = re.compile(rf"\A,?{SP}*(?i:{alternation(ws.played_by)})\s")
    named = [x for x in scope.mentions if x.entity.kind != "place"]  # a place's is its claim

    for m in find(ws.role_nouns, text, scope.start, scope.end, ws.compounds):
        if scope.inside_mention(m.start(), m.end()):
            continue
        lead = text[words_before(text, m.start(), 2, scope.start) : m.start()]
        if find(ws.place_prepositions, lead):
            continue  # "zur Internationalen Raumstation ISS": part of a place claim
        after = [x for x in named if x.start >= m.end()]
        before = [x for x in named if x.end <= m.start()]
        pick = None
        if after and gap_words(text, m.end(), after[0].start) == 0:
            pick = after[0]
        elif after and played.match(text[m.end() : after[0].start] + " "):
            pick = after[0] if len(text[m.end() : after[0].start].split()) <= 4 else None
        if pick is None and before and 0 <= gap_words(text, before[-1].end, m.start()) <= 3:
            # not across a preposition ("de raket stijgt op vanaf ruimtebasis")
            if not find(ws.place_prepositions, text, before[-1].end, m.start()):
                pick = before[-1]
        if pick is None and after and gap_words(text, m.end(), after[0].start) == 1:
            pick = after[0]
        if pick is None:
            continue
        meaning = ws.role_nouns[m.group("p").lower()]
        start, end = min(m.start(), pick.start), max(m.end(), pick.end)
        what = f"role: {pick.entity.base_name} is {meaning}"
        yield _candidate(
            scope,
            start,
            end,
            "role",
            "name_role",
            spotted=what,
            value_text=meaning,
            subject=pick.entity.entity_id,
        )


_OPEN, _CLOSE = (
    "\u2018'\"\u201e\u201c\u00ab\u2039\u201a",
    "\u2019'\"\u201c\u201d\u00bb\u203a\u2018",
)
_TITLE = re.compile(
    rf"(?:\s*\((?P<a>[^()\n]{{2,80}})\)|,?\s*[{_OPEN}](?P<b>[^{_CLOSE}\n]{{2,80}})[{_CLOSE}])"
)


def titles(scope: Scope) -> Iterator[Candidate]:
    """A known work, event or thing followed by another title in brackets or quotation marks:
    "Das Boot (The Boat)", "Das Boot, ‘De boot’"."""
    for x in scope.mentions:
        if x.entity.kind == "person":
            continue
        m = _TITLE.match(scope.text, x.end, scope.end)
        title = m and (m.group("a") or m.group("b"))
        if title and (title[:1].isupper() or title in x.entity.names):
            what = f"title: {x.entity.base_name} is also called {title!r}"
            yield _candidate(
                scope,
                x.start,
                m.end(),
                "title",
                "name_role",
                spotted=what,
                value_text=title,
                subject=x.entity.entity_id,
            )


def places(scope: Scope) -> Iterator[Candidate]:
    """A place after a preposition ("from", "vanaf", "naar"), within three words, with the
    places that locate it ("Kourou in Frans-Guyana"); a destination may be any known place
    or craft. The places' names in the base language are the value."""
    ws, text = scope.words, scope.text
    where = [p for p, meaning in ws.place_prepositions.items() if meaning == "location"]
    link = rf"(?:,{SP}*|{SP}+(?i:{alternation(where)}){SP}+)"
    chain = re.compile(rf"\A(?:{SP}+[^\W\d_]+)?{link}")
    taken = scope.start
    prepositions = find(ws.place_prepositions, text, scope.start, scope.end)
    for m in prepositions:
        if m.start() < taken:
            continue
        meaning = ws.place_prepositions[m.group("p").lower()]
        kinds = ("place", "spacecraft") if meaning == "destination" else ("place",)
        found = [x for x in scope.mentions if x.start >= m.end() and x.entity.kind in kinds]
        if not found or not 0 <= gap_words(text, m.end(), found[0].start) <= 3:
            continue
        if any(m.end() <= p.start() < found[0].start for p in prepositions):
            continue  # a nearer preposition introduces the place ("steeg op vanaf ...")
        named = [found[0]]
        for x in found[1:]:
            joined = chain.match(text[named[-1].end : x.start])
            if not joined or joined.end() != x.start - named[-1].end:
                break
            named.append(x)
        taken = named[-1].end
        value = ", ".join(x.entity.base_name for x in named)
        subject = scope.subject_before(m.start()) or scope.first_named(scope.start, scope.end)
        yield _candidate(
            scope,
            m.start(),
            taken,
            "place",
            "event",
            spotted=f"place: {value}",
            value_text=value,
            subject=subject,
        )


# Keyword -> clause: the kind, its claim type, the words section, whether the quote may start
# up to two words before the keyword (else at the clause start), and whether clauses end at
# punctuation only (firsts: "the first time that ..." keeps its "that" clause).
KEYWORDS = (
    ("first", "event", "firsts", True, True),
    ("comparison", "event", "comparisons", False, False),
    ("plan", "plan", "plan_words", False, False),
    ("opinion", "opinion", "opinion_words", True, False),
    ("uncertain", "event", "uncertainty", False, False),
)


def keyword_clauses(scope: Scope) -> Iterator[Candidate]:
    """The clause around a word of firsts, comparison, plan, opinion or uncertainty."""
    ws, text = scope.words, scope.text
    for kind, claim_type, section, near, stretch in KEYWORDS:
        spans = scope.stretches if stretch else scope.clauses
        for m in find(getattr(ws, section), text, scope.start, scope.end):
            clause = clause_at(spans, m.start())
            if clause is None:
                continue
            start = clause[0]
            if near:
                start = max(start, words_before(text, m.start(), 2, clause[0]))
                prior = words_before(text, start, 1, clause[0])
                if text[prior:start].strip().lower() in ws.negations:
                    start = prior
            qualifier, claim = "", claim_type
            if kind == "uncertain":
                qualifier = m.group()
                claim = "rumour" if ws.uncertainty[m.group("p").lower()] == "rumour" else claim
            what = f"{kind} ({m.group()!r})"
            subject = scope.first_named(*clause)
            yield _candidate(
                scope,
                start,
                clause[1],
                kind,
                claim,
                spotted=what,
                qualifier=qualifier,
                subject=subject,
            )


def relative_days(scope: Scope) -> Iterator[Candidate]:
    """ "vandaag", "this morning": a day named relative to the publication date (a time of
    day when the words say a part of the day); its date is set once that date is known."""
    ws = scope.words
    for m in find(ws.relative_days, scope.text, scope.start, scope.end):
        phrase = m.group("p").lower()
        kind = "time" if phrase in ws.day_parts else "date"
        days = ws.relative_days[phrase]
        what = f"{kind}: {days:+d} day(s) from the publication date ({m.group()!r})"
        yield _candidate(
            scope, m.start(), m.end(), kind, kind, spotted=what, relative=(days, "days")
        )
