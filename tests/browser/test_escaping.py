"""Document text reaches the screen as text: a source line carrying a script tag, an image with
an onerror handler and Markdown emphasis is shown literally, and nothing of it runs or renders.

The database is built from a project copy whose quoted line ends with `tests.support.PAYLOAD`
(manifest sha256 re-pinned in the copy). The document viewer is opened at that line, and the
overview quotes the same line among the reports' caveats.
"""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import MAIN, assert_no_error, open_app, streamlit_server
from tests.support import PAYLOAD, PayloadDb, app_pages, build_payload_db

pytestmark = pytest.mark.browser

DOCUMENT_VIEWER = "documents"


@pytest.fixture(scope="module")
def payload_db(tmp_path_factory: pytest.TempPathFactory) -> PayloadDb:
    return build_payload_db(tmp_path_factory.mktemp("payload"))


@pytest.fixture(scope="module")
def payload_server(payload_db: PayloadDb) -> Iterator[str]:
    with streamlit_server(payload_db.path, "escaping") as url:
        yield url


PAGES = {p.url_path: p for p in app_pages()}
# The viewer opened at the changed line (once that page exists), and the overview's caveats.
QUOTING = [path for path in (DOCUMENT_VIEWER, app_pages()[0].url_path) if path in PAGES]


@pytest.mark.parametrize("url_path", QUOTING)
def test_document_line_with_markup_is_shown_literally(page: Page, payload_server: str, payload_db: PayloadDb,
                                                      url_path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    query = urlencode(payload_db.viewer_query) if url_path == DOCUMENT_VIEWER else ""
    open_app(page, payload_server, PAGES[url_path].url, query)

    assert_no_error(page)
    expect(page.locator(MAIN).get_by_text(PAYLOAD).first).to_be_visible()
    expect(page.locator(f'{MAIN} img[src="x"]')).to_have_count(0)
    expect(page.locator(f"{MAIN} :is(strong, b, em, i)", has_text="markdown")).to_have_count(0)
    assert page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert('))") is False
    assert dialogs == []
