"""Serving the app, waiting for Streamlit and reading what it drew: shared by the browser tests.

A Streamlit page is ready when the app root reports that no script run is in progress
(`data-test-script-state="notRunning"`, which it sets only after the first run finished) and
the "Running..." status widget is gone. After a click, the caller first waits for something the
click must change (the URL, a text), then for the run to finish.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from conventions import i18n
from conventions.paths import ROOT
from harness.browser import CHROMIUM, CHROMIUM_ARGS
from harness.server import streamlit_server as harness_server
from tests.support import FIRST_SOURCE, AppPage

ARTIFACTS = ROOT / "test-artifacts"
# Anything not served by the local app (the map's basemap style, icon fonts) is refused at once,
# so the tests neither depend on the internet nor wait for it.
EXTERNAL = re.compile(r"^(?![a-z]+://127\.0\.0\.1[:/])[a-z]+://")
WAIT_MS = 45_000          # a page run on a loaded CI machine; normal runs take 1-3 s

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
STATUS = '[data-testid="stStatusWidget"]'
EXCEPTION = '[data-testid="stException"]'
DIALOG = '[data-testid="stDialog"]'
MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
WARNING = '[data-testid="stAlertContentWarning"]'
ACTIVE_NAV = '[data-testid="stSidebarNavLink"][aria-current="page"]'
METRIC_VALUE = f'{MAIN} [data-testid="stMetricValue"]'
CHART = f'{MAIN} [data-testid="stVegaLiteChart"] :is(svg.marks, canvas)'
MAP = f'{MAIN} [data-testid="stDeckGlJsonChart"]'
TABLE = f'{MAIN} [data-testid="stDataFrame"]'
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def wait_idle(page: Page) -> None:
    """Block until the current script run has finished and its output is on screen."""
    page.wait_for_selector(IDLE, state="attached")
    expect(page.locator(STATUS)).to_have_count(0)


def open_app(page: Page, base: str, path: str = "", query: str = "") -> None:
    """Open `base/path?query` in a new session and wait for the first run to finish."""
    page.goto(f"{base}/{path}" + (f"?{query}" if query else ""))
    wait_idle(page)


def pick_option(page: Page, field: Locator, label: str, param: str, value: str) -> None:
    """Type the start of `label` into the multiselect `field` and pick it; wait for `param=value`
    in the URL, close the list and let the rerun end."""
    field.click()
    field.fill(label[:5])
    page.get_by_role("option", name=label, exact=True).click()
    page.wait_for_url(re.compile(rf"[?&]{param}={re.escape(value)}(&|$)"))
    page.keyboard.press("Escape")
    wait_idle(page)


def assert_no_error(page: Page) -> None:
    """No exception box, no Streamlit dialog (e.g. "Page not found"), and a page title.

    Call after `wait_idle`: a run's output, errors included, is on screen by then, so the
    checks look once instead of waiting for an error to go away.
    """
    errors = page.locator(EXCEPTION).all_inner_texts()
    assert not errors, errors[0][:2000]
    dialogs = page.locator(DIALOG).all_inner_texts()
    assert not dialogs, f"a dialog is open: {dialogs[0][:300]!r}"
    expect(page.locator(f"{MAIN} h1").first).to_be_visible()


def url_params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def metric_values(page: Page) -> list[str]:
    return page.locator(METRIC_VALUE).all_inner_texts()


def expect_map_drawn(page: Page) -> None:
    """The deck.gl map is on the page and has drawn into its canvas."""
    page.locator(MAP).first.scroll_into_view_if_needed()
    expect(page.locator(f"{MAP} canvas").first).to_be_visible()


@contextmanager
def streamlit_server(db: Path, name: str = "browser-tests") -> Iterator[str]:
    """The app served against `db` (see `harness.server.streamlit_server`); yields its base URL."""
    with harness_server(db, name, log_dir=ARTIFACTS) as server:
        yield server.url.rstrip("/")


@dataclass(frozen=True)
class FirstVisit:
    """What the first visitor of a fresh server saw: a shared link to a sub-page, in Russian.

    A server's first script run is special (Streamlit still considers legacy `pages/` routing
    then), so it is observed once, here, and checked by test_pages.py; no other test is a
    first visitor.
    """

    page: AppPage
    lang: str
    errors: list[str]
    dialogs: list[str]
    active_nav: str
    tab_title: str


@dataclass(frozen=True)
class Served:
    url: str
    first_visit: FirstVisit


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright's sync API; closed on exit, and Playwright's event loop
    with it (see tests/conftest.py for why that matters)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# The region the filter tests and the accessibility tests pick (Almaty city).
REGION = "KZ-75"
# URL parameters a page needs to show its content (the document viewer opens a document).
QUERY = {"documents": f"source={FIRST_SOURCE}&line=1"}


def region_name(db: Path, code: str, lang: str = "en") -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT name_{lang} FROM regions WHERE region_code = ?", [code]).fetchone()[0]
    finally:
        con.close()


def switch_language(page: Page, lang: str) -> None:
    """Choose `lang` in the sidebar and wait for the page to be redrawn in it."""
    page.locator(SIDEBAR).get_by_role("radio", name=i18n.LANGUAGE_NAMES[lang]).click()
    page.wait_for_url(re.compile(rf"[?&]lang={lang}(&|$)"))
    wait_idle(page)
