"""Practices a source describes in prose, declared in its folder's ``practices.toml``.

A practices.toml names *where* an initiative is described and what the passage says about it,
never a fact the passage does not print. Each ``[[practice]]`` gives an `anchor` regex that must
match exactly one line of the document: the passage's first line. The passage runs for `lines`
lines, or by default to the end of its paragraph (the next blank line); when the anchor's
paragraph is one short line without a sentence end (a heading, or a sentence a blank line
interrupts), the passage also takes the paragraph under it. Every value is checked against the
passages (the entry's and its `also` ones; a same_as entry only locates its anchor): the title
(printed, or a description made only of the passage's words), one of the organisation's names
(or its `organization_anchor` line), the region (by its spelling or the gazetteer), the city and
the year must be printed there; the themes, target groups and scope must be vocabulary ids. A
broken rule stops the build with EtlError(practices.toml, rule, "<practice id>: ...").

    [[practice]]
    id = "birgemiz-ayala"              # lowercase slug, unique across all sources
    title = "Birgemiz: Ayala"          # as printed in the passage
    anchor = '''«Birgemiz: Ayala» \\(NGO'''
    lines = 1                          # optional, see above
    organization = "green-help"        # optional org id of data/reference/organizations.toml
    organization_anchor = '''regex'''  # optional: the one line naming the organisation
    region = "Kazakhstan"              # as printed, or "Kazakhstan", "international", "unstated"
    scope = "national"                 # local | regional | national | online | international
    city = "Караганда"                 # optional: printed in the passage; coordinates from places
    themes = ["animals"]               # practice_vocabulary.toml [theme.*], at least one
    target_groups = ["children"]       # practice_vocabulary.toml [target.*]
    year = 2022                        # optional: a year the passage prints (-> year_started)
    summary = '''regex'''              # optional: the document's sentence(s); default: the first
    also = ['''regex''']               # optional: anchors of other passages of this document
    same_as = "other-id"               # this passage describes a practice listed elsewhere

The passage's text joins its lines as the document spells (`Spelling`): a hyphen at a line end
between lower-case letters breaks a word ("во-/лонтёрства") or belongs to a compound
("non-/governmental", kept), as the same document prints the word inside a line, else as most of
its decided line-end hyphens do; before a capital or a digit it is a compound's ("Center-/Operator");
a space printed after a compound's hyphen inside a line ("Nevada- Semey") is dropped. Its `body`
(where the default summary starts) leaves out the heading lines at its top. A heading line is
short, does not end a sentence or break a word, and is no list item; alone in its paragraph it is
a heading unless the paragraph below goes on with its sentence (starts in lower case); inside a
paragraph it is one only when the next line starts a sentence and its first word would have fit
on this line (the document broke the line, not the page width). Hard-wrapped text (the book's
~50-character lines) is thus never taken for headings.

Region, place, organisation and summary are read by `etl/practice_spec_rows.py`; same_as entries
are resolved by the catalog once every source is read (`etl/catalog.py`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, count
from pathlib import Path

from conventions.errors import EtlError
from etl.document import Document
from etl.practice_rows import PracticeKit
from etl.text import read_toml

PRACTICE_KEYS = {"id", "title", "anchor", "lines", "organization", "organization_anchor", "region", "scope",
                 "city", "themes", "target_groups", "year", "summary", "also"}
REQUIRED_KEYS = {"id", "title", "anchor", "region", "scope", "themes"}
SAME_AS_KEYS = {"id", "anchor", "lines", "same_as", "also"}
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SENTENCE_END = (".", "!", "?", "…", ":", ";", "»", "\"", "”")
MAX_HEADING = 120          # characters: a longer line alone in its paragraph is text, not a heading
FULL_LINE = 0.9            # share of its paragraph's widest line a line (with the next word) fills when wrapped
BULLETS = ("•", "-", "–", "—", "▪", "●")
HYPHENS = ("-", "\u2010", "\u00ad")
WORD = re.compile(r"\w+(?:[-\u2010]\w+)*")
LINE_END_WORD = re.compile(r"(\w+(?:[-\u2010]\w+)*)([-\u2010\u00ad])$")    # "фронт-о-" at a line's end
STRAY_SPACE = re.compile(r"(?<=[^\W\d_])([-\u2010]) +(?=\w)")          # "Nevada- Semey" inside a line


@dataclass(frozen=True)
class Passage:
    """Lines start..end (1-based, inclusive) of a document, and their text joined."""

    start: int
    end: int
    text: str                # lines joined by spaces, words broken at line ends re-joined
    body: str                # the text without a leading heading line

    @property
    def folded(self) -> str:
        return fold(self.text)


@dataclass
class PracticeEntry:
    """One validated [[practice]] of a practices.toml, its passages located."""

    path: Path
    item: dict
    passages: list[Passage] = field(default_factory=list)

    @property
    def practice_id(self) -> str:
        return self.item["id"]

    @property
    def same_as(self) -> str | None:
        return self.item.get("same_as")

    def fail(self, rule: str, message: str, line: int | None = None) -> EtlError:
        return EtlError(str(self.path), rule, f"{self.practice_id}: {message}", line)


def fold(text: str) -> str:
    """Matching form of passage text: case-folded, ё -> е, whitespace collapsed."""
    return " ".join(text.casefold().replace("ё", "е").split())


def printed(value: str, passage_text: str) -> bool:
    """Whether `value` occurs in the (folded) passage, starting and ending at word bounds."""
    return re.search(rf"(?<!\w){re.escape(fold(value))}(?!\w)", passage_text) is not None


def words(text: str) -> list[str]:
    """The folded words of a text (a title that describes a practice uses only the passage's words)."""
    return re.findall(r"\w+", fold(text))


@dataclass(frozen=True)
class Spelling:
    """How a document spells the words it hyphenates at line ends: the words (compounds whole) it
    prints inside a line, and what most of its decidable line-end hyphens are (word breaks in the
    reports and the magazine, compounds' hyphens in the book)."""

    inline: Counter
    breaks_by_default: bool

    @classmethod
    def of(cls, lines: list[str]) -> Spelling:
        inline = Counter(map(str.casefold, WORD.findall("\n".join(lines))))   # as line by line, in C
        votes: Counter = Counter()
        for line, following in zip(lines, lines[1:]):
            head = line.rstrip()   # searched only when it ends in a hyphen, as every match does
            end = LINE_END_WORD.search(head) if head.endswith(HYPHENS) else None
            start = WORD.match(following.strip()) if end else None
            if end and start and end.group(1)[-1].islower() and start.group(0)[0].islower():
                joined, compound = _forms(inline, end.group(1), start.group(0))
                if joined != compound:
                    votes[joined] += 1
        return cls(inline, votes[True] >= votes[False])

    def breaks_word(self, head: str, hyphen: str, tail: str) -> bool:
        """Whether `head`+hyphen at a line end and `tail` on the next line are one word broken
        (join them) rather than a compound (keep the hyphen)."""
        if hyphen == "\u00ad":
            return True
        if not (head[-1].islower() and tail[0].islower()):
            return False
        joined, compound = _forms(self.inline, head, tail)
        return joined if joined != compound else self.breaks_by_default


def _forms(inline: Counter, head: str, tail: str) -> tuple[bool, bool]:
    """Whether the document prints head+tail, and head-tail, inside a line."""
    return inline[(head + tail).casefold()] > 0, inline[f"{head}-{tail}".casefold()] > 0


def join_lines(lines: list[str], spelling: Spelling) -> str:
    """Printed lines as running text: single spaces, line-end hyphens as `spelling` reads them."""
    text = ""
    for line in lines:
        part = STRAY_SPACE.sub(r"\1", " ".join(line.split()))
        if not part:
            continue
        end = LINE_END_WORD.search(text) if text.endswith(HYPHENS) else None   # not the whole text each time
        start = WORD.match(part)
        if end and start:
            text = text[:-1] + part if spelling.breaks_word(end.group(1), end.group(2), start.group(0)) \
                else text + part
        else:
            text = f"{text} {part}" if text else part
    return text


def load_entries(path: Path, doc: Document) -> list[PracticeEntry]:
    """The [[practice]] entries of a source's practices.toml, keys checked, passages located."""
    data = read_toml(path)
    if data.get("source_id") != doc.source_id:
        raise EtlError(str(path), "practice-source", f"file is for {data.get('source_id')!r}, not {doc.source_id!r}")
    unknown = sorted(set(data) - {"source_id", "practice"})
    if unknown:
        raise EtlError(str(path), "practice-keys", f"unknown top-level keys {unknown}")
    entries, spelling = [], Spelling.of(doc.lines)
    for item in data.get("practice", []):
        entry = PracticeEntry(path, item)
        if not isinstance(item.get("id"), str) or not ID_RE.fullmatch(item["id"]):
            raise EtlError(str(path), "practice-id", f"{item.get('id')!r} is not a lowercase slug")
        allowed, required = (SAME_AS_KEYS, {"id", "anchor", "same_as"}) if "same_as" in item \
            else (PRACTICE_KEYS, REQUIRED_KEYS)
        if set(item) - allowed or required - set(item):
            raise entry.fail("practice-keys", f"unknown keys {sorted(set(item) - allowed)}, "
                                              f"missing keys {sorted(required - set(item))}")
        entry.passages.append(locate(doc, spelling, entry, item["anchor"], item.get("lines")))
        if not isinstance(item.get("also", []), list):
            raise entry.fail("practice-keys", "also must be a list of anchors")
        entry.passages += [locate(doc, spelling, entry, anchor) for anchor in item.get("also", [])]
        entries.append(entry)
    return entries


def anchor_line(doc: Document, entry: PracticeEntry, anchor: str) -> int:
    """The one line (1-based) `anchor` matches; none or several stop the build."""
    try:
        pattern = re.compile(anchor)
    except re.error as exc:
        raise entry.fail("practice-anchor", f"bad regex {anchor!r}: {exc}") from exc
    found = list(compress(count(1), map(pattern.search, doc.lines)))   # line numbers, searched in C
    if len(found) != 1:
        raise entry.fail("practice-anchor", f"anchor {anchor!r} matches {len(found)} lines of {doc.file} "
                                            f"(at {found[:10] or 'none'}), expected exactly one")
    return found[0]


def locate(doc: Document, spelling: Spelling, entry: PracticeEntry, anchor: str, lines: int | None = None) -> Passage:
    """The passage starting at the anchor's line: `lines` lines, or its paragraph (see module)."""
    start = anchor_line(doc, entry, anchor)
    if lines is not None:
        if not isinstance(lines, int) or lines < 1 or start + lines - 1 > len(doc.lines):
            raise entry.fail("practice-lines", f"lines = {lines!r} does not fit the document", start)
        end = start + lines - 1
    else:
        end = _paragraph_end(doc.lines, start)
        if end == start and _ends_open(doc.lines[start - 1]):
            body = next((n for n in range(end + 1, len(doc.lines) + 1) if doc.lines[n - 1].strip()), None)
            end = _paragraph_end(doc.lines, body) if body is not None else end
    heading = start
    while heading < end and _is_heading(doc.lines, heading):
        heading += 1
    return Passage(start, end, join_lines(doc.lines[start - 1:end], spelling),
                   join_lines(doc.lines[heading - 1:end], spelling))


def _paragraph_end(lines: list[str], start: int) -> int:
    """The last line (1-based) of the paragraph starting at `start`: before the next blank line."""
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


def _ends_open(line: str) -> bool:
    """A short line ending without a sentence end (or comma): a heading, or an unfinished sentence."""
    text = line.strip()
    return 0 < len(text) <= MAX_HEADING and not text.endswith(SENTENCE_END + (",",))


def _starts_sentence(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text[:1] in "«“‘\"'("


def _is_heading(lines: list[str], n: int) -> bool:
    """Whether line `n` (1-based, not the last) heads the text below it (see module docstring)."""
    text = lines[n - 1].strip()
    if not _ends_open(text) or text.endswith(HYPHENS) or text.startswith(BULLETS):
        return False
    following = lines[n].strip()
    if not following:                                  # alone in its paragraph
        below = next((line.strip() for line in lines[n:] if line.strip()), "")
        return not below[:1].islower()
    width = max(len(line.rstrip()) for line in lines[n - 1:_paragraph_end(lines, n)])
    fits = len(lines[n - 1].rstrip()) + 1 + len(following.split()[0]) < FULL_LINE * width
    return _starts_sentence(following) and fits


def check_entry(entry: PracticeEntry, kit: PracticeKit) -> None:
    """Every value of a (non-same_as) entry is a vocabulary id or printed in its passages."""
    item, text = entry.item, " ".join(p.folded for p in entry.passages)
    line = entry.passages[0].start
    if not printed(item["title"], text) and not set(words(item["title"])) <= set(words(text)):
        raise entry.fail("practice-title", f"title {item['title']!r} is neither printed in its passage nor "
                                           "made only of its words", line)
    themes, groups = item["themes"], item.get("target_groups", [])
    if not isinstance(themes, list) or not themes:
        raise entry.fail("practice-theme", "themes must list at least one theme id", line)
    for key, values, known in (("theme", themes, kit.vocabulary.ids("themes")),
                               ("target", groups, kit.vocabulary.ids("target")),
                               ("scope", [item["scope"]], kit.vocabulary.ids("scope"))):
        unknown = sorted(set(values) - known)
        if unknown:
            raise entry.fail(f"practice-{key}", f"unknown {key} ids {unknown} (see practice_vocabulary.toml)", line)
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or not re.search(rf"(?<!\d){year}(?!\d)", text)):
        raise entry.fail("practice-year", f"year {year!r} is not printed in its passage", line)
