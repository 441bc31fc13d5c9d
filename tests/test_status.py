"""``status`` is the to-do list after ``add-article``: per article what is neither covered nor
excused, not yet reviewed, not judged or in no group; per language what is not translated;
the notebooks out of sync. It exits 0 whatever is left (``check`` is the gate)."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from project import base_language, copy_project, settings, spare_language

from factdesk.facts.csvfile import read_raw
from factdesk.language import catalog

ARTICLE = """Drei Kosmonauten starten zur Raumstation

Am Dienstag starteten drei Kosmonauten. Die Kopplung ist für 14.12 Uhr MESZ geplant.

Die Station kreist in rund 420 Kilometern Höhe. Alles läuft gut.
"""
CLAIMS = "data/facts/claims.csv"
PLURAL = {"zero", "one", "two", "few", "many", "other"}


def _line(output: str, source_id: str) -> re.Match:
    found = re.search(
        rf"^  {source_id} \((\w+)\): (\d+) of (\d+) sentences neither covered nor excused; "
        r"(\d+) candidates not yet reviewed; (\d+) claims without a verdict; (\d+) claims in "
        r"no reconciliation group$",
        output,
        re.M,
    )
    assert found, output
    return found


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("status") / "project", with_reports=False)
    article = project.root.parent / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = project.run("add-article", str(article), "--id", "de-new", "--language", "de")
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.slow
def test_after_add_article_status_lists_what_is_left(added):
    result = added.run("status")
    assert result.returncode == 0, result.stderr
    _, candidates = added.rows("data/review/de-new-candidates.csv")
    _, sentences = added.rows("data/review/de-new-sentences.csv")
    found = _line(result.stdout, "de-new")
    assert found.group(1) == "de"
    assert (int(found.group(2)), int(found.group(3))) == (len(sentences), len(sentences))
    assert (int(found.group(4)), found.group(5), found.group(6)) == (len(candidates), "0", "0")
    for row in sentences[:3]:
        assert f"    sentence {row['sentence_id']}: " in result.stdout
    # the articles the project has are done but for claims no other article makes
    for row in read_raw(added.path("data/facts/sources.csv")).records()[:-1]:
        assert _line(result.stdout, row["source_id"]).group(2, 4, 5) == ("0", "0", "0")
    # while check is the gate and fails
    assert added.run("check").returncode == 1


@pytest.mark.slow
def test_accepting_rejecting_and_judging_shrink_the_list(added, tmp_path):
    project = copy_project(tmp_path / "p", with_reports=False)
    shutil.rmtree(project.path("data"))  # the copy with the added article and its sheets
    shutil.copytree(added.path("data"), project.path("data"))
    header, claims = project.rows(CLAIMS)
    sheet_header, rows = project.rows("data/review/de-new-candidates.csv")
    accepted, rejected = rows[0], rows[1]
    accepted.update(statement="Accepted.", topic="mission", subject=accepted["subject"] or "iss")
    project.write_rows(CLAIMS, header, [*claims, {c: accepted[c] for c in header}])
    rejected["decision"] = "rejected"
    project.write_rows("data/review/de-new-candidates.csv", sheet_header, rows)
    found = _line(project.run("status").stdout, "de-new")
    assert int(found.group(4)) == len(rows) - 2
    assert (found.group(5), found.group(6)) == ("1", "1")  # the accepted claim: no verdict yet
    assert int(found.group(2)) < int(found.group(3))  # its sentence is covered now


@pytest.mark.slow
def test_languages_count_what_is_not_translated(tmp_path):
    project = copy_project(tmp_path / "p", with_reports=False)
    data, spare, base = settings(), spare_language(), base_language()
    data["languages"] = [*data["languages"], spare]
    project.write_config(data)
    project.path(f"notebooks/locales/{spare}.yaml").write_text("findings: X\n", encoding="utf-8")
    result = project.run("status")
    assert result.returncode == 0, result.stderr
    block = result.stdout.split(f"\n  {spare}: ", 1)[1]
    # every cell of every translated column is missing ...
    _, rows = project.rows("data/facts/entities.csv")
    assert f"data/facts/entities.csv name@{spare}: {len(rows)} of {len(rows)} empty" in block
    # ... every text of the base language's catalogs but the one given ...
    texts = set()
    for path in catalog.files(base):
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if not isinstance(value, dict) or set(value) <= PLURAL:
                texts.add(key)
    missing = re.match(r"\d+ empty cells in \d+ translated columns; (\d+) catalog texts", block)
    assert missing and int(missing.group(1)) == len(texts - {"findings"})
    # ... and every prose cell
    prose = re.search(r"(\d+) of (\d+) prose cells without a version", block)
    assert prose and prose.group(1) == prose.group(2) != "0"


@pytest.mark.slow
def test_twins_out_of_sync_are_listed_and_status_still_exits_0(tmp_path):
    project = copy_project(tmp_path / "p", with_reports=False)
    twin = sorted(project.path("notebooks").glob("*.py"))[0]
    twin.write_text(twin.read_text(encoding="utf-8") + "\n# %%\nprint('new cell')\n", "utf-8")
    result = project.run("status")
    assert result.returncode == 0, result.stderr
    assert "Notebooks out of sync" in result.stdout
    assert f"notebooks/{twin.stem}.ipynb:" in result.stdout


def test_a_malformed_schema_stops_status_with_one_message(tmp_path):
    project = copy_project(tmp_path / "p", with_reports=False)
    project.path("data/datapackage.yaml").write_text("resources: [\n", encoding="utf-8")
    result = project.run("status")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("status cannot run: data/datapackage.yaml: not valid YAML")
