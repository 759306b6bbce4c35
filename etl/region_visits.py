"""The `region_visits` and `region_visit_points` rows: what a national team found when it visited a region.

A source whose report holds regional visit sections reads them in its `read_region_visits`
hook (etl/sources/volunteering_2023/visits.py); this module gathers the hooks' rows, checks
that they fit together (one visit per id, every point inside its visit's lines), and gives them
the column types the loader needs even when no source has visits.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from conventions.errors import EtlError
from etl.context import BuildContext
from etl.source_folders import hook

POINT_KINDS = ("observation", "recommendation")
VISIT_PARTS = ("visit", "leadership_meeting", "seminar", "focus_group")
VISIT_SCHEMA = {"visit_id": pl.Utf8, "region_code": pl.Utf8, "source_id": pl.Utf8, "line": pl.Int32,
                "end_line": pl.Int32, "heading": pl.Utf8, "visit_date": pl.Utf8, "dates": pl.List(pl.Utf8),
                "met": pl.List(pl.Utf8)}
POINT_SCHEMA = {"visit_id": pl.Utf8, "part": pl.Utf8, "kind": pl.Utf8, "text": pl.Utf8, "source_id": pl.Utf8,
                "line": pl.Int32, "end_line": pl.Int32}


@dataclass
class RegionVisits:
    """Rows of the two tables: one per visit, one per observation or recommendation."""

    visits: list[dict] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)


def collect_region_visits(ctx: BuildContext) -> RegionVisits:
    """Every source's regional visits, checked: unique ids, points within their visit."""
    total = RegionVisits()
    for source_id, doc in ctx.docs.items():
        read = hook(source_id, "read_region_visits")
        if read is None:
            continue
        part = read(doc, ctx.gazetteer)
        total.visits.extend(part.visits)
        total.points.extend(part.points)
    bounds: dict[str, tuple[int, int]] = {}
    for visit in total.visits:
        if visit["visit_id"] in bounds:
            raise EtlError(visit["source_id"], "visit-duplicate", f"visit {visit['visit_id']} read twice",
                           visit["line"])
        bounds[visit["visit_id"]] = (visit["line"], visit["end_line"])
    for point in total.points:
        first, last = bounds.get(point["visit_id"], (0, -1))
        if point["kind"] not in POINT_KINDS or point["part"] not in VISIT_PARTS or not first <= point["line"] <= last:
            raise EtlError(point["source_id"], "visit-point", f"point outside its visit {point['visit_id']} "
                           f"or of unknown kind/part {point['kind']}/{point['part']}", point["line"])
    return total


def region_visit_frames(visits: RegionVisits) -> dict[str, pl.DataFrame]:
    """The two tables as frames, typed even when empty (visits before their points: foreign key)."""
    return {"region_visits": pl.DataFrame(visits.visits, schema=VISIT_SCHEMA),
            "region_visit_points": pl.DataFrame(visits.points, schema=POINT_SCHEMA)}
