"""The build graph: each step's inputs include the engine modules it runs
(:mod:`factdesk.build.steps`), so a change to a module rebuilds exactly what depends on it.

Each test works on a scratch copy of the project *with its engine* (``src/`` copied, put first
on PYTHONPATH), brought up to date once, so engine modules can be edited there.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from project import Project, copy_project

from factdesk import paths
from factdesk.build import config, steps

CONFIG = config.load()
FACT_CHECK = {r.key for r in CONFIG.reports if r.notebook == CONFIG.claimreview}
ALL = {r.key for r in CONFIG.reports}
MODULES = sorted(
    p.relative_to(paths.REPOSITORY).as_posix() for p in (paths.SRC / "factdesk").rglob("*.py")
)


class EngineProject(Project):
    def env(self, **extra: str) -> dict[str, str]:
        return super().env(PYTHONPATH=str(self.root / "src"), **extra)


@pytest.fixture(scope="module")
def engine(built, tmp_path_factory) -> EngineProject:
    """The session's built copy (tests/conftest.py) with the engine beside it: the manifest
    records modules by content, so the copy is up to date with its own ``src/``."""
    root = tmp_path_factory.mktemp("graph") / "project"
    shutil.copytree(built.root, root)
    shutil.copytree(
        paths.SRC, root / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    return EngineProject(root)


@pytest.fixture
def project(engine, tmp_path) -> EngineProject:
    target = tmp_path / "project"
    shutil.copytree(engine.root, target)
    return EngineProject(target)


def plan(project: Project, *options: str, **env: str) -> dict[str, set[str]]:
    """status -> keys, from ``render --dry-run`` (steps such as the index by name)."""
    result = project.run("render", "--dry-run", *options, **env)
    assert result.returncode == 0, result.stderr[-2000:]
    found: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        hit = re.match(r"\s*(would \w+|up to date)\s+(\S+)", line)
        if hit:
            found.setdefault(hit.group(1), set()).add(hit.group(2))
    return found


def _edit(project: Project, module: str, old: str, new: str) -> None:
    path = project.path(module)
    text = path.read_text(encoding="utf-8")
    assert old in text, (module, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_fresh_build_is_up_to_date(engine):
    assert plan(engine) == {"up to date": ALL}


def test_a_copy_is_checked_and_executed_wherever_it_sits_beside_the_engine(tmp_path):
    """A fresh clone is up to date wherever it is checked out: the manifest's digests name
    files as it writes them (``data/...``, ``src/...``), so a project whose path sorts before
    the engine's (``a/``) plans like one whose path sorts after it (``z/``). The check digest
    once hashed files in the order of their absolute paths, and CI's clone, at a path that
    sorts before the tests' scratch copies, planned to check again. (The copies carry the
    executed reports and the manifest, not the pages: only checking and executing are asked.)"""
    engine = tmp_path / "m" / "src"
    shutil.copytree(paths.SRC, engine, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for place in ("a", "z"):
        planned = plan(copy_project(tmp_path / place / "project"), PYTHONPATH=str(engine))
        assert "would check" not in planned and "would render" not in planned, (place, planned)


def test_one_manifest_decides_freshness_and_the_cache_is_only_a_cache(project):
    """Every step's record is in ``reports/manifest.json``; without ``reports/.cache`` (drawn
    charts, cleaned articles, pairs in sync) the build is still up to date, and a page whose
    output is gone is exported again (and the index, which links it)."""
    recorded = json.loads((project.reports / "manifest.json").read_text())
    assert set(recorded) == {"check", "reports", "pages", "publish"}
    assert set(recorded["reports"]) == set(recorded["pages"]) == ALL
    shutil.rmtree(project.reports / ".cache")
    assert plan(project) == {"up to date": ALL}
    key = sorted(FACT_CHECK)[0]
    (project.reports / f"{key}.html").unlink()
    assert plan(project) == {
        "would export": {key},
        "up to date": ALL - {key},
        "would publish": {"index+downloads"},  # the index links the pages that exist
    }


def test_a_claimreview_edit_reexports_exactly_the_fact_check_pages(project):
    """Issue 20's stale page: the ClaimReview builder's output changes, so the pages that
    embed it are exported again, and only they (with the downloads)."""
    module = "src/factdesk/publish/claimreview.py"
    _edit(project, module, '"author": {"@type": "Organization"',
          '"author": {"@type": "NewsMediaOrganization"')  # fmt: skip
    planned = plan(project)
    assert planned.get("would export") == FACT_CHECK
    assert "would render" not in planned
    assert planned.get("would publish") == {"index+downloads"}
    before = project.snapshot()
    result = project.run("render")
    assert result.returncode == 0, result.stderr[-2000:]
    changed = {k for k, v in project.snapshot().items() if before.get(k) != v}
    pages = {f"{key}.html" for key in FACT_CHECK}
    assert pages <= changed
    assert {k for k in changed if k.endswith(".html") and k != "index.html"} == pages
    for key in FACT_CHECK:
        assert "NewsMediaOrganization" in (project.reports / f"{key}.html").read_text()
    assert plan(project) == {"up to date": ALL}


def test_force_rebuilds_every_step(engine):
    planned = plan(engine, "--force")
    assert planned.get("would check") == {"fact-base"}
    assert planned.get("would render") == ALL
    assert planned.get("would publish") == {"index+downloads"}


def _dependents(project: Project, module: str) -> dict[str, set[str]]:
    """What the last build recorded as built from ``module``: reports, pages, downloads."""
    recorded = json.loads((project.reports / "manifest.json").read_text())
    reports, pages, site = recorded["reports"], recorded["pages"], recorded["publish"]
    rendered = {k for k, entry in reports.items() if module in entry["inputs"]}
    exported = {k for k, entry in pages.items() if module in entry["inputs"]} - rendered
    expected = {"would render": rendered, "would export": exported}
    expected["would publish"] = {"index+downloads"} if module in site["inputs"] else set()
    expected["up to date"] = ALL - rendered - exported
    checked = {m.relative_to(paths.REPOSITORY).as_posix() for m in steps.code("check")}
    expected["would check"] = {"fact-base"} if module in checked else set()
    return {k: v for k, v in expected.items() if v}


# Changes each module in turn and plans a render in-process (one interpreter for all the
# modules: a subprocess per module would take minutes); prints {module: {status: [keys]}}.
PLAN_EACH = """
import json, sys
from factdesk.build import render
found = {}
for module in sys.argv[1:]:
    path = render.paths.REPOSITORY / module
    original = path.read_bytes()
    path.write_bytes(original + b"\\n# changed\\n")
    try:
        plan = {}
        for o in render.render(render.Options(dry_run=True)):
            key = o.report.key if o.report.language != "-" else o.report.notebook
            plan.setdefault(o.status, []).append(key)
        found[module] = plan
    finally:
        path.write_bytes(original)
print(json.dumps(found))
"""


def test_each_engine_module_plans_exactly_what_was_built_from_it(project):
    """Change each engine module in turn (a comment: bytes change, output does not): the dry
    run plans exactly the reports, pages and downloads the last build recorded as built from
    it. Stated by hand for a few, so the recording itself is checked too."""
    by_hand = {
        "src/factdesk/publish/claimreview.py": ({"would export": FACT_CHECK}, True),
        "src/factdesk/publish/timelinejs.py": ({}, True),
        "src/factdesk/build/page.py": ({"would export": ALL}, False),
        "src/factdesk/story/charts.py": ({"would render": ALL}, True),
        "src/factdesk/facts/tolerance.py": ({"would check": {"fact-base"}}, False),
    }
    assert set(by_hand) <= set(MODULES)
    result = subprocess.run([sys.executable, "-c", PLAN_EACH, *MODULES], capture_output=True,
                            text=True, env=project.env(), cwd=project.root)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    plans = json.loads(result.stdout.splitlines()[-1])
    for module in MODULES:
        planned = {status: set(keys) for status, keys in plans[module].items()}
        assert planned == _dependents(project, module), module
        if module in by_hand:
            expected, publishes = by_hand[module]
            for status in ("would render", "would export", "would check"):
                assert planned.get(status, set()) == expected.get(status, set()), module
            assert ("would publish" in planned) == publishes, module


def test_a_killed_image_export_leaves_nothing_the_next_render_keeps(project):
    """Kaleido and Chromium write their temporary files inside the render's scratch folder;
    a render killed while drawing leaves it behind, and the next render removes it."""
    from factdesk.build import writing

    out = project.reports
    with writing.scratch_folder(out) as folder:
        leftover = Path(str(folder) + "-killed")
    leftover.mkdir()
    (leftover / "chromium-profile").mkdir()
    result = project.run("render")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not leftover.exists()
