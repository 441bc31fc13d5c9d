"""The fact base as SQLite (``reports/data/factdesk.db``) and Datasette (``make datasette``).

The database is built by the real publish step (``render --publish-only``) on scratch copies of
the project and served by the real ``make datasette`` on a free port of 127.0.0.1; the tests
query its JSON API and its own pages in Chromium (network cut off except the server). Every
expectation is derived from the copy's CSVs, never typed in:

* full-text search for a crew member's name (each of its languages) returns exactly the rows
  whose searchable columns name them, in claims, verdicts, reconciliation, record, entities;
* foreign keys resolve to the referenced row's name (``label_column``);
* the canned queries return the claims about a person, the contradicted claims and the groups
  where the articles disagree. The real data has no inaccurate verdict, so the served copy
  rates every imprecise verdict inaccurate (a fact base ``make check`` accepts);
* the database follows the data model (columns, types, keys, link tables), is byte-identical
  across builds, changes when a CSV does and is not rewritten when nothing it holds changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import unicodedata
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from browser import (
    VIEWPORT,
    artifact,
    chromium_fixture,  # noqa: F401 - provides the "chromium" fixture
)
from project import Project, base_language, copy_project

from factdesk import paths
from factdesk.facts import figures, schema, templates
from factdesk.facts.csvfile import read_raw
from factdesk.publish import database, datasette

BASE = base_language()
STAMP = ".venv/.installed-stamp"  # the Makefile's set-up target; the tests never reinstall
DB = f"reports/data/{datasette.DATABASE}"
META = f"reports/data/{datasette.METADATA}"
START_TIMEOUT = 120  # seconds: bounds on waiting, never assertions about speed
STOP_TIMEOUT = 60
SEARCHED = ("claims", "verdicts", "reconciliation", "record", "entities")
REAL = Project(paths.ROOT)  # the real project, only read


# --- the copy's CSVs: where every expectation comes from ----------------------------------


def _csv(project: Project, table: str) -> tuple[list[str], list[dict[str, str]]]:
    return project.rows(schema.package()[table].path.relative_to(paths.ROOT).as_posix())


def _tokens(text: str) -> set[str]:
    """Words as FTS5's unicode61 tokenizer with remove_diacritics sees them."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return set(re.findall(r"[^\W_]+", folded))


def _searchable(header: list[str]) -> list[str]:
    return [c for c in header if c.split("@")[0] in database.FULLTEXT]


def _key(table: str, row: dict) -> tuple:
    return tuple(row[k] for k in schema.package()[table].primary_key)


def _naming(project: Project, table: str, query: str) -> list[tuple]:
    """Keys of the rows whose searchable columns hold every word of ``query``."""
    header, rows = _csv(project, table)
    wanted = _tokens(query)
    columns = _searchable(header)
    return sorted(
        _key(table, row)
        for row in rows
        if wanted <= set().union(*(_tokens(row[c]) for c in columns))
    )


def _crew(project: Project) -> list[dict[str, str]]:
    """The crew: the people of spaceflights.csv, as their entities.csv rows."""
    _, flights = project.rows("data/reference/spaceflights.csv")
    people = {row["person"] for row in flights}
    _, entities = _csv(project, "entities")
    crew = [row for row in entities if row["entity_id"] in people]
    assert crew and all(row["kind"] == "person" for row in crew)
    return crew


def _names(row: dict[str, str]) -> list[str]:
    return [v for k, v in row.items() if k.startswith("name@") and v]


def _contradict(project: Project) -> list[str]:
    """Rate every imprecise verdict inaccurate (the decision table's row for it:
    contradicted), except where the articles agree (check holds agreeing claims to one
    verdict); return those claim ids."""
    agreeing = {
        claim_id.strip()
        for group in _csv(project, "reconciliation")[1]
        if group["agreement"] == "agree"
        for claim_id in group["claim_ids"].split(";")
    }
    header, rows = _csv(project, "verdicts")
    flipped = []
    for row in rows:
        if row["verdict"] == "imprecise" and row["claim_id"] not in agreeing:
            row["verdict"], row["basis"] = "inaccurate", "contradicted"
            flipped.append(row["claim_id"])
    assert flipped
    project.write_rows("data/facts/verdicts.csv", header, rows)
    return flipped


# --- make datasette on a scratch copy ----------------------------------------------------


def _log(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-4000:]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=20) as response:
        return json.loads(response.read())


def _make_datasette(project: Project, log: Path) -> subprocess.Popen:
    assert (paths.REPOSITORY / STAMP).is_file(), "the venv is not set up: run make setup"
    command = ["make", "-s", "-C", str(paths.REPOSITORY), "-o", STAMP, "datasette"]
    with log.open("w") as out:  # own process group: make and the server go together
        return subprocess.Popen(
            command,
            cwd=project.root,
            env=project.env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


class Server:
    def __init__(self, project: Project, process: subprocess.Popen, base: str, log: Path):
        self.project, self.process, self.base, self.log = project, process, base, log

    def json(self, path: str, **params: str) -> object:
        query = urllib.parse.urlencode({**params, "_shape": "array"})
        return _get(f"{self.base}/{datasette.NAME}/{path}.json?{query}")

    def stop(self, sig: int = signal.SIGINT, wait: float | None = STOP_TIMEOUT) -> None:
        os.killpg(self.process.pid, sig)
        self.process.wait(timeout=wait)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``make datasette`` on a scratch copy whose imprecise verdicts are made inaccurate: the
    database is built by the command itself (it is missing), then served."""
    folder = tmp_path_factory.mktemp("datasette")
    project = copy_project(folder / "project")
    _contradict(project)
    assert not project.path(DB).exists()
    log = folder / "make-datasette.log"
    process = _make_datasette(project, log)
    try:
        deadline, base = time.monotonic() + START_TIMEOUT, None
        while True:
            if process.poll() is not None:
                pytest.fail(f"make datasette exited with {process.returncode}:\n{_log(log)}")
            printed = re.search(rf"(http://127\.0\.0\.1:\d+)/{datasette.NAME}\b", log.read_text())
            if printed:
                base = printed.group(1)
                try:
                    if _get(f"{base}/-/versions.json").get("datasette"):
                        break
                except (OSError, ValueError):
                    pass
            if time.monotonic() > deadline:
                pytest.fail(f"make datasette did not answer on {base}:\n{_log(log)}")
            time.sleep(0.25)
        yield Server(project, process, base, log)
    finally:
        if process.poll() is None:  # a test failed before stopping the server
            for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, None)):
                os.killpg(process.pid, sig)
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue


def test_make_datasette_built_and_serves_the_database(served):
    assert served.project.path(DB).is_file() and served.project.path(META).is_file()
    databases = _get(f"{served.base}/-/databases.json")
    assert [(d["name"], Path(d["path"]).resolve()) for d in databases] == [
        (datasette.NAME, served.project.path(DB).resolve())
    ]
    assert databases[0]["is_mutable"] is False  # served read-only


@pytest.mark.parametrize("table", SEARCHED)
def test_full_text_search_for_a_crew_member_finds_exactly_the_rows_naming_them(served, table):
    project = served.project
    header, _ = _csv(project, table)
    if table == "claims":
        assert {"quote", "statement"} <= set(_searchable(header))
    searched = 0
    for person in _crew(project):
        for name in _names(person):
            rows = served.json(table, _search=name, _size="max")
            found = sorted(_key(table, row) for row in rows)
            assert found == _naming(project, table, name), (table, name)
            searched += bool(found)
        if table == "claims":  # every crew member is named in the claims
            assert _naming(project, table, person[f"name@{BASE}"]), person["entity_id"]
    assert searched, f"no crew member's name is found in {table}"


def test_foreign_keys_resolve_to_labels(served):
    project = served.project
    _, entities = _csv(project, "entities")
    _, sources = _csv(project, "sources")
    names = {row["entity_id"]: row[f"name@{BASE}"] for row in entities}
    labels = {row["source_id"]: row[f"label@{BASE}"] for row in sources}
    _, claims = _csv(project, "claims")
    rows = served.json("claims", _labels="on", _size="max")
    assert [row["claim_id"] for row in rows] == sorted(row["claim_id"] for row in claims)
    by_id = {row["claim_id"]: row for row in claims}
    for row in rows:
        expected = by_id[row["claim_id"]]
        assert row["subject"] == {
            "value": expected["subject"],
            "label": names[expected["subject"]],
        }
        assert row["source_id"] == {
            "value": expected["source_id"],
            "label": labels[expected["source_id"]],
        }
    # The link table: each verdict's record rows, both sides resolved.
    _, verdicts = _csv(project, "verdicts")
    rows = served.json("verdicts_record_ids", _labels="on", _size="max")
    pairs = sorted((r["claim_id"]["value"], r["record_id"]["value"], r["position"]) for r in rows)
    assert pairs == sorted(
        (v["claim_id"], record, position)
        for v in verdicts
        for position, record in enumerate(v["record_ids"].split(";") if v["record_ids"] else [], 1)
    )


def test_claims_about_a_person_by_id_name_or_alias(served):
    project = served.project
    _, claims = _csv(project, "claims")
    _, entities = _csv(project, "entities")

    def matching(value: str) -> set[str]:
        wanted = value.casefold()
        found = set()
        for row in entities:
            aliases = [a.strip() for a in row["aliases"].split(";") if a.strip()]
            if wanted in {v.casefold() for v in [row["entity_id"], *_names(row), *aliases]}:
                found.add(row["entity_id"])
        return found

    for person in _crew(project):
        aliases = [a.strip() for a in person["aliases"].split(";") if a.strip()]
        for value in [person["entity_id"], *_names(person), *aliases]:
            expected = [c["claim_id"] for c in claims if c["subject"] in matching(value)]
            rows = served.json("claims_about_person", person=value)
            assert [r["claim_id"] for r in rows] == expected, value
            assert expected, value
    assert served.json("claims_about_person", person="") == []


def test_claims_the_record_contradicts(served):
    project = served.project
    _, claims = _csv(project, "claims")
    _, verdicts = _csv(project, "verdicts")
    inaccurate = {v["claim_id"]: v for v in verdicts if v["verdict"] == "inaccurate"}
    rows = served.json("contradicted_claims")
    expected = [c["claim_id"] for c in claims if c["claim_id"] in inaccurate]
    assert expected and [r["claim_id"] for r in rows] == expected
    record = figures.typed_rows(read_raw(project.path("data/reference/record.csv")))
    for row in rows:
        verdict = inaccurate[row["claim_id"]]  # template fields written out, as on the page
        assert row["explanation"] == templates.render(verdict[f"explanation@{BASE}"], record, BASE)
        assert json.loads(row["record_ids"]) == verdict["record_ids"].split(";")


def test_where_the_articles_disagree(served):
    project = served.project
    _, groups = _csv(project, "reconciliation")
    _, claims = _csv(project, "claims")
    quotes = {c["claim_id"]: c["quote"] for c in claims}
    expected = [
        (g["group_id"], g[f"aspect@{BASE}"], claim_id, quotes[claim_id])
        for g in groups
        if g["agreement"] == "disagree"
        for claim_id in g["claim_ids"].split(";")
    ]
    rows = served.json("disagreements")
    assert expected
    assert [(r["group_id"], r["aspect"], r["claim_id"], r["quote"]) for r in rows] == expected


def test_the_metadata_comes_from_the_data_model(served):
    meta = json.loads(served.project.path(META).read_text(encoding="utf-8"))
    package = schema.package()
    licence = package.descriptor["licenses"][0]
    assert (meta["license"], meta["license_url"]) == (licence["title"], licence["path"])
    assert all(s["title"] in meta["source"] for s in package.descriptor["sources"])
    tables = meta["databases"][datasette.NAME]["tables"]
    for name, table in package.tables.items():
        assert tables[name]["description"] == table.description
        for f in table.fields:
            if f.description and not f.translated:
                assert tables[name]["columns"][f.name].startswith(f.description), (name, f)
            if f.description and f.translated:
                assert tables[name]["columns"][f.column(BASE)].startswith(f.description)
    assert tables["entities"]["label_column"] == f"name@{BASE}"
    assert tables["sources"]["label_column"] == f"label@{BASE}"
    assert {"source_id", "topic"} <= set(tables["claims"]["facets"])
    assert "verdict" in tables["verdicts"]["facets"] and "language" in tables["sources"]["facets"]
    view = tables[database.VIEW]["facets"]
    assert view == ["source_id", "language", "topic", "verdict"]
    # Served as written: a facet of the view counts the claims per article language.
    _, claims = _csv(served.project, "claims")
    _, sources = _csv(served.project, "sources")
    language = {s["source_id"]: s["language"] for s in sources}
    counts = {}
    for claim in claims:
        counts[language[claim["source_id"]]] = counts.get(language[claim["source_id"]], 0) + 1
    page = _get(f"{served.base}/{datasette.NAME}/{database.VIEW}.json")
    facet = page["facet_results"]["language"]["results"]
    assert {r["value"]: r["count"] for r in facet} == counts


def test_one_search_in_datasettes_own_page(served, chromium):
    """A reader types a crew member's name into the claims table's search box: the page lists
    exactly the claims naming them. Nothing but the server is contacted."""
    project = served.project
    person = _crew(project)[0]
    name = person[f"name@{BASE}"]
    expected = [key[0] for key in _naming(project, "claims", name)]
    assert expected
    context = chromium.new_context(viewport=VIEWPORT, service_workers="block")
    outside, errors = [], []

    def route(route) -> None:
        if route.request.url.startswith(served.base + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{served.base}/{datasette.NAME}/claims", wait_until="load")
        search = page.locator('form input[name="_search"]')
        assert search.count() == 1, "no search box: the claims have no full-text index"
        search.fill(name)
        with page.expect_navigation(wait_until="load"):
            search.press("Enter")
        assert "_search=" in page.url
        cells = page.locator("table.rows-and-columns tbody td.col-claim_id")
        shown = [t.strip() for t in cells.all_text_contents()]
        page.screenshot(path=artifact("datasette-search.png"), full_page=True)
        assert sorted(shown) == sorted(expected), (name, shown)
        heading = page.locator("h3").first.text_content()
        assert f"{len(expected)} row" in heading and name in heading, heading
    finally:
        context.close()
    assert outside == [] and errors == []


def test_the_server_stops_cleanly(served):
    """Ctrl+C (SIGINT to the command's process group) shuts Datasette down in order and
    frees the port. Runs last of the server tests (file order)."""
    port = int(served.base.rsplit(":", 1)[1])
    served.stop(signal.SIGINT)
    assert "Finished server process" in _log(served.log), _log(served.log)
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.connect(("127.0.0.1", port))


# --- the build ----------------------------------------------------------------------------


def _publish(project: Project) -> str:
    done = project.run("render", "--publish-only")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def _open(data: bytes) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    return conn


def _state(path: Path) -> tuple:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_builds_are_byte_identical(tmp_path):
    """In this process twice, and in another process on a copy elsewhere: the same bytes."""
    first, second = database.build(), database.build()
    assert first == second
    project = copy_project(tmp_path / "project", with_reports=False)
    _publish(project)
    assert project.path(DB).read_bytes() == first
    meta = json.dumps(datasette.metadata(database.layout()), ensure_ascii=False, indent=1)
    assert project.path(META).read_text(encoding="utf-8") == meta + "\n"


def test_template_fields_are_written_out_in_each_column_s_language():
    """The database says what the page says: "{value:...}" computed, in Dutch in @nl."""
    conn = _open(database.build())
    rows = conn.execute('SELECT "explanation@en", "explanation@nl" FROM verdicts').fetchall()
    raw = [r for r in _csv(REAL, "verdicts")[1] if "{value:" in r["explanation@nl"]]
    assert raw, "the fact base has no template field to write out"
    assert not any("{" in text for row in rows for text in row if text)
    row_id = re.search(r"\{value:([^}]+)\}", raw[0]["explanation@nl"])[1]
    number = next(r["value_number"] for r in _csv(REAL, "record")[1] if r["record_id"] == row_id)
    assert "." in number  # written out with the language's decimal sign
    en, nl = (
        t
        for t in conn.execute(
            'SELECT "explanation@en", "explanation@nl" FROM verdicts WHERE claim_id = ?',
            (raw[0]["claim_id"],),
        ).fetchone()
    )
    assert f"{number} km" in en and f"{number.replace('.', ',')} km" in nl


def test_the_database_follows_the_data_model():
    conn = _open(database.build())
    package = schema.package()
    for name, table in package.tables.items():
        header, rows = _csv(REAL, name)
        info = conn.execute(f"PRAGMA table_info({database.q(name)})").fetchall()
        assert [c[1] for c in info] == header, name
        pk = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]]
        assert tuple(pk) == table.primary_key, name
        keys = {}
        for fk in conn.execute(f"PRAGMA foreign_key_list({database.q(name)})"):
            keys.setdefault(fk[0], (fk[2], []))[1].append((fk[3], fk[4]))
        assert sorted(keys.values()) == sorted(
            (fk.resource, list(zip(fk.fields, fk.reference, strict=True)))
            for fk in table.foreign_keys
        ), name
        count = conn.execute(f"SELECT count(*) FROM {database.q(name)}").fetchone()[0]
        assert count == len(rows), name
        wanted = {"number": "real", "integer": "integer", "boolean": "integer"}
        for column in header:
            f, _ = table.field_of(column)
            types = {
                t
                for (t,) in conn.execute(
                    f"SELECT DISTINCT typeof({database.q(column)}) FROM {database.q(name)}"
                )
            }
            assert types <= {wanted.get(f.type, "text"), "null"}, (name, column, types)
            empty = sum(row[column] == "" for row in rows)
            nulls = conn.execute(
                f"SELECT count(*) FROM {database.q(name)} WHERE {database.q(column)} IS NULL"
            ).fetchone()[0]
            assert nulls == empty, (name, column)
    # List fields with references: one link row per item, keys on both sides.
    _, verdicts = _csv(REAL, "verdicts")
    items = sum(len(v["record_ids"].split(";")) for v in verdicts if v["record_ids"])
    assert conn.execute("SELECT count(*) FROM verdicts_record_ids").fetchone()[0] == items
    targets = {fk[2] for fk in conn.execute("PRAGMA foreign_key_list(verdicts_record_ids)")}
    assert targets == {"verdicts", "record"}
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_changed_csv_changes_the_database_and_nothing_else_rewrites_it(tmp_path):
    project = copy_project(tmp_path / "project", with_reports=False)
    db = project.path(DB)
    _publish(project)
    before = _state(db)
    # The publish step runs again (its manifest entry is gone) with the same data: not
    # rewritten.
    manifest = project.reports / "manifest.json"
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    del recorded["publish"]
    manifest.write_text(json.dumps(recorded), encoding="utf-8")
    _publish(project)
    assert json.loads(manifest.read_text(encoding="utf-8"))["publish"], "publish did not run"
    assert _state(db) == before
    # One statement changes: the database changes, and the new word is searchable.
    header, claims = _csv(project, "claims")
    claims[0]["statement"] += " Quuxword."
    project.write_rows("data/facts/claims.csv", header, claims)
    _publish(project)
    after = _state(db)
    assert after[2] != before[2]
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = conn.execute(
            "SELECT c.claim_id FROM claims_fts JOIN claims AS c ON c.rowid = claims_fts.rowid "
            "WHERE claims_fts MATCH 'quuxword'"
        ).fetchall()
    finally:
        conn.close()
    assert found == [(claims[0]["claim_id"],)]
    # Nothing changed since: not rewritten.
    _publish(project)
    assert _state(db) == after


def test_make_datasette_on_a_broken_fact_base_says_why_and_serves_nothing(tmp_path):
    """The database of the last good build is there, the fact base is now invalid: one clear
    message per problem, a non-zero exit, and the stale database is not served."""
    project = copy_project(tmp_path / "project", with_reports=False)
    _publish(project)
    before = _state(project.path(DB))
    project.edit("data/facts/verdicts.csv", "nl-001,accurate", "nl-001,maybe")
    log = tmp_path / "make-datasette.log"
    process = _make_datasette(project, log)
    try:
        process.wait(timeout=START_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"make datasette is still running (serving?):\n{_log(log)}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    out = _log(log)
    assert process.returncode != 0, out
    assert "data/facts/verdicts.csv:2:verdict: must be one of:" in out
    assert "nothing was rendered or published" in out
    assert "Traceback" not in out and "Datasette serves" not in out
    assert _state(project.path(DB)) == before
