"""`mentions`: every sentence or table row with a number, in all five documents.

This is the evidence-search index, wider than `observations`: it holds every numeric
statement whether or not a spec covers it. Wrapped lines are joined into sentences (the
mention keeps the line where its sentence starts); a tab-separated line is a table row of
its own; lines that are only page numbers ("22 23") are layout, not statements.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from conventions.errors import EtlError
from conventions.numbers import find_numbers
from conventions.text import normalise_for_search
from etl.document import Document
from etl.layout import breaks_word, is_page_number_line
from etl.regions import Gazetteer
from etl.text import read_toml
from etl.vocabulary import keyword_pattern

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
# A full stop after these ends an abbreviation, not a sentence ("3 млрд. 456 млн. тенге").
ABBREVIATIONS = ("млрд", "млн", "тыс", "руб", "г", "гг", "ул", "им", "т.е", "т.д", "др",
                 "e.g", "i.e", "etc", "No", "Mr", "Mrs", "Dr", "St", "vs")
ABBREVIATION_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(map(re.escape, ABBREVIATIONS))}))\.$", re.IGNORECASE)
# Characters an abbreviation and its stop take: only those before a boundary are searched
# (searching the paragraph from its start at every boundary took a tenth of a second a build).
ABBREVIATION_REACH = max(map(len, ABBREVIATIONS)) + 1


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str


@dataclass
class _Paragraph:
    """Wrapped lines joined into one string, remembering where each line starts in it."""

    parts: list[str] = field(default_factory=list)
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line number)
    length: int = 0

    def add(self, line_number: int, stripped: str) -> None:
        if self.parts:
            previous = self.parts[-1]
            if breaks_word(previous, stripped):
                self.parts[-1] = previous[:-1]  # "volun-" + "teers": a word broken by the layout
                self.length -= 1
            else:
                self.parts.append(" ")
                self.length += 1
        self.starts.append((self.length, line_number))
        self.parts.append(stripped)
        self.length += len(stripped)

    def sentences(self) -> list[Sentence]:
        text = "".join(self.parts)
        offsets = [o for o, _ in self.starts]
        out, begin = [], 0
        boundaries = [m.end() for m in SENTENCE_END.finditer(text)
                      if not ABBREVIATION_BEFORE.search(text, max(0, m.start() - ABBREVIATION_REACH), m.start())]
        for boundary in boundaries + [len(text)]:
            piece = text[begin:boundary].strip()
            if piece:
                line = self.starts[bisect.bisect_right(offsets, begin) - 1][1]
                out.append(Sentence(line, piece))
            begin = boundary
        return out


def sentences(doc: Document) -> list[Sentence]:
    """Split a document into sentences and table rows, each with the line where it starts."""
    out: list[Sentence] = []
    paragraph = _Paragraph()
    for number, line in enumerate(doc.lines, start=1):
        stripped = line.strip()
        if "\t" in line or not stripped or is_page_number_line(stripped):
            out.extend(paragraph.sentences())
            paragraph = _Paragraph()
            if "\t" in line and stripped:
                out.append(Sentence(number, " | ".join(c.strip() for c in line.split("\t") if c.strip())))
            continue
        paragraph.add(number, stripped)
    out.extend(paragraph.sentences())
    return out


def load_topics(path: Path) -> dict[str, list[str]]:
    """Topic -> keyword stems (both languages together)."""
    data = read_toml(path).get("topics")
    if not isinstance(data, dict) or not data:
        raise EtlError(str(path), "topics-layout", "expected [topics.<name>] tables of keyword lists")
    return {topic: [k.casefold() for words in langs.values() for k in words] for topic, langs in data.items()}


def tag_topics(text: str, topics: dict[str, list[str]]) -> list[str]:
    """Topics whose keyword stems start a word of the text; "other" when none does. A topic's
    pattern is tried only when one of its stems occurs at all (`in` is ten times faster)."""
    folded = text.casefold()
    tags = [topic for topic, stems in topics.items()
            if any(stem in folded for stem in stems) and keyword_pattern(tuple(stems)).search(folded)]
    return tags or ["other"]


def build_mentions(docs: dict[str, Document], gazetteer: Gazetteer, topics: dict[str, list[str]]) -> list[dict]:
    """One row per sentence or table row that states at least one number."""
    rows = []
    for source_id, doc in docs.items():
        lang = doc.entry.language
        for sentence in sentences(doc):
            numbers = find_numbers(sentence.text, lang)
            if not numbers:
                continue
            rows.append({
                "source_id": source_id, "line": sentence.line, "text": sentence.text, "lang": lang,
                "numbers": [n.value for n in numbers], "number_texts": [n.text for n in numbers],
                "topics": tag_topics(sentence.text, topics),
                "region_codes": sorted({code for _, _, code in gazetteer.find_in_text(sentence.text)}),
                "search_text": normalise_for_search(sentence.text)})
    return rows
