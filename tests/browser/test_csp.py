"""The served app (`serve.py`) sends its security headers, and the dashboard works under its CSP.

A server of its own runs `serve.py` (what `make run` serves), whatever script the shared
browser-test server runs. In Chromium, every Content-Security-Policy violation is collected
twice over — the console's report and the page's `securitypolicyviolation` events — while
pages with a deck.gl map (WebGL, blob workers) and Vega charts are drawn and the language is
switched (our inline script, allowed by its hash).
"""
from __future__ import annotations

import io
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from harness.server import streamlit_server
from tests.browser.support import (
    ARTIFACTS,
    CHART,
    MAP,
    QUERY,
    assert_no_error,
    expect_map_drawn,
    switch_language,
    wait_idle,
)
from tests.support import AppPage, app_pages

pytestmark = pytest.mark.browser

# Runs before the page's own scripts in every document the tab opens.
RECORD_VIOLATIONS = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`));"""
MIN_MAP_COLOURS = 20      # a drawn choropleth; a blank or failed canvas has one or two colours
PAINT_FRAMES = 50
PAGES = app_pages()


@pytest.fixture(scope="module")
def served_app(built_db: Path) -> Iterator[str]:
    with streamlit_server(built_db, "csp-tests", log_dir=ARTIFACTS, script="serve.py") as server:
        yield server.url.rstrip("/")


def headers_of(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return {name.lower(): value for name, value in response.headers.items()}


@pytest.mark.parametrize("path", ["", "volunteers", "_stcore/health", "favicon.png", "robots.txt"])
def test_every_response_carries_the_security_headers(served_app: str, path: str) -> None:
    headers = headers_of(f"{served_app}/{path}")
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy") == "same-origin"
    policy = dict(directive.strip().split(" ", 1) for directive in headers["content-security-policy"].split(";"))
    scripts = policy["script-src"].split()
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, scripts
    assert any(source.startswith("'sha256-") for source in scripts), scripts
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'self'", policy


def open_collecting(page: Page, url: str) -> list[str]:
    """Open `url` with CSP violations recorded from the start; returns the console's messages
    (the list grows while the page lives). The document must have been sent with the CSP."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(url)
    assert response is not None and "content-security-policy" in response.headers
    wait_idle(page)
    return console


def csp_problems(page: Page, console: list[str]) -> list[str]:
    return ([text for text in console if "Content Security Policy" in text]
            + page.evaluate("() => window.__cspViolations"))


def map_colours(page: Page) -> int:
    """Distinct colours in a screenshot of the first map (its WebGL canvas as composited)."""
    shot = page.locator(f"{MAP} canvas").first.screenshot()
    return len(Image.open(io.BytesIO(shot)).convert("RGB").getcolors(maxcolors=1 << 24))


def wait_map_painted(page: Page) -> int:
    """Colours of the map once deck.gl has painted its layers (WebGL draws a few frames after
    the canvas appears); gives up after `PAINT_FRAMES` checks and returns what it saw last."""
    expect_map_drawn(page)
    colours = map_colours(page)
    for _ in range(PAINT_FRAMES):
        if colours >= MIN_MAP_COLOURS:
            break
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 100)))")
        colours = map_colours(page)
    return colours


@pytest.mark.parametrize("app_page", PAGES, ids=[p.url_path for p in PAGES])
def test_page_runs_under_the_csp(page: Page, served_app: str, app_page: AppPage) -> None:
    query = QUERY.get(app_page.url_path, "")
    console = open_collecting(page, f"{served_app}/{app_page.url}" + (f"?{query}" if query else ""))
    assert_no_error(page)
    switch_language(page, "kk")       # our inline script, allowed by its hash, sets the language
    assert page.evaluate("() => document.documentElement.lang") == "kk"
    assert csp_problems(page, console) == []


def test_maps_and_charts_are_drawn_under_the_csp(page: Page, served_app: str) -> None:
    console = open_collecting(page, f"{served_app}/volunteers?section=regional")
    assert_no_error(page)
    chart = page.locator(CHART).filter(visible=True).first
    expect(chart).to_be_visible()
    assert chart.locator("path").count() > 0, "the Vega chart drew no marks"
    assert wait_map_painted(page) >= MIN_MAP_COLOURS, "the deck.gl map painted nothing"
    assert csp_problems(page, console) == []
