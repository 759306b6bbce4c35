"""WCAG 2.2 AA in a real browser: axe-core on every page in every language, and the keyboard path.

axe-core comes inside the `axe-playwright-python` wheel (pinned in requirements.txt), so nothing
is fetched at test time; it is injected into the page and run with the WCAG 2.x A/AA and 2.2 AA
rule sets only. Each page is opened in English and switched to Russian and Kazakh with the
sidebar's language control, as a reader does, and `<html lang>` must follow (WCAG 3.1.1).
The keyboard test does what a reader without a mouse does: Tab to the filters, change the
language and the region, Tab on to the practices table and open a practice's profile.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from conventions import i18n
from conventions.i18n import LANGS
from tests.browser.support import (
    MAIN,
    QUERY,
    REGION,
    SIDEBAR,
    open_app,
    region_name,
    switch_language,
    url_params,
    wait_idle,
)
from tests.support import AppPage, app_pages

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = "options => axe.run(document, options)"
PAGES = app_pages()
# Widgets Streamlit has not drawn yet show as skeletons; axe must see the finished page.
DRAWN = "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
LANGUAGE = f'{SIDEBAR} [data-testid="stButtonGroup"] button[role="radio"]'
REGIONS = f'{SIDEBAR} [data-testid="stMultiSelect"] input'
PRACTICES_TABLE = f'{MAIN} [data-testid="stDataFrame"] canvas'
MAX_TABS = 60             # the practices page has about 45 stops in its Tab order


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG A/AA violations on the page as drawn now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate(AXE_RUN, {"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    return results["violations"]


def describe(violations: list[dict]) -> str:
    """Each violation with its rule, impact and up to three offending elements and axe's reason."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}, "
                     f"{len(violation['nodes'])} element(s)")
        for node in violation["nodes"][:3]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary'][:300]!r}")
    return "\n".join(lines)


def check_accessible(page: Page, lang: str) -> None:
    page.wait_for_function(DRAWN)
    assert page.evaluate("() => document.documentElement.lang") == lang
    violations = axe_violations(page)
    assert not violations, f"in {lang}:\n{describe(violations)}"


@pytest.mark.parametrize("app_page", PAGES, ids=[p.url_path for p in PAGES])
def test_page_meets_wcag_aa_in_every_language(page: Page, server: str, app_page: AppPage) -> None:
    open_app(page, server, app_page.url, QUERY.get(app_page.url_path, ""))
    check_accessible(page, LANGS[0])
    for lang in LANGS[1:]:
        switch_language(page, lang)
        check_accessible(page, lang)


def test_a_shared_link_in_kazakh_is_declared_kazakh(page: Page, server: str) -> None:
    open_app(page, server, "", "lang=kk")
    check_accessible(page, "kk")


def tab_to(page: Page, selector: str) -> list[str]:
    """Press Tab until the focused element matches `selector`; returns the accessible names
    (or tags) of the elements passed on the way."""
    passed = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return passed
        passed.append(page.evaluate("() => { const e = document.activeElement;"
                                    " return e.getAttribute('aria-label') || e.tagName; }"))
    raise AssertionError(f"{selector} not reached in {MAX_TABS} Tab presses; focus went {passed}")


def practice_title(db: Path, practice_id: str) -> tuple[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT title, region_code FROM practices WHERE practice_id = ?", [practice_id]).fetchone()
    finally:
        con.close()


def test_keyboard_only_reader_filters_and_opens_a_practice(page: Page, server: str, built_db: Path) -> None:
    open_app(page, server, "practices")
    page.wait_for_function(DRAWN)

    tab_to(page, LANGUAGE)
    expect(page.locator(":focus")).to_have_text(i18n.LANGUAGE_NAMES["en"])
    page.keyboard.press("ArrowRight")           # a radio group: arrows move the choice
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"[?&]lang=ru(&|$)"))
    wait_idle(page)
    assert page.evaluate("() => document.documentElement.lang") == "ru"

    tab_to(page, REGIONS)
    page.keyboard.type(region_name(built_db, REGION, "ru"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"[?&]region={REGION}(&|$)"))
    page.keyboard.press("Escape")
    wait_idle(page)

    passed = tab_to(page, PRACTICES_TABLE)
    years = i18n.t("filters.years", "ru")
    assert sum(name.startswith(years) for name in passed) == 2, passed    # both ends of the range
    page.keyboard.press("ArrowDown")            # onto a row of the table
    page.keyboard.press("Shift+Space")          # the data grid's "select row"
    page.wait_for_url(re.compile(r"[?&]practice=[^&]+"))
    wait_idle(page)
    title, region = practice_title(built_db, url_params(page)["practice"][0])
    assert region == REGION
    expect(page.locator(f"{MAIN} h3", has_text=title).first).to_be_visible()      # the profile's heading
    expect(page.locator(MAIN).get_by_role("button", name=i18n.t("practices.close", "ru"))).to_be_visible()
    assert url_params(page)["lang"] == ["ru"]


CHART_BOX = f'{MAIN} [data-testid="stVegaLiteChart"]'
MAP_BOX = f'{MAIN} [data-testid="stDeckGlJsonChart"]'
LABELS_JS = "boxes => boxes.map(box => [box.getAttribute('role'), box.getAttribute('aria-label') || ''])"


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_charts_and_maps_keep_their_text_alternatives(page: Page, server: str, lang: str) -> None:
    """Every chart is a labelled graphic with its "as text" twin; the regional map is labelled
    with the text of the bar chart drawn beside it; the practices map has the catalog table."""
    open_app(page, server, "volunteers", f"section=regional&lang={lang}")
    page.wait_for_function(DRAWN)
    charts = page.locator(CHART_BOX).evaluate_all(LABELS_JS)
    assert charts and all(role == "graphics-document" and label for role, label in charts), charts
    as_text = page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text=i18n.t("chart.as_text", lang))
    assert as_text.count() >= len(charts)
    maps = page.locator(MAP_BOX).evaluate_all(LABELS_JS)
    assert maps and all(role == "figure" and label for role, label in maps), maps
    assert all(any(chart.startswith(label) for _role, chart in charts) for _role, label in maps), (maps, charts)

    open_app(page, server, "practices", f"lang={lang}")
    page.wait_for_function(DRAWN)
    ((role, label),) = page.locator(MAP_BOX).evaluate_all(LABELS_JS)
    assert role == "figure" and label
    expect(page.locator(f"{MAIN} [data-testid='stDataFrame']").first).to_be_visible()
