"""Section models: what a page shows, built once per view (`qogam.models`), on the real database."""
from __future__ import annotations

import polars as pl
import pyarrow as pa
import pytest

from qogam import i18n, models
from qogam.filters import Filters

TOPICS = ("volunteers",)
NATIONAL = Filters(("KZ",), 2020, 2023, "en")


def test_a_view_is_built_once_and_shared(built_db) -> None:
    first = models.indicator_charts(models.Scope(TOPICS, NATIONAL), ("volunteers_count",), (models.TOTALS,))
    again = models.indicator_charts(models.Scope(TOPICS, NATIONAL), ("volunteers_count",), (models.TOTALS,))
    assert first is again
    assert first.charts, "no chart of volunteers_count for Kazakhstan"


def test_chart_data_travel_as_arrow_with_every_plotted_row(built_db) -> None:
    (_, chart), = models.indicator_charts(models.Scope(TOPICS, NATIONAL), ("volunteers_count",),
                                          (models.TOTALS,)).charts
    datasets = chart.spec["datasets"]
    assert datasets and all(isinstance(payload, bytes) for payload in datasets.values())
    rows = sum(pa.ipc.open_stream(payload).read_all().num_rows for payload in datasets.values())
    assert rows >= chart.table.rows.filter(pl.col("value").is_not_null()).height


def test_a_long_list_of_citations_is_cut_and_counted(built_db) -> None:
    row = {"value_label": "1", "years_label": "2022", "qualifier_label": "exact", "source_title": "Report",
           "line": 7, "quote": "a quote"}
    text = models.citations_markdown([row] * (models.MAX_CITED + 5), "en")
    assert text.count("> a quote") == models.MAX_CITED
    assert text.endswith(i18n.t("cite.more", "en", n=5))
    assert models.citations_markdown([row], "en").count("> a quote") == 1


@pytest.mark.parametrize("extra", [0, 1])
def test_a_citation_table_past_its_limit_says_it_is_cut(built_db, extra: int) -> None:
    rows = models.Scope(TOPICS, NATIONAL).rows()
    big = pl.concat([rows] * (models.MAX_TABLE_ROWS // rows.height + 1)).head(models.MAX_TABLE_ROWS + extra)
    table = models.citation_table(big, "en")
    assert table.arrow.num_rows == models.MAX_TABLE_ROWS
    assert table.rows.height == models.MAX_TABLE_ROWS + extra
    assert table.cut == bool(extra)
