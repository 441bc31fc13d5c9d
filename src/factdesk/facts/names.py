"""One name per thing (``make check``): every text spells a known entity the way the entity
table names it in the text's language.

``entities.csv`` gives each entity one display name per language (``name@xx``) and its other
spellings (``aliases``: transliterations such as Tchaikovsky, Tschaikowski, Tsjaikovski). A text in
language *xx* (an explanation, an aspect, a record value or label, a statement, a name column)
that writes an entity another way is an error, unless the other spelling stands in
quotation marks (an article's or a source's own words). A short form that is part of the
display name ("Gagarin" for "Joeri Gagarin") is the same spelling and passes.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from factdesk.facts import schema
from factdesk.facts.csvfile import RawTable
from factdesk.facts.figures import QUOTED, URL
from factdesk.problems import Problem, problem

# Text fields written in the base language that are not translated but name entities.
BASE_TEXT = {"claims": ("statement",), "iss_crew": ("name",)}
SIMILAR = 0.7  # how alike two spellings of one name are (difflib's ratio)


def variant(form: str, shown: str) -> bool:
    """Whether ``form`` is another spelling of the display name ``shown`` (Terechkova of
    Valentina Tereshkova, Tsjaikovski of Tchaikovsky), not the same spelling (Gagarin of Joeri
    Gagarin, NASA of Nasa) and not another name altogether (International Space Station of ISS)."""
    a, b = form.casefold(), shown.casefold()
    if a in b or b in a:
        return False
    words, tokens = a.split(), b.split()
    windows = [" ".join(tokens[i : i + len(words)]) for i in range(len(tokens))] or [b]
    return max(SequenceMatcher(None, a, w).ratio() for w in windows) >= SIMILAR


def _spellings(entities: RawTable, languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """language -> {other spelling: the display name to use instead}."""
    out: dict[str, dict[str, str]] = {lang: {} for lang in languages}
    base = languages[0]
    for row in entities.records():
        forms = {a.strip() for a in row.get("aliases", "").split(";") if a.strip()}
        names = {
            lang: row.get(f"name@{lang}") or row.get(f"name@{base}", "") for lang in languages
        }
        forms |= {n for n in names.values() if n}
        for lang in languages:
            for form in forms:
                if names[lang] and variant(form, names[lang]):
                    out[lang][form] = names[lang]
    return out


def _patterns(forms: dict[str, str]) -> tuple[re.Pattern, re.Pattern] | None:
    """The other spellings as whole words, and anywhere (a quick test: blanking URLs and
    quotations adds no letters, so a text that holds none anywhere needs no closer look)."""
    if not forms:
        return None
    alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), re.compile(alternatives)


def problems(
    package: schema.Package, raw: dict[str, RawTable | None], languages: tuple[str, ...]
) -> list[Problem]:
    entities = raw.get("entities")
    if entities is None:
        return []
    base = package.base_language
    ordered = (base, *(lang for lang in languages if lang != base))
    shown = _spellings(entities, ordered)
    wrong = {lang: _patterns(forms) for lang, forms in shown.items()}
    found = []
    for table in package.tables.values():
        data = raw.get(table.name)
        if data is None or table.name == "entities":
            continue
        columns = [
            (f.column(lang), lang)
            for f in table.fields
            if f.translated and f.type == "string"
            for lang in ordered
        ]
        columns += [(c, base) for c in BASE_TEXT.get(table.name, ())]
        for column, language in columns:
            patterns = wrong.get(language)
            if patterns is None or column not in data.frame:
                continue
            pattern, anywhere = patterns
            for line, text in data.frame[column].items():
                if not text or not anywhere.search(text):
                    continue
                bare = QUOTED.sub(" ", URL.sub(" ", text))
                for match in dict.fromkeys(pattern.findall(bare)):
                    found.append(
                        problem(
                            data.path,
                            line,
                            column,
                            f"spells {match!r}; in {language!r} texts this is "
                            f"{shown[language][match]!r} (entities.csv name@{language}), "
                            "unless quoted",
                        )
                    )
    return found
