"""Section models: what a page shows, built once per view (`qogam.figure_views`), on the real database."""
from __future__ import annotations

import altair as alt
import jsonschema
import polars as pl
import pyarrow as pa
import pytest

from conventions import i18n
from qogam import figure_views
from qogam.filters import Filters

TOPICS = ("volunteers",)
NATIONAL = Filters(("KZ",), 2020, 2023, "en")


def test_a_view_is_built_once_and_shared(built_db) -> None:
    scope, parts = figure_views.Scope(TOPICS, NATIONAL), (figure_views.TOTALS,)
    first = figure_views.indicator_charts(scope, ("volunteers_count",), parts)
    again = figure_views.indicator_charts(figure_views.Scope(TOPICS, NATIONAL), ("volunteers_count",), parts)
    assert first is again
    assert first.charts, "no chart of volunteers_count for Kazakhstan"


def test_chart_data_travel_as_arrow_with_every_plotted_row(built_db) -> None:
    (_, chart), = figure_views.indicator_charts(figure_views.Scope(TOPICS, NATIONAL), ("volunteers_count",),
                                          (figure_views.TOTALS,)).charts
    datasets = chart.spec["datasets"]
    assert datasets and all(isinstance(payload, bytes) for payload in datasets.values())
    rows = sum(pa.ipc.open_stream(payload).read_all().num_rows for payload in datasets.values())
    assert rows >= chart.table.rows.filter(pl.col("value").is_not_null()).height


def test_a_long_list_of_citations_is_cut_and_counted(built_db) -> None:
    row = {"value_label": "1", "years_label": "2022", "qualifier_label": "exact", "source_title": "Report",
           "line": 7, "quote": "a quote"}
    text = figure_views.citations_markdown([row] * (figure_views.MAX_CITED + 5), "en")
    assert text.count("> a quote") == figure_views.MAX_CITED
    assert text.endswith(i18n.t("cite.more", "en", n=5))
    assert figure_views.citations_markdown([row], "en").count("> a quote") == 1


@pytest.mark.parametrize("extra", [0, 1])
def test_a_citation_table_past_its_limit_says_it_is_cut(built_db, extra: int) -> None:
    rows = figure_views.Scope(TOPICS, NATIONAL).selected()
    big = pl.concat([rows] * (figure_views.MAX_TABLE_ROWS // rows.height + 1)).head(figure_views.MAX_TABLE_ROWS + extra)
    table = figure_views.citation_table(big, "en")
    assert table.arrow.num_rows == figure_views.MAX_TABLE_ROWS
    assert table.rows.height == figure_views.MAX_TABLE_ROWS + extra
    assert table.cut == bool(extra)


VEGA_LITE = jsonschema.Draft7Validator(alt.vegalite.v6.schema.core.load_schema())
PAGE_INDICATORS = {("volunteers",): ("volunteers_count", "volunteer_hours", "volunteer_share_gender",
                                     "volunteer_share_age", "volunteer_hours_share"),
                   ("ngos", "funding"): ("ngos_registered", "state_social_order_kzt", "state_grants_kzt",
                                         "ngos_active")}


def with_records(spec: dict) -> dict:
    """The spec as Vega-Lite reads it once Streamlit has put the Arrow datasets back."""
    return {**spec, "datasets": {name: pa.ipc.open_stream(payload).read_all().to_pylist()
                                 for name, payload in spec["datasets"].items()}}


@pytest.mark.parametrize("filters", [NATIONAL, Filters(("KZ-75", "KZ-19"), 2021, 2023, "ru")])
@pytest.mark.parametrize("topics", list(PAGE_INDICATORS))
def test_every_chart_spec_is_valid_vega_lite(built_db, topics: tuple[str, ...], filters: Filters) -> None:
    """Specs are built without Altair's validation (for speed); the schema is checked here."""
    scope = figure_views.Scope(topics, filters)
    parts = (figure_views.TOTALS, figure_views.BREAKDOWN)
    built = figure_views.indicator_charts(scope, PAGE_INDICATORS[topics], parts).charts
    option = next(iter(figure_views.regional_options(scope)))
    year = figure_views.regional_options(scope)[option]["years"][-1]
    specs = [chart.spec for _, chart in built] + [figure_views.regional_map(scope, option, year).bars.spec]
    for spec in specs:
        errors = [error.message for error in VEGA_LITE.iter_errors(with_records(spec))]
        assert not errors, errors[:3]


def test_the_schema_check_catches_a_broken_spec(built_db) -> None:
    (_, chart), = figure_views.indicator_charts(figure_views.Scope(TOPICS, NATIONAL), ("volunteers_count",),
                                          (figure_views.TOTALS,)).charts
    broken = {**with_records(chart.spec), "mark": "no-such-mark"}
    assert list(VEGA_LITE.iter_errors(broken))
