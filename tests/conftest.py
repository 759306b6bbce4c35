"""Fixtures of every tier: one real database built by the real ETL, and one Debian Chromium, once per
test session (Playwright's sync API allows one running instance, so the browser and the cluster
tests share it).

How the suite is laid out: fixtures live in `conftest.py` files and are never imported; helpers
shared by several test modules live in support modules (`tests/support.py`, `tests/<tier>/support.py`)
that are not test modules; a test module imports neither a `conftest` nor another test module
(tests/unit/test_import_graph.py checks this). See tests/README.md.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from etl.build import build
from harness.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path to a DuckDB file built from data/raw by `etl.build.build`; QOGAM_DB points at it."""
    path = tmp_path_factory.mktemp("db") / "civic.duckdb"
    build(path)
    os.environ["QOGAM_DB"] = str(path)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
