"""Raw article text -> clean body, captions and sentences, with a log of every change.

The raw files in ``data/raw/articles/`` are never edited; everything here is derived from them
on every run, so a reader can see exactly what cleaning did (``CleanArticle.log``) and every
sentence keeps character offsets into the clean text it came from.

Cleaning repairs encoding damage and separates photo captions and website furniture from the
body. It never changes wording: defects of the source that would need guessing (the English
article's dropped apostrophes, the embedded videos that did not survive copying) are recorded
as ``defect`` entries in the log instead of being fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
import pandas as pd

__all__ = [
    "ArticleError",
    "Caption",
    "CleanArticle",
    "LogEntry",
    "Sentence",
    "clean_article",
    "clean_text",
    "read_article",
    "sentences_frame",
    "log_frame",
]


class ArticleError(ValueError):
    """A raw article cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class LogEntry:
    """One thing cleaning did (``change``) or noticed and left alone (``defect``).

    ``position`` is a character offset into the *raw* text, so an entry can be checked against
    the immutable file.
    """

    position: int
    kind: str  # "change" | "defect"
    before: str
    after: str
    reason: str


@dataclass(frozen=True)
class Caption:
    """A photo caption separated from the body, with its credit (e.g. ``AFP``)."""

    caption_id: str
    text: str
    credit: str
    raw_position: int


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
class CleanArticle:
    """The cleaned form of one raw article."""

    source_id: str
    raw: str
    body: str
    captions: tuple[Caption, ...]
    sentences: tuple[Sentence, ...]
    header_date: str | None
    log: tuple[LogEntry, ...] = field(default=())

    def part_text(self, part: str) -> str:
        """Clean text of ``"body"`` or of the caption with id ``part``."""
        if part == "body":
            return self.body
        for caption in self.captions:
            if caption.caption_id == part:
                return caption.text
        raise KeyError(f"{self.source_id}: no part {part!r}")

    @property
    def texts(self) -> dict[str, str]:
        """All clean parts by id: the body first, then each caption."""
        return {"body": self.body, **{c.caption_id: c.text for c in self.captions}}


def read_article(path: Path) -> str:
    """Read a raw article as UTF-8, with an error that names the file for every failure."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: article file not found")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the article as UTF-8"
        ) from None
    if not text.strip():
        raise ArticleError(f"{path}: article file is empty")
    return text


# UTF-8 curly quotes decoded with the Thai/Windows code page 874 (mixed with cp1252 for 0x9C).
# ftfy 6.3 leaves this variant untouched (tests/test_articles.py shows it), and the closing
# quote's third byte was lost, so only this explicit two-entry mapping repairs it.
MOJIBAKE: dict[str, str] = {"\u0e42\u20ac\u0153": "\u201c", "\u0e42\u20ac": "\u201d"}
_MOJIBAKE_RE = re.compile("|".join(re.escape(k) for k in sorted(MOJIBAKE, key=len, reverse=True)))

# ftfy with curly quotes kept: typography is the outlet's wording, not damage.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False
)

_HEADER_RE = re.compile(r"\A\s*date (?P<date>\d{4}-\d{2}(?:-\d{2})?)\s+")
_PARAGRAPH_SEP_RE = re.compile(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*")
# Website furniture around a photo: the "full screen" button label, the caption, the credit.
_CAPTION_RE = re.compile(
    r"\AVolledig scherm (?P<text>.+?)\s*\u00a9\s*(?P<credit>[^\n]+?)\s*\Z", re.S
)
_CAPTION_LABEL = "Volledig scherm "
# Sentence ends: ., ! or ? (optionally followed by a closing quote) before whitespace and a
# capital letter or an opening quote. Written by hand because we need exact character offsets
# into our own text and the articles contain no abbreviations that would trip it.
_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])[\"\u201d\u2019]?(?=\s+(?:[A-Z\u00c0-\u00de\"\u201c\u2018]|,,))"
)
# English contractions whose apostrophe the source lost; recorded, never "fixed" by guessing.
_DROPPED_APOSTROPHE_RE = re.compile(
    r"\b(?:[Tt]heyre|[Cc]ant|[Ww]ont|[Dd]ont|[Dd]oesnt|[Ii]snt|[Tt]hats|[Yy]oure|[Ww]asnt|"
    r"[Ii]ts(?= (?:the|a|an|not|quite)\b))\b"
)
_EMBED_LEAD_RE = re.compile(r":[ \t]*$")


def _repairs(raw: str) -> list[tuple[int, int, str, str]]:
    """Character repairs as (start, end, replacement, reason) spans on the raw text."""
    spans: list[tuple[int, int, str, str]] = []
    for m in _MOJIBAKE_RE.finditer(raw):
        reason = (
            "mojibake: UTF-8 opening quote decoded as cp874/cp1252"
            if m.group() == "\u0e42\u20ac\u0153"
            else "mojibake: UTF-8 closing quote decoded as cp874, last byte lost"
        )
        spans.append((m.start(), m.end(), MOJIBAKE[m.group()], reason))
    fixed, explanation = ftfy.fix_and_explain(raw, config=_FTFY)
    if fixed != raw:
        # ftfy found damage of a kind it knows; record each differing region it changed.
        import difflib

        steps = ", ".join(step.transformation for step in explanation or [])
        taken = {(s, e) for s, e, _, _ in spans}
        matcher = difflib.SequenceMatcher(None, raw, fixed, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal" or any(s <= i1 < e for s, e in taken):
                continue
            spans.append((i1, i2, fixed[j1:j2], f"ftfy: {steps}"))
    return sorted(spans)


def _apply(raw: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """Raw[start:end] with the repairs that fall inside it applied."""
    out: list[str] = []
    pos = start
    for s, e, repl, _ in spans:
        if s >= start and e <= end:
            out.append(raw[pos:s])
            out.append(repl)
            pos = e
    out.append(raw[pos:end])
    return "".join(out)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, trimmed of surrounding whitespace."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
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


def _is_heading(paragraph: str) -> bool:
    """Short line without sentence punctuation: a headline or a section heading."""
    return len(paragraph) <= 80 and not re.search(r"[.!?:\"\u201d]\s*\Z", paragraph)


def clean_text(raw: str, source_id: str) -> CleanArticle:
    """Clean one raw article text (see the module docstring for what that means)."""
    log: list[LogEntry] = []
    spans = _repairs(raw)
    for s, e, repl, reason in spans:
        log.append(LogEntry(s, "change", raw[s:e], repl, reason))

    header_date = None
    body_start = 0
    header = _HEADER_RE.match(raw)
    if header:
        header_date = header.group("date")
        body_start = header.end()
        log.append(
            LogEntry(
                0,
                "change",
                raw[: header.end()],
                "",
                f"page header, not body text; kept as header_date={header_date}",
            )
        )
    elif raw[:1].isspace():
        body_start = len(raw) - len(raw.lstrip())
        log.append(LogEntry(0, "change", raw[:body_start], "", "leading whitespace"))

    # Paragraph spans on the raw text, so log positions stay raw positions.
    paragraphs: list[tuple[int, int]] = []
    pos = body_start
    for m in _PARAGRAPH_SEP_RE.finditer(raw, body_start):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, len(raw.rstrip())))
    if len(raw.rstrip()) != len(raw):
        log.append(
            LogEntry(
                len(raw.rstrip()), "change", raw[len(raw.rstrip()) :], "", "trailing whitespace"
            )
        )

    body_paragraphs: list[tuple[int, str]] = []  # (raw start, clean text)
    captions: list[Caption] = []
    for p_start, p_end in paragraphs:
        text = _apply(raw, p_start, p_end, spans).strip()
        # Defects are found on the raw paragraph so that their positions are raw positions.
        for m in _DROPPED_APOSTROPHE_RE.finditer(raw, p_start, p_end):
            log.append(
                LogEntry(
                    m.start(),
                    "defect",
                    m.group(),
                    m.group(),
                    "apostrophe missing in the source; left as published",
                )
            )
        if _EMBED_LEAD_RE.search(raw, p_start, p_end):
            lead = raw[p_start:p_end].rsplit(". ", 1)[-1]
            log.append(
                LogEntry(
                    p_end - len(lead),
                    "defect",
                    lead,
                    lead,
                    "sentence introduces embedded media (a video) that is not in "
                    "the source text; left as published",
                )
            )
        if not text:
            continue
        caption = _CAPTION_RE.match(text)
        if caption:
            caption_id = f"c{len(captions) + 1}"
            captions.append(
                Caption(caption_id, caption.group("text"), caption.group("credit"), p_start)
            )
            log.append(
                LogEntry(
                    p_start,
                    "change",
                    text,
                    "",
                    f"photo caption moved out of the body to {caption_id} "
                    f"(credit {caption.group('credit')}); website label "
                    f"{_CAPTION_LABEL.strip()!r} dropped",
                )
            )
            continue
        body_paragraphs.append((p_start, text))

    body = "\n\n".join(text for _, text in body_paragraphs)
    sentences: list[Sentence] = []
    offset = 0
    for number, (_, text) in enumerate(body_paragraphs, start=1):
        if _is_heading(text):
            kind = "headline" if number == 1 else "heading"
        else:
            kind = "body"
        for n, (s, e) in enumerate(_split_sentences(text), start=1):
            sentences.append(
                Sentence(
                    f"{source_id}:p{number:02d}s{n:02d}",
                    source_id,
                    "body",
                    kind,
                    number,
                    offset + s,
                    offset + e,
                    text[s:e],
                )
            )
        offset += len(text) + 2
    for caption in captions:
        for n, (s, e) in enumerate(_split_sentences(caption.text), start=1):
            sentences.append(
                Sentence(
                    f"{source_id}:{caption.caption_id}s{n:02d}",
                    source_id,
                    caption.caption_id,
                    "caption",
                    0,
                    s,
                    e,
                    caption.text[s:e],
                )
            )
    log.sort(key=lambda entry: (entry.position, entry.kind))
    return CleanArticle(
        source_id, raw, body, tuple(captions), tuple(sentences), header_date, tuple(log)
    )


def clean_article(path: Path, source_id: str | None = None) -> CleanArticle:
    """Read and clean a raw article file; the source id defaults to the file's stem."""
    path = Path(path)
    return clean_text(read_article(path), source_id or path.stem)


def sentences_frame(articles: Iterable[CleanArticle]) -> pd.DataFrame:
    """All sentences of the given articles as one table (one row per sentence)."""
    rows = [s.__dict__ for article in articles for s in article.sentences]
    columns = list(Sentence.__dataclass_fields__)
    return pd.DataFrame(rows, columns=columns)


def log_frame(articles: Iterable[CleanArticle]) -> pd.DataFrame:
    """The cleaning logs of the given articles as one table."""
    rows = [{"source_id": a.source_id, **e.__dict__} for a in articles for e in a.log]
    return pd.DataFrame(rows, columns=["source_id", *LogEntry.__dataclass_fields__])
