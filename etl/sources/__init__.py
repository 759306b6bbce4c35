"""One extraction module per source, for what a declarative spec cannot express (tables).

A source's module is `etl/sources/<source_id with - replaced by _>.py` and exposes
`extract(doc: Document, ctx: BuildContext) -> Extract`. Figures in prose live in
`etl/specs/<source_id>.toml` instead.
"""
from __future__ import annotations

import importlib
from types import ModuleType


def table_module(source_id: str) -> ModuleType | None:
    """The source's table-extraction module, or None when its figures are all in prose."""
    name = f"etl.sources.{source_id.replace('-', '_')}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
