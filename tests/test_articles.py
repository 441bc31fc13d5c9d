"""Cleaning of the story's Dutch and English articles, checked against what a reader sees in
the raw files; the rules that hold for every article (offsets, idempotence) run on all of
sources.csv."""

from __future__ import annotations

import ftfy
import pytest

from factdesk import paths
from factdesk.intake import articles, cleaning
from factdesk.intake.articles import ArticleError, clean_text

NL, EN = "nl-ms19-launch", "en-ms19-launch"


def test_sentence_and_caption_counts_match_a_reading(clean):
    # Counted by reading the articles: Dutch 6 body paragraphs (one heading) with 17 sentences
    # and 2 AFP captions (3 sentences); English headline + 10 paragraphs, 29 sentences, no caption.
    nl, en = clean[NL], clean[EN]
    assert len([s for s in nl.sentences if s.part == "body"]) == 17
    assert len(nl.captions) == 2
    assert [c.credit for c in nl.captions] == ["AFP", "AFP"]
    assert len([s for s in nl.sentences if s.kind == "caption"]) == 3
    assert len(en.sentences) == 29
    assert en.captions == ()
    assert [s.text for s in en.sentences if s.kind == "headline"] == [
        "Russian actress and cameraman on the way to ISS space station"
    ]
    assert [s.text for s in nl.sentences if s.kind == "heading"] == ["Wordt vervolgd"]
    assert [s.text for s in en.sentences if s.kind == "heading"] == ["Tom Cruise wants too"]


def test_offsets_round_trip(clean):
    for article in clean.values():
        for s in article.sentences:
            assert article.part_text(s.part)[s.start : s.end] == s.text


def test_captions_leave_the_body_and_keep_their_text(clean):
    nl = clean[NL]
    assert "Volledig scherm" not in nl.body and "\u00a9" not in nl.body
    assert nl.captions[0].text.startswith("De Soyuz MS-19-raket stijgt op")
    assert nl.captions[1].text == (
        "Joelia Peresild (links), Anton Shkaplerov (midden) en Klim Sjipenko (rechts) een dag "
        "voor de historische ruimtemissie."
    )
    moved = [e for e in nl.log if "caption" in e.reason]
    assert len(moved) == 2 and all(nl.raw[e.position :].startswith(e.before) for e in moved)


def test_header_date_is_dropped_from_body_but_kept(clean):
    nl = clean[NL]
    assert nl.header_date == "2021-10"
    assert nl.body.startswith("Samen met de ervaren kosmonaut")
    assert clean[EN].header_date is None


def test_quotes_repaired_and_ftfy_alone_leaves_them_broken(clean):
    en = clean[EN]
    assert "\u0e42" not in en.body and "\u20ac" not in en.body
    assert en.body.count("\u201c") == 3 and en.body.count("\u201d") == 3
    assert "\u201cWe always tell them" in en.body
    assert "you should definitely do that,\u201d he says" in en.body
    # Why the explicit mapping exists: ftfy does not recognise this cp874 variant.
    assert "\u0e42\u20ac\u0153" in ftfy.fix_text(en.raw)
    changes = [e for e in en.log if e.kind == "change"]
    assert len(changes) == 6 and all(en.raw[e.position :].startswith(e.before) for e in changes)


def test_no_wording_changes_beyond_the_logged_repairs(clean):
    en, nl = clean[EN], clean[NL]
    # The dropped apostrophes stay, and are logged as defects of the source.
    for word in ("Theyre", "cant", "Thats", "wont"):
        assert word in en.body
    defects = [e.before for e in en.log if e.kind == "defect" and "apostrophe" in e.reason]
    assert sorted(defects) == sorted(
        ["Theyre", "Its", "cant", "Thats", "wont", "theyre", "Thats", "cant"]
    )
    # Dutch: curly quotes and the ",," opening quote are the outlet's typography, kept as is.
    assert "\u2018De uitdaging\u2019" in nl.body and ",,Ik kijk uit" in nl.body
    # Every body word is in the raw text once the logged mojibake repairs are undone.
    undone = en.body
    for repair in cleaning.rules().repairs:
        undone = undone.replace(repair.replace, repair.find)
    assert undone.replace("\n\n", "\n\n") in en.raw


def test_cleaning_is_idempotent(clean):
    for source_id, article in clean.items():
        again = clean_text(article.body, source_id)
        assert again.body == article.body
        assert [e for e in again.log if e.kind == "change"] == []


def test_embedded_video_lead_ins_are_logged(clean):
    lead_ins = [e.before for a in clean.values() for e in a.log if "embedded media" in e.reason]
    assert "The rocket launched this morning:" in lead_ins
    assert any(x.startswith("Ruimtevaartpionier Elon Musk") for x in lead_ins)


def test_missing_file_names_the_file(tmp_path):
    path = tmp_path / "gone.txt"
    with pytest.raises(ArticleError, match=r"gone\.txt: article file not found"):
        articles.clean_article(path)


def test_empty_file_names_the_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"empty\.txt: article file is empty"):
        articles.clean_article(path)


def test_non_utf8_file_names_the_file_and_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("De commerci\u00eble vlucht".encode("latin-1"))
    with pytest.raises(
        ArticleError, match=r"latin1\.txt: not valid UTF-8 \(byte 0xeb at offset 11\)"
    ):
        articles.clean_article(path)


def test_cleaning_rules_are_data(tmp_path):
    """A new source's furniture is a rule in data/cleaning.yaml, not code: with a rule for a
    made-up caption label, the paragraph leaves the body as a caption."""
    rules_file = tmp_path / "cleaning.yaml"
    rules_file.write_text(
        "captions:\n  - pattern: '\\AFoto: (?P<credit>[^,]+), (?P<text>.+)\\Z'\n"
        "    label: 'Foto:'\n",
        encoding="utf-8",
    )
    rules = cleaning._load(rules_file)
    article = clean_text("Erster Satz. Noch einer.\n\nFoto: dpa, Die Rakete startet.", "x", rules)
    assert article.body == "Erster Satz. Noch einer."
    assert [(c.text, c.credit) for c in article.captions] == [("Die Rakete startet.", "dpa")]
    without = clean_text("Erster Satz.\n\nFoto: dpa, Die Rakete startet.", "x", cleaning.Rules())
    assert "Foto: dpa" in without.body


def test_sentence_ids_do_not_depend_on_whose_words_split_them(sources):
    """Every article splits into the same sentences with its own language's words as with
    every language's: the abbreviations and ordinal dates of one language never move the
    sentence ids of another's article (excused.csv names sentences by id)."""
    for row in sources.itertuples():
        path = paths.data_file(row.raw_file)
        own = articles.clean_article(path, row.source_id, row.language)
        every = articles.clean_article(path, row.source_id)
        assert [(s.sentence_id, s.text) for s in own.sentences] == [
            (s.sentence_id, s.text) for s in every.sentences
        ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "Die Rakete stieg auf. «Alles läuft normal», hieß es. Dann kam der 5. Oktober.",
         ["Die Rakete stieg auf.", "«Alles läuft normal», hieß es.",
          "Dann kam der 5. Oktober."]),
        ("en", "It docked at 9.15 a.m. EDT on time. It left at 10 a.m. The crew slept.",
         ["It docked at 9.15 a.m. EDT on time.", "It left at 10 a.m.", "The crew slept."]),
        ("nl", "„Het gaat goed.” Dat zei hij. Dhr. Jansen bleef ca. 3 uur.",
         ["„Het gaat goed.”", "Dat zei hij.", "Dhr. Jansen bleef ca. 3 uur."]),
    ],
)  # fmt: skip
def test_sentences_split_as_a_reader_splits_them(language, text, expected):
    article = clean_text(f"Titel\n\n{text}", "x", language=language)
    body = [s for s in article.sentences if s.kind == "body"]
    assert [s.text for s in body] == expected
    assert all(article.body[s.start : s.end] == s.text for s in body)
