"""Where a new candidate probably belongs: the existing claim of another article that says the
same thing, the reconciliation group that claim is in (which the candidate probably joins),
and the record rows its verdict cites (which the candidate's verdict probably cites).

"The same thing" is compared across languages through what does not depend on wording: the
subject, the known entities the quote names, the parsed values (numbers with units, dates,
instants, a role in the base language) and the kind of claim. The score is a weighted
overlap of these; below :data:`THRESHOLD` nothing is suggested. Of the claims above it, one
already in a group is preferred (its group is the one to join), then the closest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.entities import Gazetteer
from factdesk.intake.spotting.phrases import find
from factdesk.language import words

__all__ = ["Known", "Suggestion", "THRESHOLD", "suggest"]

THRESHOLD = 0.45
# value, subject, concept (first, plan, ...), entity, kind, unit
WEIGHTS = {"v": 3.0, "s": 2.0, "c": 2.0, "e": 1.0, "k": 1.0, "u": 1.0}
CONCEPTS = ("firsts", "plan_words", "comparisons", "opinion_words")
FAMILY = {
    "number": "amount",
    "count": "amount",
    "distance": "amount",
    "age": "amount",
    "duration": "amount",
    "date": "when",
    "time": "when",
    "name_role": "role",
    "event": "event",
    "plan": "event",
    "rumour": "event",
    "opinion": "event",
    "quote": "quote",
}


@dataclass(frozen=True)
class Suggestion:
    claim_id: str  # the existing claim that says the same thing ("" when none)
    group: str  # its reconciliation group, or "new group with <claim_id>"
    record: str  # the record rows its verdict cites and rows holding the same value (; joined)
    topic: str  # its topic


NONE = Suggestion("", "", "", "")


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _concepts(quote: str, language: str, claim_type: str) -> set[str]:
    """What a quote's words say in any language: ``c:firsts``, ``c:plan_words``, ... and, for
    a role, the base language's word for each role noun (``v:actress``)."""
    if not language:
        return set()
    ws = words.words(language)
    found = {f"c:{section}" for section in CONCEPTS if find(getattr(ws, section), quote)}
    roles = find(ws.role_nouns, quote, compounds=ws.compounds) if claim_type == "name_role" else []
    for m in roles:
        found |= {f"v:{w}" for w in ws.role_nouns[m.group("p").lower()].lower().split()}
    return found


def _tokens(
    subject: str,
    quote: str,
    claim_type: str,
    values: Mapping[str, str],
    gazetteer: Gazetteer,
    language: str,
) -> frozenset[str]:
    """What a claim says, as tokens: ``k:`` its kind, ``s:`` its subject, ``e:`` an entity
    its quote names, ``c:`` a concept its words carry, ``v:`` a value (a number with its
    unit, an instant, a word of its text), ``u:`` what a value is counted in or the day of an
    instant."""
    found = {f"k:{FAMILY.get(claim_type, claim_type)}"} | _concepts(quote, language, claim_type)
    if subject:
        found.add(f"s:{subject}")
    found |= {f"e:{m.entity.entity_id}" for m in gazetteer.mentions(quote)}
    unit = values.get("unit", "")
    if (number := _number(values.get("value_number", ""))) is not None:
        found |= {f"v:{number:g}:{unit}", f"u:{unit}"}
    if values.get("value_time"):
        found |= {f"v:{values['value_time']}", f"u:{values['value_time'][:10]}"}
    found |= {
        f"v:{word}"
        for word in re.findall(r"[^\W_][\w:.-]{2,}", values.get("value_text", "").lower())
    }
    return frozenset(found)


def _score(mine: frozenset[str], theirs: frozenset[str]) -> float:
    """How much of what the candidate says the claim says too (weighted); 0 unless they are
    of one kind and share more than kind and subject."""
    weight = lambda tokens: sum(WEIGHTS[t[0]] for t in tokens)  # noqa: E731
    shared = mine & theirs
    kinds = [t[0] for t in shared]
    specific = "v" in kinds or "c" in kinds or kinds.count("e") >= 2 or {"s", "e"} <= set(kinds)
    if "k" not in kinds or not specific:
        return 0.0
    return weight(shared) / weight(mine)


@dataclass
class Known:
    """The claims the fact base holds, with what the suggestions need of them."""

    claims: list[dict[str, str]]
    groups: dict[str, str]  # claim id -> group id
    cited: dict[str, str]  # claim id -> the record ids its verdict cites
    record: list[dict[str, str]]
    gazetteer: Gazetteer
    languages: dict[str, str]  # source id -> language

    @classmethod
    def from_rows(
        cls,
        claims: Iterable[Mapping[str, str]],
        reconciliation: Iterable[Mapping],
        verdicts: Iterable[Mapping],
        record: Iterable[Mapping],
        gazetteer: Gazetteer,
        languages: Mapping[str, str],
    ) -> Known:
        groups = {
            claim.strip(): row["group_id"]
            for row in reconciliation
            for claim in (row.get("claim_ids") or "").split(";")
            if claim.strip()
        }
        cited = {row["claim_id"]: row.get("record_ids", "") for row in verdicts}
        rows = [dict(r) for r in record]
        return cls([dict(c) for c in claims], groups, cited, rows, gazetteer, dict(languages))


def _record_rows(c: Candidate, known: Known) -> list[str]:
    """Record rows about the candidate's subject that hold its value."""
    found = []
    for row in known.record:
        if not c.subject or row.get("subject") != c.subject:
            continue
        number = _number(c.value_number)
        same_number = (
            number is not None
            and row.get("unit") == c.unit
            and (_number(row.get("value_number", "")) == number)
        )
        same_day = c.value_text and c.value_text in (row.get("value_date"),)
        if same_number or same_day or (c.value_time and c.value_time == row.get("value_time")):
            found.append(row["record_id"])
    return found


def suggest(c: Candidate, source_id: str, quote: str, language: str, known: Known) -> Suggestion:
    """The suggestion for candidate ``c`` of article ``source_id`` in ``language`` (see the
    module docstring); only claims of other articles are compared."""
    values = {
        "value_number": c.value_number,
        "unit": c.unit,
        "value_time": c.value_time,
        "value_text": c.value_text,
    }
    mine = _tokens(c.subject, quote, c.claim_type, values, known.gazetteer, language)
    best, rank = None, (False, THRESHOLD)
    for claim in known.claims:
        if claim.get("source_id") == source_id:
            continue
        language = known.languages.get(claim.get("source_id", ""), "")
        theirs = _tokens(
            claim.get("subject", ""),
            claim.get("quote", ""),
            claim.get("claim_type", ""),
            claim,
            known.gazetteer,
            language,
        )
        score = _score(mine, theirs)
        # a claim already in a group wins over a closer one in none: its group is the one the
        # candidate probably joins
        if score > THRESHOLD and (mine_rank := (claim["claim_id"] in known.groups, score)) > rank:
            best, rank = claim, mine_rank
    direct = _record_rows(c, known)
    if best is None:
        return Suggestion("", "", ";".join(direct), "")
    claim_id = best["claim_id"]
    group = known.groups.get(claim_id) or f"new group with {claim_id}"
    cited = [r.strip() for r in known.cited.get(claim_id, "").split(";") if r.strip()]
    record = ";".join(dict.fromkeys([*cited, *direct]))
    return Suggestion(claim_id, group, record, best.get("topic", ""))
