"""Fixtures of the AppTest tier: pages opened against the session's real built database."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.support import OpenPage, open_app


@pytest.fixture
def open_page(built_db: Path) -> OpenPage:
    """`open_page(page, **params)`: an AppTest of the page served at `page`, against the real built database."""
    def _open(page: str, **params: str | list[str]) -> AppTest:
        return open_app(page, params)
    return _open
