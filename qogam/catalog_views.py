"""What the practices and organisations pages show, decided here so that the pages only lay it out.

Pure functions on the frames `queries/practices.sql` and `queries/organizations.sql` return
(no Streamlit), next to the figures pages' view models in `qogam.figure_views`: which kinds of
organisation the directory offers, which practices an organisation runs, which practices fall
in the year filter, which peers a practice is shown and which initiatives "my region and my
theme" finds, which documents the source facet offers, what a region's view lists, and how a
practice's place is named. Filtering by facets and text is `qogam.catalog`'s; ranking peers is
`qogam.peers`'.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from conventions.codes import COUNTRY
from qogam import catalog
from qogam.peers import haversine_km, rank_peers

MAX_PEERS = 5


SOURCE_LABEL_LENGTH = 60   # characters of a document's title in the source facet


@dataclass(frozen=True)
class Peer:
    """Another practice worth a look: how many themes, sub-themes and target groups it shares
    (and which themes), and how far away it works (None when it has no point on the map)."""

    practice: dict
    shared: int
    shared_themes: tuple[str, ...]
    distance_km: float | None


def organization_kinds(organizations: pl.DataFrame) -> list[str]:
    """The kinds of organisation the directory holds, most common first (then by name)."""
    counted = organizations.group_by("kind").len().sort(["len", "kind"], descending=[True, False])
    return counted["kind"].to_list()


def practices_run_by(practices: pl.DataFrame, org_id: str) -> pl.DataFrame:
    """The compendium's practices the organisation runs."""
    return practices.filter(pl.col("org_id") == org_id)


def published_within(practices: pl.DataFrame, year_from: int, year_to: int) -> pl.DataFrame:
    """Practices of documents published within the year filter (as the overview counts them)."""
    return practices.filter(pl.col("year_published").is_between(year_from, year_to))


def published_years(practices: pl.DataFrame) -> list[int]:
    """The years the catalog's documents were published, for saying why a filter shows none."""
    return sorted(set(practices["year_published"]))


def _shared_themes(a: Mapping, b: Mapping) -> tuple[str, ...]:
    return tuple(t for t in a["themes"] if t in set(b["themes"]))


def peers(practice_id: str, practices: pl.DataFrame, limit: int = MAX_PEERS) -> list[Peer]:
    """The `limit` most similar other practices that share anything at all (`peers.rank_peers`)."""
    by_id = {row["practice_id"]: row for row in practices.iter_rows(named=True)}
    me = by_id[practice_id]
    ranked = [r for r in rank_peers(practice_id, by_id.values()) if r[1] > 0][:limit]
    return [Peer(by_id[peer_id], shared, _shared_themes(me, by_id[peer_id]), distance)
            for peer_id, shared, distance in ranked]


@dataclass(frozen=True)
class NearMe:
    """What "my region and my theme" finds: the initiatives on the theme, nearest first, and how
    many of them work in the region itself (when none does, the first says how far the nearest is)."""

    peers: list[Peer]
    in_region: int


def peer_regions(regions: pl.DataFrame) -> list[str]:
    """The regions a reader can search from: those with a centroid, not the country as a whole."""
    return regions.filter((pl.col("kind") != "country") & pl.col("lat").is_not_null())["region_code"].to_list()


def near_me(region_code: str, theme: str, practices: pl.DataFrame, regions: pl.DataFrame,
            limit: int = MAX_PEERS) -> NearMe:
    """The initiatives on `theme` ranked from `region_code`: those in the region, then by distance
    from its centroid, then those without a point."""
    lat, lon = regions.filter(pl.col("region_code") == region_code).select("lat", "lon").row(0)
    on_theme = [row for row in practices.iter_rows(named=True) if theme in row["themes"]]
    found = [Peer(row, 1, (theme,), None if row["lat"] is None else haversine_km(lat, lon, row["lat"], row["lon"]))
             for row in on_theme]
    found.sort(key=lambda p: (p.practice["region_code"] != region_code, p.distance_km is None, p.distance_km or 0.0))
    return NearMe(found[:limit], sum(p.practice["region_code"] == region_code for p in found))


def document_labels(sources: pl.DataFrame, practices: pl.DataFrame) -> dict[str, str]:
    """Source id → "title (year)", cut to `SOURCE_LABEL_LENGTH`, for the documents that describe
    a practice, newest first: the source facet's options."""
    described = set(practices["source_ids"].explode().drop_nulls().to_list())
    labels = {}
    for row in sources.sort(["year_published", "source_id"], descending=[True, False]).iter_rows(named=True):
        if row["source_id"] in described:
            title = row["title"]
            short = title if len(title) <= SOURCE_LABEL_LENGTH else title[:SOURCE_LABEL_LENGTH - 1].rstrip() + "…"
            labels[row["source_id"]] = f"{short} ({row['year_published']})"
    return labels


def in_region(rows: pl.DataFrame, region_code: str) -> pl.DataFrame:
    """The practices or organisations that name `region_code` as theirs (for a region's view)."""
    return rows.filter(pl.col("region_code") == region_code)


def place_label(practice: Mapping, region_names: Mapping[str, str], lang: str) -> str:
    """City (or region) of a located practice; its scope ("nationwide", "online") for one that
    names the whole country."""
    if practice["city"]:
        return practice["city"]
    if practice["region_code"] != COUNTRY:
        return region_names.get(practice["region_code"], practice["region_code"])
    return catalog.label(catalog.SCOPE, practice["scope"], lang)


def term_labels(terms: list[str], section: str, lang: str) -> str:
    """Vocabulary terms of one section as a comma-separated list of their labels in `lang`."""
    return ", ".join(catalog.label(section, term, lang) for term in terms)
