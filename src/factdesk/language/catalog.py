"""Screen text in any language: one YAML translation catalog per language, with plural forms.

Two catalogs are merged for a language: the engine's
(``src/factdesk/language/locales/<lang>.yaml``: frame, verdict names, common column headers) and
the story's (``notebooks/locales/<lang>.yaml``: titles, findings, chart titles). Adding a
language means adding those files (and ``reports.yml``); no code. An entry is a string with
``{placeholders}`` or, for text that depends on a count, a mapping of CLDR plural categories
(``one``, ``other``, ...) chosen by Babel's plural rules for the language, so no "1 points".

A key missing in a language falls back to the base language *loudly*: a
:class:`TranslationFallback` warning names the key and the catalog file to add it to.

A language the engine has no catalog for keeps all its text in the story's catalog (engine
keys included: the two merge). The story catalog's ``words:`` section is no text: it extends
the language's words (:mod:`factdesk.language.words`).
"""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from factdesk import inputs, paths

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class TranslationFallback(UserWarning):
    """A text or a data value is shown in the base language because a translation is missing."""


class CatalogError(KeyError):
    """A key is missing in every catalog, or a catalog file is malformed."""

    def __str__(self) -> str:
        return str(self.args[0])


def files(language: str) -> list[Path]:
    """The catalog files of ``language`` that exist: the engine's, then the story's."""
    candidates = [
        paths.ENGINE_LOCALES / f"{language}.yaml",
        paths.STORY_LOCALES / f"{language}.yaml",
    ]
    return [p for p in candidates if p.is_file()]


def languages() -> list[str]:
    """Every language with at least one catalog file."""
    found = {p.stem for d in (paths.ENGINE_LOCALES, paths.STORY_LOCALES) for p in d.glob("*.yaml")}
    return sorted(found)


def entries(language: str) -> dict[str, object]:
    """All entries of ``language``'s catalogs (the story's may not redefine the engine's).
    The files are recorded as read on every call (a warm kernel renders several reports)."""
    for path in files(language):
        inputs.record(path)
    return _entries(language)


@cache
def _entries(language: str) -> dict[str, object]:
    merged: dict[str, object] = {}
    for path in files(language):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        except yaml.YAMLError as exc:
            raise CatalogError(f"{paths.display(path)}: not valid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise CatalogError(f"{paths.display(path)}: must be a mapping of key: text")
        for key, value in data.items():
            if key in merged:
                raise CatalogError(f"{paths.display(path)}: key {key!r} is already defined")
            merged[str(key)] = value
    return merged


def plural_category(language: str, n: float) -> str:
    """The CLDR plural category (``one``, ``other``, ...) of ``n`` in ``language``."""
    return Locale.parse(language).plural_form(abs(n))


def known_locale(language: str) -> bool:
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return False
    return True


class Catalog:
    """The screen text of one language, falling back (with a warning) to ``base``."""

    def __init__(self, language: str, base: str = "en") -> None:
        self.language, self.base = language, base

    def _entry(self, key: str) -> object:
        own = entries(self.language)
        if key in own:
            return own[key]
        fallback = entries(self.base)
        if key not in fallback:
            where = " or ".join(paths.display(p) for p in files(self.base)) or "a catalog"
            raise CatalogError(f"no text for {key!r} in {where}")
        target = paths.display(paths.STORY_LOCALES / f"{self.language}.yaml")
        warnings.warn(
            TranslationFallback(
                f"no {self.language!r} text for {key!r} (add it to {target}); "
                f"showing the {self.base!r} text"
            ),
            stacklevel=3,
        )
        return fallback[key]

    def forms(self, key: str) -> dict[str, str]:
        """The plural forms of ``key`` (CLDR category -> text with ``{n}``), for a page that
        picks one itself (the browser's ``Intl.PluralRules`` implements the same CLDR rules)."""
        entry = self._entry(key)
        return (
            {str(k): str(v) for k, v in entry.items()}
            if isinstance(entry, dict)
            else {"other": str(entry)}
        )

    def has(self, key: str) -> bool:
        return key in entries(self.language) or key in entries(self.base)

    def text(self, key: str, n: float | None = None, **values: object) -> str:
        """The text ``key`` with ``{placeholders}`` filled; with ``n``, the plural form for
        ``n`` (``n`` is also available as ``{n}``)."""
        entry = self._entry(key)
        if isinstance(entry, dict):
            if n is None:
                raise CatalogError(f"{key!r} has plural forms: call text({key!r}, n=...)")
            language = self.language if key in entries(self.language) else self.base
            category = plural_category(language, n)
            template = entry.get(category, entry.get("other"))
            if template is None:
                raise CatalogError(f"{key!r} has no {category!r} or 'other' form")
        else:
            template = entry
        if n is not None:
            shown = n if float(n).is_integer() else format_decimal(n, locale=self.language)
            values = {"n": int(n) if float(n).is_integer() else shown, **values}
        try:
            return str(template).format(**values) if values else str(template)
        except KeyError as exc:
            raise CatalogError(f"{key!r} needs a value for {{{exc.args[0]}}}") from None


def problems(language: str, base: str) -> list:
    """A catalog text that needs a value its base-language text does not give
    (``{first}`` in German where English passes only ``{n}`` and ``{name}``) would fail in a
    report; name it, with its file and line, before anything renders."""
    import re

    from factdesk.problems import problem

    def slots(value: object) -> set[str]:
        texts = value.values() if isinstance(value, dict) else [value]
        return {s for t in texts for s in re.findall(r"{(\w+)}", str(t))}

    if language == base:
        return []
    own, theirs = _entries(language), _entries(base)
    found = []
    data = ("unit_words", "words")  # data for the rules and the spotter, not text
    absent = [key for key in theirs if key not in own and key not in data]
    if absent:  # the author's to-do, never a box in front of readers
        target = paths.STORY_LOCALES / f"{language}.yaml"
        shown = ", ".join(absent[:5]) + (f" and {len(absent) - 5} more" if len(absent) > 5 else "")
        found.append(problem(target, 1, "-", f"no {language!r} text for {len(absent)} key(s) "
                             f"({shown}); the reports show the {base!r} text",
                             severity="warning"))  # fmt: skip
    for key, value in own.items():
        if key not in theirs or key in data:
            continue
        extra = slots(value) - slots(theirs[key]) - {"n"}
        if extra:
            path, line = _where(language, key)
            names = ", ".join(f"{{{e}}}" for e in sorted(extra))
            found.append(problem(path, line, key, f"uses {names}, which the {base!r} text "
                                 "does not have: the report cannot fill it"))  # fmt: skip
    return found


def _where(language: str, key: str) -> tuple[Path, int]:
    """The catalog file of ``language`` defining ``key``, and the key's line."""
    for path in files(language):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith((f"{key}:", f'"{key}":')):
                return path, number
    return files(language)[0], 0
