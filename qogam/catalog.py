"""The practices catalog and the organisation directory as the explorer pages filter them.

Pure functions on polars frames (no Streamlit), so what a facet or a text search keeps is
unit-testable. Text search matches like evidence search (`conventions.text.normalise_for_search`:
case-folded, ё → е, digit groups joined), and every word of the query must occur somewhere in
the searched fields. Facets are "any of": a practice with themes A and B is kept when the user
picked A, and a practice two documents describe is kept under either document. Region is
strict: a practice or organisation belongs to the region it names; nationwide and online
practices name `KZ` (and international ones `INT`), so they appear when no region is picked.

Practices without coordinates (nationwide, online, unlocated) have no point on the map; the
page lists them beside it. Located practices are grouped by place, because several practices
of one city share its coordinates and would hide each other's points.
"""
from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from conventions.paths import REFERENCE_DIR
from conventions.text import normalise_for_search
from qogam.filters import ALL_KAZAKHSTAN

VOCABULARY = REFERENCE_DIR / "practice_vocabulary.toml"
THEME, FOCUS, TARGET, SCOPE = "theme", "focus", "target", "scope"
PRACTICE_TEXT = ("title", "summary", "organization")
ORGANIZATION_TEXT = ("name", "name_ru", "abbreviation", "focus", "city")
# A published link we render as a link: http(s), and nothing that could end a Markdown link early.
_SAFE_URL = re.compile(r"https?://[^\s<>()\[\]\"'`\\]+")


@functools.cache
def vocabulary() -> dict[str, dict[str, dict[str, str]]]:
    """Section (`theme`, `focus`, `target`, `scope`) → term id → labels by language, as the ETL
    classifies (focus areas are the sub-themes)."""
    with VOCABULARY.open("rb") as fh:
        data = tomllib.load(fh)
    return {section: {term: {k: v for k, v in entry.items() if isinstance(v, str)}
                      for term, entry in data[section].items()}
            for section in (THEME, FOCUS, TARGET, SCOPE)}


def label(section: str, term: str, lang: str) -> str:
    """The term's label in `lang`; the id itself for a term the vocabulary does not list."""
    return vocabulary()[section].get(term, {}).get(lang, term)


def _text_matches(columns: Sequence[str], query: str) -> pl.Expr:
    """Every word of `query` occurs in one of `columns` (normalised like evidence search)."""
    words = normalise_for_search(query).split()
    haystack = pl.concat_str([pl.col(c).fill_null("") for c in columns], separator="\n").map_elements(
        normalise_for_search, return_dtype=pl.Utf8)
    return pl.all_horizontal([haystack.str.contains(w, literal=True) for w in words]) if words else pl.lit(True)


def _in_regions(regions: Sequence[str]) -> pl.Expr:
    """Rows of the picked regions; every row when the view is Kazakhstan as a whole."""
    if tuple(regions) == (ALL_KAZAKHSTAN,) or not regions:
        return pl.lit(True)
    return pl.col("region_code").is_in(list(regions))


def _any_of(column: str, picked: Sequence[str]) -> pl.Expr:
    """A list column shares an item with `picked` (no constraint when nothing is picked)."""
    if not picked:
        return pl.lit(True)
    return pl.col(column).list.set_intersection(pl.lit(list(picked), dtype=pl.List(pl.Utf8))).list.len() > 0


@dataclass(frozen=True)
class Facets:
    """What the reader picked in each facet (empty: no constraint)."""

    themes: Sequence[str] = ()
    focus: Sequence[str] = ()
    groups: Sequence[str] = ()
    scopes: Sequence[str] = ()
    sources: Sequence[str] = ()


def filter_practices(rows: pl.DataFrame, regions: Sequence[str], facets: Facets = Facets(),
                     text: str = "") -> pl.DataFrame:
    """The practices passing the region filter, the facets and the text search."""
    scope = pl.col("scope").is_in(list(facets.scopes)) if facets.scopes else pl.lit(True)
    return rows.filter(_in_regions(regions) & _any_of("themes", facets.themes) & _any_of("focus_areas", facets.focus)
                       & _any_of("target_groups", facets.groups) & _any_of("source_ids", facets.sources)
                       & scope & _text_matches(PRACTICE_TEXT, text))


def facet_values(present: pl.DataFrame, column: str, terms: Sequence[str]) -> list[str]:
    """The `terms` that occur in the catalog's `column` (a list column, or `scope`), in the order
    of `terms`; `present` is `queries/practice_facet_values.sql`'s (facet, term) rows, aggregated
    in DuckDB once per database rather than by exploding every practice's lists on each rerun."""
    found = set(present.filter(pl.col("facet") == column)["term"].drop_nulls().to_list())
    return [term for term in terms if term in found]


def located(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.filter(pl.col("lat").is_not_null() & pl.col("lon").is_not_null())


def unlocated(rows: pl.DataFrame) -> pl.DataFrame:
    """Nationwide, online and unlocated practices: no point on the map."""
    return rows.filter(pl.col("lat").is_null() | pl.col("lon").is_null())


def places(rows: pl.DataFrame, region_names: Mapping[str, str] | None = None) -> pl.DataFrame:
    """One row per map point: coordinates, place name (the city, else the region's name for a
    practice placed at its region's centre), and its practices (ids and titles, by title)."""
    names = dict(region_names or {})
    return (located(rows).sort("title")
            .with_columns(pl.coalesce(pl.col("city"), pl.col("region_code").replace_strict(names, default=None,
                                                                                          return_dtype=pl.Utf8))
                          .alias("place_name"))
            .group_by(["lat", "lon"], maintain_order=True)
            .agg(pl.col("place_name").drop_nulls().first().alias("place"),
                 pl.col("region_code").first(),
                 pl.col("practice_id").alias("practice_ids"),
                 pl.col("title").alias("titles"))
            .with_columns(pl.col("practice_ids").list.len().alias("n_practices"))
            .sort(["n_practices", "place"], descending=[True, False], nulls_last=True))


def same_place(rows: pl.DataFrame, practice: dict) -> pl.DataFrame:
    """The other practices at the practice's point (none for a practice without one)."""
    if practice.get("lat") is None or practice.get("lon") is None:
        return rows.clear()
    return rows.filter((pl.col("lat") == practice["lat"]) & (pl.col("lon") == practice["lon"])
                       & (pl.col("practice_id") != practice["practice_id"]))


def next_at_place(place_ids: Sequence[str], current: str | None) -> str:
    """The practice a click on a place selects: its first one, or the one after the current
    practice when that is already at this place (so repeated clicks go through them all)."""
    if current in place_ids:
        return place_ids[(list(place_ids).index(current) + 1) % len(place_ids)]
    return place_ids[0]


def safe_url(url: str) -> bool:
    """Whether a link published in a document can be shown as a link (else as plain text)."""
    return _SAFE_URL.fullmatch(url) is not None


def filter_organizations(rows: pl.DataFrame, regions: Sequence[str], kinds: Sequence[str] = (),
                         text: str = "") -> pl.DataFrame:
    """Organisations of the picked regions (those with no stated region only when none is
    picked) and kinds whose names, abbreviation, focus or city contain every word of `text`."""
    kind = pl.col("kind").is_in(list(kinds)) if kinds else pl.lit(True)
    return rows.filter(_in_regions(regions) & kind & _text_matches(ORGANIZATION_TEXT, text))
