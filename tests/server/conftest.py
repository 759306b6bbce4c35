"""A real server for the HTTP- and protocol-level hardening tests (no browser needed).

`served` runs what `make run` serves (`harness.server.SERVED_SCRIPT`) against the session's database;
the tests talk to it over 127.0.0.1 only, with bounded loops.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conventions.paths import ROOT
from harness.server import Server, streamlit_server

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def served(built_db: Path) -> Iterator[Server]:
    with streamlit_server(built_db, "server-tests", log_dir=ARTIFACTS) as server:
        yield server
