"""Clean article text -> sentences with exact character offsets.

The splitter is written by hand because every sentence must keep exact character offsets into
the clean text it came from (the quotes and the coverage check rest on them). It splits as a
reader does: after ``.``, ``!``, ``?`` or ``…`` (and any closing quotation marks or brackets)
before a capital letter or an opening quotation mark (``aufstieg. «Alles läuft normal»`` is
two sentences); not after an abbreviation (``10 a.m. Moscow time``, ``Dr. Smith``) or an
initial unless a word that starts sentences follows (``at 10 a.m. The crew``), and not inside
an ordinal date (German ``5. Oktober``). The abbreviations and sentence starters are the
language's words (:mod:`factdesk.language.words`), the month names CLDR's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel.dates import get_month_names

from factdesk.language import words

__all__ = ["Sentence", "SplitRules", "is_heading", "split", "split_rules"]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body or of a caption.

    ``part`` is ``"body"`` or a caption id; ``start``/``end`` index into that part's clean text,
    so ``article.part_text(s.part)[s.start:s.end] == s.text`` always holds.
    """

    sentence_id: str
    source_id: str
    part: str
    kind: str  # "headline" | "heading" | "body" | "caption"
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SplitRules:
    """What the splitter knows of a language: abbreviations (lower case, with their full
    stops), words that start sentences, and month names (lower case)."""

    abbreviations: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()


def split_rules(language: str | None) -> SplitRules:
    """The rules for ``language``; for ``None`` (an article whose language is not given), those
    of every language the engine has words for."""
    chosen = (language,) if language else words.languages()
    for lang in chosen:
        words.words(lang)  # recorded as read
    return _rules(chosen)


@cache
def _rules(languages: tuple[str, ...]) -> SplitRules:
    abbreviations, starters, months = set(), set(), set()
    for language in languages:
        found = words.words(language)
        abbreviations |= set(found.abbreviations)
        starters |= set(found.sentence_starters)
        try:
            for width in ("wide", "abbreviated"):
                names = get_month_names(width, locale=language).values()
                months |= {m.lower().rstrip(".") for m in names}
        except (ValueError, LookupError):  # a language CLDR does not know: no month names
            pass
    return SplitRules(frozenset(abbreviations), frozenset(starters), frozenset(months))


CLOSING = "\"'\u201d\u201c\u2019\u2018\u00bb\u00ab\u203a\u2039)]"
OPENING = "\"'\u201e\u201c\u201a\u2018\u00ab\u00bb\u2039\u203a(["
_END_RE = re.compile(rf"[.!?\u2026]+[{re.escape(CLOSING)}]*(?=\s)")
# (French puts a blank inside its guillemets: "« Nous")
_NEXT_RE = re.compile(rf"\s+(?P<open>(?:(?:,,|[{re.escape(OPENING)}])\s?)*)(?P<word>[^\s]*)")
_TOKEN_RE = re.compile(r"[^\s(\[\"'\u201e\u201c\u2018\u00ab\u00bb]*\Z")


def _ends(text: str, m: re.Match, rules: SplitRules) -> bool:
    """Whether the stop matched by ``m`` ends a sentence (see the module docstring)."""
    after = _NEXT_RE.match(text, m.end())
    word = after.group("word") if after else ""
    first = re.sub(r"^\W+", "", word)[:1]
    if not first or not (first.isupper() or (after.group("open") and first.isalnum())):
        return False
    if m.group() != ".":
        return True
    token = _TOKEN_RE.search(text, 0, m.end()).group().lower()
    name = word.rstrip(".,;:!?")
    if token in rules.abbreviations or re.fullmatch(r"[^\W\d_]\.", token):
        return name in rules.starters
    if re.fullmatch(r"\d{1,2}\.", token) and name.lower().rstrip(".") in rules.months:
        return False
    return True


def split(text: str, rules: SplitRules = SplitRules()) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, trimmed of surrounding whitespace."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _END_RE.finditer(text):
        if _ends(text, m, rules):
            bounds.append((start, m.end()))
            start = m.end()
    bounds.append((start, len(text)))
    result = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append((s, e))
    return result


def is_heading(paragraph: str) -> bool:
    """Short line without sentence punctuation: a headline or a section heading."""
    return len(paragraph) <= 80 and not re.search(r"[.!?:\"\u201d]\s*\Z", paragraph)
