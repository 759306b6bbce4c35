"""The source manifest (data/raw/manifest.toml) and the snapshot check.

The manifest is the only place that says which documents exist; the sha256 pins each
snapshot so that a silently changed document cannot flow into published numbers.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from conventions.errors import EtlError
from etl.text import read_toml

REQUIRED_FIELDS = ("source_id", "file", "title", "publisher", "year_published", "language",
                   "data_years", "terms", "original", "sha256")
FORMATS = ("text", "pdf")


@dataclass(frozen=True)
class SourceEntry:
    source_id: str
    file: str
    title: str
    publisher: str
    year_published: int
    language: str
    data_years: str
    terms: str
    original: str
    sha256: str
    repair: str | None = None     # "font-shift": decode the book's shifted runs
    url: str | None = None
    format: str | None = None     # "text" or "pdf"; default: from the file's extension

    @property
    def is_pdf(self) -> bool:
        """A PDF snapshot is read through etl/pdf.py; everything else is UTF-8 text."""
        return (self.format or Path(self.file).suffix.lower().lstrip(".")) == "pdf"


def load_manifest(raw_dir: Path) -> list[SourceEntry]:
    """Parse the manifest, checking that every entry has every field and ids are unique."""
    path = raw_dir / "manifest.toml"
    data = read_toml(path)
    entries = []
    for item in data.get("source", []):
        missing = [f for f in REQUIRED_FIELDS if f not in item]
        if missing:
            raise EtlError(str(path), "manifest-fields",
                           f"entry {item.get('source_id', '?')} lacks {', '.join(missing)}")
        if item.get("format", "text") not in FORMATS:
            raise EtlError(str(path), "manifest-format",
                           f"entry {item['source_id']}: format must be one of {', '.join(FORMATS)}")
        entries.append(SourceEntry(**item))
    ids = [e.source_id for e in entries]
    if len(set(ids)) != len(ids) or not ids:
        raise EtlError(str(path), "manifest-ids", "source ids must be present and unique")
    return entries


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_snapshots(raw_dir: Path, entries: list[SourceEntry]) -> None:
    """Refuse to build from a snapshot that is missing or differs from its manifest hash."""
    for entry in entries:
        path = raw_dir / entry.file
        if not path.exists():
            raise EtlError(str(path), "snapshot-missing",
                           f"raw snapshot of {entry.source_id} is missing")
        actual = sha256_of(path)
        if actual != entry.sha256:
            raise EtlError(str(path), "snapshot-sha256",
                           f"sha256 is {actual}, manifest expects {entry.sha256}; the document "
                           "changed: review its spec before updating the manifest")
