"""Cleaned articles cached by content, in the git-ignored ``reports/.cache/articles.sqlite``.

Cleaning is a pure function of an article's bytes, its source id, the story's cleaning rules,
the words its sentences are split by and the cleaning code (with ftfy's version), and raw
articles never change; so ``check`` and ``render`` load the cleaned form of an article they
have cleaned before instead of running ftfy and the rules again. The key covers all of these,
so any change cleans afresh. A cache that cannot be read or written costs time, never
correctness. One SQLite file, not a file per article: creating thousands of small files took
longer than cleaning the articles (a first check of 2,000 articles: 2 s of 5).
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from functools import cache
from pathlib import Path

import ftfy

from factdesk.build import workers
from factdesk.intake import articles, cleaning, sentences
from factdesk.intake.articles import CleanArticle
from factdesk.language import words

FILE = "articles.sqlite"  # under the cache folder the caller names (reports/.cache)
LOCK_SECONDS = 30  # how long a write waits for another process's (a render's kernels write too)
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
        self.file = None if folder is None else folder / FILE
        self._memory: dict[str, CleanArticle] = {}
        self._pending: tuple | None = None  # prepare's workers: pool, keys, results
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
        """Load the articles ``items`` (as :meth:`clean` takes them) cleaned before, in one read,
        and start cleaning the others in worker processes, one per core, when there are many (a
        first check of a large fact base). It returns at once, so the caller can go on while
        they work; :meth:`clean` waits for them. One that fails is left to :meth:`clean`, which
        raises its error."""
        keys = {}
        for item in items:
            try:
                keys[self._key(item[1], item[2], item[3])] = item
            except words.WordsError:
                continue  # clean raises it, where the caller names the file
        self._collect()
        self._memory.update(_read(self.file, list(keys)))
        todo = {key: item for key, item in keys.items() if key not in self._memory}
        cores = workers.cores()
        pool = workers.forked_pool(cores) if len(todo) >= PARALLEL_FROM and cores > 1 else None
        if pool is None:
            return
        jobs = [(path, source_id, language) for path, _, source_id, language in todo.values()]
        chunk = max(1, len(todo) // (4 * cores))
        self._pending = (pool, list(todo), pool.map(_clean_or_none, jobs, chunksize=chunk))

    def _collect(self) -> None:
        """Wait for the workers :meth:`prepare` started, keep and store what they cleaned."""
        if self._pending is None:
            return
        pool, keys, results = self._pending
        self._pending = None
        with pool:
            try:
                cleaned = list(results)
            except BrokenProcessPool:  # a worker was killed: clean() cleans them here
                return
        done = {k: a for k, a in zip(keys, cleaned, strict=True) if a is not None}
        self._memory.update(done)
        _write(self.file, done)

    def clean(
        self, path: Path, data: bytes, source_id: str, language: str | None = None
    ) -> CleanArticle:
        """The cleaned article of ``path``, whose bytes are ``data``, its sentences split by
        the words of ``language``. Raises what ``clean_article`` raises."""
        self._collect()
        key = self._key(data, source_id, language)
        found = self._memory.get(key) or _read(self.file, [key]).get(key)
        if found is not None and found.source_id == source_id:
            return found
        article = articles.clean_article(path, source_id, language)
        self._memory[key] = article
        _write(self.file, {key: article})
        return article


def _read(file: Path | None, keys: list[str]) -> dict[str, CleanArticle]:
    """The articles of ``keys`` in the cache ``file``; one that is missing, damaged or foreign
    is left out (cleaned afresh), and so is all of a file that cannot be read."""
    found: dict[str, CleanArticle] = {}
    if file is None or not keys or not file.is_file():
        return found
    try:
        with closing(sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True)) as db:
            for start in range(0, len(keys), 500):  # within SQLite's limit on parameters
                part = keys[start : start + 500]
                marks = ",".join("?" * len(part))
                query = f"SELECT key, article FROM articles WHERE key IN ({marks})"
                for key, blob in db.execute(query, part):
                    try:
                        article = pickle.loads(blob)
                    except Exception:  # noqa: BLE001 - truncated or foreign: clean afresh
                        continue
                    if isinstance(article, CleanArticle):
                        found[key] = article
    except sqlite3.Error:
        return {}
    return found


def _write(file: Path | None, cleaned: dict[str, CleanArticle], again: bool = True) -> None:
    """Store ``cleaned`` in the cache ``file``, in one transaction (a killed run leaves SQLite's
    journal, which the next connection rolls back); a damaged file is replaced. Not without a
    cache folder or with one that cannot be written (the results stand, in memory)."""
    if file is None or not cleaned:
        return
    rows = [(k, pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL)) for k, a in cleaned.items()]
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(file, timeout=LOCK_SECONDS)) as db, db:
            db.execute("PRAGMA synchronous = OFF")  # a cache: no wait for the disk at commit
            db.execute(
                "CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, article BLOB NOT NULL)"
            )
            db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?)", rows)
    except sqlite3.OperationalError:  # locked too long, read-only, full, a folder in the way
        pass
    except sqlite3.DatabaseError:  # not a database, or a damaged one: start a new one
        if again and file.is_file():
            file.unlink(missing_ok=True)
            _write(file, cleaned, again=False)
    except OSError:
        pass


def _clean_or_none(job: tuple[Path, str, str | None]) -> CleanArticle | None:
    """A worker's part of :meth:`Cleaner.prepare`."""
    path, source_id, language = job
    try:
        return articles.clean_article(path, source_id, language)
    except Exception:  # noqa: BLE001 - the article is cleaned again by Cleaner.clean, which raises
        return None
