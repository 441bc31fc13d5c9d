"""The articles a fact base rests on, and its quotes: every raw file unchanged (its checksum),
readable and cleaned; every quote a verbatim span of its own article's cleaned text.

Like :mod:`factdesk.facts.integrity`, each check takes the raw tables and gives one message
per root cause: an article that cannot be used gives none for the quotes resting on it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from factdesk import paths
from factdesk.facts.csvfile import RawTable, TableError, decode
from factdesk.facts.integrity import Raw
from factdesk.facts.validate import INVISIBLE, invisible_characters, invisible_message
from factdesk.intake import cache as article_cache
from factdesk.intake import cleaning
from factdesk.intake.articles import ArticleError, CleanArticle
from factdesk.language.words import WordsError
from factdesk.problems import Problem, problem

UNEDITED = "raw data must not be edited"
SHA256 = "[0-9a-f]{64}"  # a malformed checksum is the schema check's message
KEPT = "kept (the article stays byte-for-byte), but check what it hides"


@dataclass(frozen=True)
class Cleaning:
    """The articles of ``sources`` as :func:`start_cleaning` left them: being cleaned by
    ``cleaner`` (None: none can be, ``problems`` says why), each file read once."""

    sources: RawTable | None
    cleaner: article_cache.Cleaner | None = None
    files: tuple = ()  # (line, row, path, bytes or why they cannot be read)
    problems: tuple[Problem, ...] = ()


def start_cleaning(raw: Raw, cache: Path | None = None) -> Cleaning:
    """Read every article of ``sources`` and start cleaning them (reused from a ``cache``
    folder if given; in worker processes when there are many, while the caller goes on)."""
    sources = raw.get("sources")
    if sources is None or not {"source_id", "raw_file", "sha256"} <= set(sources.frame):
        return Cleaning(sources)
    try:
        cleaner = article_cache.Cleaner(cache)
    except cleaning.RulesError as exc:  # no article can be cleaned: one message, no cascade
        return Cleaning(sources, problems=(exc.problem,))
    files = []
    for line, row in zip(sources.frame.index, sources.records(), strict=True):
        if row["raw_file"]:
            path = paths.data_file(row["raw_file"])
            try:
                files.append((line, row, path, path.read_bytes()))
            except OSError as exc:
                files.append((line, row, path, exc))
    cleaner.prepare(  # failures come in articles()
        [(path, data, row["source_id"], row.get("language") or None)
         for _, row, path, data in files if isinstance(data, bytes)]
    )  # fmt: skip
    return Cleaning(sources, cleaner, tuple(files))


def articles(started: Cleaning) -> tuple[dict[str, CleanArticle], list[Problem]]:
    """Every article of ``sources`` cleaned (as :func:`start_cleaning` started them); its file
    must exist, be UTF-8 and match its checksum. An article that fails is left out, so what
    rests on it gives no follow-on messages. Invisible controls are warnings (kept as is)."""
    sources, cleaner, files = started.sources, started.cleaner, started.files
    found, cleaned = list(started.problems), {}
    if cleaner is None:
        return cleaned, found
    for line, row, path, data in files:
        if row["source_id"] in cleaned:
            continue  # a duplicate id (the schema check names both)
        try:
            if isinstance(data, OSError):
                raise data
            decode(path, data)
            article = cleaner.clean(path, data, row["source_id"], row.get("language") or None)
        except (TableError, WordsError) as exc:  # not UTF-8 (the byte named); malformed words
            found.append(exc.problem)
            continue
        except (OSError, ArticleError) as exc:
            shown = paths.display(path)
            reason = (
                "file not found"
                if isinstance(exc, FileNotFoundError)
                else str(exc).replace(str(path), shown).removeprefix(f"{shown}: ")
            )
            found.append(problem(sources.path, line, "raw_file", f"{shown}: {reason}"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if re.fullmatch(SHA256, row["sha256"]) and digest != row["sha256"]:
            changed = f"{row['raw_file']} has changed (sha256 {digest[:12]}…)"
            found.append(problem(sources.path, line, "sha256", f"{changed}; {UNEDITED}"))
            continue
        cleaned[row["source_id"]] = article
        lines = article.raw.split("\n") if INVISIBLE.search(article.raw) else ()
        for number, text in enumerate(lines, start=1):
            if hidden := invisible_characters(text):
                message = f"{invisible_message(text)}; {KEPT}"
                found.append(problem(path, number, str(hidden[0][0]), message, severity="warning"))
    return cleaned, found


def quotes(raw: Raw, cleaned: dict[str, CleanArticle]) -> list[Problem]:
    """Each quote must be a verbatim span of its own article's cleaned text."""
    claims, found = raw.get("claims"), []
    if claims is None or not {"quote", "source_id"} <= set(claims.frame) or not cleaned:
        return found
    texts = {sid: tuple(a.texts.values()) for sid, a in cleaned.items()}
    for line, source_id, quote in zip(
        claims.frame.index, claims.frame["source_id"], claims.frame["quote"], strict=True
    ):
        if not quote or source_id not in texts or any(quote in t for t in texts[source_id]):
            continue
        elsewhere = [s for s, parts in texts.items() if any(quote in t for t in parts)]
        message = (
            f"quote is from another article ({elsewhere[0]}), not from {source_id}"
            if elsewhere
            else f"quote not found verbatim in the cleaned text of {source_id}: {quote[:60]!r}"
        )
        found.append(problem(claims.path, line, "quote", message))
    return found
