"""Helpers shared by the AppTest tests: open a page of the dashboard the way a browser does.

Pages are named by their URL path and looked up in `app.PAGES` (through `tests.support.app_page`),
so no test lists the page scripts again.
"""
from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.support import APP, app_page

TIMEOUT = 120

OpenPage = Callable[..., AppTest]


def open_app(page: str, params: dict[str, str | list[str]]) -> AppTest:
    """A new session opened with `params` in the URL, then moved to the page served at `page`
    (the default page needs no switch). The URL is read on the session's first run, as in a browser."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    target = app_page(page)
    if not target.default:
        at.switch_page(target.path).run()
    return at


def open_direct(page: str, query: dict[str, str | list[str]]) -> AppTest:
    """A new session whose first run opens the page served at `page` with `query` in the URL."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(app_page(page).path)
    return at.run()
