"""Pages with sections (`qogam.page_sections`): a tab opens its section and names it in the URL,
the link reopens it, and a language switch keeps it open."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conventions import i18n
from tests.browser.support import (
    CHART,
    MAIN,
    MAP,
    assert_no_error,
    expect_map_drawn,
    open_app,
    switch_language,
    url_params,
    wait_idle,
)

pytestmark = pytest.mark.browser

SECTION_TABS = f'{MAIN} [role="tablist"]'      # the first tab list: the page's sections


def tab(page: Page, label: str):
    return page.locator(SECTION_TABS).first.locator('[role="tab"]', has_text=label)


def selected_tab(page: Page):
    return page.locator(SECTION_TABS).first.locator('[role="tab"][aria-selected="true"]')


def test_a_tab_opens_its_section_and_the_link_reopens_it(page: Page, server: str) -> None:
    open_app(page, server, "volunteers")
    assert_no_error(page)
    expect(selected_tab(page)).to_have_text(i18n.t("volunteers.series", "en"))
    expect(page.locator(CHART).first).to_be_visible()
    expect(page.locator(MAP)).to_have_count(0)                  # the hidden sections are not drawn

    tab(page, i18n.t("regional.title", "en")).click()
    page.wait_for_url(re.compile(r"[?&]section=regional(&|$)"))
    wait_idle(page)
    assert_no_error(page)
    expect_map_drawn(page)
    assert url_params(page) == {"section": ["regional"]}

    switch_language(page, "ru")
    expect(selected_tab(page)).to_have_text(i18n.t("regional.title", "ru"))
    expect_map_drawn(page)
    assert url_params(page) == {"section": ["regional"], "lang": ["ru"]}

    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    wait_idle(page)
    assert_no_error(page)
    expect(selected_tab(page)).to_have_text(i18n.t("regional.title", "ru"))
    expect_map_drawn(page)

    tab(page, i18n.t("volunteers.series", "ru")).click()
    page.wait_for_url(lambda url: "section=" not in url)      # the first section is the default
    wait_idle(page)
    expect(page.locator(MAP)).to_have_count(0)
    expect(page.locator(CHART).first).to_be_visible()


def test_a_link_to_a_figure_opens_the_downloads_citation(page: Page, server: str, built_db) -> None:
    import duckdb

    with duckdb.connect(str(built_db), read_only=True) as con:
        (obs_id,) = con.execute("SELECT obs_id FROM observations ORDER BY obs_id LIMIT 1").fetchone()
    open_app(page, server, "downloads", f"obs={obs_id}")
    assert_no_error(page)
    expect(selected_tab(page)).to_have_text(i18n.t("downloads.cite", "en"))
    assert url_params(page) == {"obs": [obs_id]}          # a figure link opens the citation by itself
    expect(page.locator(f"{MAIN} [data-testid='stCode']").first).to_be_visible()
