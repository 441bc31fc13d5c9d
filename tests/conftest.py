"""Shared fixtures, and a guard: no test may write into the real data/ or reports/."""

from __future__ import annotations

import hashlib

import pytest

from factdesk import paths
from factdesk.facts import tables

# The slow tiers, declared once (``make test-fast`` runs everything else; ``make test`` all):
# browser (Debian's Chromium), jupyterlab (a JupyterLab server), corpus (broken inputs and
# faults on scratch copies), slow (renders of scratch copies; single tests marked
# ``@pytest.mark.slow`` run the CLI on a scratch copy), nbval (the executed reports).
TIERS = {
    "test_browser.py": ("browser", "slow"),
    "test_pages.py": ("browser", "slow"),
    "test_untrusted.py": ("browser", "slow"),
    "test_third.py": ("browser", "slow"),
    "test_jupyterlab.py": ("jupyterlab", "slow"),
    "test_corpus.py": ("corpus", "slow"),
    "test_render.py": ("slow",),
    "test_build_graph.py": ("slow",),
    "test_database.py": ("slow",),
    "test_readme_workflow.py": ("slow",),
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker("nbval")
            continue
        for tier in TIERS.get(item.path.name, ()):
            item.add_marker(tier)
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker("browser")


def _tree(*folders) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="session", autouse=True)
def real_project_untouched():
    """Tests work on scratch copies (tests/project.py); the real fact base and committed
    reports must be byte-identical after the whole session."""
    before = _tree(paths.DATA, paths.REPORTS, paths.NOTEBOOKS)
    yield
    after = _tree(paths.DATA, paths.REPORTS, paths.NOTEBOOKS)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert changed == [], f"tests wrote into the real project: {changed[:10]}"


@pytest.fixture(scope="session")
def sources():
    return tables.load("sources")


@pytest.fixture(scope="session")
def clean(sources):
    """Cleaned articles by source id."""
    return tables.articles(sources)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """`make reports` on a scratch copy of the project (executed notebooks, HTML, images,
    downloads, index), once per session; returns the copy (a ``project.Project``)."""
    from project import copy_project

    project = copy_project(tmp_path_factory.mktemp("browser") / "project", with_builds=False)
    done = project.run("render", "--jobs", "2")
    if done.returncode != 0:
        pytest.fail(
            f"python -m factdesk render failed ({done.returncode}):\n"
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}",
            pytrace=False,
        )
    return project
