"""Cleaned articles are reused by content only: same bytes, id, rules and code."""

from __future__ import annotations

import os
import signal
import sqlite3
from contextlib import closing

import pytest

from factdesk import paths
from factdesk.facts import tables
from factdesk.facts.check import check
from factdesk.intake import articles, cleaning
from factdesk.intake import cache as article_cache


@pytest.fixture
def article(sources):
    row = sources.iloc[0]
    path = paths.data_file(row["raw_file"])
    return path, path.read_bytes(), row["source_id"]


@pytest.fixture
def counted(monkeypatch):
    """Counts the articles actually cleaned (not loaded from the cache)."""
    calls = []
    real = articles.clean_article

    def clean_article(path, source_id=None, language=None):
        calls.append(source_id)
        return real(path, source_id, language)

    monkeypatch.setattr(articles, "clean_article", clean_article)
    return calls


def test_a_second_clean_is_loaded_and_equal(article, counted, tmp_path):
    first = article_cache.Cleaner(tmp_path).clean(*article)
    second = article_cache.Cleaner(tmp_path).clean(*article)
    assert counted == [article[2]]
    assert second == first == articles.clean_article(article[0], article[2])


def test_changed_rules_bytes_or_another_id_clean_afresh(article, counted, tmp_path, monkeypatch):
    article_cache.Cleaner(tmp_path).clean(*article)
    path, data, source_id = article
    article_cache.Cleaner(tmp_path).clean(path, data, "another-id")
    assert counted == [source_id, "another-id"]
    edited = tmp_path / "cleaning.yaml"
    edited.write_bytes(cleaning.rules_file().read_bytes() + b"\n# a comment\n")
    monkeypatch.setattr(cleaning, "rules_file", lambda: edited)
    article_cache.Cleaner(tmp_path).clean(*article)
    assert counted == [source_id, "another-id", source_id]


def _stored(folder) -> int:
    """The articles in the cache under ``folder``."""
    with closing(sqlite3.connect(folder / article_cache.FILE)) as db:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_a_damaged_cache_entry_is_cleaned_again(article, counted, tmp_path):
    article_cache.Cleaner(tmp_path).clean(*article)
    with closing(sqlite3.connect(tmp_path / article_cache.FILE)) as db, db:
        assert db.execute("UPDATE articles SET article = ?", (b"not a pickle",)).rowcount == 1
    again = article_cache.Cleaner(tmp_path).clean(*article)
    assert len(counted) == 2
    assert again.source_id == article[2]


@pytest.mark.parametrize("in_the_way", ["not a database", "a folder"])
def test_a_cache_that_cannot_be_used_costs_time_not_correctness(
    article, counted, tmp_path, in_the_way
):
    """A folder in the cache's way: every run cleans afresh. A file that is not a database
    (or a damaged one) is replaced by a new cache."""
    cache = tmp_path / article_cache.FILE
    cache.mkdir() if in_the_way == "a folder" else cache.write_text(in_the_way)
    assert article_cache.Cleaner(tmp_path).clean(*article).source_id == article[2]
    assert article_cache.Cleaner(tmp_path).clean(*article).source_id == article[2]
    assert len(counted) == (2 if in_the_way == "a folder" else 1)


@pytest.mark.parametrize("folder", ["cache", None])
def test_many_articles_are_cleaned_ahead_in_workers(
    article, counted, tmp_path, monkeypatch, folder
):
    """A first check of many articles cleans them in worker processes: the check's own
    process then cleans none of them, finds them equal to a clean of its own, and still
    gets the error of one that cannot be cleaned."""
    monkeypatch.setattr(article_cache, "PARALLEL_FROM", 3)
    monkeypatch.setattr(article_cache.workers, "cores", lambda: 2)
    path, data, source_id = article
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"")  # an empty article: clean_article raises ArticleError
    items = [(path, data, f"{source_id}-{n}", None) for n in range(3)]
    items.append((broken, b"", "broken", None))
    cleaner = article_cache.Cleaner(tmp_path / folder if folder else None)
    cleaner.prepare(items)  # returns at once; clean() waits for the workers
    cleaned = [cleaner.clean(*item) for item in items[:3]]
    assert counted == [], "the workers cleaned them, not this process"
    if folder:
        assert _stored(tmp_path / folder) == 3, "what the workers cleaned is stored"
    for item, article in zip(items[:3], cleaned, strict=True):
        assert article == articles.clean_article(path, item[2])
    with pytest.raises(articles.ArticleError):
        cleaner.clean(*items[3])
    assert counted == [f"{source_id}-{n}" for n in range(3)] + ["broken"]


def test_a_killed_cleaning_worker_costs_time_not_the_result(article, tmp_path, monkeypatch):
    monkeypatch.setattr(article_cache, "PARALLEL_FROM", 2)
    monkeypatch.setattr(article_cache.workers, "cores", lambda: 2)
    parent, real = os.getpid(), articles.clean_article

    def clean_article(*args):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # a worker dies (as if out of memory)
        return real(*args)

    monkeypatch.setattr(articles, "clean_article", clean_article)
    path, data, source_id = article
    items = [(path, data, f"{source_id}-{n}", None) for n in range(2)]
    cleaner = article_cache.Cleaner(tmp_path)
    cleaner.prepare(items)
    assert [cleaner.clean(*item).source_id for item in items] == [i[2] for i in items]


@pytest.mark.slow
def test_check_with_a_cache_finds_what_check_without_finds(tmp_path, counted):
    cold = check(cache=tmp_path)
    n = len(tables.load("sources"))
    assert len(counted) == n
    warm = check(cache=tmp_path)
    assert len(counted) == n  # nothing cleaned the second time
    assert warm == cold == check()
