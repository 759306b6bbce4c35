"""Controlled vocabularies: tags assigned by keywords, and the practice catalog's rules.

A `Term` is one tag (id, labels in three languages, the keywords that assign it); `tags`
returns the terms a text earns. `Vocabulary` is ``data/reference/practice_vocabulary.toml``:
themes (labels only: a practices.toml names them), focus areas (the compendium's sub-themes of
one theme), target groups, scope, the year-started patterns and the rules that say which
numbers of a practice's profile are key figures. The organisation directory reads its focus
terms with the same `terms` reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conventions.errors import EtlError
from etl.text import read_toml

VOCABULARY_FILE = "practice_vocabulary.toml"
LANGUAGES = ("en", "ru", "kk")


@dataclass(frozen=True)
class Term:
    """One tag of a controlled vocabulary: id, labels and the keywords that assign it."""

    term_id: str
    labels: dict[str, str]
    keywords: tuple[str, ...]
    default: bool = False

    @property
    def pattern(self) -> re.Pattern[str] | None:
        return keyword_pattern(self.keywords)


@cache
def keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """Keywords matched case-folded at the start of a word ("steriliz" -> "sterilized")."""
    if not keywords:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(k.casefold())}" for k in keywords))


def terms(path: Path, table: dict, section: str, keywords: bool = True) -> list[Term]:
    """The `[section.<id>]` terms of a vocabulary file, each with labels and (when `keywords`)
    the keywords that assign it; a section read without keywords must not list any."""
    found = []
    for term_id, item in table.get(section, {}).items():
        missing = [k for k in LANGUAGES if not item.get(k)]
        if missing or ("keywords" in item) != keywords:
            raise EtlError(str(path), "vocabulary-fields",
                           f"{section}.{term_id} lacks {missing}" if missing else
                           f"{section}.{term_id}: keywords {'missing' if keywords else 'not allowed here'}")
        found.append(Term(term_id, {k: item[k] for k in LANGUAGES}, tuple(item.get("keywords", ())),
                          bool(item.get("default"))))
    if not found:
        raise EtlError(str(path), "vocabulary-fields", f"no [{section}.*] terms")
    return found


@cache
def folded_keywords(keywords: tuple[str, ...]) -> tuple[str, ...]:
    """The keywords as `keyword_pattern` matches them: a text holding none of them as a substring
    cannot match, and `in` is much faster than the pattern's alternation of lookbehinds."""
    return tuple(k.casefold() for k in keywords)


def tags(vocabulary: list[Term], text: str) -> list[str]:
    """Ids of the terms whose keywords occur in `text`; the default term when none does."""
    folded = text.casefold()
    found = [t.term_id for t in vocabulary if any(k in folded for k in folded_keywords(t.keywords))
             and t.pattern.search(folded)]
    return found or [t.term_id for t in vocabulary if t.default]


@dataclass(frozen=True)
class CountedRule:
    """A key figure: a number followed by what `pattern` matches is counted as `category`."""

    category: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ActionRule:
    """A verb of the figure's clause that refines its category (`suffix` is appended)."""

    suffix: str
    keywords: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        return keyword_pattern(self.keywords)


@dataclass
class Vocabulary:
    """practice_vocabulary.toml: tags, scope, year and key-number rules for practices."""

    themes: list[Term]
    focus_parent: str            # the theme the focus areas are sub-themes of
    focus: list[Term]
    target: list[Term]
    scope: list[Term]
    descriptor_words: frozenset[str]
    year_patterns: list[re.Pattern[str]]
    counted: list[CountedRule]
    actions: list[ActionRule]

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        data = read_toml(path)
        try:
            themes = terms(path, data, "theme", keywords=False)
            focus_parent = data["subthemes"]["focus_parent"]
            if focus_parent not in {t.term_id for t in themes}:
                raise EtlError(str(path), "vocabulary-fields", f"[subthemes] names unknown theme {focus_parent!r}")
            return cls(
                themes=themes, focus_parent=focus_parent,
                focus=terms(path, data, "focus"), target=terms(path, data, "target"),
                scope=terms(path, data, "scope"),
                descriptor_words=frozenset(w.casefold() for w in data["header"]["descriptor_words"]),
                year_patterns=[re.compile(p) for p in data["year_started"]["patterns"]],
                counted=[CountedRule(c["category"], re.compile(c["pattern"], re.IGNORECASE))
                         for c in data["counted"]],
                actions=[ActionRule(a["suffix"], tuple(a["keywords"])) for a in data["action"]])
        except (KeyError, TypeError, re.error) as exc:
            raise EtlError(str(path), "vocabulary-fields", f"{type(exc).__name__}: {exc}") from exc

    def ids(self, section: str) -> frozenset[str]:
        """The term ids of a section (`themes`, `target`, `scope`, `focus`)."""
        return frozenset(t.term_id for t in getattr(self, section))
