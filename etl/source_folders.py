"""One folder per source: `etl/sources/<source_id with - replaced by _>/` holds all about that document.

    spec.toml      figures written in prose and gaps (format: etl/specs.py); a source may have none
    practices.toml the initiatives it describes, by anchored passages (format: etl/practice_specs.py)
    __init__.py    SOURCE_ID and the hooks below, for what a declarative spec cannot express
    *.py           the modules behind the hooks (tables, practice layout, visit sections)

Hooks a source package may define (the pipeline calls those it finds, in manifest order):

    extract(doc, ctx) -> Extract                       tables (etl/sources/volunteering_2022/tables.py)
    read_practices(doc, kit) -> Practices              practices it describes (etl/practice_rows.py)
    region_sections(doc, gazetteer) -> list[Section]   lines that speak of one region (etl/organizations.py)
    read_region_visits(doc, gazetteer) -> RegionVisits regional visit reports (etl/region_visits.py)

Shared modules never name a source: whatever is particular to one document (its layout, its
captions, the counts it must yield) lives in its folder. A new report with only prose figures
is one new folder holding its spec.toml. The packages are imported by name when a hook is asked
for, so no shared module imports `etl.sources` (which imports the shared modules).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

SOURCES_DIR = Path(__file__).parent / "sources"
SOURCES_PACKAGE = "etl.sources"
SPEC_FILE = "spec.toml"
PRACTICES_FILE = "practices.toml"
HOOKS = ("extract", "read_practices", "region_sections", "read_region_visits")


def folder_name(source_id: str) -> str:
    """The folder (and Python package) of a source: its id with '-' replaced by '_'."""
    return source_id.replace("-", "_")


def sources_dir_for(root: Path) -> Path:
    """`<root>/etl/sources` when that folder exists, else the sources beside this code.

    A project copy (a test's tmp root with a new source) brings its own source folders; for this
    checkout both are the same folder, and a root holding only data uses the code's folders.
    """
    own = root / "etl" / "sources"
    return own if own.is_dir() else SOURCES_DIR


def spec_path(source_id: str, sources_dir: Path = SOURCES_DIR) -> Path:
    """The source's prose spec (it need not exist: a source may have only tables, or nothing)."""
    return sources_dir / folder_name(source_id) / SPEC_FILE


def practices_path(source_id: str, sources_dir: Path = SOURCES_DIR) -> Path:
    """The source's practice list (it need not exist: most sources' practices are read by hook or absent)."""
    return sources_dir / folder_name(source_id) / PRACTICES_FILE


def source_package(source_id: str) -> ModuleType | None:
    """The source's Python package, or None when its folder holds no code (a spec only)."""
    name = f"{SOURCES_PACKAGE}.{folder_name(source_id)}"
    try:
        package = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
    return package if package.__file__ else None   # a folder without __init__.py holds no hooks


def hook(source_id: str, name: str) -> Callable | None:
    """The source's `name` hook (one of HOOKS), or None when the source does not need one."""
    if name not in HOOKS:
        raise ValueError(f"unknown source hook {name!r}")
    return getattr(source_package(source_id), name, None)


def code_files(source_id: str) -> list[Path]:
    """The modules of the source's package that read its document (not the package's __init__)."""
    package = source_package(source_id)
    if package is None:
        return []
    return sorted(p for p in Path(package.__file__).parent.glob("*.py") if p.name != "__init__.py")
