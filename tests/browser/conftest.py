"""The real Streamlit server and Debian's Chromium, for the browser tests.

Playwright cannot download its own browser here, so it drives /usr/bin/chromium. The server is
started on a free port against the database the session built (`built_db`), checked through
`/_stcore/health`, and always terminated. Every test gets a new tab (its own Streamlit session)
in a browser profile that cannot reach the internet, and leaves a screenshot in test-artifacts/.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.support import (
    ACTIVE_NAV,
    ARTIFACTS,
    DIALOG,
    EXCEPTION,
    EXTERNAL,
    WAIT_MS,
    FirstVisit,
    Served,
    chromium,
    open_app,
    streamlit_server,
)
from tests.support import app_pages

expect.set_options(timeout=WAIT_MS)
ARTIFACTS.mkdir(exist_ok=True)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Chromium for this package's tests, closed when they are done (tests/conftest.py says why)."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="package")
def context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser profile for all tests (so the app's scripts are cached); each test opens its
    own tab, which is its own Streamlit session. Nothing outside the app can be reached."""
    shared = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                 locale="en-US")
    shared.route(EXTERNAL, lambda route: route.abort())
    shared.set_default_timeout(WAIT_MS)
    yield shared
    shared.close()


def first_visit(context: BrowserContext, url: str) -> FirstVisit:
    deep, lang = next(p for p in app_pages() if not p.default), "ru"
    tab = context.new_page()
    try:
        open_app(tab, url, deep.url, f"lang={lang}")
        tab.screenshot(path=str(ARTIFACTS / "first-visit.png"))
        return FirstVisit(deep, lang, tab.locator(EXCEPTION).all_inner_texts(),
                          tab.locator(DIALOG).all_inner_texts(),
                          tab.locator(ACTIVE_NAV).first.inner_text(), tab.title())
    finally:
        tab.close()


@pytest.fixture(scope="package")
def served(built_db: Path, context: BrowserContext) -> Iterator[Served]:
    with streamlit_server(built_db) as url:
        yield Served(url, first_visit(context, url))


@pytest.fixture(scope="package")
def server(served: Served) -> str:
    """Base URL of the shared server (its first visit is already over)."""
    return served.url


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new tab (a new Streamlit session); its last state is saved as a screenshot."""
    tab = context.new_page()
    try:
        yield tab
    finally:
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
        try:
            tab.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        finally:
            tab.close()
