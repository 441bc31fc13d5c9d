"""A scratch copy of the project for tests: data, notebooks, reports.yml and the committed
reports, under ``tmp_path``. Commands run on the copy, so no test ever writes into the real
``data/`` or ``reports/``: in this process with ``paths.use`` (the engine's paths are a
configuration object), except ``render``, which runs in a subprocess with ``FACTDESK_ROOT``
pointing at the copy (its kernels and worker processes inherit it).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import yaml

from factdesk import paths
from factdesk.build import config
from factdesk.facts import schema
from factdesk.language import catalog

COPIED = ("data", "notebooks", "reports.yml")

# Commands a test runs in its own process (``render`` starts kernels and worker processes:
# it runs in a subprocess, as a reporter runs it).
IN_PROCESS = ("check", "status", "coverage", "diff", "add-article")

# Language codes Babel knows, tried in this order where a test needs one that the project
# does not use (a throwaway language, an unknown one, one without a catalog).
SPARE_LANGUAGES = ("de", "fr", "sv", "es", "it", "pt", "da", "pl", "cs", "fi", "el", "hu")


def languages() -> tuple[str, ...]:
    """The report languages of the real reports.yml."""
    return config.load().languages


def base_language() -> str:
    """The language the fact base is written in (data/datapackage.yaml)."""
    return schema.package().base_language


def other_languages() -> tuple[str, ...]:
    """The report languages besides the base language."""
    return tuple(lang for lang in languages() if lang != base_language())


def spare_language(*taken: str) -> str:
    """A language Babel knows that reports.yml does not list and that has no catalog."""
    for language in SPARE_LANGUAGES:
        if (
            language not in (*languages(), *taken)
            and catalog.known_locale(language)
            and not catalog.files(language)
        ):
            return language
    raise AssertionError(f"every one of {SPARE_LANGUAGES} is in use: add a code to the list")


def settings() -> dict:
    """reports.yml as plain data (``yaml.safe_load``), keys in the order the engine reads."""
    loaded = yaml.safe_load(paths.REPORTS_CONFIG.read_text(encoding="utf-8"))
    order = [*config.KEYS, *(k for k in loaded if k not in config.KEYS)]
    return {k: loaded[k] for k in order if k in loaded}


def _flow(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def config_text(data: dict) -> str:
    """reports.yml for ``data`` (as :func:`settings` returns it) in one fixed layout: lists in
    flow style on the key's line, each notebook on its own line with its settings below. Tests
    edit the data, write it with this, and find what they changed by its text."""
    lines = []
    for key, value in data.items():
        if key == "notebooks" and isinstance(value, dict):
            lines.append("notebooks:")
            for name, spec in value.items():
                lines.append(f"  {name}:")
                for setting, item in (spec or {}).items():
                    lines.append(f"    {setting}: {_flow(item)}".rstrip())
        else:
            lines.append(f"{key}: {_flow(value)}".rstrip())
    return "\n".join(lines) + "\n"


@dataclass
class Project:
    root: Path

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
        return {**env, "FACTDESK_ROOT": str(self.root), "CI": "true", **extra}

    def run(self, *args: str, timeout: float = 900, **extra: str) -> subprocess.CompletedProcess:
        """``python -m factdesk ARGS`` on this copy: in this process (:meth:`call`) except
        ``render`` (:meth:`spawn`)."""
        if args and args[0] in IN_PROCESS:
            return self.call(*args, **extra)
        return self.spawn(*args, timeout=timeout, **extra)

    def call(self, *args: str, **extra: str) -> subprocess.CompletedProcess:
        """``python -m factdesk ARGS`` run by ``factdesk.__main__.main`` in this process, with
        the project's paths pointing at this copy and its output captured."""
        from factdesk.__main__ import main

        out, err = io.StringIO(), io.StringIO()
        with (
            mock.patch.dict(os.environ, {"CI": "true", **extra}),
            paths.use(self.root),
            contextlib.chdir(self.root),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 1
        return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())

    def spawn(self, *args: str, timeout: float = 900, **extra: str) -> subprocess.CompletedProcess:
        """``python -m factdesk ARGS`` on this copy, in a new interpreter."""
        return subprocess.run(
            [sys.executable, "-m", "factdesk", *args],
            capture_output=True,
            text=True,
            env=self.env(**extra),
            cwd=self.root,
            timeout=timeout,
        )

    def path(self, relative: str) -> Path:
        return self.root / relative

    def snapshot(self) -> dict[str, str]:
        """SHA-256 of every file under reports/ (the render cache excluded)."""
        return {
            p.relative_to(self.reports).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.reports.rglob("*"))
            if p.is_file() and ".cache" not in p.parts
        }

    def rows(self, relative: str) -> tuple[list[str], list[dict[str, str]]]:
        with open(self.path(relative), newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            return list(reader.fieldnames or []), list(reader)

    def write_rows(self, relative: str, header: list[str], rows: list[dict[str, str]]) -> None:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        self.path(relative).write_text(buf.getvalue(), encoding="utf-8")

    def write_config(self, data: dict) -> None:
        """Replace reports.yml with ``data`` (see :func:`config_text`)."""
        self.path("reports.yml").write_text(config_text(data), encoding="utf-8")

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> None:
        text = self.path(relative).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        self.path(relative).write_text(text.replace(old, new, count), encoding="utf-8")


def at(text: str, needle: str, nth: int = 1, offset: int = 0) -> str:
    """``line:column`` (1-based) of the ``nth`` occurrence of ``needle`` in ``text``, the
    column moved right by ``offset``."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column + offset}"


def key_at(text: str, notebook: str, nth: int = 1) -> str:
    """``line:column`` of the ``nth`` key ``notebook`` under ``notebooks:``."""
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == f"  {notebook}:"]
    return f"{lines[nth - 1]}:3"


def config_edited(old: str, new: str) -> str:
    """The real settings' text (:func:`config_text`) with its first ``old`` made ``new``."""
    text = config_text(settings())
    assert old in text, old
    return text.replace(old, new, 1)


def config_changed(change: Callable[[dict], object]) -> str:
    """The text of the real settings after ``change(data)``."""
    data = settings()
    change(data)
    return config_text(data)


def notebook_spec(data: dict, notebook: str) -> dict:
    """A notebook's settings in ``data`` (created when it has none)."""
    data["notebooks"][notebook] = data["notebooks"][notebook] or {}
    return data["notebooks"][notebook]


def copy_project(target: Path, with_reports: bool = True, with_builds: bool = False) -> Project:
    """Copy the project (``paths.ROOT``: the repository, or the copy ``FACTDESK_ROOT`` names
    when the suite runs on one) into ``target``: the executed reports and their manifest
    always; with ``with_builds`` also the HTML, images, downloads and caches of the last real
    build."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = paths.ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
        else:
            shutil.copy2(source, target / name)
    if with_reports:
        if with_builds:
            shutil.copytree(paths.ROOT / "reports", target / "reports")
        else:
            reports = target / "reports"
            for nb in (paths.ROOT / "reports").glob("*/*.ipynb"):
                (reports / nb.parent.name).mkdir(parents=True, exist_ok=True)
                shutil.copy2(nb, reports / nb.parent.name / nb.name)
            shutil.copy2(paths.ROOT / "reports" / "manifest.json", reports / "manifest.json")
    return Project(target)
