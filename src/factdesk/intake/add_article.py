"""``python -m factdesk add-article FILE --id ID --language LANG``: take in a new article.

The inputs are checked first; when one is wrong the command says so in one message, exits 2
and writes nothing. Otherwise it

1. copies the file byte-for-byte to ``data/raw/articles/<id>.txt``;
2. appends the article's row to the sources table with its checksum and provenance, leaving
   the cells only the journalist can fill (label, headline, publication date and its basis,
   outlet, URL) empty: ``make check`` then names each one that is required ("must not be
   empty") and every sentence that no claim covers yet;
3. writes a review sheet in ``data/review/``: ``<id>-sentences.csv`` (every sentence with the
   id that coverage uses) and ``<id>-candidates.csv`` (the columns of claims.csv and the
   review columns, one proposed claim a row, see :mod:`factdesk.intake.review`) to accept,
   edit or reject.

With ``--published YYYY-MM-DD`` the publication date is recorded (at day precision) and
resolves the article's weekdays, "today" and times of day into dates and instants.

Sentences come from the engine's own cleaning and splitter (:func:`articles.clean_article`),
not from a general sentence splitter such as pysbd: the ids on the sheet must be the ids that
``check`` and ``coverage`` use, or an excuse written from the sheet would point nowhere.
If writing fails half-way, what was written is undone.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from factdesk import paths
from factdesk.build.progress import Progress
from factdesk.build.writing import BuildError, write_atomic
from factdesk.facts import schema
from factdesk.facts.csvfile import TableError, decode, read_raw
from factdesk.intake.articles import clean_article
from factdesk.intake.review import REVIEW_COLUMNS, candidate_rows
from factdesk.language.words import WordsError, words

__all__ = ["IntakeError", "main"]

# (without the words `check` looks for in notes: the journalist writes them, see provenance.py)
TO_FILL = (
    "TO FILL: label, headline, published date and its basis; outlet and URL only if known; "
    "replace this note with how the outlet was found, or say it is not known"
)
SENTENCE_COLUMNS = ("sentence_id", "part", "kind", "text")


class IntakeError(ValueError):
    """An input of ``add-article`` is wrong; nothing has been written."""


@dataclass(frozen=True)
class Plan:
    """Everything ``add-article`` will write, decided before anything is written."""

    source: Path
    data: bytes
    source_id: str
    language: str
    target: Path
    sources: schema.Table
    claims_header: list[str]
    sentences_sheet: Path
    candidates_sheet: Path
    published: date | None = None


def _read_article(path: Path) -> bytes:
    shown = paths.display(path)
    if not path.exists():
        raise IntakeError(f"{shown}: file not found")
    if not path.is_file():
        raise IntakeError(f"{shown}: not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IntakeError(f"{shown}: cannot read the file ({exc.strerror})") from None
    try:
        text = decode(path, data)
    except TableError as exc:  # names the first bad byte and the encoding it looks like
        raise IntakeError(str(exc.problem)) from None
    if not text.strip():
        raise IntakeError(f"{shown}: the article is empty")
    return data


def _header(path: Path) -> list[str]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            return [h.strip() for h in next(csv.reader(f), [])]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise IntakeError(f"{paths.display(path)}: cannot read its header ({exc})") from None


def plan(file: str, source_id: str, language: str, published: str | None = None) -> Plan:
    """Check every input; an :class:`IntakeError` names the first one that is wrong."""
    source = Path(file)
    data = _read_article(source)
    package = schema.package()
    sources = package["sources"]
    if not re.fullmatch(sources.field("source_id").pattern, source_id):
        raise IntakeError(
            f"--id {source_id!r}: not a lowercase id (letters a-z and digits in words joined "
            "by single hyphens, e.g. de-example-article)"
        )
    try:
        table = read_raw(sources.path, sources.base_columns(package.base_language))
    except TableError as exc:
        raise IntakeError(str(exc.problem)) from None
    if "source_id" in table.frame:
        taken = table.frame.index[table.frame["source_id"].eq(source_id)]
        if len(taken):
            raise IntakeError(
                f"--id {source_id}: already in {paths.display(sources.path)} (line "
                f"{taken[0]}); choose another id"
            )
    target = paths.RAW_ARTICLES / f"{source_id}.txt"
    sheets = [paths.REVIEW / f"{source_id}-{name}.csv" for name in ("sentences", "candidates")]
    for path in (target, *sheets):
        if path.exists():
            raise IntakeError(
                f"{paths.display(path)} already exists; nothing is overwritten: choose another "
                "id (or delete the file if it is left over from an article you removed)"
            )
    if not re.fullmatch(sources.field("language").pattern or "[a-z]{2,3}", language):
        raise IntakeError(f"--language {language!r}: not a 2-3 letter code such as de, nl, en")
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        raise IntakeError(f"--language {language!r}: not a language Babel (CLDR) knows") from None
    day = None
    if published:
        try:
            day = date.fromisoformat(published)
        except ValueError:
            raise IntakeError(f"--published {published!r}: not a date YYYY-MM-DD") from None
    try:
        words(language)
    except WordsError as exc:
        raise IntakeError(str(exc)) from None
    claims_header = _header(package["claims"].path)
    return Plan(
        source,
        data,
        source_id,
        language,
        target,
        sources,
        claims_header,
        sheets[0],
        sheets[1],
        day,
    )


def _csv(header: list[str] | tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def sources_row(p: Plan, header_date: str | None) -> str:
    """The new sources line, in the file's own columns; the journalist's cells empty."""
    notes = TO_FILL + (
        f" (the received file's header says 'date {header_date}')" if header_date else ""
    )
    values = {
        "source_id": p.source_id,
        "language": p.language,
        "published": p.published.isoformat() if p.published else "",
        "published_precision": "day" if p.published else "",
        "raw_file": f"data/raw/articles/{p.target.name}",
        "sha256": hashlib.sha256(p.data).hexdigest(),
        "seed_file": p.source.name,
        "notes": notes,
    }
    header = _header(p.sources.path)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([values.get(column, "") for column in header])
    return buf.getvalue()


def write(p: Plan, progress: Progress) -> tuple[int, int]:
    """Copy, record and write the review sheet; undo everything if a step fails."""
    written: list[Path] = []
    before = p.sources.path.read_bytes()
    try:
        write_atomic(p.target, p.data, "raw article")
        written.append(p.target)
        progress.step(f"copied to {paths.display(p.target)}")
        article = clean_article(p.target, p.source_id, p.language)
        progress.step(f"cleaned: {len(article.sentences)} sentences")
        base = schema.package().base_language
        rows = candidate_rows(p.source_id, p.language, article, base, p.published)
        progress.step(f"spotted {len(rows)} candidate claims")
        ending = b"" if not before or before.endswith(b"\n") else b"\n"
        line = sources_row(p, article.header_date).encode("utf-8")
        write_atomic(p.sources.path, before + ending + line, "sources table")
        progress.step(f"recorded in {paths.display(p.sources.path)}")
        sentences = [{c: getattr(s, c) for c in SENTENCE_COLUMNS} for s in article.sentences]
        write_atomic(p.sentences_sheet, _csv(SENTENCE_COLUMNS, sentences), "review sheet")
        written.append(p.sentences_sheet)
        header = [*p.claims_header, *(c for c in REVIEW_COLUMNS if c not in p.claims_header)]
        write_atomic(p.candidates_sheet, _csv(header, rows), "review sheet")
        written.append(p.candidates_sheet)
        progress.step(f"review sheet in {paths.display(paths.REVIEW)}/")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if p.sources.path.read_bytes() != before:
            p.sources.path.write_bytes(before)
        raise
    return len(article.sentences), len(rows)


def main(file: str, source_id: str, language: str, published: str | None = None) -> int:
    """The ``add-article`` command: 0 when added, 2 for a wrong input, 1 if writing failed."""
    try:
        p = plan(file, source_id, language, published)
    except IntakeError as exc:
        print(exc, file=sys.stderr)
        return 2
    progress = Progress(total=5)
    try:
        n_sentences, n_candidates = write(p, progress)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        progress.close()
    sources = paths.display(p.sources.path)
    print(f"added {p.source_id}: {paths.display(p.target)} (sha256 recorded in {sources})")
    print(f"review sheet: {paths.display(p.sentences_sheet)} ({n_sentences} sentences)")
    print(f"              {paths.display(p.candidates_sheet)} ({n_candidates} candidates)")
    print(
        f"next: fill the empty cells of {p.source_id} in {sources}; copy accepted candidates "
        "(their claims.csv columns) to claims.csv with a statement, mark the others rejected "
        "in the sheet's decision column, excuse sentences that carry no claim in excused.csv; "
        "`make status` lists what is left, `make check` what is still wrong"
    )
    return 0
