"""The practices page's two pickable tables, the filtered catalog and the practices without a
point on the map, built once per view and shared by every session showing it; the facets'
options and the peer search's places, once per database.

A view is `view_key`: database, filters (language included), facets and search. Labelling the
rows (places, themes, scopes) a column at a time still cost a few milliseconds on every rerun of
an unchanged view, a quarter of the page's rerun; the Arrow tables are kept within a budget of
bytes (`qogam.byte_cache`) and are immutable, so nothing copies them.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import polars as pl
import pyarrow as pa

from qogam import byte_cache, catalog, catalog_views, db, figure_views
from qogam.byte_cache import ByteBudgetCache
from qogam.page_frame import View

TABLE_BYTES = 32 * 2**20
_TABLES: ByteBudgetCache[PickTable | None] = ByteBudgetCache(TABLE_BYTES)


@dataclass(frozen=True)
class PickTable:
    """Rows to show (`arrow`), the practice id of each, and how many more the view has."""

    arrow: pa.Table
    ids: list[str]
    more: int


def catalog_table(view_key: Hashable, view: View, shown: pl.DataFrame) -> PickTable:
    """The first `figure_views.MAX_TABLE_ROWS` shown practices: title, organisation, place, themes."""
    def build() -> PickTable:
        listed = shown.head(figure_views.MAX_TABLE_ROWS)
        table = pl.DataFrame({
            view.t("practices.practice"): listed["title"],
            view.t("practices.organization"): listed["organization"].fill_null(""),
            view.t("practices.place"): catalog_views.place_labels(listed, view.region_names(), view.lang),
            view.t("initiatives.themes"): catalog_views.term_label_column(listed["themes"], catalog.THEME,
                                                                          view.lang),
        })
        return PickTable(table.to_arrow(), listed["practice_id"].to_list(), shown.height - listed.height)
    return _TABLES.get_or_compute(("catalog", view_key), build)


def unlocated_table(view_key: Hashable, view: View, shown: pl.DataFrame) -> PickTable | None:
    """The first practices of each scope without a point (`catalog_views.unlocated_by_scope`):
    scope, title, themes; None when every shown practice has a place."""
    def build() -> PickTable | None:
        groups = catalog_views.unlocated_by_scope(shown)
        if not groups:
            return None
        listed = pl.concat([rows for _scope, rows, _more in groups])
        scopes = {scope: catalog.label(catalog.SCOPE, scope, view.lang) for scope, _rows, _more in groups}
        table = pl.DataFrame({
            view.t("practices.scope"): listed["scope"].replace_strict(scopes, return_dtype=pl.Utf8),
            view.t("practices.practice"): listed["title"],
            view.t("initiatives.themes"): catalog_views.term_label_column(listed["themes"], catalog.THEME,
                                                                          view.lang),
        })
        return PickTable(table.to_arrow(), listed["practice_id"].to_list(), sum(more for *_rest, more in groups))
    return _TABLES.get_or_compute(("unlocated", view_key), build)


def facet_options(column: str, terms: Sequence[str]) -> list[str]:
    """The `terms` a facet offers: those the database's practices use (`catalog.facet_values`),
    kept per database."""
    return _facet_options(db.database_key(), column, tuple(terms))


@byte_cache.memoize(2**20)
def _facet_options(database: str, column: str, terms: tuple[str, ...]) -> list[str]:
    return catalog.facet_values(db.query("practice_facet_values"), column, terms)


def peer_regions() -> list[str]:
    """The places a reader can search peers from (`catalog_views.peer_regions`), kept per database."""
    return _peer_regions(db.database_key())


@byte_cache.memoize(2**20)
def _peer_regions(database: str) -> list[str]:
    return catalog_views.peer_regions(db.query("regions"))
