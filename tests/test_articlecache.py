"""Cleaned articles are reused by content only: same bytes, id, rules and code."""

from __future__ import annotations

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


def test_a_damaged_cache_entry_is_cleaned_again(article, counted, tmp_path):
    article_cache.Cleaner(tmp_path).clean(*article)
    for entry in (tmp_path / article_cache.FOLDER).iterdir():
        entry.write_bytes(b"not a pickle")
    again = article_cache.Cleaner(tmp_path).clean(*article)
    assert len(counted) == 2
    assert again.source_id == article[2]


def test_a_cache_folder_that_is_a_file_costs_time_not_correctness(article, counted, tmp_path):
    (tmp_path / article_cache.FOLDER).write_text("in the way")
    assert article_cache.Cleaner(tmp_path).clean(*article).source_id == article[2]
    assert article_cache.Cleaner(tmp_path).clean(*article).source_id == article[2]
    assert len(counted) == 2


@pytest.mark.slow
def test_check_with_a_cache_finds_what_check_without_finds(tmp_path, counted):
    cold = check(cache=tmp_path)
    n = len(tables.load("sources"))
    assert len(counted) == n
    warm = check(cache=tmp_path)
    assert len(counted) == n  # nothing cleaned the second time
    assert warm == cold == check()
