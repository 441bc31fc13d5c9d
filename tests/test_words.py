"""A language's words are data: the engine ships en, nl and de; a story extends or overrides
them, or gives a new language its words, in its catalog's ``words:`` section; the spotter and
the splitter use whatever is there, so a new language adds words, never code."""

from __future__ import annotations

import pytest

from factdesk import paths
from factdesk.intake.articles import clean_text
from factdesk.intake.candidates import spot
from factdesk.intake.sentences import split, split_rules
from factdesk.language import words
from factdesk.language.words import HEDGE_MEANINGS, WordsError

# What the brief of issue 21 names for each shipped language (a floor, not the whole list).
HEDGES = {
    "en": {"about": "about", "around": "about", "roughly": "about", "some": "about",
           "nearly": "nearly", "almost": "nearly", "more than": "more_than",
           "over": "more_than", "at least": "at_least", "less than": "less_than",
           "under": "less_than"},
    "nl": {"rond": "about", "ongeveer": "about", "circa": "about", "bijna": "nearly",
           "ruim": "more_than", "meer dan": "more_than", "minstens": "at_least",
           "minder dan": "less_than"},
    "de": {"etwa": "about", "rund": "about", "gut": "more_than", "fast": "nearly",
           "knapp": "nearly", "mehr als": "more_than", "mindestens": "at_least",
           "weniger als": "less_than"},
}  # fmt: skip
SPEECH = {"en": {"says", "said", "told", "tells"},
          "nl": {"zegt", "zei", "vertelt", "vertelde", "aldus"},
          "de": {"sagte", "sagt", "erzählte", "so"}}  # fmt: skip
FIRSTS = {"en": {"first", "only", "never"}, "nl": {"eerste", "enige", "nooit"},
          "de": {"erste", "einzige", "nie"}}  # fmt: skip


@pytest.fixture
def story(tmp_path):
    """A story catalog folder of its own: an empty project (``paths.use`` reads the words
    afresh)."""
    with paths.use(tmp_path) as project:
        project.story_locales.mkdir(parents=True)
        yield project.story_locales


@pytest.mark.parametrize("language", sorted(HEDGES))
def test_the_shipped_languages_have_their_words(language):
    hedges = words.hedges(language)
    assert HEDGES[language].items() <= hedges.items()
    assert set(hedges.values()) <= set(HEDGE_MEANINGS)
    assert SPEECH[language] <= set(words.speech_verbs(language))
    assert FIRSTS[language] <= set(words.firsts(language))
    roles = words.role_nouns(language)
    assert roles and all(isinstance(v, str) and v for v in roles.values())


def test_yaml_keeps_no_and_on_as_words():
    assert "no" in words.words("en").negations
    assert "On" in words.words("en").sentence_starters


def test_a_story_extends_overrides_and_replaces(story):
    (story / "nl.yaml").write_text(
        "findings: Bevindingen\n"
        "words:\n"
        "  hedges: {zowat: about, ruim: null}\n"
        "  speech_verbs: [beweert]\n"
        "  firsts: [primeur]\n"
        "  replace: [firsts]\n",
        encoding="utf-8",
    )
    hedges = words.hedges("nl")
    assert hedges["zowat"] == "about" and "ruim" not in hedges and hedges["rond"] == "about"
    assert {"zegt", "beweert"} <= set(words.speech_verbs("nl"))
    assert words.firsts("nl") == ("primeur",)


def test_a_new_language_is_words_in_its_catalog_not_code(story):
    """French has no engine words: its catalog's words make the spotter keep a hedge, find a
    role and a speaker, and the splitter keep an abbreviation inside a sentence."""
    assert words.hedges("fr") == {} and not words.files("fr")
    (story / "fr.yaml").write_text(
        "words:\n"
        "  hedges: {environ: about}\n"
        "  role_nouns: {actrice: actress}\n"
        "  speech_verbs: [a déclaré]\n"
        "  pronouns: [elle]\n"
        "  abbreviations: [cf.]\n",
        encoding="utf-8",
    )
    words._load.cache_clear()  # (a run reads each language's words once)
    from factdesk.intake.spotting.entities import Entity

    text = (
        "Titre\n\nL'actrice Jane Doe restera environ 12 jours à bord. « Nous sommes prêts "
        "pour ce vol », a déclaré Jane Doe. Le vol dure 3 heures (cf. Roscosmos)."
    )
    article = clean_text(text, "fr-test", language="fr")
    assert [s.text for s in article.sentences][1:] == [
        "L'actrice Jane Doe restera environ 12 jours à bord.",
        "« Nous sommes prêts pour ce vol », a déclaré Jane Doe.",
        "Le vol dure 3 heures (cf. Roscosmos).",
    ]
    person = Entity("jane-doe", "person", ("Jane Doe",), "Jane Doe")
    found = {article.body[c.start : c.end]: c for c, _ in spot(article, "fr", "en", [person])}
    stay = found["environ 12 jours"]
    assert (stay.value_number, stay.unit, stay.qualifier) == ("12", "days", "environ")
    assert found["actrice Jane Doe"].value_text == "actress"
    quote = found["« Nous sommes prêts pour ce vol », a déclaré Jane Doe"]
    assert quote.attributed_to == "jane-doe"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("words:\n  hedges: {circa: approx}\n", r"words\.hedges: 'circa': 'approx' is not one"),
        ("words:\n  slang: [yo]\n", r"unknown section 'slang'"),
        ("words:\n  speech_verbs: says\n", r"words\.speech_verbs: must be a list"),
        ("words:\n  replace: [nothing]\n", r"words\.replace: unknown 'nothing'"),
    ],
)
def test_a_malformed_words_section_names_file_and_section(story, text, message):
    (story / "en.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(WordsError, match=rf"en\.yaml: .*{message}"):
        words.words("en")


def test_the_splitter_reads_each_languages_words():
    rules = split_rules("de")
    text = "Die Rakete stieg am 5. Oktober auf. «Alles läuft normal», hieß es. Z. B. so."
    assert [text[s:e] for s, e in split(text, rules)] == [
        "Die Rakete stieg am 5. Oktober auf.",
        "«Alles läuft normal», hieß es.",
        "Z. B. so.",
    ]
