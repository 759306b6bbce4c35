"""Where the repository keeps what the pipeline reads and the app serves.

Every path is absolute (from this checkout's root), so scripts, tests and the server behave
the same from any working directory.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
REFERENCE_DIR = ROOT / "data" / "reference"
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB = ROOT / "data" / "civic.duckdb"
