"""Reading a raw document into numbered lines, the same way everywhere.

Line numbers are the contract between observations, mentions and the document viewer:
line N is element N-1 of the file decoded as UTF-8 and split on "\\n" (the sources use no
CR or other separators; a trailing newline does not make an extra line).
"""
from __future__ import annotations

from pathlib import Path


def split_lines(text: str) -> list[str]:
    """Split document text into lines; 1-based line N is ``lines[N - 1]``."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def load_lines(path: Path) -> list[str]:
    """Read a raw document (UTF-8) into its lines."""
    return split_lines(path.read_text(encoding="utf-8"))
