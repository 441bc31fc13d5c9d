"""Shared fixtures, and a guard: no test may write into the real data/ or reports/."""

from __future__ import annotations

import fcntl
import hashlib
import os

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
    downloads, index), once per run; returns the copy (a ``project.Project``). Tests read it
    or copy it, never change it, so ``make test``'s workers share one: the first to need it
    renders it under a lock, the others wait and reuse it."""
    from project import Project, copy_project

    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # the run's folder, above each worker's own
    root, outcome = run / "built" / "project", run / "built.outcome"
    with open(run / "built.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not outcome.is_file():
            done = copy_project(root, with_builds=False).run("render", "--jobs", "2")
            outcome.write_text(
                "" if done.returncode == 0 else
                f"python -m factdesk render failed ({done.returncode}):\n"
                f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}",
                encoding="utf-8",
            )  # fmt: skip
    failure = outcome.read_text(encoding="utf-8")
    if failure:
        pytest.fail(failure, pytrace=False)
    return Project(root)
