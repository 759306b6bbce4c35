"""The global filters in a real browser: set by a shared link, set by hand, kept in the URL."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conventions import i18n
from tests.browser.support import (
    MAIN,
    REGION,
    SIDEBAR,
    WARNING,
    assert_no_error,
    metric_values,
    open_app,
    pick_option,
    region_name,
    url_params,
    wait_idle,
)
from tests.support import app_pages

pytestmark = pytest.mark.browser

TAGS = f'{SIDEBAR} [data-testid="stMultiSelect"] [data-tag]'
YEARS = f'{SIDEBAR} [data-testid="stSliderThumbValue"]'


def test_link_with_region_and_years_sets_the_filters(page: Page, server: str, built_db: Path) -> None:
    name = region_name(built_db, REGION)
    open_app(page, server, "volunteers", f"region={REGION}&from=2022&to=2023")

    assert_no_error(page)
    expect(page.locator(WARNING)).to_have_count(0)
    expect(page.locator(TAGS)).to_have_text([name])
    expect(page.locator(YEARS)).to_have_text(["2022", "2023"])
    expect(page.locator(f"{MAIN} h3", has_text=name).first).to_be_visible()
    assert url_params(page) == {"region": [REGION], "from": ["2022"], "to": ["2023"]}


def test_the_default_page_answers_its_own_path_too(page: Page, server: str, built_db: Path) -> None:
    """"/overview" is what the navigation calls the page at "/": a shared link to it opens the
    page with its filters, not Streamlit's "page not found"."""
    name = region_name(built_db, REGION)
    open_app(page, server, "overview", f"region={REGION}")

    assert_no_error(page)
    expect(page.locator(TAGS)).to_have_text([name])
    expect(page.locator(f"{MAIN} h1").first).to_have_text(i18n.t("overview.title", "en"))
    assert urlsplit(page.url).path == "/overview"
    assert url_params(page) == {"region": [REGION]}


def test_hostile_link_is_reported_as_text_and_removed(page: Page, server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    data_page = app_pages()[-1]
    open_app(page, server, data_page.url, "region=<script>alert(1)</script>&from=' OR 1=1 --&utm_source=x")

    assert_no_error(page)
    warning = page.locator(WARNING)
    expect(warning).to_contain_text("<script>alert(1)</script>")
    expect(warning).to_contain_text("from")
    assert page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert(1)'))") is False
    assert dialogs == []
    assert url_params(page) == {}


def test_choosing_a_region_updates_url_and_page_and_survives_page_switch(page: Page, server: str,
                                                                        built_db: Path) -> None:
    name = region_name(built_db, REGION)
    open_app(page, server, "volunteers")
    national = metric_values(page)
    expect(page.locator(f"{MAIN} h3", has_text=name)).to_have_count(0)

    pick_option(page, page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"] input'), name, "region", REGION)

    assert_no_error(page)
    expect(page.locator(f"{MAIN} h3", has_text=name).first).to_be_visible()
    assert metric_values(page) != national
    assert url_params(page) == {"region": [REGION]}

    other = next(i for i, p in enumerate(app_pages()) if p.url_path == "data")
    page.locator('[data-testid="stSidebarNavLink"]').nth(other).click()
    page.wait_for_url(re.compile(rf"/{app_pages()[other].url}\?region={REGION}$"))
    wait_idle(page)
    assert_no_error(page)
    expect(page.locator(TAGS)).to_have_text([name])
