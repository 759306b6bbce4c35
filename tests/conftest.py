"""Fixtures of every tier: one real database built by the real ETL, once per test session.

Debian's Chromium is a fixture of the packages that drive it (tests/browser, tests/cluster), one
at a time: Playwright's sync API allows one running instance, and while it runs it holds an
event loop in the main thread, so the tests that run their own (`asyncio.run`, in tests/server,
tests/unit) must come after it has closed.

How the suite is laid out: fixtures live in `conftest.py` files and are never imported; helpers
shared by several test modules live in support modules (`tests/support.py`, `tests/<tier>/support.py`)
that are not test modules; a test module imports neither a `conftest` nor another test module
(tests/unit/test_import_graph.py checks this). See tests/README.md.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl.build import build


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path to a DuckDB file built from data/raw by `etl.build.build`; QOGAM_DB points at it."""
    path = tmp_path_factory.mktemp("db") / "civic.duckdb"
    build(path)
    os.environ["QOGAM_DB"] = str(path)
    return path
