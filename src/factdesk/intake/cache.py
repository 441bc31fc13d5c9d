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
import pickle
from functools import cache
from pathlib import Path

import ftfy

from factdesk.build.writing import BuildError, write_atomic
from factdesk.intake import articles, cleaning, sentences
from factdesk.intake.articles import CleanArticle
from factdesk.language import words

FOLDER = "articles"  # under the cache folder the caller names (reports/.cache)


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
        file = cleaning.rules_file()
        rules = file.read_bytes() if file.is_file() else b""
        self._base = hashlib.sha256(_code() + hashlib.sha256(rules).digest()).digest()

    def _file(self, data: bytes, source_id: str, language: str | None) -> Path:
        digest = hashlib.sha256(self._base)
        split = sentences.split_rules(language)  # the language's words for the splitter
        rules = repr([sorted(split.abbreviations), sorted(split.starters), sorted(split.months)])
        for part in (source_id.encode(), data, f"{language}:{rules}".encode()):
            digest.update(hashlib.sha256(part).digest())
        return self.folder / f"{digest.hexdigest()}.pickle"

    def clean(
        self, path: Path, data: bytes, source_id: str, language: str | None = None
    ) -> CleanArticle:
        """The cleaned article of ``path``, whose bytes are ``data``, its sentences split by
        the words of ``language``. Raises what ``clean_article`` raises."""
        if self.folder is None:
            return articles.clean_article(path, source_id, language)
        file = self._file(data, source_id, language)
        try:
            found = pickle.loads(file.read_bytes())
            if isinstance(found, CleanArticle) and found.source_id == source_id:
                return found
        except Exception:  # noqa: BLE001 - missing, truncated or foreign: clean afresh
            pass
        article = articles.clean_article(path, source_id, language)
        try:  # atomic: a killed run leaves a temporary file that the next render removes
            data = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomic(file, data, "a cache")
        except BuildError:  # a read-only or full cache folder: the result stands, uncached
            pass
        return article
