"""``python -m factdesk status``: what is left to do, per article and per language.

``check`` is the gate (what is wrong); ``status`` is the to-do list (what is not done yet),
and exits 0 unless it cannot run. Per article: the sentences neither covered by a claim nor
excused, the candidates of its review sheet not yet reviewed (neither in ``claims.csv`` by
claim id nor marked ``rejected``), the claims without a verdict, and the claims in no
reconciliation group (none may be needed: a claim no other article makes stands alone). Per
report language: the cells of each translated column still empty, the catalog texts still
missing (engine and story catalogs), and the prose cells without a version in the language.
Last, the notebooks whose jupytext twin is out of sync.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from factdesk import paths
from factdesk.build import config, pairs
from factdesk.facts import schema
from factdesk.facts.coverage import coverage, locate_quotes
from factdesk.facts.csvfile import RawTable, TableError, read_raw
from factdesk.intake import cache as article_cache
from factdesk.intake import cleaning
from factdesk.intake.review import REJECTED, read_sheet, sheets
from factdesk.language import catalog
from factdesk.language.words import WordsError

__all__ = ["Article", "Language", "main", "report"]

SHOWN = 8  # sentences listed per article; the rest are counted


@dataclass
class Article:
    source_id: str
    language: str
    sentences: int = 0
    open_sentences: list[tuple[str, str]] = field(default_factory=list)  # (id, text)
    unreviewed: int = 0
    sheet: str = ""
    without_verdict: list[str] = field(default_factory=list)
    ungrouped: list[str] = field(default_factory=list)


@dataclass
class Language:
    language: str
    empty_cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # column: (empty, of)
    missing_keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # catalog: (n, of)
    prose: tuple[int, int] = (0, 0)  # prose cells without a version, of all


def _tables(package: schema.Package) -> tuple[dict[str, RawTable], list[str]]:
    found, unreadable = {}, []
    for table in package.tables.values():
        try:
            found[table.name] = read_raw(table.path, table.base_columns(package.base_language))
        except TableError as exc:
            unreadable.append(str(exc.problem))
    return found, unreadable


def _column(raw: dict[str, RawTable], table: str, column: str) -> list[str]:
    data = raw.get(table)
    return list(data.frame[column]) if data is not None and column in data.frame else []


def articles(raw: dict[str, RawTable]) -> list[Article]:
    """What is left for each article of the sources table."""
    sources = raw.get("sources")
    if sources is None:
        return []
    cleaner = article_cache.Cleaner(paths.CACHE)
    claims = raw.get("claims")
    claim_rows = claims.records() if claims is not None else []
    judged = set(_column(raw, "verdicts", "claim_id"))
    grouped = {c.strip() for ids in _column(raw, "reconciliation", "claim_ids")
               for c in ids.split(";")}  # fmt: skip
    excused = raw.get("excused")
    review = sheets()
    found = []
    for row in sources.records():
        item = Article(row["source_id"], row.get("language", ""))
        path = paths.data_file(row["raw_file"]) if row.get("raw_file") else None
        if path is not None and path.is_file():
            data = path.read_bytes()
            article = cleaner.clean(path, data, item.source_id, item.language or None)
            mine = [c for c in claim_rows if c.get("source_id") == item.source_id]
            located = locate_quotes(
                _frame(mine, ("claim_id", "source_id", "quote")), {item.source_id: article}
            )
            empty = _frame([], ("sentence_id", "reason"))
            excuses = excused.frame if excused is not None else empty
            table = coverage(located, {item.source_id: article}, excuses.reset_index(drop=True))
            item.sentences = len(table)
            left = table[table["status"].eq("uncovered")]
            item.open_sentences = list(zip(left["sentence_id"], left["text"], strict=True))
        mine_ids = [c["claim_id"] for c in claim_rows if c.get("source_id") == item.source_id]
        item.without_verdict = [c for c in mine_ids if c not in judged]
        item.ungrouped = [c for c in mine_ids if c not in grouped]
        if item.source_id in review:
            kept = set(_column(raw, "claims", "claim_id"))
            rows = read_sheet(review[item.source_id])
            item.sheet = paths.display(review[item.source_id])
            item.unreviewed = sum(
                r.get("claim_id") not in kept and r.get("decision", "").lower() != REJECTED
                for r in rows
            )
        found.append(item)
    return found


def _frame(rows: list[dict], columns: tuple[str, ...]):
    import pandas as pd

    return pd.DataFrame([{c: r.get(c, "") for c in columns} for r in rows], columns=columns)


def languages(raw: dict[str, RawTable], package: schema.Package, wanted: tuple[str, ...]):
    """What is missing in each report language but the base language."""
    base = package.base_language
    found = []
    for language in wanted:
        if language == base:
            continue
        item = Language(language)
        for table in package.tables.values():
            data = raw.get(table.name)
            for f in table.fields if data is not None else ():
                if not f.translated or f.column(base) not in data.frame:
                    continue
                filled = data.frame[f.column(base)].ne("")
                own = data.frame.get(f.column(language))
                empty = int(filled.sum()) if own is None else int((filled & own.eq("")).sum())
                where = f"{paths.display(table.path)} {f.column(language)}"
                item.empty_cells[where] = (empty, int(filled.sum()))
        for path, keys in _catalog_keys(base):
            own = catalog.entries(language)
            texts = [k for k in keys if not isinstance(keys[k], dict) or _plural(keys[k])]
            item.missing_keys[path] = (sum(k not in own for k in texts), len(texts))
        item.prose = _prose(language, base)
        found.append(item)
    return found


def _plural(value: dict) -> bool:
    return set(value) <= {"zero", "one", "two", "few", "many", "other"}


def _catalog_keys(base: str) -> list[tuple[str, dict]]:
    """Each catalog file of the base language with its keys (the engine's, the story's)."""
    import yaml

    out = []
    for path in catalog.files(base):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.append((paths.display(path), {k: v for k, v in data.items() if k != "words"}))
    return out


def _prose(language: str, base: str) -> tuple[int, int]:
    import nbformat

    from factdesk.build.execute import select_language

    missing = runs = 0
    for notebook in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        cells = nbformat.read(notebook, as_version=4).cells
        _, warned = select_language(cells, language, base, notebook)
        _, all_runs = select_language(cells, "\0", base, notebook)
        missing, runs = missing + len(warned), runs + len(all_runs)
    return missing, runs


def report() -> list[str]:
    """The to-do list as lines of text."""
    package = schema.package()
    raw, unreadable = _tables(package)
    settings, _ = config.read()
    wanted = settings.languages if settings else (package.base_language,)
    lines = ["What is left (`make check` is the gate; this is the to-do list)", ""]
    lines += [f"cannot read: {u} (see `make check`)" for u in unreadable]
    lines.append("Articles")
    for a in articles(raw):
        lines.append(
            f"  {a.source_id} ({a.language}): {len(a.open_sentences)} of {a.sentences} "
            f"sentences neither covered nor excused; {a.unreviewed} candidates not yet "
            f"reviewed; {len(a.without_verdict)} claims without a verdict; "
            f"{len(a.ungrouped)} claims in no reconciliation group"
        )
        for sentence_id, text in a.open_sentences[:SHOWN]:
            lines.append(f"    sentence {sentence_id}: {text[:70]}")
        if len(a.open_sentences) > SHOWN:
            lines.append(f"    ... and {len(a.open_sentences) - SHOWN} more")
        if a.unreviewed:
            lines.append(f"    review sheet: {a.sheet}")
        if a.without_verdict:
            lines.append(f"    without a verdict: {', '.join(a.without_verdict[:12])}"
                         + (" ..." if len(a.without_verdict) > 12 else ""))  # fmt: skip
    lines += ["", "Languages"]
    for item in languages(raw, package, wanted):
        columns = {k: v for k, v in item.empty_cells.items() if v[0]}
        keys = {k: v for k, v in item.missing_keys.items() if v[0]}
        lines.append(
            f"  {item.language}: {sum(v[0] for v in columns.values())} empty cells in "
            f"{len(columns)} translated columns; {sum(v[0] for v in keys.values())} catalog "
            f"texts missing; {item.prose[0]} of {item.prose[1]} prose cells without a version"
        )
        for where, (n, of) in columns.items():
            lines.append(f"    {where}: {n} of {of} empty")
        for where, (n, of) in keys.items():
            target = paths.display(paths.STORY_LOCALES / f"{item.language}.yaml")
            lines.append(f"    {n} of {of} texts of {where} missing (add them to {target})")
    notebooks = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    twins = [line for nb in notebooks for line in pairs.differences(nb)]
    lines += ["", "Notebooks: jupytext twins in sync" if not twins else "Notebooks out of sync"]
    lines += [f"  {t} (run .venv/bin/jupytext --sync <notebook>)" for t in twins]
    return lines


def main() -> int:
    """Print the to-do list; 0 unless it cannot be made (a malformed schema, catalog or
    cleaning rules file: ``make check`` names it)."""
    try:
        lines = report()
    except (schema.SchemaError, catalog.CatalogError, cleaning.RulesError, WordsError) as exc:
        print(f"status cannot run: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0
