"""Figures computed from published ones (derived=True), never from assumptions.

A derived observation exists only when every input is itself a published observation of the
same source and period, so the app can always show both inputs next to the result. Today
one rule applies: a region's share of the country's volunteer organisations (or initiative
groups) times the published national count gives the region's count. The product is kept
exact (computed in decimal, unrounded), because rounding would hide that the share itself was
published to 0.1 percentage points.
"""
from __future__ import annotations

from decimal import Decimal

from conventions.codes import COUNTRY
from conventions.errors import EtlError
from etl.model import Observation

# `category` of a share row that is a region's share of the national total (as opposed to
# a share among the region's own volunteer entities). Table extractors use this constant.
NATIONAL_SHARE = "of national total"
# Share indicator -> the count indicator whose national total it splits.
COUNT_OF_SHARE = {
    "volunteer_orgs_share": "volunteer_orgs_count",
    "initiative_groups_share": "initiative_groups_count",
}


def _national_totals(observations: list[Observation]) -> dict[tuple, Observation]:
    """Published exact national counts, keyed by (source, indicator, year_start, year_end).

    Two different published totals for one key would make a derived figure ambiguous, so
    that stops the build instead of silently picking one.
    """
    totals: dict[tuple, Observation] = {}
    for obs in observations:
        if (obs.indicator_id not in COUNT_OF_SHARE.values() or obs.region_code != COUNTRY
                or obs.category is not None or obs.derived or obs.qualifier != "exact"):
            continue
        key = (obs.source_id, obs.indicator_id, obs.year_start, obs.year_end)
        other = totals.get(key)
        if other is not None and other.value != obs.value:
            raise EtlError(obs.source_id, "derive-ambiguous-total",
                           f"{obs.indicator_id} {obs.year_start}-{obs.year_end} is published twice "
                           f"with different values (lines {other.line} and {obs.line})", obs.line)
        totals.setdefault(key, obs)
    return totals


def _count_from_share(share: Observation, total: Observation) -> Observation:
    """The region's count = its share of the national total × the national count."""
    # Decimal on the printed values, so 4.4 × 660 is 29.04 and not 29.040000000000006.
    value = float(Decimal(repr(share.value)) * Decimal(repr(total.value)) / 100)
    period = (f"{share.year_start}" if share.year_start == share.year_end
              else f"{share.year_start}-{share.year_end}")
    method = (f"{share.indicator_id} ({NATIONAL_SHARE}) {share.region_code} {period} = {share.value:g}% "
              f"(line {share.line}) × {total.indicator_id} {total.region_code} {period} = {total.value:g} "
              f"(line {total.line}) / 100; exact product, not rounded; the share is published to "
              f"0.1 percentage points, so the count is approximate")
    return Observation(
        indicator_id=total.indicator_id, region_code=share.region_code, year_start=share.year_start,
        year_end=share.year_end, value=value, unit=total.unit, qualifier="approx",
        source_id=share.source_id, line=share.line, quote=share.quote, derived=True, method=method)


def derive(observations: list[Observation]) -> list[Observation]:
    """Derived observations from the extracted ones; returns only the new rows."""
    totals = _national_totals(observations)
    derived = []
    for obs in observations:
        count_id = COUNT_OF_SHARE.get(obs.indicator_id)
        if (count_id is None or obs.category != NATIONAL_SHARE or obs.derived
                or obs.value is None or obs.region_code == COUNTRY):
            continue
        total = totals.get((obs.source_id, count_id, obs.year_start, obs.year_end))
        if total is not None:
            derived.append(_count_from_share(obs, total))
    return derived
