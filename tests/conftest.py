"""Shared fixtures: the real cleaned articles, loaded once per test session."""

from __future__ import annotations

import pytest

from factdesk import tables


@pytest.fixture(scope="session")
def sources():
    return tables.load_sources()


@pytest.fixture(scope="session")
def clean(sources):
    """Cleaned articles by source id."""
    return tables.load_articles(sources)
