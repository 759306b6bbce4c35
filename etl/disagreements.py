"""Table `disagreements(group_id, obs_id, rule)`: figures that cannot all hold, found by one rule.

Every observation stands for the interval of values its words allow:

* exact v: v give or take half a unit of its last significant digit, the upper end open as in
  rounding (13 is 12.5 up to 13.5, 63.9 is 63.85 up to 63.95, 660 is 655 up to 665: a trailing
  zero may be rounding), so two different exact counts such as 11 and 12 never both hold;
* approx v: v give or take `APPROX_TOLERANCE` (10 %) of v;
* at_least v: [v, inf); more_than v: (v, inf); up_to v: [0, v]; less_than v: [0, v); a bound
  that is a range ("at least 20-25%") bounds from its low end (at_least, more_than) or its
  high end (up_to, less_than); range: [v, value_high].

Rule `values`: observations of the same indicator, region, category, practice and period form
a group when some two of their intervals are disjoint; the group holds every member whose
interval is disjoint from another member's. Periods must be equal, not merely overlap: a count
for 2022-2025 and one for 2025 alone (people helped since a project began, and in its latest
months) measure different spans, and nothing but the same span makes two values exclusive. So the 2023
front offices' exact 217,391 volunteers and the estimate of at least 240,000 disagree (they
differ by basis too: the pages show both with theirs), and so do a report's text and its own
table (63.9% against "less than 5%"). This is across documents and within one.

Rule `shares_sum`: for an indicator whose categories split one whole (indicators' `shares_of_whole`),
the observations of one document, region and period cannot all hold when the least each category
can be (the largest lower bound among its statements) adds up past 100% plus the rounding of
its exact members. The group is every statement with a lower bound above zero.

Restatements (observations.restates) repeat their first statement and are left out.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

APPROX_TOLERANCE = 0.10
TOTAL_PERCENT = 100.0
GROUP_KEY = ("indicator_id", "region_code", "year_start", "year_end", "category", "practice_id")


@dataclass(frozen=True)
class Interval:
    """The values an observation allows; an open end excludes its bound."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def disjoint(self, other: Interval) -> bool:
        return _below(self, other) or _below(other, self)


def _below(a: Interval, b: Interval) -> bool:
    """Does `a` end before `b` starts?"""
    return a.high < b.low or (a.high == b.low and (a.high_open or b.low_open))


def half_unit(value: float) -> float:
    """Half a unit of the last significant digit of a printed value (13 -> 0.5, 63.9 -> 0.05, 660 -> 5)."""
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    return 0.5 * 10.0 ** int(exponent)


def interval(row: dict) -> Interval:
    """What the observation's value and qualifier allow (see the module docstring)."""
    v, high, q = row["value"], row["value_high"], row["qualifier"]
    if q == "exact":
        return Interval(v - half_unit(v), v + half_unit(v), high_open=True)
    if q == "approx":
        return Interval(v - abs(v) * APPROX_TOLERANCE, v + abs(v) * APPROX_TOLERANCE)
    if q in ("at_least", "more_than"):
        return Interval(v, math.inf, low_open=q == "more_than", high_open=True)
    top = high if high is not None else v
    if q in ("up_to", "less_than"):
        return Interval(min(0.0, top), top, high_open=q == "less_than")
    if q == "range":
        return Interval(v, top)
    raise ValueError(f"unknown qualifier {q!r}")


def _period(start: int, end: int) -> str:
    return f"{start}" if start == end else f"{start}-{end}"


def value_groups(rows: list[dict]) -> dict[str, list[str]]:
    """Rule `values`: group id -> obs_ids."""
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        by_key[tuple(row[k] for k in GROUP_KEY)].append(row)
    groups: dict[str, list[str]] = {}
    for (indicator, region, start, end, category, practice), members in by_key.items():
        spans = {r["obs_id"]: interval(r) for r in members}
        clashing = [r for r in members if any(spans[r["obs_id"]].disjoint(spans[o["obs_id"]]) for o in members)]
        if clashing:
            gid = "|".join(["values", indicator, region, _period(start, end), category or "", practice or ""])
            groups[gid.rstrip("|")] = sorted(r["obs_id"] for r in clashing)
    return groups


def share_groups(rows: list[dict], wholes: set[str]) -> dict[str, list[str]]:
    """Rule `shares_sum`: group id -> obs_ids of a split of one whole that adds up past 100%."""
    by_whole: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        if row["indicator_id"] in wholes and row["category"] is not None:
            by_whole[(row["source_id"], row["indicator_id"], row["region_code"], row["year_start"],
                      row["year_end"], row["practice_id"])].append(row)
    groups: dict[str, list[str]] = {}
    for (source, indicator, region, start, end, practice), members in by_whole.items():
        least: dict[str, float] = defaultdict(float)
        rounding = 0.0
        for row in members:
            span = interval(row)
            least[row["category"]] = max(least[row["category"]], span.low)
            if row["qualifier"] == "exact":
                rounding += half_unit(row["value"])
        if sum(least.values()) > TOTAL_PERCENT + rounding:
            gid = "|".join(["shares_sum", indicator, region, _period(start, end), source, practice or ""]).rstrip("|")
            groups[gid] = sorted(r["obs_id"] for r in members if interval(r).low > 0)
    return groups


def disagreements(rows: list[dict], restates: dict[str, str], wholes: set[str]) -> list[dict]:
    """Rows of the disagreements table: (group_id, obs_id, rule), restatements left out."""
    stated = [r for r in rows if r["obs_id"] not in restates]
    out = []
    for rule, groups in (("values", value_groups(stated)), ("shares_sum", share_groups(stated, wholes))):
        out += [{"group_id": gid, "obs_id": obs_id, "rule": rule} for gid, ids in groups.items() for obs_id in ids]
    return out
