"""The workspace itself: dependencies declared once, raw data immutable, paths anchored."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from factdesk import paths
from factdesk.facts import tables

# conda-forge names that differ from the PyPI names in pyproject.toml.
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower()


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((paths.REPOSITORY / "pyproject.toml").read_text())["project"]
    declared = set(project["dependencies"]) | set(project["optional-dependencies"]["dev"])
    env = yaml.safe_load((paths.REPOSITORY / "environment.yml").read_text())
    conda = {
        d
        for d in env["dependencies"]
        if isinstance(d, str) and not d.startswith(("python>", "python=", "pip"))
    }
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section
    conda |= {d for d in pip_section if d != "-e ."}
    as_pypi = {
        re.sub(r"^[^<>=!~ ]+", lambda m: CONDA_TO_PYPI.get(m.group(), m.group()), d) for d in conda
    }
    # Same packages with the same version bounds.
    assert sorted(as_pypi) == sorted(declared)


def test_nbval_is_recent_enough():
    project = tomllib.loads((paths.REPOSITORY / "pyproject.toml").read_text())["project"]
    assert "nbval>=0.11" in project["dependencies"]


def test_raw_articles_match_recorded_checksums(sources):
    for row in sources.itertuples():
        data = paths.data_file(row.raw_file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row.sha256, row.raw_file


def test_raw_articles_are_byte_copies_of_the_seeds(sources):
    """Every received file in ../shared/seeds is registered (a row's seed_file) and its raw
    copy is byte for byte the same. Articles received another way (a seed_file that is not
    in ../shared/seeds) are held to their checksum only (test above)."""
    seeds = paths.ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        if os.environ.get("FACTDESK_NO_SEEDS"):  # hosted CI (GitHub) has no ../shared
            pytest.skip("FACTDESK_NO_SEEDS: the received files are not on this runner")
        if os.environ.get("CI"):
            pytest.fail(f"{seeds} is missing: CI runs with ../shared beside the clone")
        pytest.skip("../shared/seeds not beside this clone (only CI guarantees it)")
    received = sorted(p.name for p in seeds.iterdir() if p.is_file())
    registered = {
        row.seed_file: row for row in sources.itertuples() if isinstance(row.seed_file, str)
    }
    assert received, f"{seeds} is empty"
    assert [name for name in received if name not in registered] == [], "not in sources.csv"
    for name in received:
        row = registered[name]
        raw = paths.data_file(row.raw_file).read_bytes()
        assert (seeds / name).read_bytes() == raw, f"{row.source_id}: {row.raw_file} != {name}"


def test_the_dutch_articles_date_is_known_to_the_day_from_its_header(sources):
    """(That an outlet is never guessed is a rule of ``check``: tests/test_corpus.py.)"""
    nl = sources.set_index("source_id").loc["nl-ms19-launch"]
    assert nl["published_precision"] == "day" and "2021-10" in nl["published_basis"]


def test_paths_do_not_depend_on_the_working_directory(tmp_path):
    code = "from factdesk import paths; print(paths.ROOT); print(paths.FACTS / 'claims.csv')"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.split()
    assert Path(out[0]) == paths.ROOT and (paths.REPOSITORY / "pyproject.toml").is_file()
    assert out[1] == str(paths.ROOT / "data" / "facts" / "claims.csv")


def test_paths_use_points_the_engine_at_another_project_and_back(tmp_path):
    """``paths.use``: every path, the environment kernels inherit and what loaders cached
    follow the project in use, and come back after."""
    from factdesk.build import config
    from factdesk.language import catalog

    real, before = paths.ROOT, config.load().data_as_of
    copy = tmp_path / "copy"
    copy.mkdir()
    text = paths.REPORTS_CONFIG.read_text(encoding="utf-8")
    (copy / "reports.yml").write_text(
        re.sub(r"(?m)^data_as_of: .*$", "data_as_of: 2021-10-05", text)
    )
    shutil.copytree(paths.NOTEBOOKS, copy / "notebooks")
    language = config.load().languages[0]
    assert "only_in_the_copy" not in catalog.entries(language)  # cached from the real project
    with (copy / "notebooks" / "locales" / f"{language}.yaml").open("a") as story:
        story.write("\nonly_in_the_copy: a text\n")
    with paths.use(copy) as project:
        assert catalog.entries(language)["only_in_the_copy"] == "a text"
        assert paths.ROOT == project.root == copy.resolve()
        assert paths.FACTS == copy.resolve() / "data" / "facts" == project.facts
        assert os.environ["FACTDESK_ROOT"] == str(copy.resolve())
        assert config.load().data_as_of == "2021-10-05" != before
    assert paths.ROOT == real and config.load().data_as_of == before
    assert "only_in_the_copy" not in catalog.entries(language)
    assert os.environ.get("FACTDESK_ROOT") in (None, str(real))


def test_project_kernel_is_registered():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("factdesk")
    assert Path(spec.argv[0]).resolve().parent == Path(sys.executable).resolve().parent


def test_loaders_return_typed_frames(sources):
    assert sources["published"].dtype.kind == "M"
    articles = tables.articles(sources)
    assert list(articles) == list(sources["source_id"])


def test_the_engine_knows_no_story():
    """src/factdesk serves any story: it names no mission, person, article or record row of
    this one (those live in data/, notebooks/ and src/soyuz_ms19/)."""
    story = re.compile(r"ms-?19|ms-?18|peresild|shkaplerov|shipenko|soyuz|sojoez|vyzov|baikonur",
                       re.I)  # fmt: skip
    story_ids = {row["source_id"] for row in tables.raw("sources").frame.to_dict("records")}
    story_ids |= set(tables.raw("record").frame["record_id"])
    offenders = []
    for path in sorted(paths.PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".j2", ".css", ".json"):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.name}: {m.group()}" for m in story.finditer(text)]
            offenders += [f"{path.name}: {i}" for i in story_ids if f'"{i}"' in text]
    assert offenders == []
