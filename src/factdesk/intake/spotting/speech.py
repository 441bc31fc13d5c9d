"""Quoted and reported speech, and who said it.

A quotation between quotation marks (:func:`.quotes.quotes`) is proposed sentence by sentence,
each attributed to its speaker; the sentence that carries the attribution ("..., he says",
"», hieß es", "vertelt hij") keeps it in its quote. The speaker is a known entity named in the
attribution, or, for a pronoun, the last person named before. An attribution that says more
than who spoke ("he says in radio show News and Co") is a claim of its own. A sentence without
quotation marks that ends or starts with an attribution (", he advises.") is reported speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.claims import Scope
from factdesk.intake.spotting.entities import Mention
from factdesk.intake.spotting.phrases import clause_at, find
from factdesk.intake.spotting.quotes import quotes

__all__ = ["Attribution", "attribution", "gap", "quotation_pieces", "speaker_before"]

SPEAKERS = ("person", "organisation")
MARKS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a,"


@dataclass(frozen=True)
class Attribution:
    """Who said it, in the clause ``start``-``end``: ``core`` is the stretch that names the
    speaker and the verb ("he says"); ``speaker`` an entity id ("" when not named); ``where``
    an entity the clause names besides the speaker (a broadcaster, a show)."""

    start: int
    end: int
    core: tuple[int, int]
    speaker: str
    where: str = ""

    @property
    def says_more(self) -> bool:
        return (self.start, self.end) != self.core


def gap(text: str, start: int, end: int) -> bool:
    """Whether at most one word stands between ``start`` and ``end``."""
    return start <= end and len(text[start:end].split()) <= 1


def speaker_before(mentions: Sequence[Mention], position: int) -> str:
    """The last person named before ``position`` (whom a pronoun stands for)."""
    people = [m for m in mentions if m.end <= position and m.entity.kind == "person"]
    return people[-1].entity.entity_id if people else ""


def attribution(
    scope: Scope, mentions: Sequence[Mention], clause: tuple[int, int] | None = None
) -> Attribution | None:
    """The attribution in ``clause`` (default: the sentence's first or last clause), if one
    of its first words is a speech verb with a speaker beside it (a name, a pronoun, a role
    noun) or the clause is only the verb and a word or two ("hieß es", "so ein Sprecher")."""
    ws, text = scope.words, scope.text
    spans = scope.stretches
    options = [clause] if clause else ([spans[-1], spans[0]] if spans else [])
    hedging = find(ws.uncertainty, text, scope.start, scope.end)  # "volgens geruchten"
    for s, e in dict.fromkeys(options):
        words = text[s:e].split()
        for verb in find(ws.speech_verbs, text, s, e):
            if len(text[s : verb.start()].split()) > 2 or any(
                h.start() <= verb.start() < h.end() for h in hedging
            ):
                continue  # the verb must open the clause ("he says", "vertelt hij")
            near = [m for m in scope.mentions if s <= m.start and m.end <= e]
            beside = [
                m
                for m in near
                if m.entity.kind in SPEAKERS
                and (gap(text, m.end, verb.start()) or gap(text, verb.end(), m.start))
            ]
            after = text[verb.end() : e].split()[:2]
            before = text[s : verb.start()].split()
            pronoun = next((w for w in (*before, *after) if w.lower() in ws.pronouns), "")
            role = find(ws.role_nouns, " ".join(after), compounds=ws.compounds)
            if not (beside or pronoun or role or len(words) <= 3):
                continue
            core_end = verb.end()
            if beside:
                speaker = beside[0].entity.entity_id
                core_end = max(core_end, beside[0].end)
            elif pronoun:
                speaker = speaker_before(mentions, s)
                if pronoun in after:
                    core_end = text.index(pronoun, verb.end()) + len(pronoun)
            else:
                people = [m for m in near if m.entity.kind in SPEAKERS]
                speaker = people[0].entity.entity_id if people else ""
            if len(words) <= 4:
                core_end = e
            others = [m.entity.entity_id for m in near if m.entity.entity_id != speaker]
            return Attribution(s, e, (s, min(core_end, e)), speaker, others[0] if others else "")
    return None


def quotation_pieces(
    scope_of: dict[int, Scope], text: str, mentions: Sequence[Mention]
) -> list[Candidate]:
    """Each quotation of ``text`` (a part) cut at its sentences; ``scope_of`` maps each
    sentence's start to its :class:`Scope`. The attribution next to a quotation goes into the
    quote of the piece beside it, and is a claim of its own when it says more."""
    found: list[Candidate] = []
    sentences = sorted(scope_of.items())
    for q in quotes(text):
        pieces = [
            (max(q.start, sc.start), min(q.end, sc.end), sc)
            for _, sc in sentences
            if sc.start < q.end and q.start < sc.end
        ]
        if not pieces:
            continue
        last, first = pieces[-1][2], pieces[0][2]
        tail = re.match(rf"[{re.escape(MARKS)}\s]*", text[q.end : last.end])
        lead = re.search(rf"[:{re.escape(MARKS)}\s]*\Z", text[first.start : q.start])
        after = clause_at(last.stretches, q.end + tail.end()) if tail else None
        before = clause_at(first.stretches, first.start + lead.start() - 1) if lead else None
        said = (after and attribution(last, mentions, after)) or (
            before and attribution(first, mentions, before)
        )
        speaker = said.speaker if said else ""
        for n, (start, end, _) in enumerate(pieces):
            inner = text[start:end].strip(MARKS + " ")
            if said and n == len(pieces) - 1 and said.start >= q.end:
                end = said.core[1]
            if said and n == 0 and said.end <= q.start:
                start = said.core[0]
            what = "quoted speech" + ("" if speaker else " (speaker not named beside it)")
            found.append(
                Candidate(
                    "",
                    start,
                    end,
                    "quote",
                    what,
                    value_text=inner,
                    kind="quote",
                    attributed_to=speaker,
                )
            )
        if said and said.says_more:
            where = said.where or speaker
            found.append(
                Candidate(
                    "",
                    said.start,
                    said.end,
                    "event",
                    "attribution: where it was said",
                    kind="attribution",
                    subject=where,
                    attributed_to=speaker,
                )
            )
    return found
