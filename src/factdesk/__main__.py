"""Command line: ``python -m factdesk check | status | coverage | render | diff | add-article``.

Every command reports a mistake in the data or the configuration as one
``file:line:column: message`` per problem and exits non-zero; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import sys


def _check(args: argparse.Namespace) -> int:
    from factdesk import paths
    from factdesk.facts.check import check, summary

    found = check(cache=paths.CACHE)
    for problem in found:
        print(problem)
    print(summary(found), file=sys.stderr)
    return 1 if any(p.severity == "error" for p in found) else 0


def _status(args: argparse.Namespace) -> int:
    from factdesk.facts.status import main

    return main()


def _coverage(args: argparse.Namespace) -> int:
    from factdesk.facts import coverage, tables

    articles = tables.articles()
    located = coverage.locate_quotes(tables.load("claims"), articles)
    table = coverage.coverage(located, articles, tables.load("excused"))
    print(coverage.coverage_summary(table).to_string(index=False))
    missing = table[table["status"].eq("uncovered")]
    for row in missing.itertuples():
        print(f"uncovered: {row.sentence_id}: {row.text}")
    return 1 if len(missing) else 0


def _render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from factdesk.build.render import Options, main

    out = Path(args.out).resolve() if args.out else None
    return main(Options(tuple(args.names), args.force, args.jobs, out, args.language,
                        args.publish_only, args.dry_run))  # fmt: skip


def _diff(args: argparse.Namespace) -> int:
    from factdesk.diff.facts import main

    return main(args.rev, markdown=args.markdown)


def _add_article(args: argparse.Namespace) -> int:
    from factdesk.intake.add_article import main

    return main(args.file, args.id, args.language, args.published)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factdesk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the fact base and reports.yml").set_defaults(
        func=_check
    )
    sub.add_parser("status", help="what is left to do, per article and language").set_defaults(
        func=_status
    )
    sub.add_parser("coverage", help="how many sentences per article a claim covers").set_defaults(
        func=_coverage
    )
    render = sub.add_parser("render", help="render the reports (papermill + one-file HTML)")
    render.add_argument("names", nargs="*", help="report names (default: all)")
    render.add_argument("--force", action="store_true", help="re-run even if up to date")
    render.add_argument("--jobs", type=int, default=2, help="reports rendered in parallel")
    render.add_argument("--out", default=None, help="reports folder (default: reports/)")
    render.add_argument("--language", default=None, help="only the reports in this language")
    render.add_argument(
        "--publish-only", action="store_true", help="only the index and data downloads"
    )
    render.add_argument(
        "--dry-run", action="store_true", help="print what would run and why; change nothing"
    )
    render.set_defaults(func=_render)
    diff = sub.add_parser("diff", help="what changed in the fact tables since a git revision")
    diff.add_argument("rev", nargs="?", default="HEAD", help="git revision (default: HEAD)")
    diff.add_argument("--markdown", action="store_true", help="Markdown for a pull request")
    diff.set_defaults(func=_diff)
    add = sub.add_parser("add-article", help="add a new source article and its review sheet")
    add.add_argument("file", help="the article as received (plain text, UTF-8)")
    add.add_argument("--id", required=True, help="source id, e.g. de-spiegel-launch")
    add.add_argument("--language", required=True, help="language code, e.g. de")
    add.add_argument(
        "--published", default=None, help="publication date YYYY-MM-DD, if known (resolves dates)"
    )
    add.set_defaults(func=_add_article)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
