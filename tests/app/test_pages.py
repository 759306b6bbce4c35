"""Every page renders against the real database: with and without filters, in all three
languages, and with broken links (visible warning, sensible fallback, never an exception)."""
from __future__ import annotations

import json
import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from conventions import formatting, i18n
from tests.app.support import OpenPage, open_direct

# The figures pages (URL paths) and the title each must show.
TITLE_KEYS = {"overview": "overview.title", "volunteers": "volunteers.title",
              "ngos-funding": "ngos.title", "data": "data.title"}

GOOD_URLS = {
    "bare": {},
    "filtered": {"region": ["KZ-75", "KZ-19"], "from": "2022", "to": "2023"},
    "russian": {"lang": "ru"},
    "kazakh": {"lang": "kk", "region": "KZ-79"},
}
BAD_URLS = {
    "unknown-region": {"region": "KZ-99"},
    "html-region": {"region": "<script>alert(1)</script>"},
    "sql-year": {"from": "2022; DROP TABLE observations"},
    "huge-year": {"to": "99999"},
    "text-year": {"from": "last year"},
    "long-value": {"region": "KZ-75" * 3000},
    "repeated-keys": {"from": ["2021", "2022"], "lang": ["ru", "kk"]},
    "unknown-lang": {"lang": "fr"},
}


def assert_healthy(at: AppTest, page: str, lang: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [i18n.t(TITLE_KEYS[page], lang)]
    assert not at.error


@pytest.mark.parametrize("page", TITLE_KEYS)
@pytest.mark.parametrize("url", GOOD_URLS)
def test_page_renders(open_page: OpenPage, page: str, url: str) -> None:
    params = GOOD_URLS[url]
    at = open_page(page, **params)
    assert_healthy(at, page, str(params.get("lang", "en")))
    assert not at.warning


@pytest.mark.parametrize("page", TITLE_KEYS)
@pytest.mark.parametrize("url", BAD_URLS)
def test_broken_link_warns_and_falls_back(open_page: OpenPage, page: str, url: str) -> None:
    params = BAD_URLS[url]
    at = open_page(page, **params)
    lang = "ru" if url == "repeated-keys" else "en"
    assert_healthy(at, page, lang)
    assert len(at.warning) == 1
    assert i18n.t("warn.heading", lang) in at.warning[0].value
    assert "<script>" not in at.warning[0].value      # shown escaped, never as markup


def test_fallback_view_of_a_broken_link(open_page: OpenPage, built_db) -> None:
    at = open_page("overview", region=["KZ-75", "nowhere"], **{"from": "abc", "to": "2099"})
    with duckdb.connect(str(built_db), read_only=True) as con:
        year_min, year_max = con.execute(
            "SELECT min(year_start), max(year_end) FROM observations WHERE value IS NOT NULL "
            "AND practice_id IS NULL").fetchone()
    assert at.session_state["f_regions"] == ["KZ-75"]
    assert at.session_state["f_years"] == (year_min, year_max)
    assert at.query_params == {"region": "KZ-75"}
    assert len(at.warning[0].value.splitlines()) >= 4   # heading + one line per problem


CHART_VIEWS = [(page, {"section": section}) for page, sections in (
    ("volunteers", ("series", "profile", "hours", "regional")),
    ("ngos-funding", ("organisations", "regional", "funding"))) for section in sections]


@pytest.mark.parametrize(("page", "query"), CHART_VIEWS, ids=[f"{p}-{q.get('section', '')}" for p, q in CHART_VIEWS])
def test_every_chart_has_title_alt_text_source_and_download(page: str, query: dict) -> None:
    at = open_direct(page, query)
    charts = at.get("vega_lite_chart")
    assert charts, "no chart in this section"
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        assert spec["title"]["text"] and spec["title"]["subtitle"]
        assert len(spec["description"]) > 40
        assert spec["config"]["locale"]["number"]["thousands"] == ","
    downloads = [b for b in at.get("download_button") if b.label == i18n.t("chart.download_csv", "en")]
    assert len(downloads) >= len(charts)
    sources = [c.value for c in at.caption if c.value.startswith(i18n.t("chart.source", "en") + ":")]
    assert len(sources) >= len(charts)


def test_russian_charts_group_digits_with_a_narrow_space(open_page: OpenPage) -> None:
    at = open_page("volunteers", lang="ru")
    charts = at.get("vega_lite_chart")
    assert charts
    for chart in charts:
        assert json.loads(chart.proto.spec)["config"]["locale"]["number"] == {
            "decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", ""]}


def test_data_page_shows_rows_per_table_and_every_source(open_page: OpenPage, built_db) -> None:
    with duckdb.connect(str(built_db), read_only=True) as con:
        n_observations = con.execute("SELECT count(*) FROM observations").fetchone()[0]
        titles = {row[0] for row in con.execute("SELECT title FROM sources").fetchall()}
    at = open_page("data")                                   # its first section: the documents
    assert set(at.dataframe[0].value[i18n.t("field.source", "en")]) == titles
    (rows_table,) = [df.value for df in open_direct("data", {"section": "tables"}).dataframe]
    counts = dict(zip(rows_table[i18n.t("data.table", "en")], rows_table[i18n.t("data.rows", "en")]))
    assert counts["observations"] == n_observations


def test_footer_states_licences(open_page: OpenPage) -> None:
    at = open_page("overview")
    footer = " ".join(c.value for c in at.caption)
    assert i18n.t("footer.terms_not_stated", "en") in footer
    assert "MIT" in footer


def test_every_headline_cites_title_line_and_quote(open_page: OpenPage, built_db) -> None:
    at = open_page("overview")
    with duckdb.connect(str(built_db), read_only=True) as con:
        titles = [row[0] for row in con.execute("SELECT title FROM sources").fetchall()]
    shown = [m for m in at.metric if m.value != "—"]
    popovers = at.get("popover")
    assert shown and len(popovers) == len(shown)
    for popover in popovers:
        markdown = "\n".join(md.value for md in popover.markdown)
        text = re.sub(r"\\(.)", r"\1", markdown)          # read past the Markdown escaping
        assert any(f"**{title}**, {i18n.t('field.line', 'en')} " in text for title in titles)
        assert re.search(r"^> \S", markdown, re.M), "no verbatim quote"


def test_a_charts_text_alternative_and_cited_rows_open_on_demand(open_page: OpenPage) -> None:
    at = open_page("volunteers")
    key = "text-vol-series-volunteers_count"
    closed_tables = len(at.dataframe)
    description = formatting.md_escape(json.loads(at.get("vega_lite_chart")[0].proto.spec)["description"])
    assert not any(m.value == description for m in at.markdown)
    at.session_state[key] = True
    at.run()
    assert not at.exception
    assert len(at.dataframe) == closed_tables + 1
    assert any(m.value == description for m in at.markdown)
    opened = [df.value for df in at.dataframe if i18n.t("field.quote", "en") in df.value.columns]
    assert any(len(table) for table in opened)
