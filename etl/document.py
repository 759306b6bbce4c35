"""A loaded source document: raw and repaired lines, and offset <-> line mapping.

Extraction steps search `text` (the repaired lines joined by "\\n") so that patterns can
span line breaks; `line_of` turns a match offset back into the 1-based line number that
observations cite.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from etl.manifest import SourceEntry
from etl.text import load_lines


@dataclass
class Document:
    entry: SourceEntry
    path: Path
    raw_lines: list[str]
    lines: list[str]                 # repaired text; equals raw_lines outside the book
    lost: list[int]                  # characters lost for good, per line
    text: str = field(init=False)
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = "\n".join(self.lines)
        starts, pos = [], 0
        for line in self.lines:
            starts.append(pos)
            pos += len(line) + 1
        self._starts = starts

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


def load_document(raw_dir: Path, entry: SourceEntry) -> Document:
    """Load a snapshot, repairing it line by line when the manifest says it needs it."""
    from etl.repair import repair_line  # local: only the book needs it

    path = raw_dir / entry.file
    raw = load_lines(path)
    if entry.repair == "font-shift":
        repairs = [repair_line(line) for line in raw]
        lines = [r.text for r in repairs]
        lost = [r.lost for r in repairs]
    else:
        lines, lost = list(raw), [0] * len(raw)
    return Document(entry=entry, path=path, raw_lines=raw, lines=lines, lost=lost)
