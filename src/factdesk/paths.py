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


@dataclass(frozen=True)
class Project:
    """The files of one project: the fact base, the story notebooks and the reports."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def datapackage(self) -> Path:
        return self.data / "datapackage.yaml"

    @property
    def raw_articles(self) -> Path:
        return self.data / "raw" / "articles"

    @property
    def facts(self) -> Path:
        return self.data / "facts"

    @property
    def review(self) -> Path:
        return self.data / "review"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def story_locales(self) -> Path:
        return self.notebooks / "locales"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def reports_config(self) -> Path:
        return self.root / "reports.yml"

    @property
    def cache(self) -> Path:
        return self.reports / ".cache"

    @property
    def manifest(self) -> Path:
        return self.reports / "manifest.json"


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
    """``paths.DATA`` and the like: the attribute of the project in use (PEP 562)."""
    attribute = name.lower()
    if name.isupper() and isinstance(getattr(Project, attribute, None), property):
        return getattr(_project, attribute)
    if name == "ROOT":
        return _project.root
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
