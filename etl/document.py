"""A loaded source document: raw and repaired lines, and offset <-> line mapping.

Extraction steps search `text` (the repaired lines joined by "\\n") so that patterns can
span line breaks; `line_of` turns a match offset back into the 1-based line number that
observations cite. A document read from a PDF has a line holding only PAGE_BREAK before
each page after the first (pdftotext's form feed: whitespace, so patterns and sentences
flow over it); `page_of` turns a line into the page a reader of the PDF would cite.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from etl.manifest import SourceEntry
from etl.privacy import Redactor
from etl.text import PAGE_BREAK, load_lines


@dataclass
class Document:
    entry: SourceEntry
    path: Path
    raw_lines: list[str]
    lines: list[str]                 # repaired text; equals raw_lines outside the book
    lost: list[int]                  # characters lost for good, per line
    text: str = field(init=False)
    _starts: list[int] = field(init=False, repr=False)
    _page_breaks: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = "\n".join(self.lines)
        starts, pos = [], 0
        for line in self.lines:
            starts.append(pos)
            pos += len(line) + 1
        self._starts = starts
        self._page_breaks = [n for n, line in enumerate(self.raw_lines, start=1) if line == PAGE_BREAK]

    @property
    def source_id(self) -> str:
        return self.entry.source_id

    @property
    def file(self) -> str:
        return f"data/raw/{self.entry.file}"

    def line_of(self, offset: int) -> int:
        """1-based line containing character `offset` of `text`."""
        return bisect.bisect_right(self._starts, offset)

    def offset_of(self, line: int) -> int:
        return self._starts[line - 1]

    def page_of(self, line: int) -> int | None:
        """1-based page of a line (a page-break line starts its page); None for a text
        snapshot, whose pages are not known."""
        if not self.entry.is_pdf:
            return None
        return bisect.bisect_right(self._page_breaks, line) + 1


def load_document(raw_dir: Path, entry: SourceEntry, redactor: Redactor | None = None) -> Document:
    """Load a snapshot (text, or text extracted from a PDF), repairing it line by line when
    the manifest says it needs it, and replacing private contact details when a redactor is
    given (the build always gives one: raw and repaired text are both republished)."""
    from etl.repair import repair_line  # local: only the book needs it

    path = raw_dir / entry.file
    if entry.is_pdf:
        from etl.pdf import pdf_lines  # local: only PDF sources need the extractor
        raw = pdf_lines(path)
    else:
        raw = load_lines(path)
    if entry.repair == "font-shift":
        repairs = [repair_line(line) for line in raw]
        lines = [r.text for r in repairs]
        lost = [r.lost for r in repairs]
    else:
        lines, lost = list(raw), [0] * len(raw)
    if redactor is not None:
        raw, lines = redactor.redact_document(raw), redactor.redact_document(lines)
    return Document(entry=entry, path=path, raw_lines=raw, lines=lines, lost=lost)
