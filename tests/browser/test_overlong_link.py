"""A link with more parameters than Streamlit reads (issue 12, finding 7).

Streamlit ignores a query string of more than 1,000 parameters whole and says nothing; the
visitor got the default view instead of the region and language the link named.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conventions import i18n
from tests.browser.support import SIDEBAR, WARNING, open_app, url_params

pytestmark = pytest.mark.browser

PADDING = 1_200


def test_an_overlong_link_keeps_its_filters_and_says_what_was_left_out(page: Page, server: str) -> None:
    junk = "&".join(f"utm{i}=x" for i in range(PADDING))
    open_app(page, server, "volunteers", f"region=KZ-75&lang=ru&{junk}")
    expect(page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"] [data-tag]')).to_have_count(1)
    warning = page.locator(WARNING).first
    expect(warning).to_contain_text(i18n.t("warn.heading", "ru"))
    expect(warning).to_contain_text(f"{PADDING}")
    params = url_params(page)
    assert params.get("region") == ["KZ-75"] and params.get("lang") == ["ru"], params
    assert not any(name.startswith("utm") for name in params), sorted(params)[:5]
