"""Every path the project uses: one configuration object, :class:`Project`, anchored at a root.

The project in use is the repository that holds this package, or the folder named by
``FACTDESK_ROOT`` when the process starts; :func:`use` switches to another one in-process
(tests point the engine at a scratch copy this way, without a subprocess). Module attributes
such as ``paths.DATA`` are read from the project in use at each access, never fixed at import.
Papermill starts kernels in the caller's working directory, so nothing here may depend on
``os.getcwd()``; kernels inherit ``FACTDESK_ROOT``, which :func:`use` sets while it is active.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Package data (engine, never the story's): fixed by where the package is installed.
PACKAGE: Path = Path(__file__).resolve().parent
REPOSITORY: Path = PACKAGE.parents[1]
ENGINE_LOCALES: Path = PACKAGE / "language" / "locales"
SCHEMAS: Path = PACKAGE / "facts" / "schemas"
TEMPLATES: Path = PACKAGE / "build" / "templates"
VENDOR: Path = PACKAGE / "build" / "vendor"
SRC: Path = REPOSITORY / "src"


# Where things are in a project, relative to its root (README, "Where things are").
LAYOUT: dict[str, str] = {
    "data": "data",
    "datapackage": "data/datapackage.yaml",
    "raw_articles": "data/raw/articles",
    "facts": "data/facts",
    "review": "data/review",
    "notebooks": "notebooks",
    "story_locales": "notebooks/locales",
    "reports": "reports",
    "reports_config": "reports.yml",
    "cache": "reports/.cache",
    "manifest": "reports/manifest.json",
}


@dataclass(frozen=True)
class Project:
    """The files of one project (the fact base, the story notebooks and the reports):
    ``Project(root).data`` and the other names of :data:`LAYOUT`."""

    root: Path

    def __getattr__(self, name: str) -> Path:
        if name in LAYOUT:
            return self.root / LAYOUT[name]
        raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")


_project = Project(Path(os.environ.get("FACTDESK_ROOT") or REPOSITORY).resolve())


def project() -> Project:
    """The project in use."""
    return _project


@contextmanager
def use(root: str | Path) -> Iterator[Project]:
    """Work on the project at ``root`` until the block ends (kernels started meanwhile
    inherit it through ``FACTDESK_ROOT``). What the engine cached about the previous
    project is forgotten on the way in and out."""
    global _project
    previous, env = _project, os.environ.get("FACTDESK_ROOT")
    _project = Project(Path(root).resolve())
    os.environ["FACTDESK_ROOT"] = str(_project.root)
    _forget()
    try:
        yield _project
    finally:
        _project = previous
        if env is None:
            os.environ.pop("FACTDESK_ROOT", None)
        else:
            os.environ["FACTDESK_ROOT"] = env
        _forget()


def _forget() -> None:
    # Engine modules memoise what they read (functools caches); a switch of project clears
    # them all, found by looking, so a new cache cannot be missed.
    for name, module in list(sys.modules.items()):
        if name.startswith("factdesk.") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def __getattr__(name: str) -> Path:
    """``paths.DATA`` and the like: that place in the project in use (PEP 562)."""
    if name == "ROOT":
        return _project.root
    if name.isupper() and name.lower() in LAYOUT:
        return getattr(_project, name.lower())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def data_file(relative: str | Path) -> Path:
    """A path written in a table as ``data/...`` (e.g. ``sources.raw_file``), resolved under
    the project's data folder so a copy of the project is self-contained."""
    parts = Path(relative).parts
    if parts and parts[0] == "data":
        return _project.data.joinpath(*parts[1:])
    return _project.root / relative


def display(path: str | Path) -> str:
    """A path as shown in messages: relative to the project root when it is inside it."""
    try:
        return Path(path).resolve().relative_to(_project.root).as_posix()
    except ValueError:
        return str(path)
