"""A spotted claim read in its sentence: its quote lengthened to carry the words that change
what it says (a hedge, "waarschijnlijk", "volgens geruchten", a plan word, who said it), a date
named alone given its context ("Tom Cruise kondigde in 2020"), and its subject: the known
entity it is about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.claims import Scope
from factdesk.intake.spotting.entities import Mention
from factdesk.intake.spotting.phrases import clause_at, find, words_before
from factdesk.intake.spotting.speech import Attribution, speaker_before
from factdesk.intake.spotting.values import hedged

__all__ = ["in_context"]

NOT_SUBJECTS = ("place",)
CLAUSE_KINDS = ("first", "comparison", "plan", "opinion", "uncertain", "reported", "statement")
YEAR = re.compile(r"\d{4}")


def _cover(c: Candidate, start: int, end: int) -> Candidate:
    return replace(c, start=min(c.start, start), end=max(c.end, end))


def _uncertain(c: Candidate, scope: Scope) -> Candidate:
    """The uncertainty words of the value's stretch (punctuation to punctuation) in its quote
    and qualifier; "rumour" makes it a rumour."""
    ws, stretch = scope.words, clause_at(scope.stretches, c.start)
    if stretch is None or not ws.uncertainty:
        return c
    hits = [
        m for m in find(ws.uncertainty, scope.text, *stretch) if not (c.start <= m.start() < c.end)
    ]
    for m in hits:
        c = _cover(c, m.start(), m.end())
    if hits:
        written = [m.group() for m in hits]
        c = replace(
            c, qualifier="; ".join(dict.fromkeys([*written, *filter(None, [c.qualifier])]))
        )
        if any(ws.uncertainty[m.group("p").lower()] == "rumour" for m in hits):
            c = replace(c, claim_type="rumour")
    return c


def _planned(c: Candidate, scope: Scope) -> Candidate:
    """The plan words of the value's clause in its quote ("will stay there for two weeks")."""
    clause = clause_at(scope.clauses, c.start)
    hits = find(scope.words.plan_words, scope.text, *clause) if clause else []
    for m in hits:
        c = _cover(c, m.start(), m.end())
    if hits:
        plan = f"a plan ({hits[0].group()!r})"
        c = replace(c, remark="; ".join(filter(None, [c.remark, plan])))
    return c


def _date_context(c: Candidate, scope: Scope) -> Candidate:
    """A date named in one word ("2020", "vandaag", "Dienstag") with the words before it in
    its clause: the clause start within five words, else from the last entity named."""
    written = scope.text[c.start : c.end]
    bare = len(written.split()) <= 2 and (YEAR.fullmatch(written) or not re.search(r"\d", written))
    if c.spotted_as not in ("date", "time") or not bare:
        return c
    clause = clause_at(scope.clauses, c.start) or (scope.start, scope.end)
    if len(scope.text[clause[0] : c.start].split()) <= 5:
        return _cover(c, clause[0], c.end)
    named = [m for m in scope.mentions if clause[0] <= m.start and m.end <= c.start]
    start = named[-1].start if named else words_before(scope.text, c.start, 2, clause[0])
    return _cover(c, start, c.end)


def _subject(c: Candidate, scope: Scope, mentions: Sequence[Mention]) -> str:
    """The entity a claim is about: one named in its quote, else the last named before it in
    its sentence, else the first named after it, else the last named before the sentence;
    places only when nothing else is named in the sentence (never a place claim's own)."""
    own = c.spotted_as == "place"
    if c.spotted_as == "quote" and c.attributed_to:  # about what it names, else its speaker
        inside = [m for m in scope.mentions if c.start <= m.start and m.end <= c.end]
        return inside[0].entity.entity_id if inside else c.attributed_to
    for skip in (NOT_SUBJECTS, ()):
        inside = [
            m
            for m in scope.mentions
            if c.start <= m.start and m.end <= c.end and m.entity.kind not in skip and not own
        ]
        if inside:
            return inside[0].entity.entity_id
        if found := scope.subject_before(c.start, skip):
            return found
        after = [m for m in scope.mentions if m.start >= c.end and m.entity.kind not in skip]
        if after:
            return after[0].entity.entity_id
    earlier = [m for m in mentions if m.end <= scope.start and m.entity.kind not in NOT_SUBJECTS]
    return earlier[-1].entity.entity_id if earlier else ""


def _holder(scope: Scope, mentions: Sequence[Mention]) -> str:
    """Whose opinion a body sentence gives: the person it starts with ("Jane Doe, who
    ..., is thrilled", "Regisseur Jansen weet ..."), or the one its first word, a pronoun,
    stands for ("He cant wait")."""
    if scope.kind != "body":
        return ""
    opening = scope.text[scope.start : scope.end].split()[:3]
    if opening and opening[0].lower() in scope.words.pronouns:
        return speaker_before(mentions, scope.start)
    first = scope.mentions[0] if scope.mentions else None
    if first and first.entity.kind == "person":
        if len(scope.text[scope.start : first.start].split()) <= 1:
            return first.entity.entity_id
    return ""


def in_context(
    c: Candidate, scope: Scope, said: Attribution | None, mentions: Sequence[Mention]
) -> Candidate:
    """``c`` read in its sentence ``scope``; ``said`` is the sentence's attribution outside
    quotation marks, ``mentions`` the entities named in the whole part."""
    if c.has_value:
        c = hedged(c, scope.text, scope.start, scope.words)
        c = _uncertain(c, scope)
        c = _planned(c, scope)
        c = _date_context(c, scope)
    elif c.spotted_as == "plan":
        c = _uncertain(c, scope)
    if said and c.spotted_as not in ("quote", "attribution", "reported", "role", "title"):
        if not (said.start <= c.start and c.end <= said.end):
            c = _cover(c, *said.core)
            c = replace(c, attributed_to=c.attributed_to or said.speaker)
    if c.spotted_as == "opinion" and not c.attributed_to:
        c = replace(c, attributed_to=_holder(scope, mentions))
    if not c.subject:
        c = replace(c, subject=_subject(c, scope, mentions))
    return c
