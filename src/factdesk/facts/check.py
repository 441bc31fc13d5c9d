"""``python -m factdesk check``: the whole fact base and ``reports.yml``, every problem at once.

Order: each table against its schema (:mod:`factdesk.facts.validate`), then what crosses tables
(:mod:`factdesk.facts.integrity`), the report configuration (:mod:`factdesk.build.config`), the
articles and quotes (:mod:`factdesk.facts.verbatim`; the articles are cleaned from when the
sources table is read), then the rules on what the rows say (:mod:`factdesk.facts.figures`,
:mod:`factdesk.facts.verdict_rules` and others). A table that cannot be read, has no rows or
lacks a required column is *broken*: its one message stands for all the follow-on problems of
the tables that point to it, which are not reported. Likewise a table whose ids are in doubt (a
primary key that is empty, malformed or duplicate) gives no "unknown id" messages in the tables
that point to it, and no rule joins by its ids; an article that cannot be used (missing, not
UTF-8, edited) gives none for the quotes and sentences resting on it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from factdesk import paths
from factdesk.build import config, pairs, workers
from factdesk.facts import (
    attribution,
    figures,
    integrity,
    labels,
    names,
    provenance,
    published,
    schema,
    tolerance,
    verbatim,
    verdict_rules,
)
from factdesk.facts.csvfile import TableError, read_raw
from factdesk.facts.validate import table_problems
from factdesk.language import catalog
from factdesk.problems import Problem, errors, problem

PARALLEL_FROM = 20_000  # claims from which the rules' two halves pay for a forked worker


def _translations(package: schema.Package, raw: integrity.Raw, languages: tuple[str, ...]):
    """A warning per translated column that a report language lacks, and per empty cell of
    one it has where the base language's cell is filled (reports fall back to the base)."""
    found = []
    base = package.base_language
    for table in package.tables.values():
        data = raw.get(table.name)
        if data is None:
            continue
        for f in table.fields:
            for language in languages:
                if not f.translated or language == base:
                    continue
                shown = f"reports show {f.column(base)}"
                if f.column(language) not in data.header:
                    message = f"no {language!r} translation; {shown}"
                    found.append(problem(table.path, 1, f.column(language), message,
                                         severity="warning"))  # fmt: skip
                    continue
                if f.column(base) not in data.frame:
                    continue
                own, theirs = data.frame[f.column(language)], data.frame[f.column(base)]
                for line in own.index[own.eq("") & theirs.ne("")]:
                    message = f"empty {language!r} translation; {shown}"
                    found.append(problem(table.path, line, f.column(language), message,
                                         severity="warning"))  # fmt: skip
    return found


def _claims_at(raw: integrity.Raw, found: list[Problem]) -> frozenset[str]:
    """The ids of the claims on the lines of ``found``."""
    claims = raw.get("claims")
    if claims is None or "claim_id" not in claims.frame:
        return frozenset()
    ids = claims.frame["claim_id"]
    return frozenset(ids[p.line] for p in found if p.line in ids.index)


def _trusted(raw: integrity.Raw, found: list[Problem]) -> integrity.Raw:
    """The tables without their rows that already have an error: the rules on what the rows
    say (figures, names, speakers, tolerances, verdicts) would only repeat that root cause."""
    bad: dict[str, set[int]] = {}
    for p in errors(found):
        bad.setdefault(p.path, set()).add(p.line)
    out = dict(raw)
    for name, data in raw.items():
        if data is None or name == "record":  # template fields name its rows: keep them all
            continue
        lines = bad.get(paths.display(data.path), set())
        if lines:
            out[name] = replace(data, frame=data.frame[~data.frame.index.isin(lines)])
    return out


def _settings(
    package: schema.Package, raw: integrity.Raw, cache: Path | None
) -> tuple[tuple[str, ...], list[Problem]]:
    """The report languages (``reports.yml``) and the problems of the settings: the file
    itself, translations, code labels, published verdicts, notebook pairs and catalogs."""
    settings, found = config.read()
    if settings is None:
        return (package.base_language,), found
    languages = settings.languages
    found += _translations(package, raw, languages)
    found += labels.code_labels(package, raw, languages)
    found += published.problems(package, raw, settings.published_revision)
    found += published.as_of_problems(raw, settings.data_as_of)
    found += pairs.problems(cache)
    for language in languages:
        found += catalog.problems(language, package.base_language)
    return languages, found


def check(
    with_coverage: bool = True, with_config: bool = True, cache: Path | None = None
) -> list[Problem]:
    """Every problem in the fact base (and ``reports.yml``), sorted by file and line; with a
    ``cache`` folder (the command line's ``reports/.cache``), cleaned articles are reused.
    ``with_coverage=False`` skips what needs every sentence: coverage, and speech reported in
    a claim's sentence outside its quote."""
    package = schema.package()
    base = package.base_language
    raw: integrity.Raw = {}
    broken: set[str] = set()
    keyless: set[str] = set()  # ids in doubt (empty, malformed or duplicate primary keys)
    found: list[Problem] = []
    cleaning = None
    for table in package.tables.values():
        try:
            data = read_raw(table.path, table.base_columns(base))
        except TableError as exc:
            found.append(exc.problem)
            raw[table.name] = None
            broken.add(table.name)
            continue
        own = table_problems(table, data, base)
        found += own
        raw[table.name] = data
        missing = set(table.base_columns(base)) - set(data.header)
        if missing or data.bad_rows or any(p.line == 1 and p.column == "-" for p in own):
            broken.add(table.name)
        if any(p.line > 1 and p.column in table.primary_key for p in errors(own)):
            keyless.add(table.name)
        if table.name == "sources":  # its articles are cleaned (in workers) while we go on
            cleaning = verbatim.start_cleaning(raw, cache)
    found += integrity.foreign_keys(package, raw, broken | keyless)
    found += integrity.zoned_times(package, raw)
    found += integrity.record_sources(raw)
    found += provenance.outlets(raw)
    found += integrity.every_claim_judged(raw, broken | keyless)
    languages, settings_problems = _settings(package, raw, cache) if with_config else ((base,), [])
    found += settings_problems
    cleaned, article_problems = verbatim.articles(cleaning or verbatim.start_cleaning(raw, cache))
    found += article_problems
    quote_problems = verbatim.quotes(raw, cleaned)
    found += quote_problems
    found += integrity.groups(raw, broken | keyless, _claims_at(raw, quote_problems))
    # every sentence with its claims: for coverage, and for the speech a claim's sentence reports
    table = integrity.coverage_table(raw, broken | keyless, cleaned) if with_coverage else None
    if with_coverage:
        found += integrity.sentence_coverage(raw, cleaned, table)
    trusted = _trusted(raw, found)
    sentences = (
        {}
        if table is None
        else {claim: row.text for row in table.itertuples() for claim in row.claim_ids.split()}
    )  # the sentence each claim's quote stands in

    def texts() -> list[Problem]:  # what the texts say: figures, names, speakers
        return (
            figures.problems(package, trusted, languages, broken | keyless)
            + names.problems(package, trusted, languages)
            + attribution.problems(trusted, sentences)
        )

    def verdicts() -> list[Problem]:  # what the verdicts and comparisons rest on
        found = []
        if not {"claims", "reconciliation", "sources"} & (broken | keyless):
            found += tolerance.agreement_problems(trusted)
        return found + verdict_rules.verdict_problems(trusted, broken | keyless, list(languages))

    claims = raw.get("claims")
    if claims is not None and len(claims.frame) >= PARALLEL_FROM:
        found += workers.side_by_side(texts, verdicts)
    else:
        found += texts() + verdicts()
    return sorted(set(found))


def summary(found: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in found)
    warnings = len(found) - errors
    if not errors:
        return "fact base OK" + (f" ({warnings} warning(s))" if warnings else "")
    return (
        f"{errors} problem(s) in the fact base"
        + (f" and {warnings} warning(s)" if warnings else "")
        + f"; fix them in {paths.display(paths.DATA)}/ or reports.yml"
    )
