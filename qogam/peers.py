"""Peer practices: who already does what an NGO wants to do, and how near.

Peers share themes (what they work on) and target groups (for whom). What is shared counts by
how rare it is: each theme and target group weighs its inverse document frequency over the
catalog, ln(practices / practices having it), counted in `queries/peer_practices.sql` from the
data. Two peers are compared by their rarest shared theme, then by their next rarest, and so on
(sharing one more theme wins at an equal start), so one shared rare theme outweighs any number
of common ones: a disability-rights initiative finds the disability initiatives before the
women's-rights and civic ones, even those sharing two themes with it (a sum of weights would
not: women_gender plus human_rights_law outweigh disability). Sub-themes (the compendium's
focus areas under `animals`: sterilisation, shelters...) break ties between equal themes, and
target groups ties between equal sub-themes, by the same rule. Among equally similar peers the
nearest comes first, because a peer in one's own region can be visited and partnered with.
Nearness is a tier, then a distance:

1. ``same_region``: the practice works in the same region (or city of republican significance;
   for a nationwide practice's peers: the other nationwide ones, for an international one's: the
   other international ones);
2. ``other_region``: another region, nearest first, so the neighbouring regions come before the
   far ones;
3. ``nationwide``: the practice names Kazakhstan as a whole (national or online scope): it may
   work anywhere, so it has no distance;
4. ``international``: it spans several countries (region INT);
5. ``unstated``: its document does not say where it works (region ZZ).

`distance_km`, which orders tiers 1 and 2, is the great-circle distance between the two points
(a practice's city, else its region's centroid; the seeker's region's centroid for `peers_for`);
None for tiers 3-5 and from a nationwide practice. A region without any practice on a theme
still gets the nearest ones, and the first one's distance says how far. `shared_themes` and
`shared_targets` list the rarest first.

`peers_of` and `peers_for` rank the rows of `queries/peer_practices.sql` on a connection handed
in (the app's cursor, a test's database).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import duckdb

from publish.exports import query_text

EARTH_RADIUS_KM = 6371.0088
TIERS = ("same_region", "other_region", "nationwide", "international", "unstated")
TIER_OF_KIND = {"country": "nationwide", "international": "international", "unknown": "unstated"}


@dataclass(frozen=True)
class Peer:
    """One ranked practice: what it shares with the seeker (rarest first), its tier and distance."""

    practice_id: str
    title: str
    region_code: str
    shared_themes: tuple[str, ...]
    shared_targets: tuple[str, ...]
    tier: str
    distance_km: float | None
    shared_subthemes: tuple[str, ...] = ()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _km(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> float | None:
    if None in a or None in b:
        return None
    return haversine_km(a[0], a[1], b[0], b[1])


def practice_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The rows the peer finder ranks (`queries/peer_practices.sql`)."""
    result = con.execute(query_text("peer_practices"))
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def shared_rarest_first(wanted: Iterable[str], weights: Mapping[str, float]) -> tuple[str, ...]:
    """The ids of `wanted` a candidate has (`weights`: its ids and their rarity), rarest first."""
    return tuple(sorted(set(wanted) & weights.keys(), key=lambda term: (-weights[term], term)))


def rarity_key(shared: Iterable[str], weights: Mapping[str, float]) -> tuple[float, ...]:
    """Sort key (ascending = more similar) of what a candidate shares: the negated weights,
    rarest first, closed by +inf so that sharing one more at an equal start sorts first."""
    return (*(-weights[term] for term in shared), math.inf)


def rank(origin: Mapping, candidates: Iterable[Mapping], themes: Iterable[str],
         targets: Iterable[str], subthemes: Iterable[str] = ()) -> list[Peer]:
    """`candidates` sharing a theme or target group with (`themes`, `targets`), ranked from
    `origin` (region_code, lat/lon): rarest shared themes, rarest shared sub-themes, rarest
    shared target groups, tier, distance, id."""
    themes, subthemes, targets = tuple(themes), tuple(subthemes), tuple(targets)
    own_point = (origin["lat"], origin["lon"])
    keyed = []
    for row in candidates:
        shared_themes = shared_rarest_first(themes, row["theme_weights"])
        shared_subthemes = shared_rarest_first(subthemes, row["subtheme_weights"])
        shared_targets = shared_rarest_first(targets, row["target_weights"])
        if not shared_themes and not shared_targets:
            continue
        tier = "same_region" if row["region_code"] == origin["region_code"] else (
            TIER_OF_KIND.get(row["region_kind"], "other_region"))
        distance = _km(own_point, (row["lat"], row["lon"])) if tier in ("same_region", "other_region") else None
        peer = Peer(row["practice_id"], row["title"], row["region_code"], shared_themes, shared_targets,
                    tier, distance, shared_subthemes)
        keyed.append(((rarity_key(shared_themes, row["theme_weights"]),
                       rarity_key(shared_subthemes, row["subtheme_weights"]),
                       rarity_key(shared_targets, row["target_weights"]), TIERS.index(tier),
                       distance if distance is not None else math.inf, row["practice_id"]), peer))
    return [peer for _, peer in sorted(keyed, key=lambda pair: pair[0])]


def peers_of(con: duckdb.DuckDBPyConnection, practice_id: str) -> list[Peer]:
    """The other practices ranked as peers of `practice_id` (KeyError when it does not exist)."""
    rows = practice_rows(con)
    me = next((r for r in rows if r["practice_id"] == practice_id), None)
    if me is None:
        raise KeyError(practice_id)
    others = [r for r in rows if r["practice_id"] != practice_id]
    return rank(me, others, me["themes"], me["target_groups"], me["focus_areas"])


def peers_for(con: duckdb.DuckDBPyConnection, region_code: str, theme: str,
              target_groups: Iterable[str] = ()) -> list[Peer]:
    """The practices on `theme` ranked from a region (a region or city code with a centroid):
    those sharing the rarer of `target_groups` first, then by tier and distance."""
    found = con.execute("SELECT kind, lat, lon FROM regions WHERE region_code = ?", [region_code]).fetchall()
    if not found or found[0][0] not in ("region", "city"):
        raise ValueError(f"{region_code!r} is not a region or city with a centroid")
    _, lat, lon = found[0]
    origin = {"region_code": region_code, "lat": lat, "lon": lon}
    on_theme = [r for r in practice_rows(con) if theme in r["themes"]]
    return rank(origin, on_theme, (theme,), tuple(target_groups))
