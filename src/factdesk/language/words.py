"""What the engine knows of a language's words, as data: hedges, speech verbs, firsts, role
nouns, plan and opinion words, abbreviations, ... (the candidate spotter of ``add-article`` and
the sentence splitter read them; verdict rules may too).

The engine ships ``src/factdesk/language/words/<lang>.yaml`` (en, nl, de). A story extends or
overrides them, or gives a new language its words, in its catalog
``notebooks/locales/<lang>.yaml`` under ``words:``, so a reporter never edits ``src/``:

* a mapping section (``hedges``, ``role_nouns``, ...) is merged entry by entry, the story's
  entry winning; an entry given as ``null`` is removed;
* a list section (``speech_verbs``, ...) is extended with the story's items;
* ``replace: [section, ...]`` makes the story's sections replace the engine's instead.

A language with no words at all gets empty sections: the spotter then proposes only what CLDR
data gives it (dates, times, numbers with units, quoted speech).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from factdesk import inputs, paths
from factdesk.problems import Problem

__all__ = [
    "HEDGE_MEANINGS",
    "Words",
    "WordsError",
    "files",
    "firsts",
    "hedges",
    "languages",
    "role_nouns",
    "speech_verbs",
    "words",
]

FOLDER = paths.PACKAGE / "language" / "words"
HEDGE_MEANINGS = ("about", "nearly", "more_than", "at_least", "less_than", "at_most")
UNCERTAIN_MEANINGS = ("probably", "reportedly", "rumour", "expected")
PLACE_MEANINGS = ("origin", "destination", "location")

# Every section: its kind ("map" of phrase -> value, "list" of phrases, "flag") and, for maps,
# the values allowed (a tuple), or the type of the value.
SECTIONS: dict[str, tuple[str, object]] = {
    "hedges": ("map", HEDGE_MEANINGS),
    "uncertainty": ("map", UNCERTAIN_MEANINGS),
    "place_prepositions": ("map", PLACE_MEANINGS),
    "role_nouns": ("map", str),
    "relative_days": ("map", int),
    "number_words": ("map", float),
    "speech_verbs": ("list", None),
    "pronouns": ("list", None),
    "firsts": ("list", None),
    "negations": ("list", None),
    "played_by": ("list", None),
    "plan_words": ("list", None),
    "planned": ("list", None),
    "comparisons": ("list", None),
    "opinion_words": ("list", None),
    "clause_words": ("list", None),
    "day_parts": ("list", None),
    "one_words": ("list", None),
    "abbreviations": ("list", None),
    "sentence_starters": ("list", None),
    "compounds": ("flag", None),
}
CASED = ("sentence_starters",)  # written as they stand at a sentence start; others lower case


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available
    """YAML 1.2's booleans: only true and false, so the words yes, no, on and off stay words."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class WordsError(ValueError):
    """A words file or a catalog's ``words:`` section is malformed; the message names it."""

    @property
    def problem(self) -> Problem:
        """The message as ``check`` reports problems (the file, then what is wrong)."""
        path, _, message = str(self).partition(": ")
        return Problem(path, 0, "-", message)


@dataclass(frozen=True)
class Words:
    """All sections of one language (mappings read-only)."""

    language: str
    sections: MappingProxyType

    def __getattr__(self, name: str):
        if name in SECTIONS:
            return self.sections[name]
        raise AttributeError(name)


def files(language: str) -> list[Path]:
    """The files ``language``'s words come from, that exist: the engine's, the story's
    catalog."""
    found = [FOLDER / f"{language}.yaml", paths.STORY_LOCALES / f"{language}.yaml"]
    return [p for p in found if p.is_file()]


def languages() -> tuple[str, ...]:
    """Every language with an engine words file or a story catalog with ``words:``."""
    found = {p.stem for p in FOLDER.glob("*.yaml")}
    found |= {p.stem for p in paths.STORY_LOCALES.glob("*.yaml") if _story(p)}
    return tuple(sorted(found))


def _read(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise WordsError(f"{paths.display(path)}: cannot read the file ({exc})") from None
    except yaml.YAMLError as exc:
        raise WordsError(f"{paths.display(path)}: not valid YAML: {exc}") from None


def _story(path: Path) -> dict:
    """The ``words:`` section of a story catalog ({} when it has none)."""
    data = _read(path)
    found = data.get("words") if isinstance(data, dict) else None
    if found is None:
        return {}
    if not isinstance(found, dict):
        raise WordsError(f"{paths.display(path)}: words: must be a mapping of sections")
    return found


def _section(path: Path, name: str, value: object, story: bool) -> object:
    """One section checked and normalised (lists as tuples, phrases lower case)."""
    where = f"{paths.display(path)}: {'words.' if story else ''}{name}"
    kind, allowed = SECTIONS[name]
    if kind == "flag":
        if not isinstance(value, bool):
            raise WordsError(f"{where}: must be true or false")
        return value
    fold = (lambda w: w) if name in CASED else str.lower
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise WordsError(f"{where}: must be a list of words or phrases")
        return tuple(fold(v) for v in value)
    if not isinstance(value, dict):
        raise WordsError(f"{where}: must be a mapping of phrase: value")
    out = {}
    for phrase, meaning in value.items():
        if meaning is None and story:
            out[fold(str(phrase))] = None  # removes the engine's entry
        elif isinstance(allowed, tuple) and meaning not in allowed:
            known = ", ".join(allowed)
            raise WordsError(f"{where}: {phrase!r}: {meaning!r} is not one of {known}")
        elif allowed in (int, float) and (
            isinstance(meaning, bool) or not isinstance(meaning, int | float)
        ):
            raise WordsError(f"{where}: {phrase!r}: {meaning!r} is not a number")
        elif allowed is str and not isinstance(meaning, str):
            raise WordsError(f"{where}: {phrase!r}: {meaning!r} is not a word")
        else:
            out[fold(str(phrase))] = meaning
    return out


def _sections(path: Path, data: object, story: bool) -> dict[str, object]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise WordsError(f"{paths.display(path)}: must be a mapping of sections")
    unknown = sorted(set(data) - set(SECTIONS) - ({"replace"} if story else set()))
    if unknown:
        known = ", ".join(SECTIONS)
        raise WordsError(f"{paths.display(path)}: unknown section {unknown[0]!r}; known: {known}")
    return {k: _section(path, k, v, story) for k, v in data.items() if k != "replace"}


def _merge(engine: dict, story: dict, replace: set[str]) -> dict[str, object]:
    merged = dict(engine)
    for name, value in story.items():
        kind = SECTIONS[name][0]
        if name in replace or name not in merged or kind == "flag":
            kept = {k: v for k, v in value.items() if v is not None} if kind == "map" else None
            merged[name] = value if kept is None else kept
        elif kind == "list":
            merged[name] = tuple(dict.fromkeys((*merged[name], *value)))
        else:
            both = {**merged[name], **value}
            merged[name] = {k: v for k, v in both.items() if v is not None}
    return merged


@cache
def _load(language: str) -> Words:
    engine_file = FOLDER / f"{language}.yaml"
    engine = _sections(engine_file, _read(engine_file), False) if engine_file.is_file() else {}
    story_file = paths.STORY_LOCALES / f"{language}.yaml"
    story, replace = {}, set()
    if story_file.is_file():
        raw = _story(story_file)
        replace = set(raw.get("replace") or ())
        if not replace <= set(SECTIONS):
            wrong = sorted(replace - set(SECTIONS))[0]
            raise WordsError(f"{paths.display(story_file)}: words.replace: unknown {wrong!r}")
        story = _sections(story_file, raw, True)
    merged = _merge(engine, story, replace)
    empty = {"map": {}, "list": (), "flag": False}
    for name, (kind, _) in SECTIONS.items():
        value = merged.get(name, empty[kind])
        merged[name] = MappingProxyType(dict(value)) if kind == "map" else value
    return Words(language, MappingProxyType(merged))


def words(language: str) -> Words:
    """Every section of ``language`` (engine words with the story's applied). The files are
    recorded as read (a report that splits sentences depends on them)."""
    for path in files(language):
        inputs.record(path)
    return _load(language)


def hedges(language: str) -> dict[str, str]:
    """Lower-case hedge phrase -> meaning, one of :data:`HEDGE_MEANINGS`
    (``{"about": "about", "almost": "nearly", "more than": "more_than", ...}``)."""
    return dict(words(language).hedges)


def speech_verbs(language: str) -> tuple[str, ...]:
    """Inflected verbs (and phrases) that attribute words to someone: says, said, told, ..."""
    return words(language).speech_verbs


def firsts(language: str) -> tuple[str, ...]:
    """Words of firsts, onlies and nevers: first, only, never, ..."""
    return words(language).firsts


def role_nouns(language: str) -> dict[str, str]:
    """Lower-case role noun -> its word in the base language (``{"actrice": "actress"}``)."""
    return dict(words(language).role_nouns)


def uncertainty(language: str) -> dict[str, str]:
    """Lower-case phrase -> probably, reportedly, rumour or expected."""
    return dict(words(language).uncertainty)


def plan_words(language: str) -> tuple[str, ...]:
    return words(language).plan_words


def opinion_words(language: str) -> tuple[str, ...]:
    return words(language).opinion_words
