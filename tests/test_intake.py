"""``add-article``: a new article is copied byte-for-byte, recorded in sources.csv with the
journalist's cells left empty, and given a review sheet (sentences and candidate claims) whose
quotes are verbatim; ``check`` then names exactly what is missing. Every run of the command is a
subprocess on a scratch copy of the project (tests/project.py)."""

from __future__ import annotations

import hashlib
import re

import pytest
from project import Project, copy_project

from factdesk import paths
from factdesk.facts import schema
from factdesk.facts.csvfile import read_raw
from factdesk.intake.articles import clean_article
from factdesk.intake.candidates import spot
from factdesk.intake.review import REVIEW_COLUMNS

# Made up for these tests; every value below is one the spotter must find.
GERMAN = """Drei Kosmonauten starten zur Raumstation

Am Dienstag, 5. Oktober 2021, starteten drei Kosmonauten vom Weltraumbahnhof Baikonur. \
Die Kopplung an die Station war für 14.12 Uhr MESZ geplant.

Die Schauspielerin Julia Peresild (37) bleibt zwölf Tage im All. „Wir sind bereit für \
diesen Flug“, sagte sie vor dem Start. Die Station kreist in rund 420 Kilometern Höhe; an \
Bord sind schon 7 Menschen. Die Rückkehr ist für Sonntag geplant, nach 12 Tagen im All. \
Die Landung folgt um 9:30 Uhr. Danach sind wieder 7 Menschen an Bord.
"""
ENGLISH = """Three astronauts leave for the station

On Monday, October 4, 2021, three astronauts left Baikonur. Docking is planned for 9.15 \
a.m. EDT. The hatch opens at 12:30 MSK. Commander Anna Smith (52) will stay for 12 days, \
about 400 kilometers above Earth. “We are ready for this flight,” she said.
"""
DUTCH = """Raket vertrekt naar ruimtestation

De raket vertrok op dinsdag 5 oktober 2021 vanaf Bajkonoer. De aankoppeling vindt plaats \
rond 14.12 uur Nederlandse tijd. Over twee weken komen twee bemanningsleden terug.
"""
SOURCES, CLAIMS = "data/facts/sources.csv", "data/facts/claims.csv"
RECONCILIATION, VERDICTS = "data/facts/reconciliation.csv", "data/facts/verdicts.csv"
# The journalist's cells: the label in every language the table has, and what the article
# file cannot tell (add-article leaves them empty).
FILL_IN = ("headline", "published", "published_precision", "published_basis", "outlet", "url")
BASE = schema.package().base_language
REQUIRED = [
    f.column(BASE) if f.translated else f.name
    for f in schema.package()["sources"].fields
    if f.required
]
KNOWN = read_raw(paths.FACTS / "sources.csv").frame.iloc[0]  # a source the project has


def _add(project: Project, name: str, text: str | bytes, source_id: str, language: str):
    article = project.root.parent / name
    article.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return project.run("add-article", str(article), "--id", source_id, "--language", language)


def _sheet(project: Project, source_id: str, kind: str) -> tuple[list[str], list[dict]]:
    return project.rows(f"data/review/{source_id}-{kind}.csv")


def _by_quote(project: Project, source_id: str) -> dict[str, dict[str, str]]:
    return {row["quote"]: row for row in _sheet(project, source_id, "candidates")[1]}


def _data(project: Project) -> dict[str, str]:
    """SHA-256 of every file under data/ (what a failed intake must leave alone)."""
    folder = project.path("data")
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> tuple[Project, str, object]:
    project = copy_project(tmp_path_factory.mktemp("intake") / "project", with_reports=False)
    before = project.path(SOURCES).read_bytes()
    result = _add(project, "artikel.txt", GERMAN, "de-test", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, before, result


@pytest.fixture(scope="module")
def others(tmp_path_factory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("intake") / "project", with_reports=False)
    for name, text, source_id, language in (
        ("article.txt", ENGLISH, "en-test", "en"),
        ("artikel.txt", DUTCH, "nl-test", "nl"),
    ):
        result = _add(project, name, text, source_id, language)
        assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_raw_copy_is_byte_identical_and_recorded(german):
    project, before, result = german
    raw = project.path("data/raw/articles/de-test.txt").read_bytes()
    assert raw == GERMAN.encode("utf-8")
    after = project.path(SOURCES).read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
    header, rows = project.rows(SOURCES)
    row = rows[-1]
    assert (row["source_id"], row["language"]) == ("de-test", "de")
    assert row["raw_file"] == "data/raw/articles/de-test.txt"
    assert row["seed_file"] == "artikel.txt"
    assert row["sha256"] == hashlib.sha256(raw).hexdigest()
    fill_in = [c for c in header if c.startswith("label@")] + list(FILL_IN)
    assert f"label@{BASE}" in fill_in
    assert {column: row[column] for column in fill_in} == dict.fromkeys(fill_in, "")
    assert row["notes"].startswith("TO FILL: label, headline, published date and its basis")
    # Under CI the progress is plain lines on stderr, one per step.
    assert "  copied to data/raw/articles/de-test.txt" in result.stderr.splitlines()
    assert "\r" not in result.stderr


@pytest.mark.slow
def test_check_names_exactly_what_is_missing(german):
    project, _, _ = german
    result = project.run("check")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": warning: " not in line]
    frame = read_raw(project.path(SOURCES)).frame
    row_line = int(frame.index[frame["source_id"] == "de-test"][0])
    _, rows = project.rows(SOURCES)
    new_row = next(r for r in rows if r["source_id"] == "de-test")
    sentences = {row["sentence_id"] for row in _sheet(project, "de-test", "sentences")[1]}
    uncovered = re.compile(
        r"data/facts/excused\.csv:1:sentence_id: sentence (de-test:\S+) \(.*\) has no claim "
        r"and is not excused"
    )
    missing_cells = [e for e in errors if not uncovered.fullmatch(e)]
    # The cells that sources.yaml requires and add-article left empty (the journalist's:
    # label in the base language, published_basis); the others (headline, ...) may stay empty.
    empty = [c for c in REQUIRED if not new_row[c]]
    assert {f"label@{BASE}", "published_basis"} <= set(empty)
    expected = [f"{SOURCES}:{row_line}:{c}: must not be empty" for c in empty]
    # and where the article came from: no outlet is guessed, the notes must say it is unknown
    expected.append(
        f"{SOURCES}:{row_line}:notes: outlet and url are empty: say in notes that they are "
        "unknown (the word 'unknown'), or fill them with how they were identified"
    )
    assert sorted(missing_cells) == sorted(expected), errors
    assert {uncovered.fullmatch(e)[1] for e in errors if uncovered.fullmatch(e)} == sentences
    assert len(sentences) == 9


def test_candidates_have_claims_columns_and_verbatim_quotes(german):
    project, _, _ = german
    claims_header, claims = project.rows(CLAIMS)
    header, rows = _sheet(project, "de-test", "candidates")
    # claims.csv's columns first (an accepted row is copied as it is), then the review columns
    assert header == [*claims_header, *REVIEW_COLUMNS]
    article = clean_article(project.path("data/raw/articles/de-test.txt"), "de-test", "de")
    sentences = {s.sentence_id: s for s in article.sentences}
    # claim ids as the fact base writes them: the language and a number no claim has yet
    assert not [c for c in claims if c["claim_id"].startswith("de-")]
    assert [r["claim_id"] for r in rows] == [f"de-{n:03d}" for n in range(1, len(rows) + 1)]
    entities = {row["entity_id"] for row in project.rows("data/facts/entities.csv")[1]}
    for row in rows:
        assert row["source_id"] == "de-test" and row["statement"] == "" and row["decision"] == ""
        assert (
            row["checkable"]
            == str(row["claim_type"] not in ("quote", "opinion", "rumour")).lower()
        )
        assert row["subject"] in entities | {""} and row["attributed_to"] in entities | {""}
        sentence = sentences[row["sentence_id"]]
        # The quote starts in the sentence named, and occurs there first.
        assert article.body.find(row["quote"]) in range(sentence.start, sentence.end), row


def test_expected_candidates_with_parsed_values(german):
    project, _, _ = german
    found = _by_quote(project, "de-test")

    def has(quote: str, claim_type: str, **values: str) -> dict[str, str]:
        assert quote in found, sorted(found)
        row = found[quote]
        assert row["claim_type"] == claim_type, row
        assert {k: row[k] for k in values} == values, row
        return row

    date = has("Dienstag, 5. Oktober 2021", "date", value_text="2021-10-05")
    assert "Tuesday" in date["note"] and "does not match" not in date["note"]
    # "geplant" is kept with the time: it was a plan; no date is known, so no instant
    time = has("14.12 Uhr MESZ geplant", "time", value_text="14:12", value_time="",
               value_timezone="Europe/Berlin")  # fmt: skip
    assert "UTC+02:00" in time["note"] and "a plan ('geplant')" in time["note"]
    no_zone = has("9:30 Uhr", "time", value_text="09:30", value_timezone="")
    assert "no zone word" in no_zone["note"]
    has("Julia Peresild (37)", "age", value_number="37", unit="years")
    has("zwölf Tage", "duration", value_number="12", unit="days")
    has("12 Tagen", "duration", value_number="12", unit="days")
    has("rund 420 Kilometern", "distance", value_number="420", unit="km", qualifier="rund")
    has("drei Kosmonauten", "count", value_number="3", value_text="Kosmonauten")
    has("7 Menschen", "count", value_number="7", value_text="Menschen")
    # The second "7 Menschen" is lengthened until it is the first occurrence of itself.
    has("7 Menschen an", "count", value_number="7", value_text="Menschen")
    # a weekday named alone, with its clause; without a publication date it stays a weekday
    sunday = has("Die Rückkehr ist für Sonntag geplant", "date", value_text="Sunday")
    assert "--published" in sunday["note"]
    # the quotation carries who said it ("sie": the last person named before)
    has("„Wir sind bereit für diesen Flug“, sagte sie", "quote",
        value_text="Wir sind bereit für diesen Flug", attributed_to="yulia-peresild")  # fmt: skip
    # The year inside the date is not a second candidate, nor are the hours of the clock times.
    assert not {"2021", "14", "9"} & set(found)


@pytest.mark.slow
def test_accepted_candidates_pass_the_quote_check_and_cover_their_sentences(tmp_path):
    project = copy_project(tmp_path / "project", with_reports=False)
    assert _add(project, "artikel.txt", GERMAN, "de-test", "de").returncode == 0
    header, claims = project.rows(CLAIMS)
    _, candidates = _sheet(project, "de-test", "candidates")
    accepted = []
    for row in candidates:  # the journalist accepts every candidate: its claims.csv columns
        row.update(statement="Accepted.", topic="mission", subject=row["subject"] or "iss")
        accepted.append({column: row[column] for column in header})
    project.write_rows(CLAIMS, header, claims + accepted)
    result = project.run("check")
    problems = result.stdout.splitlines()
    assert not [p for p in problems if p.startswith(CLAIMS) and ":quote:" in p], problems
    # Every sentence that a candidate's quote overlaps is covered now; only the others remain.
    article = clean_article(project.path("data/raw/articles/de-test.txt"), "de-test")
    spans = [(s, s + len(r["quote"])) for r in candidates for s in [article.body.find(r["quote"])]]
    expected = {
        s.sentence_id
        for s in article.sentences
        if not any(start < s.end and end > s.start for start, end in spans)
    }
    assert set(re.findall(r"sentence (de-test:\S+) \(", result.stdout)) == expected


def test_other_languages_use_their_own_words(others):
    english, dutch = _by_quote(others, "en-test"), _by_quote(others, "nl-test")
    row = english["Monday, October 4, 2021"]
    assert (row["claim_type"], row["value_text"]) == ("date", "2021-10-04")
    row = english["planned for 9.15 a.m. EDT"]
    assert (row["value_text"], row["value_timezone"]) == ("09:15", "America/New_York")
    assert "UTC-04:00" in row["note"]
    row = english["12:30 MSK"]  # an IANA abbreviation that CLDR has no English name for
    assert (row["value_text"], row["value_timezone"]) == ("12:30", "Europe/Moscow")
    assert "UTC+03:00" in row["note"]
    assert english["Anna Smith (52)"]["value_number"] == "52"
    stay = english["will stay for 12 days"]  # the plan word kept with the duration
    assert (stay["value_number"], stay["unit"]) == ("12", "days")
    assert english["about 400 kilometers"]["unit"] == "km"
    assert english["three astronauts"]["value_number"] == "3"
    assert english["“We are ready for this flight,” she said"]["claim_type"] == "quote"
    assert dutch["dinsdag 5 oktober 2021"]["value_text"] == "2021-10-05"
    row = dutch["rond 14.12 uur Nederlandse tijd"]
    assert (row["value_text"], row["value_timezone"]) == ("14:12", "Europe/Amsterdam")
    row = dutch["Over twee weken"]
    assert (row["claim_type"], row["value_number"], row["unit"]) == ("date", "2", "weeks")
    assert dutch["twee bemanningsleden"]["value_number"] == "2"


def test_two_digit_years_are_read_against_the_articles_own_year(tmp_path):
    """No clock: a two-digit year is read around the year of the article's ``date`` header,
    else around the latest year it writes; with neither, in 1930-2029 and flagged a guess."""

    def dates(text: str) -> dict[str, str]:
        path = tmp_path / "artikel.txt"
        path.write_text(text, encoding="utf-8")
        found = spot(clean_article(path, "de-test"), "de", "en")
        return {c.value_text: c.remark for c, _ in found if c.claim_type == "date"}

    header = dates("date 1985-06-01\n\nTitel\n\nAm 01.01.05 und am 01.01.86.\n")
    assert header == {"1905-01-01": "", "1986-01-01": ""}
    assert dates("Titel\n\nSeit 1950, am 01.01.10.\n") == {"1950": "", "1910-01-01": ""}
    guessed = dates("Titel\n\nAm 01.01.29 und am 01.01.30.\n")
    assert list(guessed) == ["2029-01-01", "1930-01-01"]
    assert all("is a guess" in remark for remark in guessed.values())


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("intake") / "project", with_reports=False)
    project.path("data/raw/articles/orphan.txt").write_text("left over\n", encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("content", "source_id", "language", "message"),
    [
        (None, "de-test", "de", r"^\S*absent\.txt: file not found$"),
        (
            "Caf\u00e9 au lait\n".encode("cp1252"),
            "de-test",
            "de",
            r"input\.txt:1:-: not valid UTF-8: byte 0xe9 at character 4 of line 1; it looks",
        ),
        (" \n\n", "de-test", "de", r": the article is empty$"),
        (GERMAN, "De_Test", "de", r"^--id 'De_Test': not a lowercase id"),
        (
            GERMAN,
            KNOWN["source_id"],
            KNOWN["language"],
            rf"^--id {KNOWN['source_id']}: already in data/facts/sources",
        ),
        (GERMAN, "orphan", "de", r"^data/raw/articles/orphan\.txt already exists"),
        (GERMAN, "de-test", "deutsch", r"^--language 'deutsch': not a 2-3 letter code"),
        (GERMAN, "de-test", "qqq", r"^--language 'qqq': not a language Babel \(CLDR\) knows$"),
    ],
)
def test_wrong_input_exits_2_with_one_message_and_writes_nothing(
    scratch, content, source_id, language, message
):
    before = _data(scratch)
    if content is None:
        article = scratch.root.parent / "absent.txt"
        result = scratch.run(
            "add-article", str(article), "--id", source_id, "--language", language
        )
    else:
        result = _add(scratch, "input.txt", content, source_id, language)
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and result.stdout == "", result.stdout + result.stderr
    assert len(lines) == 1 and re.search(message, lines[0]), lines
    assert _data(scratch) == before


# Made up for this test in the style of a news agency's report (not a real article).
AGENCY = """Erste Filmcrew der Raumfahrtgeschichte auf dem Weg zur ISS

Baikonur (dpa) - Die russische Schauspielerin Julia Peressild und der Regisseur Klim \
Schipenko sind am Dienstag zur Internationalen Raumstation ISS aufgebrochen. Die Sojus MS-19 \
hob um 10.55 Uhr MESZ vom Weltraumbahnhof Baikonur ab. Kommandant ist der erfahrene \
Kosmonaut Anton Schkaplerow. Nach mehr als drei Minuten trennten sich die Stufen, wie das \
Staatsfernsehen zeigte. «Alles läuft normal», hieß es. Der Flug zur ISS soll 3 Stunden und \
17 Minuten dauern.
"""
# The German spellings a reporter adds to entities.csv as aliases before running add-article.
ALIASES = {"yulia-peresild": "Julia Peressild; Peressild", "klim-shipenko": "Klim Schipenko",
           "anton-shkaplerov": "Anton Schkaplerow", "soyuz-ms-19": "Sojus MS-19"}  # fmt: skip


def test_an_agency_report_gets_the_candidates_a_reporter_keeps(tmp_path):
    """What issue 21 found missing: the hedge kept ("mehr als drei Minuten"), a duration in
    parts as one value, a weekday as its date, a quote split from the sentence before it and
    attributed, subjects matched by German spellings, and a similar claim of another article
    with its reconciliation group."""
    project = copy_project(tmp_path / "project", with_reports=False)
    header, rows = project.rows("data/facts/entities.csv")
    for row in rows:
        if row["entity_id"] in ALIASES:
            row["aliases"] = "; ".join(filter(None, [row["aliases"], ALIASES[row["entity_id"]]]))
    project.write_rows("data/facts/entities.csv", header, rows)
    article = project.root.parent / "dpa.txt"
    article.write_text(AGENCY, encoding="utf-8")
    result = project.run(
        "add-article", str(article), "--id", "de-dpa", "--language", "de",
        "--published", "2021-10-05",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    source = next(r for r in project.rows(SOURCES)[1] if r["source_id"] == "de-dpa")
    assert (source["published"], source["published_precision"]) == ("2021-10-05", "day")
    found = _by_quote(project, "de-dpa")

    def has(quote: str, **values: str) -> dict[str, str]:
        assert quote in found, sorted(found)
        assert {k: found[quote][k] for k in values} == values, found[quote]
        return found[quote]

    has("mehr als drei Minuten", claim_type="duration", value_number="3", unit="minutes",
        qualifier="mehr als")  # fmt: skip
    has("soll 3 Stunden und 17 Minuten", claim_type="duration", value_number="197",
        unit="minutes", qualifier="soll")  # fmt: skip
    has("Klim Schipenko sind am Dienstag", claim_type="date", value_text="2021-10-05")
    has("«Alles läuft normal», hieß es", claim_type="quote", sentence_id="de-dpa:p02s05")
    has("10.55 Uhr MESZ", value_time="2021-10-05T10:55:00+02:00")
    actress = has("Schauspielerin Julia Peressild", claim_type="name_role",
                  subject="yulia-peresild", value_text="actress")  # fmt: skip
    has("Kosmonaut Anton Schkaplerow", subject="anton-shkaplerov", value_text="cosmonaut")
    has("Erste Filmcrew der Raumfahrtgeschichte auf dem Weg zur ISS", spotted_as="statement")
    # the actress claim of the other articles, its group and the record row its verdict cites
    groups = {r["group_id"]: r["claim_ids"].split(";") for r in project.rows(RECONCILIATION)[1]}
    assert actress["similar_claim"] in groups[actress["suggested_group"]]
    verdicts = {r["claim_id"]: r["record_ids"] for r in project.rows(VERDICTS)[1]}
    assert verdicts[actress["similar_claim"]] in actress["suggested_record"]
