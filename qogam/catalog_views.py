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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from conventions.codes import COUNTRY
from qogam import catalog, peers

MAX_PEERS = 5
MAX_NEAR = 10              # initiatives "my region and my theme" lists (all of the region's, at least)
SOURCE_LABEL_LENGTH = 60   # characters of a document's title in the source facet
MAX_LISTED = 25            # practices without a point listed beside the map per scope; the rest are in the table


@dataclass(frozen=True)
class Peer:
    """Another practice worth a look (its row of `queries/practices.sql`), with how the peer
    finder ranked it (`qogam.peers.Peer`: shared themes and target groups, tier, distance)."""

    practice: dict
    ranked: peers.Peer


def organization_kinds(organizations: pl.DataFrame) -> list[str]:
    """The kinds of organisation the directory holds, most common first (then by name)."""
    counted = organizations.group_by("kind").len().sort(["len", "kind"], descending=[True, False])
    return counted["kind"].to_list()


def practices_run_by(practices: pl.DataFrame, org_id: str) -> pl.DataFrame:
    """The practices (of any document) the organisation runs."""
    return practices.filter(pl.col("org_id") == org_id)


def published_within(practices: pl.DataFrame, year_from: int, year_to: int) -> pl.DataFrame:
    """Practices of documents published within the year filter (as the overview counts them)."""
    return practices.filter(pl.col("year_published").is_between(year_from, year_to))


def published_years(practices: pl.DataFrame) -> list[int]:
    """The years the catalog's documents were published, for saying why a filter shows none."""
    return sorted(set(practices["year_published"]))


def with_rows(ranked: Sequence[peers.Peer], practices: pl.DataFrame, limit: int = MAX_PEERS) -> list[Peer]:
    """The first `limit` ranked peers, each with its practice's row."""
    wanted = [peer.practice_id for peer in ranked[:limit]]
    by_id = {row["practice_id"]: row for row in practices.filter(pl.col("practice_id").is_in(wanted)).iter_rows(
        named=True)}
    return [Peer(by_id[peer.practice_id], peer) for peer in ranked[:limit]]


@dataclass(frozen=True)
class NearMe:
    """What "my region and my theme" finds: the initiatives on the theme, ranked from the region
    (`peers.peers_for`); how many work in the region itself; and, when none does, how far away
    the nearest one in another region is (None when no other region has one either)."""

    peers: list[Peer]
    in_region: int
    nearest_km: float | None


def near_me(ranked: Sequence[peers.Peer], practices: pl.DataFrame, limit: int = MAX_NEAR) -> NearMe:
    """`peers.peers_for`'s ranking as the page lists it: the first `limit`, and every one of the
    region's own even past the limit."""
    in_region = sum(peer.tier == "same_region" for peer in ranked)
    elsewhere = next((peer.distance_km for peer in ranked if peer.tier == "other_region"), None)
    return NearMe(with_rows(ranked, practices, max(limit, in_region)), in_region,
                  None if in_region else elsewhere)


def peer_regions(regions: pl.DataFrame) -> list[str]:
    """The places a reader can search from: regions and cities with a centroid (`peers.peers_for`)."""
    return regions.filter(pl.col("kind").is_in(["region", "city"]) & pl.col("lat").is_not_null())[
        "region_code"].to_list()


def unlocated_by_scope(practices: pl.DataFrame, limit: int = MAX_LISTED) -> list[tuple[str, pl.DataFrame, int]]:
    """The practices without a point on the map (nationwide, online, in several countries,
    unlocated), by scope in the vocabulary's order: (scope, its first `limit`, how many more)."""
    elsewhere = catalog.unlocated(practices)
    counts = dict(elsewhere.group_by("scope").len().iter_rows())
    # One filter for every scope's first `limit` (five filters of every shown practice cost 90 ms
    # a rerun at 1,000x data).
    listed = elsewhere.filter(pl.int_range(pl.len()).over("scope") < limit)
    groups = []
    for scope in catalog.vocabulary()[catalog.SCOPE]:
        if counts.get(scope):
            rows = listed.filter(pl.col("scope") == scope)
            groups.append((scope, rows, counts[scope] - rows.height))
    return groups


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


def place_labels(practices: pl.DataFrame, region_names: Mapping[str, str], lang: str) -> pl.Series:
    """`place_label` of every row, a column at a time (the catalog table lists thousands)."""
    scopes = {term: catalog.label(catalog.SCOPE, term, lang) for term in catalog.vocabulary()[catalog.SCOPE]}
    region = pl.col("region_code")
    return practices.select(
        pl.when(pl.col("city").is_not_null() & (pl.col("city") != "")).then(pl.col("city"))
        .when(region != COUNTRY).then(region.replace_strict(dict(region_names), default=region, return_dtype=pl.Utf8))
        .otherwise(pl.col("scope").replace_strict(scopes, default=pl.col("scope"), return_dtype=pl.Utf8))
        .alias("place")).to_series()


def term_label_column(terms: pl.Series, section: str, lang: str) -> pl.Series:
    """`term_labels` of every list in `terms`, a column at a time."""
    labels = {term: catalog.label(section, term, lang) for term in catalog.vocabulary()[section]}
    return terms.list.eval(pl.element().replace_strict(labels, default=pl.element(), return_dtype=pl.Utf8)
                           ).list.join(", ")


def term_labels(terms: list[str], section: str, lang: str) -> str:
    """Vocabulary terms of one section as a comma-separated list of their labels in `lang`."""
    return ", ".join(catalog.label(section, term, lang) for term in terms)
