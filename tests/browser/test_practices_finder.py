"""An NGO looking for peers, in a real browser: filter the practices by a theme and a region,
open an initiative's profile from the table, follow one of its passages into the document
viewer (a new tab, as Streamlit opens Markdown links) and find the passage's first line
highlighted there."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect

from conventions import i18n
from qogam import catalog
from tests.browser.support import (
    MAIN,
    SIDEBAR,
    TABLE,
    assert_no_error,
    open_app,
    pick_option,
    region_name,
    url_params,
    wait_idle,
)

pytestmark = pytest.mark.browser

def regional_practices(db: Path) -> tuple[str, str, list[str], int]:
    """(region, theme, the practices of that region on that theme, all practices) for the region
    and theme most practices share."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT p.region_code, unnest(p.themes), p.practice_id FROM practices AS p "
            "JOIN regions AS r USING (region_code) WHERE r.lat IS NOT NULL AND r.kind <> 'country' "
            "ORDER BY p.title, p.practice_id").fetchall()
        total = con.execute("SELECT count(*) FROM practices").fetchone()[0]
    finally:
        con.close()
    groups: dict[tuple[str, str], list[str]] = {}
    for region, theme, practice_id in rows:
        groups.setdefault((region, theme), []).append(practice_id)
    (region, theme), ids = max(sorted(groups.items()), key=lambda item: len(item[1]))
    return region, theme, ids, total


def practice_facts(db: Path, practice_id: str) -> tuple[str, list[tuple[str, int, str]]]:
    """The practice's title and its passages: (source, first line, that line's text)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        title = con.execute("SELECT title FROM practices WHERE practice_id = ?", [practice_id]).fetchone()[0]
        passages = con.execute("SELECT m.source_id, m.line, l.text FROM practice_mentions AS m JOIN source_lines AS l "
                               "USING (source_id, line) WHERE m.practice_id = ? ORDER BY m.source_id, m.line",
                               [practice_id]).fetchall()
        return title, passages
    finally:
        con.close()


def choose(page: Page, area: str, name: str, label: str, param: str, value: str) -> None:
    """Type `label` into the multiselect called `name` and pick it; wait for `param=value` in the URL."""
    pick_option(page, page.locator(area).get_by_role("combobox", name=name, exact=True), label, param, value)


def test_filter_by_theme_and_region_open_a_profile_and_follow_a_passage(page: Page, server: str,
                                                                        built_db: Path) -> None:
    region, theme, matching, total = regional_practices(built_db)
    open_app(page, server, "practices")
    assert_no_error(page)

    choose(page, MAIN, i18n.t("initiatives.themes", "en"), catalog.label(catalog.THEME, theme, "en"), "theme", theme)
    choose(page, SIDEBAR, i18n.t("filters.regions", "en"), region_name(built_db, region), "region", region)
    count = i18n.t("practices.count", "en", n=len(matching), total=total)
    expect(page.locator(MAIN).get_by_text(count)).to_be_visible()

    page.locator(f"{TABLE} canvas").first.focus()
    page.keyboard.press("ArrowDown")                       # onto a row
    page.keyboard.press("Shift+Space")                     # the data grid's "select row"
    page.wait_for_url(re.compile(r"[?&]practice=[^&]+"))
    wait_idle(page)
    assert_no_error(page)
    (practice_id,) = url_params(page)["practice"]
    assert practice_id in matching
    title, passages = practice_facts(built_db, practice_id)
    expect(page.locator(f"{MAIN} h3", has_text=title).first).to_be_visible()
    assert url_params(page)["theme"] == [theme] and url_params(page)["region"] == [region]

    source_id, line, text = passages[0]
    link = page.locator(f'{MAIN} a[href*="documents?source={source_id}&line={line}"]').first
    expect(link).to_have_text(f"{i18n.t('field.line', 'en')} {line}")
    assert link.get_attribute("target") == "_blank"        # Streamlit opens Markdown links in a new tab
    with page.context.expect_page() as opened:
        link.click()
    viewer = opened.value
    try:
        viewer.wait_for_url(re.compile(rf"/documents\?source={re.escape(source_id)}&line={line}(&|$)"))
        wait_idle(viewer)
        assert_no_error(viewer)
        target = viewer.locator(f"{MAIN} .qogam-doc .row.target")
        expect(target).to_have_count(1)
        expect(target.locator(".no")).to_have_text(str(line))
        expect(target.locator(".tx")).to_contain_text(text.strip()[:40])
    finally:
        viewer.close()
