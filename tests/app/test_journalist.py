"""A journalist's link: Almaty city, 2022–2023, on the volunteers page's table of all figures —
Almaty's published figures with their citations; switching to Russian keeps the filters; filters survive pages."""
from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from conventions import i18n
from tests.app.support import OpenPage, open_direct
from tests.support import app_page

ALMATY = "KZ-75"
LINK = {"region": ALMATY, "from": "2022", "to": "2023"}
FIGURES = {**LINK, "section": "figures"}     # the section with the table of every figure


@pytest.fixture
def almaty_figures(built_db) -> list[tuple]:
    """What the database holds for Almaty in 2022–2023 on the volunteers topic (the oracle)."""
    with duckdb.connect(str(built_db), read_only=True) as con:
        return con.execute(
            "SELECT o.quote, o.line, s.title FROM observations o JOIN indicators i USING (indicator_id) "
            "JOIN sources s USING (source_id) WHERE o.region_code = ? AND i.topic = 'volunteers' "
            "AND o.year_end >= 2022 AND o.year_start <= 2023 AND o.practice_id IS NULL",
            [ALMATY]).fetchall()


@pytest.fixture
def almaty_names(built_db) -> dict[str, str]:
    with duckdb.connect(str(built_db), read_only=True) as con:
        en, ru = con.execute("SELECT name_en, name_ru FROM regions WHERE region_code = ?", [ALMATY]).fetchone()
    return {"en": en, "ru": ru}


def figures_table(at: AppTest, lang: str):
    quote = i18n.t("field.quote", lang)
    tables = [df.value for df in at.dataframe if quote in df.value.columns]
    return tables[-1]


def test_volunteers_page_shows_almaty_figures_with_citations(open_page: OpenPage, almaty_figures,
                                                             almaty_names) -> None:
    assert almaty_figures, "the database has no Almaty figures for 2022-2023"
    at = open_direct("volunteers", FIGURES)
    assert not at.exception
    assert almaty_names["en"] in [s.value for s in at.subheader]
    table = figures_table(at, "en")
    assert set(table[i18n.t("field.region", "en")]) == {almaty_names["en"]}
    shown = set(zip(table[i18n.t("field.quote", "en")], table[i18n.t("field.line", "en")],
                    table[i18n.t("field.source", "en")]))
    assert set(almaty_figures) <= shown


def test_switching_to_russian_keeps_the_filters(almaty_names) -> None:
    at = open_direct("volunteers", FIGURES)
    at.segmented_control(key="f_lang").set_value("ru").run()
    assert not at.exception
    assert at.query_params == {**FIGURES, "lang": "ru"}
    assert at.title[0].value == i18n.t("volunteers.title", "ru")
    assert almaty_names["ru"] in [s.value for s in at.subheader]
    assert set(figures_table(at, "ru")[i18n.t("field.region", "ru")]) == {almaty_names["ru"]}


def test_filters_are_kept_when_moving_between_pages(open_page: OpenPage) -> None:
    at = open_page("overview")
    at.multiselect(key="f_regions").set_value([ALMATY, "KZ-19"]).run()
    at.slider(key="f_years").set_range(2021, 2023).run()
    for page in ("volunteers", "ngos-funding", "data", "overview"):
        at.switch_page(app_page(page).path).run()
        assert not at.exception
        assert at.query_params["region"] == [ALMATY, "KZ-19"]
        assert (at.query_params["from"], at.query_params["to"]) == ("2021", "2023")


def test_changing_a_filter_clears_the_link_warning(open_page: OpenPage) -> None:
    at = open_page("overview", region="KZ-99")
    assert len(at.warning) == 1
    at.run()
    assert len(at.warning) == 1            # a rerun keeps telling what the link got wrong
    at.multiselect(key="f_regions").set_value([ALMATY]).run()
    assert not at.warning
