"""What every extraction step is handed: the project's paths, its reference data and its documents.

A module of its own so that the steps (the catalog, the source packages, `etl check`) and the
build that runs them all import it from here; importing it from `etl.build` made each step and
the build import each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conventions.paths import ROOT
from etl.document import Document, load_document
from etl.manifest import SourceEntry, load_manifest, verify_snapshots
from etl.privacy import Redactor
from etl.regions import Gazetteer
from etl.source_folders import sources_dir_for
from etl.specs import Indicator, load_indicators


@dataclass
class BuildContext:
    """Everything extraction steps share: paths, reference data, loaded documents."""

    root: Path
    entries: list[SourceEntry]
    gazetteer: Gazetteer
    indicators: dict[str, Indicator]
    docs: dict[str, Document] = field(default_factory=dict)

    @property
    def raw_dir(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def reference_dir(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def sources_dir(self) -> Path:
        """The source folders (specs) of this project root; see etl/source_folders.py."""
        return sources_dir_for(self.root)


def make_context(root: Path = ROOT) -> BuildContext:
    """Read and verify the snapshots of `root`, its reference data, and every document (repaired,
    redacted)."""
    raw_dir = root / "data" / "raw"
    entries = load_manifest(raw_dir)
    verify_snapshots(raw_dir, entries)
    reference = root / "data" / "reference"
    ctx = BuildContext(root=root, entries=entries, gazetteer=Gazetteer.load(reference),
                       indicators=load_indicators(reference / "indicators"))
    redactor = Redactor.load(reference / "public_contacts.toml")
    for entry in entries:
        ctx.docs[entry.source_id] = load_document(raw_dir, entry, redactor)
    return ctx
