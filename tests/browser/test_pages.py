"""Every page of the dashboard, in English, Russian and Kazakh, in a real browser.

Pages come from `app.PAGES`, so a new page is visited as soon as it is registered; what must be
visible on it (beyond a title and no error) is declared in `KEY_CONTENT`. Each page is opened in
English, then switched to Russian and to Kazakh with the sidebar's language control (the same
session re-runs, which is also how a reader changes language).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conventions import i18n
from conventions.i18n import LANGS
from tests.browser.support import (
    ACTIVE_NAV,
    CHART,
    CYRILLIC,
    MAIN,
    MAP,
    METRIC_VALUE,
    QUERY,
    TABLE,
    Served,
    assert_no_error,
    expect_map_drawn,
    open_app,
    switch_language,
)
from tests.support import AppPage, app_pages

pytestmark = pytest.mark.browser

DOWNLOAD = f'{MAIN} [data-testid="stDownloadButton"]'
SEARCH_BOX = f'{MAIN} [data-testid="stTextInput"] input'
DOCUMENT_TEXT = f"{MAIN} .qogam-doc"
CODE = f'{MAIN} [data-testid="stCode"]'
# url path -> what must be on screen: headline figures, charts, maps, tables, the tools.
KEY_CONTENT: dict[str, tuple[str, ...]] = {
    "overview": (METRIC_VALUE, TABLE),
    "volunteers": (METRIC_VALUE, CHART),            # its map: the Regions section, test_sections.py
    "ngos-funding": (METRIC_VALUE, CHART),          # its map is the volunteers page's widget
    "data": (TABLE,),
    "practices": (TABLE, MAP),
    "organizations": (TABLE,),
    "search": (SEARCH_BOX,),
    "sources": (CODE,),                             # the documents' checksums
    "documents": (DOCUMENT_TEXT,),
    "downloads": (DOWNLOAD, TABLE),
}
# Pages that show their main content only for a choice made in the link.
PAGES = app_pages()


def check_page(page: Page, app_page: AppPage, lang: str) -> None:
    assert_no_error(page)
    expect(page.locator(ACTIVE_NAV)).to_contain_text(i18n.t(app_page.title_key, lang))
    if lang != "en":
        expect(page.locator(f"{MAIN} h1").first).to_have_text(CYRILLIC)
    for selector in KEY_CONTENT.get(app_page.url_path, ()):
        if selector != MAP:
            expect(page.locator(selector).filter(visible=True).first).to_be_visible()
        elif lang == "en":   # the map's data is built server-side, where any language's error shows above
            expect_map_drawn(page)


@pytest.mark.parametrize("app_page", PAGES, ids=[p.url_path for p in PAGES])
def test_page_in_every_language(page: Page, server: str, app_page: AppPage) -> None:
    open_app(page, server, app_page.url, QUERY.get(app_page.url_path, ""))
    check_page(page, app_page, LANGS[0])
    for lang in LANGS[1:]:
        switch_language(page, lang)
        check_page(page, app_page, lang)


def test_every_page_declares_its_key_content() -> None:
    assert {p.url_path for p in PAGES} <= set(KEY_CONTENT), "add the new page's key content to KEY_CONTENT"


def test_shared_link_opened_right_after_server_start(served: Served) -> None:
    visit = served.first_visit
    assert visit.errors == [], visit.errors
    assert visit.dialogs == [], f"the first visitor of {visit.page.url} saw a dialog: {visit.dialogs}"
    assert i18n.t(visit.page.title_key, visit.lang) in visit.active_nav


def test_shared_link_names_the_browser_tab_in_its_language(served: Served) -> None:
    visit = served.first_visit
    assert CYRILLIC.search(visit.tab_title), f"?lang={visit.lang} but the tab reads {visit.tab_title!r}"
