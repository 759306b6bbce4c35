"""Peer practices: which other practices a practice can learn from or team up with.

Peers are practices that do the same things (shared focus areas) for the same people (shared
target groups); among equally similar ones the nearest comes first, because a peer in the same
city can be visited and partnered with. A practice without coordinates (nationwide, online or
unlocated) has no distance and ranks after the located ones of the same score.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def similarity(a: Mapping, b: Mapping) -> int:
    """Number of focus areas plus number of target groups two practices share."""
    return (len(set(a["focus_areas"]) & set(b["focus_areas"]))
            + len(set(a["target_groups"]) & set(b["target_groups"])))


def distance_km(a: Mapping, b: Mapping) -> float | None:
    """Distance between two practices, or None when either has no coordinates."""
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])


def rank_peers(practice_id: str, practices: Iterable[Mapping]) -> list[tuple[str, int, float | None]]:
    """(practice_id, score, distance_km) of every other practice, most similar first.

    Order: higher score, then practices with a distance before those without, then nearer,
    then practice_id (so the ranking is stable). Raises KeyError for an unknown practice_id.
    """
    rows = list(practices)
    by_id = {p["practice_id"]: p for p in rows}
    if practice_id not in by_id:
        raise KeyError(practice_id)
    me = by_id[practice_id]
    ranked = [(p["practice_id"], similarity(me, p), distance_km(me, p))
              for p in rows if p["practice_id"] != practice_id]
    ranked.sort(key=lambda r: (-r[1], r[2] is None, r[2] if r[2] is not None else 0.0, r[0]))
    return ranked
