"""Cleaned articles cached by content, in the git-ignored ``reports/.cache/articles/``.

Cleaning is a pure function of an article's bytes, its source id, the story's cleaning rules,
the words its sentences are split by and the cleaning code (with ftfy's version), and raw
articles never change; so ``check`` and ``render`` load the cleaned form of an article they
have cleaned before instead of running ftfy and the rules again. The key covers all of these,
so any change cleans afresh. A cache that cannot be read or written costs time, never
correctness.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import ftfy

from factdesk.build.writing import BuildError, write_atomic
from factdesk.intake import articles, cleaning, sentences
from factdesk.intake.articles import CleanArticle
from factdesk.language import words

FOLDER = "articles"  # under the cache folder the caller names (reports/.cache)
PARALLEL_FROM = 100  # articles to clean before worker processes pay for their start


@cache
def _code() -> bytes:
    """The cleaning code: these modules' source and ftfy's version."""
    digest = hashlib.sha256(ftfy.__version__.encode())
    for module in (articles, sentences, cleaning, words):
        digest.update(Path(module.__file__).read_bytes())
    return digest.digest()


class Cleaner:
    """Cleans articles, reusing those cleaned before from ``folder`` (``None``: always clean).
    Made once per run: it loads the story's rules (a ``RulesError`` names a malformed file)
    and hashes them with the cleaning code once, not per article."""

    def __init__(self, folder: Path | None) -> None:
        cleaning.rules()  # recorded as read; raises RulesError for a malformed file
        self.folder = None if folder is None else folder / FOLDER
        self._memory: dict[str, CleanArticle] = {}
        self._split: dict[str | None, bytes] = {}  # language -> digest of its split rules
        file = cleaning.rules_file()
        rules = file.read_bytes() if file.is_file() else b""
        self._base = hashlib.sha256(_code() + hashlib.sha256(rules).digest()).digest()

    def _key(self, data: bytes, source_id: str, language: str | None) -> str:
        digest = hashlib.sha256(self._base)
        if language not in self._split:  # the language's words for the splitter, once
            split = sentences.split_rules(language)
            rules = [sorted(split.abbreviations), sorted(split.starters), sorted(split.months)]
            self._split[language] = hashlib.sha256(f"{language}:{rules!r}".encode()).digest()
        for part in (source_id.encode(), data):
            digest.update(hashlib.sha256(part).digest())
        digest.update(self._split[language])
        return digest.hexdigest()

    def prepare(self, items: list[tuple[Path, bytes, str, str | None]]) -> None:
        """Clean the articles ``items`` (as :meth:`clean` takes them) that were not cleaned
        before in worker processes, one per core, when there are many (a first check of a
        large fact base); :meth:`clean` then finds them. One that fails is left to
        :meth:`clean`, which raises its error."""
        cores = _cores()
        todo = {}
        for item in items:
            try:
                key = self._key(item[1], item[2], item[3])
            except words.WordsError:
                continue  # clean raises it, where the caller names the file
            if self.folder is None or not (self.folder / f"{key}.pickle").is_file():
                todo[key] = item
        if len(todo) < PARALLEL_FROM or cores < 2:
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        chunk = max(1, len(todo) // (4 * cores))
        with ProcessPoolExecutor(max_workers=cores, mp_context=context) as pool:
            jobs = [(path, source_id, language) for path, _, source_id, language in todo.values()]
            cleaned = pool.map(_clean_or_none, jobs, chunksize=chunk)
            for key, article in zip(todo, cleaned, strict=True):
                if article is not None:
                    self._store(key, article)

    def clean(
        self, path: Path, data: bytes, source_id: str, language: str | None = None
    ) -> CleanArticle:
        """The cleaned article of ``path``, whose bytes are ``data``, its sentences split by
        the words of ``language``. Raises what ``clean_article`` raises."""
        key = self._key(data, source_id, language)
        found = self._memory.get(key)
        if found is None and self.folder is not None:
            try:
                found = pickle.loads((self.folder / f"{key}.pickle").read_bytes())
            except Exception:  # noqa: BLE001 - missing, truncated or foreign: clean afresh
                found = None
        if isinstance(found, CleanArticle) and found.source_id == source_id:
            return found
        article = articles.clean_article(path, source_id, language)
        self._store(key, article)
        return article

    def _store(self, key: str, article: CleanArticle) -> None:
        if self.folder is None:
            self._memory[key] = article
            return
        try:  # atomic: a killed run leaves a temporary file that the next render removes
            data = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomic(self.folder / f"{key}.pickle", data, "a cache")
        except BuildError:  # a read-only or full cache folder: the result stands, in memory
            self._memory[key] = article


def _cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _clean_or_none(job: tuple[Path, str, str | None]) -> CleanArticle | None:
    """A worker's part of :meth:`Cleaner.prepare`."""
    path, source_id, language = job
    try:
        return articles.clean_article(path, source_id, language)
    except Exception:  # noqa: BLE001 - the article is cleaned again by Cleaner.clean, which raises
        return None
