"""Shared fixtures: one real database built by the real ETL, and one Debian Chromium, once per
test session (Playwright's sync API allows one running instance, so the browser and the cluster
tests share it)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from bench import CHROMIUM, CHROMIUM_ARGS
from etl.build import build

ROOT = Path(__file__).resolve().parent.parent


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
