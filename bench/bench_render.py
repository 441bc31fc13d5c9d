"""Report build speed against the naive baseline, measured in the same run.

Baseline: for each report of the matrix, in sequence, the ``papermill`` command and then
``jupyter nbconvert --to html`` (what one would do by hand). factdesk: ``python -m factdesk
render`` (parallel, cached, with images and data downloads on top). Three factdesk builds:
full (empty output folder), no-op (nothing changed) and one changed data file
(data/reference/spaceflights.csv, read only by 03-crew, so 6 of 16 reports re-run).

Prints wall times, ratios and HTML sizes. Targets (issue 5): full build at most half the
baseline's time; no-op under 1 s; each HTML at most plotly.js's size plus 500 KB.

    .venv/bin/python bench/bench_render.py [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factdesk import paths, render

BIN = Path(sys.executable).parent


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    config = render.load_config()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        data = tmp / "data"
        shutil.copytree(paths.DATA, data)
        env = {**os.environ, "FACTDESK_DATA": str(data), "CI": "true"}

        baseline_dir = tmp / "baseline"
        baseline_dir.mkdir()
        start = time.perf_counter()
        for report in config.reports:
            out = baseline_dir / f"{report.language}-{report.name}.ipynb"
            subprocess.run(
                [
                    str(BIN / "papermill"),
                    str(report.source),
                    str(out),
                    "-k",
                    "factdesk",
                    "-p",
                    "language",
                    report.language,
                    "-p",
                    "timezone",
                    report.timezone,
                    "--no-progress-bar",
                ],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            subprocess.run(
                [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out)],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        baseline = time.perf_counter() - start

        out = tmp / "reports"
        cmd = [
            sys.executable,
            "-m",
            "factdesk",
            "render",
            "--jobs",
            str(args.jobs),
            "--out",
            str(out),
        ]
        full = timed(cmd, env)
        noop = timed(cmd, env)
        flights = data / "reference" / "spaceflights.csv"
        flights.write_text(flights.read_text(encoding="utf-8") + "", encoding="utf-8")
        text = flights.read_text(encoding="utf-8")
        flights.write_text(
            text.replace("First flight;", "First flight (bench edit);", 1), encoding="utf-8"
        )
        changed = timed(cmd, env)

        from plotly.offline import get_plotlyjs

        plotly_size = len(get_plotlyjs().encode())
        sizes = sorted((p.stat().st_size, p.relative_to(out)) for p in out.glob("*/*.html"))
        baseline_sizes = sorted(p.stat().st_size for p in baseline_dir.glob("*.html"))

    n = len(config.reports)
    print(f"reports: {n} (jobs={args.jobs}, {os.cpu_count()} cores)")
    print(f"{'build':<34} {'seconds':>8} {'vs baseline':>12}")
    print(f"{'baseline: papermill + nbconvert':<34} {baseline:>8.1f} {'1.00':>12}")
    print(f"{'factdesk full build':<34} {full:>8.1f} {full / baseline:>12.2f}")
    print(f"{'factdesk no-op rebuild':<34} {noop:>8.2f} {noop / baseline:>12.3f}")
    print(f"{'factdesk one data file changed':<34} {changed:>8.1f} {changed / baseline:>12.2f}")
    limit = plotly_size + 500_000
    print(
        f"HTML size: plotly.js {plotly_size / 1e6:.2f} MB; reports "
        f"{sizes[0][0] / 1e6:.2f}-{sizes[-1][0] / 1e6:.2f} MB (largest {sizes[-1][1]}); "
        f"limit {limit / 1e6:.2f} MB; baseline HTML {baseline_sizes[0] / 1e6:.2f}-"
        f"{baseline_sizes[-1] / 1e6:.2f} MB (charts blank offline)"
    )
    print(
        "targets: full <= 0.5 x baseline: "
        + ("met" if full <= baseline / 2 else "NOT met")
        + f"; no-op < 1 s: {'met' if noop < 1 else 'NOT met'}; "
        f"HTML <= plotly.js + 500 KB: {'met' if sizes[-1][0] <= limit else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
