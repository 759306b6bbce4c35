"""Issue 15 in a real browser: where sources disagree, the page says so, with how each was counted."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect

from conventions import i18n
from tests.browser.support import MAIN, assert_no_error, open_app

pytestmark = pytest.mark.browser

# Digits as the page groups them in English ("217,391"), or with a (no-break) space.
GROUP = r"[,\s\u00a0\u202f]?"


def test_the_2023_volunteers_headline_shows_both_figures_with_their_basis(page: Page, server: str) -> None:
    """217,391 counted by the front offices and "at least 240,000" estimated (volunteering-2023)."""
    open_app(page, server, "volunteers", "from=2023&to=2023")
    assert_no_error(page)
    marker = page.locator(MAIN).get_by_text(re.compile(
        rf"{i18n.t('disagree.marker', 'en')}: .*217{GROUP}391.*\(regional front-office count\)"
        rf".*240{GROUP}000.*\(expert estimate\)"))
    expect(marker.first).to_be_visible()


def test_the_data_page_lists_every_disagreement_group(page: Page, server: str, built_db: Path) -> None:
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        (n_groups,) = con.execute("SELECT count(DISTINCT group_id) FROM disagreements").fetchone()
    finally:
        con.close()
    open_app(page, server, "data", "section=disagreements")
    assert_no_error(page)
    section = page.locator(f'{MAIN} [role="tab"][aria-selected="true"]', has_text=i18n.t("disagree.title", "en"))
    expect(section).to_be_visible()
    rules = page.locator(MAIN).get_by_text(re.compile(
        "^(" + "|".join(re.escape(i18n.t(f"disagree.rule_{r}", "en")) for r in ("values", "shares_sum")) + ")$"))
    expect(rules).to_have_count(n_groups)
    assert n_groups >= 5
