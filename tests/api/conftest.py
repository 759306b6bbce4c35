"""Fixtures of the API tests: the served app against the session's database, and an oracle.

How the app is served is `tests/api/support.py`; oracles come from a separate read-only DuckDB
connection to the same file, in SQL written in the tests, not from the modules the API uses.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import requests

from tests.api.support import Api, served


@pytest.fixture(scope="session")
def api(built_db: Path) -> Iterator[Api]:
    with served(built_db, "api-tests") as base, requests.Session() as http:
        yield Api(base, http)


@pytest.fixture(scope="session")
def oracle(built_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An independent read-only connection to the served database."""
    con = duckdb.connect(str(built_db), read_only=True)
    yield con
    con.close()
