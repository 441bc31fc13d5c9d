"""Report build speed and size against the naive baseline, measured in the same run.

Baseline: for each report of the matrix, one after another, the ``papermill`` command and
then ``jupyter nbconvert --to html`` (what one would do by hand). factdesk
(``python -m factdesk render``) on a scratch copy of the project:

* forced full build: every output deleted first (HTML pages, images, downloads, index and
  every cache), then ``render --force``: every report executed, every page exported, every
  chart image drawn, index and downloads written;
* no-op: nothing changed (the whole ``make reports`` step, Python start-up included);
* one data file changed (data/reference/spaceflights.csv, a real edit of one flight's
  note): only the reports that read it re-run, only images whose figure changed are drawn.

The baseline and the forced build alternate (``--rounds``) so that load from other processes
hits both; the ratio of the medians is reported. Targets (issue 11): forced full build at most
0.25 x the baseline; no-op under 0.5 s; the one-file rebuild re-runs only its dependents and
draws no unchanged image; every HTML report at most 1.5 MB.

    .venv/bin/python bench/bench_render.py [--jobs 2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from project import copy_project  # noqa: E402

from factdesk.build import config  # noqa: E402

BIN = Path(sys.executable).parent
LIMIT = 1_500_000


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd[1:])} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start, done.stdout + done.stderr


def baseline(project, out: Path) -> float:
    """papermill then nbconvert, report by report, on the same copy of the project."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    env = project.env()
    start = time.perf_counter()
    for report in config.load().reports:
        target = out / f"{report.language}-{report.name}.ipynb"
        subprocess.run(
            [str(BIN / "papermill"), str(project.root / "notebooks" / f"{report.notebook}.ipynb"),
             str(target), "-k", "factdesk", "-p", "language", report.language, "-p", "timezone",
             report.timezone, "-p", "publish", "True", "--no-progress-bar"],
            check=True, env=env, cwd=project.root, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(target)],
            check=True, env=env, cwd=project.root, capture_output=True,
        )  # fmt: skip
    return time.perf_counter() - start


def delete_outputs(reports: Path) -> None:
    """Everything a build writes except the committed executed reports and manifest."""
    for page in [*reports.glob("*.html"), *reports.glob("*/*.html")]:
        page.unlink()
    for folder in [reports / "data", reports / ".cache", *reports.glob("*/img")]:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    render = [sys.executable, "-m", "factdesk", "render", "--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        project = copy_project(tmp / "project")
        env, cwd = project.env(), project.root
        timed(render, env, cwd)  # bring the copy up to date once (and warm the disk cache)
        bases, fulls = [], []
        for _ in range(args.rounds):
            bases.append(baseline(project, tmp / "baseline"))
            delete_outputs(project.reports)
            fulls.append(timed([*render, "--force"], env, cwd)[0])
        base, full = statistics.median(bases), statistics.median(fulls)
        noop = statistics.median(timed(render, env, cwd)[0] for _ in range(3))
        flights = project.path("data/reference/spaceflights.csv")
        text = flights.read_text(encoding="utf-8")
        flights.write_text(text.replace("Seradata 0435 GMT", "Seradata: 0435 GMT", 1))
        images_before = len(list((project.reports / ".cache" / "img").glob("*")))
        changed, log = timed(render, env, cwd)
        images_after = len(list((project.reports / ".cache" / "img").glob("*")))
        summary = re.search(r"reports: (\d+) rendered, (\d+) exported", log)
        sizes = sorted((p.stat().st_size, p.relative_to(project.reports).as_posix())
                       for p in project.reports.glob("*/*.html"))  # fmt: skip
        baseline_sizes = sorted(p.stat().st_size for p in (tmp / "baseline").glob("*.html"))

    n = len(config.load().reports)
    print(f"reports: {n} (jobs={args.jobs}, {os.cpu_count()} cores, {args.rounds} rounds)")
    print(f"{'build':<40} {'seconds':>8} {'vs baseline':>12}")
    print(f"{'baseline: papermill + nbconvert':<40} {base:>8.1f} {'1.00':>12}")
    print(f"{'forced full build from deleted outputs':<40} {full:>8.1f} {full / base:>12.2f}")
    print("  (every report executed, page exported, image drawn; index and downloads written)")
    print(f"{'factdesk no-op build':<40} {noop:>8.2f} {noop / base:>12.3f}")
    print(f"{'factdesk one data file changed':<40} {changed:>8.1f} {changed / base:>12.2f}")
    print(f"  rounds: baseline {', '.join(f'{b:.1f}' for b in bases)} s; "
          f"forced {', '.join(f'{f:.1f}' for f in fulls)} s")  # fmt: skip
    reran, drawn = int(summary.group(1)), (images_after - images_before) // 2
    print(f"  one file changed: {reran} reports re-ran (the 6 crew reports read it), "
          f"{drawn} new images drawn (its figures did not change)")  # fmt: skip
    print(f"HTML size: {sizes[0][0] / 1e6:.2f}-{sizes[-1][0] / 1e6:.2f} MB (largest "
          f"{sizes[-1][1]}); baseline nbconvert {baseline_sizes[0] / 1e6:.2f}-"
          f"{baseline_sizes[-1] / 1e6:.2f} MB")  # fmt: skip
    targets = [
        ("forced full build <= 0.25 x baseline", full <= 0.25 * base),
        ("no-op < 0.5 s", noop < 0.5),
        ("one file: only its 6 dependents re-run, no unchanged image drawn",
         reran == 6 and drawn == 0),
        ("every HTML <= 1.5 MB", sizes[-1][0] <= LIMIT),
    ]  # fmt: skip
    for name, ok in targets:
        print(f"target {name}: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
