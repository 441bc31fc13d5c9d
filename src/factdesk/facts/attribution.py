"""Reported speech names its speaker (``make check``).

A claim whose quote reports what someone says (a speech verb of the article's language,
``speech_verbs`` in its words file: says, vertelt, adviseert), or an opinion, quote, plan or
commentary whose sentence does, names who said it in
``attributed_to``, so the page says "the director says" and not the article's voice. A rumour
(the language's ``uncertainty`` words meaning ``rumour``: "volgens geruchten") has no speaker
and is exempt. Speech verbs match in lower case only, so "the United States" is no "states".
"""

from __future__ import annotations

import re

from factdesk.facts.csvfile import RawTable
from factdesk.language import words
from factdesk.problems import Problem, problem

SAID = ("opinion", "quote", "plan", "commentary")  # claim types that are someone's words


def _pattern(phrases) -> re.Pattern | None:
    phrases = sorted(phrases, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")


def _rules(language: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    try:
        found = words.words(language)
    except words.WordsError:
        return None, None  # check reports the malformed words file
    rumours = [p for p, meaning in found.uncertainty.items() if meaning == "rumour"]
    speech = _pattern(found.speech_verbs)
    rumour = re.compile(_pattern(rumours).pattern, re.I) if rumours else None
    return speech, rumour


def problems(
    raw: dict[str, RawTable | None], sentences: dict[str, str] | None = None
) -> list[Problem]:
    """``sentences``: the text of the sentence each claim's quote stands in (when the
    articles could be read)."""
    claims, sources = raw.get("claims"), raw.get("sources")
    if claims is None or sources is None:
        return []
    language = {r["source_id"]: r.get("language", "") for r in sources.records()}
    rules = {lang: _rules(lang) for lang in set(language.values()) if lang}
    found = []
    for line, claim in zip(claims.frame.index, claims.records(), strict=True):
        speech, rumour = rules.get(language.get(claim["source_id"], ""), (None, None))
        quote = claim.get("quote", "")
        sentence = (sentences or {}).get(claim["claim_id"], "")
        said = speech.search(quote) if speech else None
        where = "quote"
        if not said and speech and sentence and claim.get("claim_type") in SAID:
            said, where = speech.search(sentence), "sentence"
        text = f"{quote} {sentence}"
        if not said or claim.get("attributed_to") or (rumour and rumour.search(text)):
            continue
        found.append(problem(claims.path, line, "attributed_to", f"{claim['claim_id']}: the "
                             f"{where} reports speech ({said.group(0)!r}): name who said it "
                             "(an entity_id)"))  # fmt: skip
    return found
