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

from factdesk.intake import cleaning
from factdesk.intake.cleaning import Rules
from factdesk.intake.sentences import Sentence, is_heading, split, split_rules

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


# ftfy with curly quotes kept: typography is the outlet's wording, not damage.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False
)
_PARAGRAPH_SEP_RE = re.compile(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*")


def _repairs(raw: str, rules: Rules) -> list[tuple[int, int, str, str]]:
    """Character repairs as (start, end, replacement, reason) spans on the raw text."""
    spans: list[tuple[int, int, str, str]] = []
    by_find = {r.find: r for r in rules.repairs}
    pattern = rules.repair_pattern
    for m in pattern.finditer(raw) if pattern else ():
        repair = by_find[m.group()]
        spans.append((m.start(), m.end(), repair.replace, repair.reason))
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


def clean_text(
    raw: str, source_id: str, rules: Rules | None = None, language: str | None = None
) -> CleanArticle:
    """Clean one raw article text with the story's rules (see the module docstring); sentences
    are split with the words of the article's ``language`` (all languages' when not given)."""
    rules = cleaning.rules() if rules is None else rules
    splitting = split_rules(language)
    log: list[LogEntry] = []
    spans = _repairs(raw, rules)
    for s, e, repl, reason in spans:
        log.append(LogEntry(s, "change", raw[s:e], repl, reason))

    header_date = None
    body_start = 0
    header = rules.header.match(raw) if rules.header else None
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
        for defect in rules.defects:
            if defect.scope == "lead":
                if defect.pattern.search(raw[p_start:p_end]):
                    lead = raw[p_start:p_end].rsplit(". ", 1)[-1]
                    log.append(LogEntry(p_end - len(lead), "defect", lead, lead, defect.reason))
                continue
            for m in defect.pattern.finditer(raw, p_start, p_end):
                log.append(LogEntry(m.start(), "defect", m.group(), m.group(), defect.reason))
        if not text:
            continue
        rule, caption = next(
            ((c, m) for c in rules.captions if (m := c.pattern.match(text))), (None, None)
        )
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
                    f"{rule.label.strip()!r} dropped",
                )
            )
            continue
        body_paragraphs.append((p_start, text))

    body = "\n\n".join(text for _, text in body_paragraphs)
    sentences: list[Sentence] = []
    offset = 0
    for number, (_, text) in enumerate(body_paragraphs, start=1):
        if is_heading(text):
            kind = "headline" if number == 1 else "heading"
        else:
            kind = "body"
        for n, (s, e) in enumerate(split(text, splitting), start=1):
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
        for n, (s, e) in enumerate(split(caption.text, splitting), start=1):
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


def clean_article(
    path: Path, source_id: str | None = None, language: str | None = None
) -> CleanArticle:
    """Read and clean a raw article file; the source id defaults to the file's stem."""
    path = Path(path)
    return clean_text(read_article(path), source_id or path.stem, language=language)


def sentences_frame(articles: Iterable[CleanArticle]) -> pd.DataFrame:
    """All sentences of the given articles as one table (one row per sentence)."""
    rows = [s.__dict__ for article in articles for s in article.sentences]
    columns = list(Sentence.__dataclass_fields__)
    return pd.DataFrame(rows, columns=columns)


def log_frame(articles: Iterable[CleanArticle]) -> pd.DataFrame:
    """The cleaning logs of the given articles as one table."""
    rows = [{"source_id": a.source_id, **e.__dict__} for a in articles for e in a.log]
    return pd.DataFrame(rows, columns=["source_id", *LogEntry.__dataclass_fields__])
