"""What the practices and organisations pages show (qogam.catalog_views), on small frames."""
from __future__ import annotations

import polars as pl

from conventions.codes import COUNTRY
from qogam import catalog_views, peers

PRACTICES = pl.DataFrame({
    "practice_id": ["a", "b", "c", "d"],
    "org_id": ["o1", "o2", "o1", None],
    "year_published": [2025, 2025, 2023, 2024],
    "themes": [["animals", "children_youth"], ["animals"], ["health"], ["children_youth"]],
    "focus_areas": [["events", "it_digital"], ["events"], ["sterilisation"], ["events", "it_digital"]],
    "target_groups": [["youth"], ["youth"], ["owners"], []],
    "lat": [43.2, 43.2, None, 51.1], "lon": [76.9, 76.9, None, 71.4],
    "city": ["Almaty", "Almaty", None, None], "region_code": ["KZ-75", "KZ-75", COUNTRY, "KZ-71"],
    "scope": ["local", "local", "online", "regional"],
    "source_ids": [["animals-2025"], ["animals-2025"], ["volunteering-2022"], ["animals-2025", "volunteering-2022"]],
})


def test_organization_kinds_most_common_first_then_by_name() -> None:
    organizations = pl.DataFrame({"kind": ["network", "ngo", "ngo", "agency", "network", "ngo"]})
    assert catalog_views.organization_kinds(organizations) == ["ngo", "network", "agency"]


def test_practices_run_by_an_organisation() -> None:
    assert catalog_views.practices_run_by(PRACTICES, "o1")["practice_id"].to_list() == ["a", "c"]


def test_published_within_the_year_filter_and_the_years_there_are() -> None:
    assert catalog_views.published_within(PRACTICES, 2024, 2025)["practice_id"].to_list() == ["a", "b", "d"]
    assert catalog_views.published_within(PRACTICES, 2010, 2020).is_empty()
    assert catalog_views.published_years(PRACTICES) == [2023, 2024, 2025]


def ranked(practice_id: str, tier: str, km: float | None) -> peers.Peer:
    return peers.Peer(practice_id, practice_id.upper(), "KZ-75", ("children_youth",), (), tier, km)


def test_ranked_peers_come_with_their_rows_in_the_finder_s_order_cut_at_the_limit() -> None:
    found = catalog_views.with_rows([ranked("d", "other_region", 950.0), ranked("a", "same_region", 0.0)], PRACTICES)
    assert [(p.practice["practice_id"], p.ranked.distance_km) for p in found] == [("d", 950.0), ("a", 0.0)]
    assert [p.practice["practice_id"] for p in catalog_views.with_rows([ranked("d", "other_region", 1.0),
                                                                       ranked("a", "same_region", 0.0)],
                                                                      PRACTICES, limit=1)] == ["d"]


def test_my_region_and_my_theme_says_how_far_the_nearest_is_only_when_the_region_has_none() -> None:
    none_here = catalog_views.near_me([ranked("a", "other_region", 310.4), ranked("c", "nationwide", None)], PRACTICES)
    assert (none_here.in_region, none_here.nearest_km) == (0, 310.4)
    only_nationwide = catalog_views.near_me([ranked("c", "nationwide", None)], PRACTICES)
    assert (only_nationwide.in_region, only_nationwide.nearest_km) == (0, None)
    here = catalog_views.near_me([ranked("a", "same_region", 2.0), ranked("b", "same_region", 3.0),
                                  ranked("d", "other_region", 900.0)], PRACTICES, limit=1)
    assert (here.in_region, here.nearest_km) == (2, None)
    assert [p.practice["practice_id"] for p in here.peers] == ["a", "b"]      # all of the region's, past the limit


def test_place_label_city_then_region_then_the_scope_of_a_nationwide_practice() -> None:
    rows = PRACTICES.to_dicts()
    names = {"KZ-71": "Astana"}
    assert catalog_views.place_label(rows[0], names, "en") == "Almaty"
    assert catalog_views.place_label(rows[3], names, "en") == "Astana"
    nationwide = catalog_views.place_label(rows[2], names, "en")
    assert nationwide != COUNTRY and nationwide == catalog_views.catalog.label("scope", "online", "en")


def test_place_and_theme_labels_of_a_whole_column_are_those_of_each_row() -> None:
    names = {"KZ-71": "Astana"}
    kept = PRACTICES.with_columns(pl.Series("city", ["Almaty", "", None, None]))   # an empty city: no city
    for lang in ("en", "ru", "kk"):
        assert catalog_views.place_labels(kept, names, lang).to_list() == [
            catalog_views.place_label(row, names, lang) for row in kept.iter_rows(named=True)]
        themes = kept["themes"].append(pl.Series([["not-in-vocabulary", "animals"], []]))
        assert catalog_views.term_label_column(themes, "theme", lang).to_list() == [
            catalog_views.term_labels(terms, "theme", lang) for terms in themes]
    assert catalog_views.place_labels(kept, names, "en").to_list()[1] == "KZ-75"   # a region without a name


def test_the_source_facet_offers_the_documents_that_describe_a_practice_newest_first() -> None:
    sources = pl.DataFrame({"source_id": ["animals-2025", "volunteering-2022", "volunteering-2023"],
                            "title": ["A World Where Animals Are Loved", "Analytical report " * 10, "Доклад"],
                            "year_published": [2025, 2022, 2024]})
    labels = catalog_views.document_labels(sources, PRACTICES)
    assert list(labels) == ["animals-2025", "volunteering-2022"]          # the 2023 report describes none here
    assert labels["animals-2025"] == "A World Where Animals Are Loved (2025)"
    long = labels["volunteering-2022"]
    assert long.endswith("… (2022)") and len(long) == catalog_views.SOURCE_LABEL_LENGTH + len(" (2022)")


def test_a_region_s_view_keeps_what_names_that_region_and_peer_search_starts_from_real_regions() -> None:
    assert catalog_views.in_region(PRACTICES, "KZ-75")["practice_id"].to_list() == ["a", "b"]
    assert catalog_views.in_region(PRACTICES, "KZ-10").is_empty()
    regions = pl.DataFrame({"region_code": [COUNTRY, "KZ-75", "KZ-35", "INT"],
                            "kind": ["country", "city", "region", "international"],
                            "lat": [48.0, 43.2, 49.8, None], "lon": [67.0, 76.9, 73.1, None]})
    assert catalog_views.peer_regions(regions) == ["KZ-75", "KZ-35"]


def test_practices_without_a_point_are_listed_by_scope_and_cut_at_the_limit() -> None:
    rows = PRACTICES.with_columns(pl.Series("title", ["A", "B", "C", "D"]))
    nowhere = rows.with_columns(pl.lit(None, dtype=pl.Float64).alias("lat"),
                                pl.lit(None, dtype=pl.Float64).alias("lon"))
    groups = catalog_views.unlocated_by_scope(nowhere, limit=1)
    assert [(scope, listed["practice_id"].to_list(), more) for scope, listed, more in groups] == [
        ("online", ["c"], 0), ("regional", ["d"], 0), ("local", ["a"], 1)]        # the vocabulary's order
    assert [scope for scope, _l, _m in catalog_views.unlocated_by_scope(rows)] == ["online"]
