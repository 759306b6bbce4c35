"""Fixtures of the data tier (the session's built database is `built_db`, in tests/conftest.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import copy_project


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away project folder with copies of the raw snapshots and reference data."""
    return copy_project(tmp_path / "project")
