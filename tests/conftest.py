"""Shared fixtures: one real database built by the real ETL, once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl.build import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path to a DuckDB file built from data/raw by `etl.build.build`; QOGAM_DB points at it."""
    path = tmp_path_factory.mktemp("db") / "civic.duckdb"
    build(path)
    os.environ["QOGAM_DB"] = str(path)
    return path
