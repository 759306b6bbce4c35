"""What the practices catalog and the organisation directory keep for a filter, and the map's
points: facets are "any of", text search needs every word, regions are strict."""
from __future__ import annotations

import json

import polars as pl
import pytest

from qogam import catalog, points
from qogam.catalog import Facets

PRACTICES = pl.DataFrame({
    "practice_id": ["a", "b", "c", "d"],
    "title": ["Stop Homeless Cats", "Ömir Fest", "Adoptly", "Kind Hearts"],
    "organization": ["Almaty Paws", None, None, "Kind Hearts student volunteer group"],
    "summary": ["Free sterilization of 1 200 cats", "A festival", "An online platform", "Shelter help"],
    "region_code": ["KZ-75", "KZ-75", "KZ", "KZ-39"],
    "city": ["Almaty", "Almaty", None, "Rudny"],
    "lat": [43.25, 43.25, None, 52.97],
    "lon": [76.91, 76.91, None, 63.11],
    "scope": ["local", "local", "online", "local"],
    "themes": [["animals"], ["animals", "culture_heritage"], ["animals", "media_digital"],
               ["animals", "children_youth"]],
    "focus_areas": [["sterilization_tnvr"], ["education_awareness", "events"], ["it_digital"], ["shelter_support"]],
    "target_groups": [["low_income_families"], ["general_public"], ["general_public"], ["schoolchildren"]],
    "source_ids": [["animals-2025"], ["animals-2025", "adal-azamat-2025-4"], ["animals-2025"], ["animals-2025"]],
})
ORGANIZATIONS = pl.DataFrame({
    "org_id": ["nvn", "eu", "biz"],
    "name": ["National Volunteer Network", "European Union", "Biz Birgemiz"],
    "name_ru": ["Национальная волонтёрская сеть", None, None],
    "abbreviation": ["NVN", "EU", None],
    "focus": ["volunteering", "civil_society, human_rights", "animal_welfare"],
    "city": [None, None, "Taraz"],
    "kind": ["union_network", "international", "other"],
    "region_code": ["KZ", None, "KZ-31"],
})


def ids(frame: pl.DataFrame, column: str = "practice_id") -> list[str]:
    return frame[column].to_list()


def test_no_filter_keeps_everything() -> None:
    assert ids(catalog.filter_practices(PRACTICES, ("KZ",))) == ["a", "b", "c", "d"]


def test_region_is_strict_so_nationwide_practices_show_only_for_all_kazakhstan() -> None:
    assert ids(catalog.filter_practices(PRACTICES, ("KZ-75",))) == ["a", "b"]
    assert ids(catalog.filter_practices(PRACTICES, ("KZ-75", "KZ-39"))) == ["a", "b", "d"]


def test_facets_match_any_picked_term_and_combine_with_each_other() -> None:
    assert ids(catalog.filter_practices(PRACTICES, ("KZ",), Facets(focus=["events", "it_digital"]))) == ["b", "c"]
    assert ids(catalog.filter_practices(PRACTICES, ("KZ",), Facets(focus=["events", "it_digital"],
                                        groups=["general_public"], scopes=["online"]))) == ["c"]
    assert ids(catalog.filter_practices(PRACTICES, ("KZ",), Facets(themes=["media_digital", "children_youth"]))) \
        == ["c", "d"]


def test_a_practice_two_documents_describe_is_kept_under_either() -> None:
    assert ids(catalog.filter_practices(PRACTICES, ("KZ",), Facets(sources=["adal-azamat-2025-4"]))) == ["b"]
    assert ids(catalog.filter_practices(PRACTICES, ("KZ",), Facets(sources=["animals-2025"]))) == ["a", "b", "c", "d"]


@pytest.mark.parametrize(("text", "expected"), [
    ("cats", ["a"]), ("STERILIZATION cats", ["a"]), ("1200", ["a"]), ("1,200", ["a"]),
    ("paws", ["a"]), ("ömir", ["b"]), ("cats festival", []), ("", ["a", "b", "c", "d"]),
])
def test_text_search_needs_every_word_in_title_summary_or_organisation(text: str, expected: list[str]) -> None:
    assert ids(catalog.filter_practices(PRACTICES, ("KZ",), text=text)) == expected


def test_places_group_practices_sharing_coordinates_and_leave_out_unlocated_ones() -> None:
    places = catalog.places(PRACTICES)
    assert places["place"].to_list() == ["Almaty", "Rudny"]
    almaty = places.row(0, named=True)
    assert sorted(almaty["practice_ids"]) == ["a", "b"] and almaty["n_practices"] == 2
    assert almaty["titles"] == sorted(almaty["titles"])
    assert ids(catalog.unlocated(PRACTICES)) == ["c"]


def test_a_practice_placed_at_its_region_s_centre_is_named_after_the_region() -> None:
    centred = PRACTICES.with_columns(pl.when(pl.col("practice_id") == "d").then(None).otherwise(pl.col("city"))
                                     .alias("city"))
    assert catalog.places(centred, {"KZ-39": "Kostanay Region"})["place"].to_list() == ["Almaty", "Kostanay Region"]
    assert catalog.places(centred)["place"].to_list() == ["Almaty", None]


def test_same_place_lists_the_other_practices_at_a_point_and_none_without_one() -> None:
    almaty = PRACTICES.row(0, named=True)
    assert ids(catalog.same_place(PRACTICES, almaty)) == ["b"]
    assert ids(catalog.same_place(PRACTICES, PRACTICES.row(2, named=True))) == []


def test_repeated_clicks_on_a_place_go_through_its_practices() -> None:
    place = ["a", "b", "e"]
    assert catalog.next_at_place(place, None) == "a"
    assert catalog.next_at_place(place, "a") == "b"
    assert catalog.next_at_place(place, "e") == "a"
    assert catalog.next_at_place(place, "zzz") == "a"


def present_terms(rows: pl.DataFrame, column: str) -> pl.DataFrame:
    """(facet, term) rows of one column, as `queries/practice_facet_values.sql` gives them."""
    return rows.select(pl.lit(column).alias("facet"), pl.col(column).explode().alias("term")).unique()


def test_facet_values_follow_the_vocabulary_order_and_have_labels_in_every_language() -> None:
    vocabulary = list(catalog.vocabulary()[catalog.FOCUS])
    values = catalog.facet_values(present_terms(PRACTICES, "focus_areas"), "focus_areas", vocabulary)
    assert values == sorted(values, key=vocabulary.index) and len(values) == 5
    assert catalog.facet_values(present_terms(PRACTICES, "focus_areas"), "themes", vocabulary) == []
    themes = catalog.facet_values(present_terms(PRACTICES, "themes"), "themes",
                                  list(catalog.vocabulary()[catalog.THEME]))
    assert themes == ["children_youth", "animals", "culture_heritage", "media_digital"]
    for lang in ("en", "ru", "kk"):
        assert all(catalog.label(catalog.FOCUS, v, lang) != v for v in values)
        assert all(catalog.label(catalog.THEME, v, lang) != v for v in themes)
    assert catalog.label(catalog.FOCUS, "not-in-vocabulary", "ru") == "not-in-vocabulary"


@pytest.mark.parametrize(("url", "safe"), [
    ("https://www.instagram.com/pravo_na_ghizn", True), ("http://adoptly.kz/", True),
    ("javascript:alert(1)", False), ("https://x.kz/a)(b", False), ("https://x.kz/<script>", False),
    ("www.example.kz", False), ("https://x.kz/a b", False),
])
def test_only_plain_http_links_are_rendered_as_links(url: str, safe: bool) -> None:
    assert catalog.safe_url(url) is safe


@pytest.mark.parametrize(("regions", "kinds", "text", "expected"), [
    (("KZ",), [], "", ["nvn", "eu", "biz"]),
    (("KZ-31",), [], "", ["biz"]),                     # no stated region: only when no region is picked
    (("KZ",), ["international"], "", ["eu"]),
    (("KZ",), [], "волонтерская", ["nvn"]),            # ё and е match
    (("KZ",), [], "human rights", ["eu"]),
    (("KZ",), [], "human volunteering", []),
    (("KZ",), [], "taraz", ["biz"]),
])
def test_organisations_filter_by_region_kind_and_text(regions: tuple[str, ...], kinds: list[str], text: str,
                                                     expected: list[str]) -> None:
    assert ids(catalog.filter_organizations(ORGANIZATIONS, regions, kinds, text), "org_id") == expected


def test_map_points_grow_with_their_practices_and_the_selected_place_is_highlighted() -> None:
    rows = points.point_rows(catalog.places(PRACTICES), selected="b")
    almaty, rudny = rows
    assert almaty["radius"] > rudny["radius"] == points.RADIUS_PIXELS
    assert almaty["fill"] == points.SELECTED_RGBA and rudny["fill"] == points.POINT_RGBA
    assert almaty["position"] == [76.91, 43.25]
    assert "Stop Homeless Cats" in almaty["titles_text"] and "Ömir Fest" in almaty["titles_text"]


def test_point_sizes_are_in_pixels_not_a_data_accessor() -> None:
    spec = json.loads(points.deck(points.point_rows(catalog.places(PRACTICES), None)).to_json())
    layer = next(layer for layer in spec["layers"] if layer["id"] == points.LAYER_ID)
    assert layer["radiusUnits"] == "pixels"
    assert layer["pickable"] is True
    assert all(not layer.get("pickable") for layer in spec["layers"] if layer["id"] != points.LAYER_ID)


@pytest.mark.parametrize(("selection", "expected"), [
    ({"objects": {"practices": [{"practice_ids": ["a", "b"], "place": "Almaty"}]}}, ["a", "b"]),
    ({"objects": {}}, []), (None, []), ({"objects": {"regions": [{"region_code": "KZ-75"}]}}, []),
])
def test_a_click_gives_the_place_s_practices(selection: dict | None, expected: list[str]) -> None:
    assert points.picked_practices(selection) == expected
