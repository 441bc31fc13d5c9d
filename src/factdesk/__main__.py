"""Command line: ``python -m factdesk check | coverage | render``."""

from __future__ import annotations

import argparse
import sys


def _check(args: argparse.Namespace) -> int:
    from factdesk.validate import check

    problems = check()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the fact base", file=sys.stderr)
        return 1
    print("fact base OK")
    return 0


def _coverage(args: argparse.Namespace) -> int:
    from factdesk import tables
    from factdesk.provenance import coverage, coverage_summary, locate_quotes

    articles = tables.load_articles()
    located = locate_quotes(tables.load_claims(), articles)
    table = coverage(located, articles, tables.load_excused())
    print(coverage_summary(table).to_string(index=False))
    missing = table[table["status"].eq("uncovered")]
    for row in missing.itertuples():
        print(f"uncovered: {row.sentence_id}: {row.text}")
    return 1 if len(missing) else 0


def _render(args: argparse.Namespace) -> int:
    from factdesk.render import main as render_main

    return render_main(args.names, force=args.force, jobs=args.jobs, out=args.out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factdesk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "check", help="validate the fact base; non-zero exit on any problem"
    ).set_defaults(func=_check)
    sub.add_parser(
        "coverage", help="print how many sentences per article are covered"
    ).set_defaults(func=_coverage)
    render = sub.add_parser("render", help="render the reports (papermill + HTML)")
    render.add_argument("names", nargs="*", help="report names (default: all)")
    render.add_argument("--force", action="store_true", help="re-render even if up to date")
    render.add_argument("--jobs", type=int, default=2, help="reports rendered in parallel")
    render.add_argument("--out", default=None, help="reports folder (default: reports/)")
    render.set_defaults(func=_render)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
