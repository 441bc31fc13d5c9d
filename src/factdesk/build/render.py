"""``python -m factdesk render``: bring every report, page, image and download up to date.

1. ``reports.yml`` is validated; then, holding the render lock (one render at a time), the
   temporary files of a killed render are removed and the fact base is checked. Any problem
   stops the build before anything is written: nothing invalid is published.
2. Reports whose inputs changed (:mod:`factdesk.build.manifest`) run in a process pool.
3. Pages whose notebook or shown data changed are exported (:mod:`factdesk.build.export`); their
   charts that changed are drawn (:mod:`factdesk.build.images`).
4. The index and the data downloads are rebuilt when their inputs changed.

The summary line counts what happened; the exit status is non-zero if anything failed.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from factdesk import paths
from factdesk.build import config as configuration
from factdesk.build import manifest, steps
from factdesk.build.config import Config, Report
from factdesk.build.progress import Progress
from factdesk.build.writing import BuildError, remove_stale_temps, render_lock
from factdesk.facts import schema
from factdesk.problems import DataError, errors


@dataclass(frozen=True)
class Options:
    """What ``render`` is asked to do (the command line's options, as one object)."""

    names: tuple[str, ...] = ()  # report names (default: all)
    force: bool = False  # every step re-run, every page re-exported, every image redrawn
    jobs: int = 2  # reports rendered in parallel
    out: Path | None = None  # reports folder (default: the project's reports/)
    language: str | None = None  # only the reports in this language
    publish_only: bool = False  # only the index and the data downloads
    dry_run: bool = False  # say what would run and why; change nothing


@dataclass
class Outcome:
    report: Report
    status: str  # rendered | exported | up to date | failed
    error: str = ""
    warnings: list[str] = field(default_factory=list)


def _digest(files: Iterable[Path]) -> str:
    """One hash of the files' names (as the manifest writes them) and contents, in the order
    of those names: never of absolute paths, which sort differently wherever a copy sits."""
    digest = hashlib.sha256()
    for name, file in sorted({manifest.relative(f): f for f in files}.items()):
        digest.update(name.encode())
        digest.update(manifest.file_hash(file).encode())
    return digest.hexdigest()


def _fact_base_files() -> list[Path]:
    roots = [paths.DATA, paths.SCHEMAS, paths.ENGINE_LOCALES, paths.STORY_LOCALES, paths.NOTEBOOKS]
    roots.append(paths.PACKAGE / "language" / "words")
    found = [p for root in roots for p in root.rglob("*") if p.is_file()]
    return found + [paths.REPORTS_CONFIG, *steps.code("check")]


def _check_stamp(out: Path) -> tuple[str, dict]:
    """The digest of the check step's inputs now, and what the last check recorded."""
    return _digest(_fact_base_files()), manifest.load(out)["check"]


def validate(out: Path, force: bool = False) -> list[str]:
    """Check the fact base (skipped when exactly these bytes passed before, unless forced);
    return its warnings, which are shown on every render."""
    digest, cached = _check_stamp(out)
    if cached.get("passed") == digest and not force:
        return cached.get("warnings", [])
    from factdesk.facts.check import check

    found = check(cache=out / ".cache")
    if errors(found):
        raise DataError(errors(found))
    warnings = [str(p) for p in found]
    manifest.record(out, "check", {"passed": digest, "warnings": warnings}, merge=False)
    return warnings


def select(config: Config, names: Iterable[str], language: str | None) -> list[Report]:
    """Reports whose notebook, name or ``language/name`` key is in ``names`` (all if empty)."""
    wanted = list(names)
    chosen = [
        r
        for r in config.reports
        if (not wanted or {r.notebook, r.name, r.key} & set(wanted))
        and (language is None or r.language == language)
    ]
    unknown = [
        n for n in wanted if not any(n in (r.notebook, r.name, r.key) for r in config.reports)
    ]
    if unknown:
        valid = sorted({r.notebook for r in config.reports} | {r.key for r in config.reports})
        raise BuildError(f"unknown report(s): {', '.join(unknown)}; valid: {', '.join(valid)}")
    if language and language not in config.languages:
        raise BuildError(
            f"unknown language {language!r}; reports.yml lists {', '.join(config.languages)}"
        )
    return chosen


def _quiet_kernels() -> None:
    """Workers send their stderr (inherited by kernels) to /dev/null: ipykernel logs transport
    warnings and shutdown noise there; cell errors reach us as messages anyway."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _run(report: Report, base: str) -> tuple[Report, dict | None, list[str], str]:
    """Worker: execute one report. Never raises."""
    from factdesk.build.execute import execute

    try:
        read, warnings = execute(report, base)
        return report, read, warnings, ""
    except BuildError as exc:
        return report, None, [], str(exc)
    except Exception as exc:  # noqa: BLE001 - one failing report must not stop the others
        return report, None, [], f"{report.key}: {type(exc).__name__}: {exc}"


def _export(report: Report, page) -> tuple[Report, list, list, list[str], str]:
    """Worker: export one page. Never raises."""
    from factdesk.build.export import export

    try:
        outputs, figures, warnings = export(report, page)
        return report, outputs, figures, warnings, ""
    except BuildError as exc:
        return report, [], [], [], str(exc)
    except Exception as exc:  # noqa: BLE001
        return report, [], [], [], f"{report.key}: export: {type(exc).__name__}: {exc}"


def _parallel(pool, fn: Callable, tasks: list[tuple], progress: Progress, label: str):
    futures = [pool.submit(fn, *task) for task in tasks]
    for future in futures:
        result = future.result()
        progress.step(f"{label} {result[0].key}")
        yield result


def _dry_run(config: Config, reports: list[Report], recorded: dict, force: bool) -> list[Outcome]:
    """What a render would do and why, without doing it (``render --dry-run``)."""
    from factdesk.build import pages

    outcomes = {}
    digest, cached = _check_stamp(config.out)
    if force or cached.get("passed") != digest:  # the check runs first; a dry run does not run it
        step = Report("fact-base", "-", "-", "-", config.out)
        why = "forced" if force else "the fact base or its rules changed"
        outcomes[step.key] = Outcome(step, "would check", why)
    for report in reports:
        reason = "forced" if force else manifest.stale_reason(report, recorded.get(report.key))
        if reason:
            outcomes[report.key] = Outcome(report, "would render", reason)
    for report, reason in pages.stale(config, reports, {}, force):
        outcomes.setdefault(report.key, Outcome(report, "would export", reason))
    found = [o for o in outcomes.values() if o.report.language == "-"]
    found += [outcomes.get(r.key, Outcome(r, "up to date")) for r in reports]
    reason = "forced" if force else pages.publish_reason(config)
    if reason:  # the index and the downloads
        found.append(
            Outcome(Report("index+downloads", "-", "-", "-", config.out), "would publish", reason)
        )
    return found


def render(options: Options = Options()) -> list[Outcome]:
    """Bring the selected reports up to date; return what happened to each (a failed
    image or publishing step is an outcome too, so the summary is always complete)."""
    from factdesk.build import pages

    force, publish_only = options.force, options.publish_only
    config = configuration.load(out=options.out)
    reports = select(config, options.names, options.language)
    base = schema.package().base_language
    outcomes: dict[str, Outcome] = {}
    if options.dry_run:  # plans and says why, without checking or writing anything
        recorded = manifest.load(config.out)["reports"]
        return _dry_run(config, reports, recorded, force)
    with render_lock(config.out):
        remove_stale_temps(config.out)
        for warning in validate(config.out, force):
            print(warning, file=sys.stderr)
        recorded = manifest.load(config.out)["reports"]
        stale = [] if publish_only else [
            r for r in reports if force or manifest.stale_reason(r, recorded.get(r.key))
        ]  # fmt: skip
        progress = Progress(len(stale) + len(reports))
        figures = []
        workers = max(1, options.jobs)
        with ProcessPoolExecutor(max_workers=workers, initializer=_quiet_kernels) as pool:
            for report, read, warnings, error in _parallel(
                pool, _run, [(r, base) for r in stale], progress, "ran"
            ):
                if error:
                    outcomes[report.key] = Outcome(report, "failed", error)
                    continue
                recorded[report.key] = manifest.entry(report, read)
                outcomes[report.key] = Outcome(report, "rendered", warnings=warnings)
            manifest.record(config.out, "reports", recorded)
            exports = pages.plan(config, [] if publish_only else reports, outcomes, force)
            for report, outputs, found, warnings, error in _parallel(
                pool, _export, exports, progress, "page"
            ):
                if error:
                    outcomes[report.key] = Outcome(report, "failed", error)
                    continue
                pages.done(config, report, outputs, outcomes)
                figures += found
                outcome = outcomes.setdefault(report.key, Outcome(report, "exported"))
                outcome.warnings += warnings
        progress.close()
        for report in reports:
            outcomes.setdefault(report.key, Outcome(report, "up to date"))
        todo = [("images", lambda: _images(config, figures, force)),
                ("index", lambda: pages.publish_if_stale(config, force))]  # fmt: skip
        for name, step in todo:
            try:
                step()
            except BuildError as exc:
                step_report = Report(name, "-", "-", "-", config.out)
                outcomes[name] = Outcome(step_report, "step failed", str(exc))
    order = {r.key: i for i, r in enumerate(reports)}
    return sorted(outcomes.values(), key=lambda o: order.get(o.report.key, len(order)))


def _images(config: Config, figures: list, force: bool = False) -> None:
    if figures:
        from factdesk.build.images import write_images

        figures = sorted(figures, key=lambda f: str(f[0]))
        write_images(figures, config.out / ".cache" / "img", redraw=force, out=config.out)


def main(options: Options = Options()) -> int:
    """CLI entry: render, print problems, failures and a one-line summary."""
    start = time.perf_counter()
    warnings.formatwarning = lambda message, category, *_, **__: (
        f"warning: {category.__name__}: {message}\n"
    )  # what is missing, never a source line of the engine
    try:
        outcomes = render(options)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"error: {len(exc.problems)} problem(s); nothing was rendered or published "
            "(python -m factdesk check lists them)",
            file=sys.stderr,
        )
        return 1
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if options.dry_run:
        for outcome in outcomes:
            report = outcome.report
            key = report.key if report.language != "-" else report.notebook  # a step
            print(f"{outcome.status:>13}  {key}  {outcome.error}".rstrip())
        return 0
    counts = {
        s: sum(o.status == s for o in outcomes)
        for s in ("rendered", "exported", "up to date", "failed")
    }
    for outcome in outcomes:
        for warning in dict.fromkeys(outcome.warnings):
            print(f"warning: {outcome.report.key}: {warning}", file=sys.stderr)
        if outcome.status in ("failed", "step failed"):
            print(f"FAILED {outcome.error}", file=sys.stderr)
    seconds = time.perf_counter() - start
    steps = [o.report.notebook for o in outcomes if o.status == "step failed"]
    nothing = not counts["rendered"] and not counts["exported"] and not counts["failed"]
    print(
        f"reports: {counts['rendered']} rendered, {counts['exported']} exported, "
        f"{counts['up to date']} up to date, {counts['failed']} failed, {seconds:.1f} s"
        + (f"; failed steps: {', '.join(steps)}" if steps else "")
        + (" (nothing to do)" if nothing and not steps else "")
    )
    return 1 if counts["failed"] or steps else 0
