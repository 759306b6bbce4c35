"""What the practices, organisations and overview pages say about initiatives, against the real
database: a region's view (its initiatives, organisations and visit report, or plainly that the
documents have none), "my region and my theme" (with the distance to the nearest when the region
has none on the theme), filters that leave nothing, and an organisation's initiatives."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from conventions import i18n
from publish.exports import query_text
from qogam import catalog
from tests.app.support import open_direct


@pytest.fixture(scope="module")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def healthy(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    return at


def shown(at: AppTest) -> str:
    """Markdown, captions and info boxes as one text, Markdown escapes removed."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def test_a_region_s_view_lists_its_initiatives_organisations_and_visit(con: duckdb.DuckDBPyConnection) -> None:
    region, n = con.execute("SELECT region_code, count(*) FROM practices WHERE region_code IN "
                            "(SELECT region_code FROM region_visits) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    practice_ids = [r[0] for r in con.execute("SELECT practice_id FROM practices WHERE region_code = ?",
                                              [region]).fetchall()]
    visit_line, first_point = con.execute(
        "SELECT v.line, min(p.line) FROM region_visits AS v JOIN region_visit_points AS p USING (visit_id) "
        "WHERE v.region_code = ? GROUP BY 1", [region]).fetchone()
    at = healthy(open_direct("overview", {"region": region}))
    text = shown(at)
    assert i18n.t("region_view.initiatives", "en", n=n) in [e.label for e in at.expander]
    for practice_id in practice_ids:
        assert f"(practices?region={region}&practice={practice_id})" in text
    assert f"(documents?source=volunteering-2023&line={visit_line})" in text       # the visit's heading
    assert f"(documents?source=volunteering-2023&line={first_point})" in text      # its first point
    assert i18n.t("region_view.no_visit", "en") not in text


def test_a_region_no_document_places_anything_in_says_so(con: duckdb.DuckDBPyConnection) -> None:
    region = con.execute("SELECT region_code FROM regions WHERE kind <> 'country' AND lat IS NOT NULL "
                         "AND region_code NOT IN (SELECT region_code FROM practices) AND region_code NOT IN "
                         "(SELECT region_code FROM organizations WHERE region_code IS NOT NULL) "
                         "ORDER BY 1 LIMIT 1").fetchone()[0]
    text = shown(healthy(open_direct("overview", {"region": region, "lang": "kk"})))
    for key in ("region_view.no_initiatives", "region_view.no_organizations"):
        assert i18n.t(key, "kk") in text, key


def test_my_region_and_my_theme_names_the_distance_to_the_nearest_when_the_region_has_none(
        con: duckdb.DuckDBPyConnection) -> None:
    region, theme = con.execute(
        "WITH t AS (SELECT DISTINCT unnest(themes) AS theme FROM practices WHERE lat IS NOT NULL) "
        "SELECT r.region_code, t.theme FROM regions AS r, t WHERE r.kind NOT IN ('country') AND r.lat IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM practices AS p WHERE p.region_code = r.region_code "
        "AND list_contains(p.themes, t.theme)) ORDER BY 1, 2 LIMIT 1").fetchone()
    at = healthy(open_direct("practices", {"near": region, "near_theme": theme, "lang": "ru"}))
    name = con.execute("SELECT name_ru FROM regions WHERE region_code = ?", [region]).fetchone()[0]
    intro = i18n.t("initiatives.near_not_here", "ru", region=name, theme=catalog.label(catalog.THEME, theme, "ru"),
                   nearest="")
    info = next(i.value for i in at.info if i.value.startswith(intro[:-1]))
    km = re.fullmatch(i18n.t("initiatives.near_km", "ru", km=r"([0-9\u202f]+)") + r"\.", info[len(intro) - 1:])
    assert km and int(km.group(1).replace("\u202f", "")) > 0, info
    assert [b for b in at.button if (b.key or "").startswith("pr_near_")]
    assert (at.query_params["near"], at.query_params["near_theme"]) == (region, theme)


def test_filters_that_leave_no_initiative_say_so_instead_of_an_empty_table(con: duckdb.DuckDBPyConnection) -> None:
    region, theme = con.execute(
        "SELECT r.region_code, 'animals' FROM regions AS r WHERE r.lat IS NOT NULL AND r.kind <> 'country' "
        "AND NOT EXISTS (SELECT 1 FROM practices AS p WHERE p.region_code = r.region_code "
        "AND list_contains(p.themes, 'animals')) "
        "AND EXISTS (SELECT 1 FROM practices AS p WHERE p.region_code = r.region_code) ORDER BY 1 LIMIT 1").fetchone()
    total = con.execute("SELECT count(*) FROM practices").fetchone()[0]
    at = healthy(open_direct("practices", {"region": region, "theme": theme}))
    assert any(i.value == i18n.t("initiatives.none_match", "en", total=total) for i in at.info)
    assert not at.dataframe


def test_an_organisation_lists_its_initiatives_and_their_figures_or_says_it_has_none(
        con: duckdb.DuckDBPyConnection) -> None:
    org_id, n_figures = con.execute(
        "SELECT p.org_id, count(*) FROM practices AS p JOIN observations AS o USING (practice_id) "
        "WHERE p.org_id IS NOT NULL AND o.restates IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    run = [r[0] for r in con.execute("SELECT practice_id FROM practices WHERE org_id = ?", [org_id]).fetchall()]
    at = healthy(open_direct("organizations", {"org": org_id}))
    text = shown(at)
    assert all(f"(practices?practice={practice_id})" in text for practice_id in run)
    assert len(at.metric) == n_figures
    idle = con.execute("SELECT org_id FROM organizations WHERE org_id NOT IN "
                       "(SELECT org_id FROM practices WHERE org_id IS NOT NULL) ORDER BY 1 LIMIT 1").fetchone()[0]
    at = healthy(open_direct("organizations", {"org": idle, "lang": "ru"}))
    assert i18n.t("initiatives.org_none", "ru") in shown(at)
    assert not at.metric


def test_a_profile_without_figures_says_so_and_lists_every_passage(con: duckdb.DuckDBPyConnection) -> None:
    practice_id = con.execute("SELECT practice_id FROM practices WHERE practice_id NOT IN "
                              "(SELECT practice_id FROM observations WHERE practice_id IS NOT NULL) "
                              "ORDER BY 1 LIMIT 1").fetchone()[0]
    lines = con.execute("SELECT source_id, line FROM practice_mentions WHERE practice_id = ?", [practice_id]).fetchall()
    at = healthy(open_direct("practices", {"practice": practice_id}))
    text = shown(at)
    assert i18n.t("practices.no_numbers", "en") in text
    assert lines and all(f"(documents?source={source_id}&line={line})" in text for source_id, line in lines)


def test_the_source_and_target_group_facets_filter_and_go_to_the_url(con: duckdb.DuckDBPyConnection) -> None:
    source_id, n_source = con.execute(
        "SELECT source_id, count(DISTINCT practice_id) FROM practice_mentions GROUP BY 1 ORDER BY 2, 1 LIMIT 1"
    ).fetchone()
    group, n_both = con.execute(
        "SELECT g, count(*) FROM (SELECT unnest(target_groups) AS g FROM practices WHERE practice_id IN "
        "(SELECT practice_id FROM practice_mentions WHERE source_id = ?)) GROUP BY 1 ORDER BY 2, 1 LIMIT 1",
        [source_id]).fetchone()
    total = con.execute("SELECT count(*) FROM practices").fetchone()[0]
    at = healthy(open_direct("practices", {"source": source_id}))
    assert i18n.t("practices.count", "en", n=n_source, total=total) in [c.value for c in at.caption]
    at.multiselect(key="pr_group").select(group).run()
    assert i18n.t("practices.count", "en", n=n_both, total=total) in [c.value for c in at.caption]
    assert at.query_params["source"] == source_id and at.query_params["group"] == group


def test_the_facets_offer_exactly_the_terms_the_catalog_s_practices_hold(con: duckdb.DuckDBPyConnection) -> None:
    """`queries/practice_facet_values.sql` aggregates in DuckDB what exploding every row of the
    catalog (`queries/practices.sql`) gives, for each facet column."""
    cur = con.cursor()     # the module's connection may hold another test's unfinished result
    practices = cur.sql(query_text("practices")).pl()
    present = cur.sql(query_text("practice_facet_values")).pl()
    assert set(present["facet"]) == {"themes", "focus_areas", "target_groups", "scope", "source_ids"}
    for column in set(present["facet"]):
        values = practices[column].explode() if column != "scope" else practices[column]
        terms = present.filter(pl.col("facet") == column)["term"]
        assert terms.len() == terms.n_unique() > 0
        assert set(terms.to_list()) == set(values.drop_nulls().to_list()), column


def test_closing_my_region_and_my_theme_takes_it_out_of_the_link(con: duckdb.DuckDBPyConnection) -> None:
    region = con.execute("SELECT region_code FROM regions WHERE kind <> 'country' AND lat IS NOT NULL "
                         "ORDER BY 1 LIMIT 1").fetchone()[0]
    at = healthy(open_direct("practices", {"near": region, "near_theme": "animals"}))
    assert not at.warning
    assert at.session_state["pr_near_open"] is True                 # the link opened the peer search
    assert at.query_params["near"] == region
    at.session_state["pr_near_open"] = False
    healthy(at.run())
    assert "near" not in at.query_params and "near_theme" not in at.query_params
    assert not [s for s in at.selectbox if s.key in ("pr_near", "pr_near_theme")]   # closed: not drawn
