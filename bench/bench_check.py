"""Validation time of synthetic fact bases of 1k, 10k and 100k claims.

Each fact base has proportionally many articles (50 claims per article, as in the real data)
built from the real English article with a numbered marker sentence, so every claim's quote
is a real span of its own article. Prints wall time per size and the growth ratio per 10x
(about 10 means linear). Target (issue 3): 100k claims validate in under 10 s here.

    .venv/bin/python bench/bench_check.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import tempfile
import time
from pathlib import Path

from factdesk import paths
from factdesk.validate import FactBase, check

CLAIMS_PER_ARTICLE = 50


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build(root: Path, n_claims: int) -> FactBase:
    """A synthetic fact base under ``root`` with ``n_claims`` claims."""
    facts, reference, raw = root / "facts", root / "reference", root / "raw"
    for folder in (facts, reference, raw):
        folder.mkdir(parents=True)
    for name in ("record.csv", "spaceflights.csv", "iss_crew.csv"):
        shutil.copy(paths.REFERENCE / name, reference / name)
    shutil.copy(paths.ENTITIES_CSV, facts / "entities.csv")
    base_text = (paths.RAW_ARTICLES / "en-ms19-launch.txt").read_text(encoding="utf-8")
    n_articles = max(1, n_claims // CLAIMS_PER_ARTICLE)
    sources, claims, verdicts, excused = [], [], [], []
    for a in range(n_articles):
        sid = f"syn-{a:05d}"
        text = f"Synthetic article number {a}.\n\n{base_text}"
        path = raw / f"{sid}.txt"
        path.write_text(text, encoding="utf-8")
        sources.append(
            [
                sid,
                "en",
                "",
                "2021-10-05",
                "day",
                "",
                "",
                "",
                str(path.relative_to(root.parent)),
                "",
                hashlib.sha256(path.read_bytes()).hexdigest(),
                "",
            ]
        )
        for c in range(CLAIMS_PER_ARTICLE):
            cid = f"{sid}-{c:03d}"
            claims.append(
                [
                    cid,
                    sid,
                    f"Synthetic article number {a}.",
                    "A synthetic claim.",
                    "mission",
                    "soyuz-ms-19",
                    "time",
                    "true",
                    "430",
                    "km",
                    "2021-10-05T14:15:00+02:00",
                    "Europe/Amsterdam",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            verdicts.append([cid, "accurate", "ms19-launch", "ok", "ok"])
    header = tables_header()
    _write(facts / "sources.csv", header["sources"], sources)
    _write(facts / "claims.csv", header["claims"], claims)
    _write(facts / "verdicts.csv", header["verdicts"], verdicts)
    _write(facts / "excused.csv", ["sentence_id", "reason"], excused)
    _write(facts / "reconciliation.csv", header["reconciliation"], [])
    return FactBase(
        sources=facts / "sources.csv",
        claims=facts / "claims.csv",
        entities=facts / "entities.csv",
        excused=facts / "excused.csv",
        reconciliation=facts / "reconciliation.csv",
        verdicts=facts / "verdicts.csv",
        record=reference / "record.csv",
        spaceflights=reference / "spaceflights.csv",
        iss_crew=reference / "iss_crew.csv",
        root=root.parent,
        with_coverage=False,
    )


def tables_header() -> dict[str, list[str]]:
    from factdesk.tables import read_raw

    return {
        name: list(read_raw(paths.FACTS / f"{name}.csv").header)
        for name in ("sources", "claims", "verdicts", "reconciliation")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    check()  # warm-up: imports and the real fact base, so the first size is not penalised
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            root = Path(tmp) / f"n{n}" / "data"
            base = build(root, n)
            start = time.perf_counter()
            problems = check(base)
            seconds = time.perf_counter() - start
            assert not problems, [str(p) for p in problems[:5]]
            results.append((n, seconds))
    print(f"{'claims':>8} {'articles':>9} {'seconds':>8} {'growth':>7}")
    previous = None
    for n, seconds in results:
        growth = f"{seconds / previous[1]:.1f}x" if previous else "-"
        print(f"{n:>8} {n // CLAIMS_PER_ARTICLE:>9} {seconds:>8.2f} {growth:>7}")
        previous = (n, seconds)
    n, seconds = results[-1]
    print(
        f"largest: {n} claims in {seconds:.2f} s (target < 10 s): "
        f"{'met' if seconds < 10 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
