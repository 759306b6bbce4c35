"""Plane geometry of the region boundaries, in plain Python (the reference build needs no GIS stack).

Polygons are lists of rings of (lon, lat) points, the first ring the outline and the rest holes.
Centroids weigh a degree of longitude by `kx` (cos of the mean latitude) so that the weighting
is close to equal-area; simplification runs on the arcs neighbouring regions share, so borders
stay gap-free.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence

Point = tuple[float, float]
Ring = list[Point]


def polygons_of(geometry: dict) -> list[list[Ring]]:
    """Polygons (exterior + holes) of a GeoJSON geometry, dropping the z coordinate."""
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in polys]


def _ring_area_centroid(ring: Ring, kx: float) -> tuple[float, float, float]:
    """Signed area and centroid of a ring, with x scaled by cos(latitude) (local equal-area)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        x0, x1 = x0 * kx, x1 * kx
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2
    if a == 0:
        return 0.0, 0.0, 0.0
    return a, cx / (6 * a) / kx, cy / (6 * a)


def area_centroid(polygons: list[list[Ring]], kx: float) -> tuple[float, float, float]:
    """(area, lon, lat): area-weighted centroid; holes subtract (enclaved cities)."""
    total = sx = sy = 0.0
    for poly in polygons:
        for n, ring in enumerate(poly):
            a, cx, cy = _ring_area_centroid(ring, kx)
            a = abs(a) if n == 0 else -abs(a)
            total += a
            sx += a * cx
            sy += a * cy
    return total, sx / total, sy / total


def _in_ring(pt: Point, ring: Ring) -> bool:
    x, y = pt
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def in_polygon(pt: Point, poly: list[Ring]) -> bool:
    return _in_ring(pt, poly[0]) and not any(_in_ring(pt, hole) for hole in poly[1:])


def _douglas_peucker(points: Sequence[Point], tol: float) -> list[Point]:
    """Classic Douglas-Peucker on an open polyline; both endpoints are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        s, e = stack.pop()
        (x0, y0), (x1, y1) = points[s], points[e]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(s + 1, e):
            px, py = points[i]
            d = (abs(dy * px - dx * py + x1 * y0 - y1 * x0) / norm) if norm else math.hypot(px - x0, py - y0)
            if d > best:
                best, idx = d, i
        if idx > 0 and best > tol:
            keep[idx] = True
            stack += [(s, idx), (idx, e)]
    return [p for p, k in zip(points, keep) if k]


def simplify_shared(features: dict[str, list[list[Ring]]], tol: float) -> dict[str, list[list[Ring]]]:
    """Simplify all rings so that borders shared by two regions stay identical.

    Simplifying each region on its own would open slivers and overlaps along every border.
    Instead rings are cut at the vertices where the set of rings sharing a point changes
    ("junctions", as in TopoJSON), each arc is simplified once in a canonical direction and
    reused reversed by the neighbour. Rings that collapse below 4 points are dropped (tiny
    Caspian islets), unless they are holes/enclaves, which keep their unsimplified shape.
    """
    rings: list[tuple[str, int, int, Ring]] = []
    for code, polys in features.items():
        for pi, poly in enumerate(polys):
            for ri, ring in enumerate(poly):
                pts = ring[:-1] if ring[0] == ring[-1] else ring[:]
                dedup = [p for k, p in enumerate(pts) if k == 0 or p != pts[k - 1]]
                rings.append((code, pi, ri, dedup))
    owners: dict[Point, set[int]] = {}
    for idx, (_, _, _, pts) in enumerate(rings):
        for p in pts:
            owners.setdefault(p, set()).add(idx)
    cache: dict[tuple[Point, ...], list[Point]] = {}

    def simplify_arc(arc: list[Point]) -> list[Point]:
        fwd = tuple(arc)
        rev = fwd[::-1]
        key = min(fwd, rev)
        if key not in cache:
            cache[key] = _douglas_peucker(list(key), tol)
        res = cache[key]
        return list(res) if key == fwd else res[::-1]

    out: dict[str, list[list[Ring]]] = {code: [] for code in features}
    grouped: dict[tuple[str, int], list[tuple[int, Ring]]] = {}
    for code, pi, ri, pts in rings:
        n = len(pts)
        sets = [frozenset(owners[p]) for p in pts]
        nodes = [k for k in range(n) if len(sets[k]) > 1 and (sets[k] != sets[k - 1] or sets[k] != sets[(k + 1) % n])]
        if not nodes:
            nodes = [min(range(n), key=lambda k: pts[k])]  # same start for both sides of an enclave
        new: list[Point] = []
        for a, b in zip(nodes, nodes[1:] + nodes[:1]):
            arc = pts[a:b + 1] if b > a else pts[a:] + pts[:b + 1]
            new.extend(simplify_arc(arc)[:-1])
        if len(new) < 3:  # collapsed: keep enclave pieces as they are, drop lone islets
            shared = any(len(owners[p]) > 1 for p in pts)
            new = pts if shared else []
        if new:
            grouped.setdefault((code, pi), []).append((ri, new + [new[0]]))
    for (code, _), parts in grouped.items():
        parts.sort()
        if parts[0][0] == 0:  # the exterior survived; keep its holes
            out[code].append([ring for _, ring in parts])
    return out


def _round_ring(ring: Ring, nd: int) -> list[list[float]]:
    pts: list[list[float]] = []
    for x, y in ring:
        p = [round(x, nd), round(y, nd)]
        if not pts or p != pts[-1]:
            pts.append(p)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    return pts


def geojson_text(features: dict[str, list[list[Ring]]], names: dict[str, str],
                 decimals: int) -> str:
    """Compact GeoJSON FeatureCollection with {region_code, name_en} properties."""
    feats = []
    for code in sorted(features):
        polys = [[_round_ring(r, decimals) for r in poly] for poly in features[code]]
        polys = [[r for r in poly if len(r) >= 4] for poly in polys]
        polys = [poly for poly in polys if poly]
        geom = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                else {"type": "MultiPolygon", "coordinates": polys})
        feats.append({"type": "Feature", "properties": {"region_code": code, "name_en": names[code]},
                      "geometry": geom})
    return json.dumps({"type": "FeatureCollection", "features": feats},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def mean_lat(polys: list[list[Ring]]) -> float:
    pts = [p for poly in polys for p in poly[0]]
    return sum(p[1] for p in pts) / len(pts)
