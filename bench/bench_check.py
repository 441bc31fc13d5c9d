"""Validation time of synthetic fact bases of 1k, 10k and 100k claims.

Each fact base has proportionally many articles (50 claims per article, as in the real data)
built from the real English article with a numbered marker sentence, so every claim's quote
is a real span of its own article. Prints wall time per size and the growth ratio per 10x
(about 10 means linear), for a first check (every article cleaned) and a re-check (cleaned
articles reused from the cache, as ``make check`` and ``render`` do). Target (issue 3): 100k
claims validate in under 10 s here on the first check.

    .venv/bin/python bench/bench_check.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from factdesk import paths
from factdesk.facts import tables

CLAIMS_PER_ARTICLE = 50
TIMER = (
    "import time, sys; from factdesk import paths; from factdesk.facts.check import check; "
    "t = time.perf_counter(); found = check(with_coverage=False, cache=paths.CACHE); "
    "print(time.perf_counter() - t); "
    "errors = [str(p) for p in found if p.severity == 'error']; "
    "sys.exit('\\n'.join(errors[:5]) if errors else 0)"
)


def _launch_time() -> str:
    """The record's launch time, in Dutch time (what each synthetic claim states)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    row = tables.raw("record").frame.set_index("record_id").loc["ms19-launch"]
    moment = datetime.fromisoformat(row["value_time"]).astimezone(ZoneInfo("Europe/Amsterdam"))
    return moment.isoformat()


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(root: Path, n_claims: int) -> Path:
    launch = _launch_time()
    """A synthetic project under ``root`` with ``n_claims`` claims (the real record,
    entities, schemas, notebooks and reports.yml; synthetic articles and claims)."""
    shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("articles"))
    shutil.copytree(paths.NOTEBOOKS, root / "notebooks")
    shutil.copy(paths.REPORTS_CONFIG, root / "reports.yml")
    raw = root / "data" / "raw" / "articles"
    raw.mkdir(parents=True)
    base_text = (paths.RAW_ARTICLES / "en-ms19-launch.txt").read_text(encoding="utf-8")
    header = {n: list(tables.raw(n).header) for n in ("sources", "claims", "verdicts")}
    sources, claims, verdicts = [], [], []
    for a in range(max(1, n_claims // CLAIMS_PER_ARTICLE)):
        sid = f"syn-{a:05d}"
        path = raw / f"{sid}.txt"
        path.write_text(f"Synthetic article number {a}.\n\n{base_text}", encoding="utf-8")
        sources.append({"source_id": sid, "language": "en", "label@en": f"Article {a}",
                        "label@nl": f"Artikel {a}", "published": "2021-10-05",
                        "published_precision": "day", "published_basis": "synthetic",
                        "notes": "Outlet and URL unknown: a synthetic article.",
                        "raw_file": f"data/raw/articles/{sid}.txt",
                        "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})  # fmt: skip
        for c in range(CLAIMS_PER_ARTICLE):
            cid = f"{sid}-{c:03d}"
            claims.append({"claim_id": cid, "source_id": sid,
                           "quote": f"Synthetic article number {a}.",
                           "statement": "A synthetic claim.", "topic": "mission",
                           "subject": "soyuz-ms-19", "claim_type": "time", "checkable": "true",
                           "value_time": launch,
                           "value_timezone": "Europe/Amsterdam"})  # fmt: skip
            verdicts.append({"claim_id": cid, "verdict": "accurate", "basis": "confirmed",
                             "record_ids": "ms19-launch", "explanation@en": "ok",
                             "explanation@nl": "ok"})  # fmt: skip
    facts = root / "data" / "facts"
    _write(facts / "sources.csv", header["sources"], sources)
    _write(facts / "claims.csv", header["claims"], claims)
    _write(facts / "verdicts.csv", header["verdicts"], verdicts)
    _write(facts / "excused.csv", ["sentence_id", "reason"], [])
    reconciliation = list(tables.raw("reconciliation").header)
    _write(facts / "reconciliation.csv", reconciliation, [])
    corrections = list(tables.raw("corrections").header)
    _write(facts / "corrections.csv", corrections, [])
    return root


def timed_check(root: Path) -> float:
    env = {**os.environ, "FACTDESK_ROOT": str(root)}
    done = subprocess.run([sys.executable, "-c", TIMER], env=env, capture_output=True,
                          text=True)  # fmt: skip
    if done.returncode:
        raise SystemExit(f"the synthetic fact base is not valid:\n{done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            root = build(Path(tmp) / f"n{n}", n)
            first = timed_check(root)  # every article cleaned (an empty cache)
            again = timed_check(root)  # the articles' cleaned form reused from the cache
            results.append((n, first, again))
    print(f"{'claims':>8} {'articles':>9} {'first':>8} {'growth':>7} {'re-check':>9}")
    previous = None
    for n, first, again in results:
        growth = f"{first / previous:.1f}x" if previous else "-"
        print(f"{n:>8} {n // CLAIMS_PER_ARTICLE:>9} {first:>8.2f} {growth:>7} {again:>9.2f}")
        previous = first
    n, first, again = results[-1]
    print(
        f"largest: {n} claims, first check {first:.2f} s (target < 10 s): "
        f"{'met' if first < 10 else 'NOT met'}; re-check with cleaned articles cached "
        f"{again:.2f} s"
    )


if __name__ == "__main__":
    main()
