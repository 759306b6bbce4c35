"""The organisation directory (data/reference/organizations.toml) and finding its names in text.

The directory is a gazetteer of organisations: ids, kinds and every spelling the documents
use. `AliasMatcher` finds those spellings in a line or a whole document; `find_mentions`
records each (organisation, line) with the spelling as printed (`organization_mentions`).
Matching works on a folded copy of the text of the same length (ё -> е, mixed-script words
transliterated), so a match's span cuts the printed spelling out of the original.

PDF extraction breaks names across lines ("Transparency \\nKazakhstan", "Казах-\\nстана"): a
name may continue on the next line (one line break, no more), between two of its words or
inside a word broken with a hyphen (`etl.layout.word_break_end`). Such a mention is recorded on the
line where the name starts, its spelling with the break folded (`as_printed`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from conventions.errors import EtlError
from etl.alphabets import CYRILLIC, LATIN
from etl.document import Document
from etl.layout import join_broken_words, word_break_end
from etl.text import read_toml
from etl.vocabulary import Term, folded_keywords, keyword_pattern, terms

ORGANIZATIONS_FILE = "organizations.toml"
KINDS = frozenset({"public_association", "foundation", "initiative_group", "union_network",
                   "state_body", "business", "international", "other"})
# One Latin letter per Cyrillic letter, for words printed in mixed script ("Maqсут").
_TRANSLIT = str.maketrans("абвгдезийклмнопрстуфыэАБВГДЕЗИЙКЛМНОПРСТУФЫЭ",
                          "abvgdeziyklmnoprstufyeABVGDEZIYKLMNOPRSTUFYE")
_RU_ENDINGS = sorted(["ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ую", "юю", "ом",
                      "ем", "ого", "его", "ому", "ему", "а", "я", "о", "е", "ы", "и", "ь", "й", "у", "ю"],
                     key=len, reverse=True)


@dataclass(frozen=True)
class OrgEntry:
    """One [[organization]] of organizations.toml."""

    org_id: str
    name: str
    name_ru: str | None
    abbreviation: str | None
    kind: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling that identifies the organisation, canonical name first."""
        found = [self.name, self.name_ru, self.abbreviation, *self.aliases]
        return tuple(dict.fromkeys(n for n in found if n))


@dataclass
class Directory:
    """organizations.toml: the organisations, their spellings, and the focus vocabulary."""

    path: Path
    entries: dict[str, OrgEntry]
    focus: list[Term]
    focus_verbs: re.Pattern[str]
    focus_verb_words: tuple[str, ...]     # the verbs, case-folded: a text without any cannot match

    @classmethod
    def load(cls, path: Path) -> Directory:
        data = read_toml(path)
        entries: dict[str, OrgEntry] = {}
        owner: dict[str, str] = {}
        for item in data.get("organization", []):
            entry = _org_entry(path, item)
            if entry.org_id in entries:
                raise EtlError(str(path), "organization-id", f"{entry.org_id} is listed twice")
            for name in entry.names:
                key = fold_text(name).casefold()
                if owner.setdefault(key, entry.org_id) != entry.org_id:
                    raise EtlError(str(path), "organization-alias",
                                   f"{name!r} names both {owner[key]} and {entry.org_id}")
            entries[entry.org_id] = entry
        verbs = data.get("focus_sentence", {}).get("verbs", [])
        if not entries or not verbs:
            raise EtlError(str(path), "organization-fields", "no organisations or no [focus_sentence] verbs")
        return cls(path, entries, terms(path, data, "focus"), keyword_pattern(tuple(verbs)),
                   folded_keywords(tuple(verbs)))

    def assert_all_mentioned(self, mentions: list[Mention]) -> None:
        """Every listed organisation is named somewhere: an unmatched entry is a bad spelling."""
        missing = sorted(set(self.entries) - {m.org_id for m in mentions})
        if missing:
            raise EtlError(str(self.path), "organization-unmentioned",
                           f"no document names {', '.join(missing)}")


def _org_entry(path: Path, item: dict) -> OrgEntry:
    try:
        entry = OrgEntry(org_id=item["id"], name=item["name"], name_ru=item.get("name_ru"),
                         abbreviation=item.get("abbreviation"), kind=item["kind"],
                         aliases=tuple(item.get("aliases", [])))
    except KeyError as exc:
        raise EtlError(str(path), "organization-fields", f"{item.get('id', '?')} lacks {exc}") from exc
    if entry.kind not in KINDS:
        raise EtlError(str(path), "organization-kind", f"{entry.org_id}: unknown kind {entry.kind!r}")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry.org_id):
        raise EtlError(str(path), "organization-id", f"{entry.org_id!r} is not a slug")
    return entry


# ============================================================================================


# A word with both Latin and Cyrillic letters: only these need untangling, and finding them
# in C is much faster than calling Python for every word.
_MIXED_SCRIPT_WORD = re.compile(r"(?<!\w)(?=\w*[A-Za-z])(?=\w*[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ])\w+")


def fold_text(text: str) -> str:
    """Matching form of a text, same length: ё -> е, mixed-script words transliterated.

    Keeping every character in place lets a match's span cut the printed spelling out of the
    original line, which is what a mention records.
    """
    text = text.replace("ё", "е").replace("Ё", "Е")
    return _MIXED_SCRIPT_WORD.sub(_untangle_word, text)


def _untangle_word(m: re.Match[str]) -> str:
    word = m.group(0)
    if CYRILLIC.search(word) and LATIN.search(word):
        return word.translate(_TRANSLIT)   # "Maqсут" printed with Cyrillic с, у, т
    return word


def case_sensitive(name: str) -> bool:
    """A name with a word in capitals ('NVN', 'НВС', '2GIS', 'About HER', 'UMIT MANGISTAU') is
    matched as printed: in lower case those letters are ordinary words ("about her")."""
    return any(sum(c.isalpha() for c in w) >= 2 and not any(c.islower() for c in w) for w in name.split())


def _word_regex(word: str, inflect: bool) -> str:
    """A word of a name; a Russian word of a multi-word name matches in any case ending."""
    if inflect and CYRILLIC.search(word) and word.isalpha() and len(word) >= 4:
        stem = word
        for ending in _RU_ENDINGS:
            if word.casefold().endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[:-len(ending)]
                break
        return re.escape(stem) + "[а-яА-Я]{0,3}"
    return r"-[ \t\u00a0]?(?:\n[ \t\u00a0]*)?".join(re.escape(part) for part in word.split("-"))


# Blanks between two words of a name, with at most one line break among them.
ONE_LINE_BREAK = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"


def name_regex(name: str, space: str = ONE_LINE_BREAK) -> str:
    """Regex source for one spelling; `space` joins words (blanks and at most one line break
    by default)."""
    words = fold_text(name).split()
    inflect = len(words) > 1
    return space.join(_word_regex(w, inflect) for w in words)


@dataclass(frozen=True)
class Mention:
    """One organisation named in a document, on the line where the name starts, with the
    spelling as printed (`as_printed` when it runs onto the next line)."""

    org_id: str
    source_id: str
    line: int
    alias: str

    def row(self) -> dict:
        return {"org_id": self.org_id, "source_id": self.source_id, "line": self.line, "alias": self.alias}


WORD_START = re.compile(r"(?<!\w)\S")
# A hyphen at a line end: `word_break_end` decides whether it breaks a word ("Казах-\\nстана").
_HYPHEN_AT_LINE_END = re.compile(r"[-\u2010\u00ad](?=[ \t]*\r?\n)")
_BREAK_AFTER_HYPHEN = re.compile(r"(?<=-)[ \t\u00a0]*\n[ \t\u00a0]*")
_BREAK_BETWEEN_WORDS = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*")


def as_printed(span: str) -> str:
    """A spelling that runs onto the next line as a reader reads it: a broken word joined, the
    line break between two words a space, and nothing after a compound's hyphen ("Aman-\\nSaulyk")."""
    return _BREAK_BETWEEN_WORDS.sub(" ", _BREAK_AFTER_HYPHEN.sub("", join_broken_words(span)))


@dataclass(frozen=True)
class _Unbroken:
    """A text with its words broken at line ends joined again, and the way back to the text's
    offsets: `removed[i]` characters in all were dropped before offset `cuts[i]` of `text`."""

    text: str
    cuts: list[int]
    removed: list[int]

    @classmethod
    def of(cls, text: str) -> _Unbroken:
        parts, cuts, removed, start, length = [], [], [], 0, 0
        for m in _HYPHEN_AT_LINE_END.finditer(text):
            end = word_break_end(text, m.start())
            if end is None or m.start() < start:
                continue
            parts.append(text[start:m.start()])
            length += m.start() - start
            cuts.append(length)
            removed.append(end - m.start() + (removed[-1] if removed else 0))
            start = end
        parts.append(text[start:])
        return cls("".join(parts), cuts, removed)

    def original(self, offset: int) -> int:
        """Offset in the original text of the character at `offset` of the joined one."""
        k = bisect.bisect_right(self.cuts, offset)
        return offset + (self.removed[k - 1] if k else 0)


class AliasMatcher:
    """Finds every spelling of every organisation in a line or a text; longest match wins an
    overlap. A spelling may run onto the next line (see the module docstring).

    Spellings are grouped by their first character, and a group's alternation is tried only
    where a word starts with that character: one alternation of all ~300 spellings tried at
    every position of a document took seconds per document.
    """

    def __init__(self, directory: Directory) -> None:
        self._owner: list[str] = []
        groups: dict[tuple[bool, str], list[str]] = {}
        spellings = sorted(((n, e.org_id) for e in directory.entries.values() for n in e.names),
                           key=lambda pair: -len(pair[0]))
        for name, org_id in spellings:
            group = f"a{len(self._owner)}"
            self._owner.append(org_id)
            sensitive = case_sensitive(name)
            first = fold_text(name)[0]
            key = (sensitive, first if sensitive else first.casefold())
            groups.setdefault(key, []).append(f"(?P<{group}>{name_regex(name)})")
        self._groups = {key: re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)", 0 if key[0] else re.IGNORECASE)
                        for key, alts in groups.items()}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, org_id) of the organisations named in a line or a whole text, left to right;
        offsets into `text` (a span may hold a line break: `as_printed` gives its spelling)."""
        unbroken = _Unbroken.of(text)
        folded = fold_text(unbroken.text)
        hits = []
        for start in WORD_START.finditer(folded):
            char = start.group(0)
            for key in ((True, char), (False, char.casefold())):
                pattern = self._groups.get(key)
                m = pattern.match(folded, start.start()) if pattern else None
                if m and m.group(0).count("\n") > 1:    # one line break at most: end before the second
                    second = folded.index("\n", folded.index("\n", m.start()) + 1)
                    m = pattern.match(folded, m.start(), second)
                if m:
                    hits.append((m.start(), m.end(), self._owner[int(m.lastgroup[1:])]))
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        chosen: list[tuple[int, int, str]] = []
        for hit in hits:
            if not chosen or hit[0] >= chosen[-1][1]:
                chosen.append(hit)
        return [(unbroken.original(s), unbroken.original(e - 1) + 1, org_id) for s, e, org_id in chosen]

    def first(self, lines: list[str]) -> str | None:
        """The organisation named first in a sequence of lines, if any."""
        for line in lines:
            hits = self.find(line)
            if hits:
                return hits[0][2]
        return None


def find_mentions(docs: dict[str, Document], matcher: AliasMatcher) -> list[Mention]:
    """Every (organisation, line) pair of every document, with the spelling as printed."""
    found: dict[tuple, Mention] = {}
    for source_id, doc in docs.items():
        # One pass over the whole text, many times faster than a scan per line, and it finds
        # the names that run onto the next line; a mention is on the line where its name starts.
        for start, end, org_id in matcher.find(doc.text):
            mention = Mention(org_id, source_id, doc.line_of(start), as_printed(doc.text[start:end]))
            found.setdefault((org_id, source_id, mention.line, mention.alias), mention)
    return list(found.values())


# ============================================================================================
