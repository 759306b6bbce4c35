"""The rules behind what the pages draw: which figure heads a metric, "no data" is never zero,
CSV for Excel, map clicks and colours. Checked on the real database's rows where they matter."""
from __future__ import annotations

import polars as pl
import pytest

from conventions.codes import PLACE_KINDS
from qogam import maps, observations
from qogam.charts import series

TOPICS = ("volunteers", "ngos", "funding")


@pytest.fixture
def rows(built_db) -> pl.DataFrame:
    return observations.observations(TOPICS, 1990, 2030, "ru")


def test_export_csv_is_utf8_with_bom_and_keeps_cyrillic(rows: pl.DataFrame) -> None:
    russian = rows.filter(pl.col("source_id") == "volunteering-2023").head(5)
    csv = observations.export_csv(russian)
    assert csv.startswith("\ufeff".encode("utf-8"))
    text = csv.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("indicator_id,indicator_name,region_code")
    assert any("\u0400" <= ch <= "\u04ff" for ch in text)


def test_primary_prefers_a_published_value_to_a_missing_one(rows: pl.DataFrame) -> None:
    # A figure the document says is missing is a gap now (issue 15), never an observation: this
    # row stands for one, to keep the rule for a database that holds such rows.
    assert not rows.filter(pl.col("value").is_null()).height
    missing = rows.head(1).with_columns(pl.lit(None, dtype=pl.Float64).alias("value"),
                                        pl.lit("missing").alias("qualifier"))
    stand_in = rows.filter(pl.col("value").is_not_null()).head(1).with_columns(
        *(pl.lit(missing[c][0]).alias(c) for c in ("indicator_id", "region_code", "year_start", "year_end")))
    chosen = observations.primary(pl.concat([missing, stand_in]), ["indicator_id", "region_code", "year_end"])
    assert chosen.height == 1
    assert chosen["value"][0] is not None


def test_headline_keeps_every_other_value_of_its_year_for_the_citation(rows: pl.DataFrame) -> None:
    found = observations.headline(rows, "volunteers_count", "KZ")
    assert found is not None
    same = observations.single_years(observations.of_indicator(rows, "volunteers_count")).filter(
        (pl.col("region_code") == "KZ") & (pl.col("year_end") == found.latest["year_end"])
        & pl.col("value").is_not_null())
    assert 1 + len(found.same_year) == same.height
    assert found.latest["qualifier_rank"] == min(same["qualifier_rank"].to_list())


def test_change_is_not_computed_between_bounds() -> None:
    def row(value: float, qualifier: str) -> dict:
        return {"value": value, "unit": "organizations", "qualifier": qualifier}
    assert observations.Headline(row(20000, "more_than"), [], row(22000, "more_than")).change_percent is None
    assert observations.Headline(row(220, "exact"), [], row(200, "exact")).change_percent == pytest.approx(10.0)


def test_regions_without_a_value_are_no_data_on_the_map_not_zero(rows: pl.DataFrame) -> None:
    option = observations.regional_options(TOPICS, 1990, 2030, "ru").row(0, named=True)
    values = observations.regional_values(TOPICS, option["indicator_id"], option["category"], option["years"][-1],
                                          "ru")
    geojson = maps.geometry()
    assert geojson is not None and len(geojson["features"]) == 20
    features, breaks = maps.features(geojson, values, {}, (), "ru")
    with_value = set(values.filter(pl.col("value").is_not_null())["region_code"])
    for feature in features:
        props = feature["properties"]
        if props["region_code"] in with_value:
            assert props["fill"] != maps.NO_DATA_RGBA
        else:
            assert props["fill"] == maps.NO_DATA_RGBA
            assert props["value_label"] == "нет данных"
    assert breaks == sorted(breaks)


def test_regional_options_are_the_regions_single_year_values_of_the_topics(rows: pl.DataFrame) -> None:
    """DuckDB's aggregate lists what grouping the localised rows themselves gives."""
    regional = observations.single_years(rows).filter(
        pl.col("region_kind").is_in(PLACE_KINDS) & pl.col("value").is_not_null())
    expected = observations.order_regional(
        regional.group_by(["indicator_id", "indicator_name", "category", "category_label", "unit"])
        .agg(pl.col("region_code").n_unique().cast(pl.Int64).alias("n_regions"),
             pl.col("year_end").unique().sort().alias("years")))
    found = observations.regional_options(TOPICS, 1990, 2030, "ru")
    assert found.height > 0
    assert found.with_columns(pl.col("n_regions").cast(pl.Int64)).to_dicts() == expected.to_dicts()


def test_regional_values_choose_one_figure_per_region_as_the_rows_do(rows: pl.DataFrame) -> None:
    option = observations.regional_options(TOPICS, 1990, 2030, "ru").row(0, named=True)
    year = option["years"][-1]
    same_category = (pl.col("category").is_null() if option["category"] is None
                     else pl.col("category") == option["category"])
    found = observations.single_years(rows).filter(
        (pl.col("indicator_id") == option["indicator_id"]) & same_category & (pl.col("year_end") == year)
        & pl.col("region_kind").is_in(PLACE_KINDS))
    expected = observations.primary(found, ["region_code"]).sort("region_code")
    values = observations.regional_values(TOPICS, option["indicator_id"], option["category"], year, "ru")
    assert values.sort("region_code").select(expected.columns).to_dicts() == expected.to_dicts()


def test_colour_classes_run_from_light_to_dark() -> None:
    breaks = maps.class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert len(breaks) == len(maps.PALETTE)
    assert maps.colour(1, breaks)[:3] == list(maps.PALETTE[0])
    assert maps.colour(10, breaks)[:3] == list(maps.PALETTE[-1])
    assert maps.colour(None, breaks) == maps.NO_DATA_RGBA


@pytest.mark.parametrize(("selection", "expected"), [
    ({"objects": {"regions": [{"type": "Feature", "properties": {"region_code": "KZ-75"}}]}}, "KZ-75"),
    ({"objects": {"regions": [{"region_code": "KZ-19"}]}}, "KZ-19"),
    ({"objects": {}, "indices": {}}, None),
    (None, None),
])
def test_map_click_gives_the_region_code(selection, expected) -> None:
    assert maps.picked_region(selection) == expected


def test_series_draws_one_line_per_document_and_every_value_as_a_point(rows: pl.DataFrame) -> None:
    national = observations.in_regions(observations.of_indicator(rows, "volunteers_count"), ["KZ"])
    shown = observations.single_years(national)
    spec = series(shown, "ru").to_dict()
    line_rows = spec["datasets"][spec["layer"][0]["data"]["name"]]
    point_rows = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert len(point_rows) == shown.filter(pl.col("value").is_not_null()).height
    keys = [(r["region_code"], r["source_id"], r["year_end"]) for r in line_rows]
    assert len(keys) == len(set(keys))
