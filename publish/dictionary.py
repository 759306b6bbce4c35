"""The data dictionary, read from docs/data-model.md so that it is written once.

docs/data-model.md is the public description of every table and column (a test keeps it in
step with the database). The data package, the downloads page and any "what does this column
mean" help read it from here instead of repeating it. The file's layout is asserted: a table
is a `## name` heading, a paragraph describing it, and a `| column | description |` table
whose first cell may name several columns (`lat, lon`) sharing one description.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from conventions.errors import EtlError
from conventions.paths import ROOT

DATA_MODEL = ROOT / "docs" / "data-model.md"
_HEADING = re.compile(r"^## (?P<name>[a-z_]+)\s*$")
_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")  # `\|` inside a description is a literal pipe
_RULE = re.compile(r"^[\s|:-]+$")


@dataclass(frozen=True)
class TableDoc:
    """One table of the data model: what a row is, and what each column holds."""

    name: str
    description: str
    columns: dict[str, str]


def _cells(line: str) -> list[str]:
    inner = _ROW.match(line)
    assert inner is not None
    return [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(inner["cells"])]


def _parse_section(path: Path, name: str, lines: list[tuple[int, str]]) -> TableDoc:
    """A `## table` section: prose up to the column table, then `| column | description |` rows."""
    prose = [text for _, text in lines if text.strip() and not text.startswith("|")]
    rows = [(n, text) for n, text in lines if text.startswith("|")]
    if len(rows) < 3 or _cells(rows[0][1]) != ["column", "description"] or not _RULE.match(rows[1][1]):
        first = lines[0][0] if lines else None
        raise EtlError(str(path), "dictionary-table", f"section {name!r} has no | column | description | table", first)
    columns: dict[str, str] = {}
    for number, text in rows[2:]:
        cells = _cells(text)
        if len(cells) != 2 or not cells[0] or not cells[1]:
            raise EtlError(str(path), "dictionary-row", f"expected | column | description |, got {text!r}", number)
        for column in (c.strip() for c in cells[0].split(",")):
            if column in columns:
                raise EtlError(str(path), "dictionary-duplicate", f"{name}.{column} described twice", number)
            columns[column] = cells[1]
    return TableDoc(name, " ".join(prose).strip(), columns)


def parse_data_model(path: Path = DATA_MODEL) -> dict[str, TableDoc]:
    """Every `## table` section of the data-model document, in document order."""
    sections: dict[str, list[tuple[int, str]]] = {}
    current: list[tuple[int, str]] | None = None
    for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        heading = _HEADING.match(text)
        if heading:
            current = sections.setdefault(heading["name"], [])
            if current:
                raise EtlError(str(path), "dictionary-duplicate", f"table {heading['name']!r} described twice", number)
        elif current is not None:
            current.append((number, text))
    if not sections:
        raise EtlError(str(path), "dictionary-empty", "no `## table` sections")
    return {name: _parse_section(path, name, lines) for name, lines in sections.items()}


@functools.cache
def data_dictionary() -> dict[str, TableDoc]:
    """The data model of this checkout (parsed once per process)."""
    return parse_data_model(DATA_MODEL)

