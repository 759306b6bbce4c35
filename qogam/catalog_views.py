"""What the practices and organisations pages show, decided here so that the pages only lay it out.

Pure functions on the frames `queries/practices.sql` and `queries/organizations.sql` return
(no Streamlit), next to the figures pages' view models in `qogam.figure_views`: which kinds of
organisation the directory offers, which practices an organisation runs, which practices fall
in the year filter, which peers a practice is shown, and how a practice's place is named.
Filtering by facets and text is `qogam.catalog`'s.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from conventions.codes import COUNTRY
from qogam import catalog
from qogam.peers import rank_peers

MAX_PEERS = 5


@dataclass(frozen=True)
class Peer:
    """Another practice worth a look: how many focus areas and target groups it shares, and how
    far away it works (None when either practice has no point on the map)."""

    practice: dict
    shared: int
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


def peers(practice_id: str, practices: pl.DataFrame, limit: int = MAX_PEERS) -> list[Peer]:
    """The `limit` most similar other practices that share anything at all (`peers.rank_peers`)."""
    by_id = {row["practice_id"]: row for row in practices.iter_rows(named=True)}
    ranked = [r for r in rank_peers(practice_id, by_id.values()) if r[1] > 0][:limit]
    return [Peer(by_id[peer_id], shared, distance) for peer_id, shared, distance in ranked]


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
