"""Placing a spotted value in its article: the span is lengthened by whole words until it
first occurs where it was spotted (a claim's quote is located at its first occurrence), and
the sentence it starts in is named."""

from __future__ import annotations

import re
from dataclasses import replace

from factdesk.intake.articles import CleanArticle, Sentence
from factdesk.intake.spotting.candidate import Candidate
from factdesk.intake.spotting.patterns import SP

__all__ = ["sentence_of", "unique"]


def _first(article: CleanArticle, quote: str) -> tuple[str, int]:
    """(part, start) of the first occurrence of ``quote`` in the article, else ("", -1)."""
    for part, text in article.texts.items():
        if (at := text.find(quote)) >= 0:
            return part, at
    return "", -1


def unique(article: CleanArticle, c: Candidate) -> Candidate:
    """Lengthen a span by whole words until its first occurrence in the article is itself, so
    that the quote locates (and covers) the sentence it was spotted in."""
    text, start, end = article.part_text(c.part), c.start, c.end
    while _first(article, text[start:end]) != (c.part, start):
        right = re.compile(rf"{SP}*[^\s]+").match(text, end)
        left = re.search(rf"[^\s]+{SP}*\Z", text[:start])
        if right:
            end = right.end()
        elif left:
            start = left.start()
        else:
            break
    return replace(c, start=start, end=end)


def sentence_of(article: CleanArticle, c: Candidate) -> Sentence:
    """The sentence a candidate starts in."""
    inside = [s for s in article.sentences if s.part == c.part and s.start <= c.start]
    return inside[-1] if inside else next(s for s in article.sentences if s.part == c.part)
