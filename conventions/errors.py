"""The one exception type for a file that breaks a rule: raised by the ETL for bad input, and by
the data dictionary's reader (`publish.dictionary`) for a malformed docs/data-model.md.

Every failure names the source file and the rule that broke (and the line when there is
one), because the person reading the message has to find the spot in a document or a spec
without reading code.
"""
from __future__ import annotations


class EtlError(Exception):
    """A source, spec or reference file is not what a rule expects."""

    def __init__(self, file: str, rule: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.rule = rule
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: [{rule}] {message}")
