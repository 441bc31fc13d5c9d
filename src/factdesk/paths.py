"""Every path the project uses, anchored at the project root.

Papermill starts kernels in the caller's working directory, so nothing here may depend on
``os.getcwd()``. The project root is the repository that holds this package, or the folder
named by ``FACTDESK_ROOT``: tests and benchmarks copy the project (data, notebooks,
``reports.yml``, reports) into a scratch folder and point the engine there; kernels inherit
the variable, so a notebook run by ``render`` reads the same copy.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE: Path = Path(__file__).resolve().parent
REPOSITORY: Path = PACKAGE.parents[1]
ROOT: Path = Path(os.environ.get("FACTDESK_ROOT") or REPOSITORY).resolve()

DATA: Path = ROOT / "data"
DATAPACKAGE: Path = DATA / "datapackage.yaml"
RAW_ARTICLES: Path = DATA / "raw" / "articles"
FACTS: Path = DATA / "facts"
REVIEW: Path = DATA / "review"

NOTEBOOKS: Path = ROOT / "notebooks"
STORY_LOCALES: Path = NOTEBOOKS / "locales"
REPORTS: Path = ROOT / "reports"
REPORTS_CONFIG: Path = ROOT / "reports.yml"
CACHE: Path = REPORTS / ".cache"
MANIFEST: Path = REPORTS / "manifest.json"

# Package data (engine, never the story's).
ENGINE_LOCALES: Path = PACKAGE / "language" / "locales"
SCHEMAS: Path = PACKAGE / "facts" / "schemas"
TEMPLATES: Path = PACKAGE / "build" / "templates"
VENDOR: Path = PACKAGE / "build" / "vendor"
SRC: Path = REPOSITORY / "src"


def data_file(relative: str | Path) -> Path:
    """A path written in a table as ``data/...`` (e.g. ``sources.raw_file``), resolved under
    :data:`DATA` so a copy of the project is self-contained."""
    parts = Path(relative).parts
    if parts and parts[0] == "data":
        return DATA.joinpath(*parts[1:])
    return ROOT / relative


def display(path: str | Path) -> str:
    """A path as shown in messages: relative to the project root when it is inside it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
