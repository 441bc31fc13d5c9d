"""Every path the project uses, anchored at the project root.

Papermill starts kernels in the caller's working directory, so nothing here may depend on
``os.getcwd()``: all paths derive from this file's location (``src/factdesk/paths.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(__file__).resolve().parents[2]

# FACTDESK_DATA points everything at another copy of data/ (tests change facts there,
# never in the project; kernels inherit the variable).
DATA: Path = Path(os.environ.get("FACTDESK_DATA", ROOT / "data")).resolve()
RAW: Path = DATA / "raw"
RAW_ARTICLES: Path = RAW / "articles"
FACTS: Path = DATA / "facts"
REFERENCE: Path = DATA / "reference"

SOURCES_CSV: Path = FACTS / "sources.csv"
CLAIMS_CSV: Path = FACTS / "claims.csv"
ENTITIES_CSV: Path = FACTS / "entities.csv"
EXCUSED_CSV: Path = FACTS / "excused.csv"
RECONCILIATION_CSV: Path = FACTS / "reconciliation.csv"
VERDICTS_CSV: Path = FACTS / "verdicts.csv"

RECORD_CSV: Path = REFERENCE / "record.csv"
SPACEFLIGHTS_CSV: Path = REFERENCE / "spaceflights.csv"
ISS_CREW_CSV: Path = REFERENCE / "iss_crew.csv"

NOTEBOOKS: Path = ROOT / "notebooks"
REPORTS: Path = ROOT / "reports"
REPORTS_DATA: Path = REPORTS / "data"
REPORTS_CONFIG: Path = ROOT / "reports.yml"

SRC: Path = ROOT / "src" / "factdesk"


def data_file(relative: str | Path) -> Path:
    """A path written in a table as ``data/...`` (e.g. ``sources.raw_file``), resolved under
    :data:`DATA` so a copy of the data folder is self-contained."""
    parts = Path(relative).parts
    if parts and parts[0] == "data":
        return DATA.joinpath(*parts[1:])
    return ROOT / relative


def display(path: str | Path) -> str:
    """A path as shown in messages: relative to the project root when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
