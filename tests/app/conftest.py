"""AppTest helpers: open a page of the dashboard with URL parameters against the built database."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGES = {
    "overview": "pages/overview.py",
    "volunteers": "pages/volunteers.py",
    "ngos_funding": "pages/ngos-funding.py",
    "data": "pages/data.py",
}
TITLE_KEYS = {"overview": "overview.title", "volunteers": "volunteers.title",
              "ngos_funding": "ngos.title", "data": "data.title"}
TIMEOUT = 120

OpenPage = Callable[..., AppTest]


def open_app(page: str, params: dict[str, str | list[str]]) -> AppTest:
    """A new session opened with `params` in the URL, then moved to `page` (the default page
    needs no switch). The URL is read on the session's first run, as in a browser."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page]).run()
    return at


@pytest.fixture
def open_page(built_db: Path) -> OpenPage:
    """`open_page(page, **params)`: an AppTest of `page` against the real built database."""
    def _open(page: str, **params: str | list[str]) -> AppTest:
        return open_app(page, params)
    return _open
