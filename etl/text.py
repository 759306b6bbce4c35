"""Reading the ETL's input files the same way everywhere, failing with a named rule.

Line numbers are the contract between observations, mentions and the document viewer:
line N is element N-1 of the file decoded as UTF-8 and split on "\\n" (the sources use no
CR or other separators; a trailing newline does not make an extra line).

Every reader here turns a missing, undecodable or malformed file into an EtlError naming
the file and the rule (`file-missing`, `file-encoding`, `toml-syntax`, `csv-row`), so a
damaged input never surfaces as a traceback.
"""
from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Sequence
from pathlib import Path

from conventions.errors import EtlError

# The line that stands between two pages of a document read from a PDF (pdftotext's form feed:
# whitespace, so patterns and sentences flow over it). Written by `etl.pdf`, read by `etl.document`.
PAGE_BREAK = "\f"


def split_lines(text: str) -> list[str]:
    """Split document text into lines; 1-based line N is ``lines[N - 1]``."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_text(path: Path) -> str:
    """A UTF-8 text file's content."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise EtlError(str(path), "file-missing", "the file does not exist") from exc
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        raise EtlError(str(path), "file-encoding", f"not valid UTF-8 ({exc.reason})", line) from exc
    except OSError as exc:
        raise EtlError(str(path), "file-read", str(exc)) from exc


def load_lines(path: Path) -> list[str]:
    """Read a raw document (UTF-8) into its lines."""
    return split_lines(read_text(path))


def read_toml(path: Path) -> dict:
    """A TOML file's content."""
    try:
        return tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise EtlError(str(path), "toml-syntax", str(exc)) from exc


def read_csv_rows(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    """A CSV file's rows as dicts; every row must have a (possibly empty) cell for `required`."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    missing_columns = [c for c in required if c not in (reader.fieldnames or [])]
    if missing_columns:
        raise EtlError(str(path), "csv-header", f"missing columns {', '.join(missing_columns)}", 1)
    rows = []
    for row in reader:
        if any(row.get(c) is None for c in required) or None in row:
            raise EtlError(str(path), "csv-row", "row has a different number of cells than the header",
                           reader.line_num)
        rows.append(row)
    return rows
