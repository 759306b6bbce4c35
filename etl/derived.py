"""Figures computed from published ones (derived=True, basis 'derived'), never from assumptions.

A derived observation exists only when every input is itself a published observation of the
same source and period, so the app can always show the inputs next to the result. Today one
rule applies: a region's share of the organisations (or initiative groups) a share table covers,
times the number of organisations that table covers, gives the region's count.

The base is what the table covers, not whatever national count the document gives. A national
count covers every unit; when the share table lacks a unit the source reports on elsewhere (the
2022 report's organisations table has no row for Almaty city, whose organisations the national
count includes), that count is not the table's base. The report then implies the base itself:
it gives the initiative groups' share of all the volunteer associations the table covers
(category `within region` of the country; "without considering the figures of the city of
Almaty"), and the number of initiative groups, which the absent unit did not report. So the
organisations the table covers are groups x (100 - share) / share. Without such a split no count
is derived. The initiative groups' own base is their national count (the absent unit gave none).

A derived count is rounded to the significant digits of its least precise input: a share printed
as 0.8% supports one digit, 15.8% three.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from conventions.codes import COUNTRY, PLACE_KINDS
from conventions.errors import EtlError
from etl.model import Observation

# `category` of a share row that is a region's share of the national total (as opposed to
# a share among the region's own volunteer entities). Table extractors use this constant.
NATIONAL_SHARE = "of national total"
WITHIN_REGION = "within region"
GROUPS, ORGS = "initiative_groups_count", "volunteer_orgs_count"
GROUPS_SHARE = "initiative_groups_share"
# Share indicator -> the count indicator whose total it splits.
COUNT_OF_SHARE = {
    "volunteer_orgs_share": ORGS,
    GROUPS_SHARE: GROUPS,
}
DERIVED_BASIS = "derived"


@dataclass(frozen=True)
class Base:
    """The count a share column splits, and how it was obtained (written into `method`)."""

    value: Decimal
    unit: str
    digits: int | None  # significant digits it supports; None for a published count
    text: str           # the base as the method names it
    how: str = ""       # how the document implies it, when it is not a published count


def _decimal(value: float) -> Decimal:
    """The printed value as a decimal: 4.4 stays 4.4, not 4.4000000000000003552713678800500929355621337890625."""
    return Decimal(repr(value))


def _digits(value: float) -> int:
    """Significant digits of a printed value ("0.8" -> 1, "15.8" -> 3)."""
    return len(_decimal(value).normalize().as_tuple().digits)


def _period(obs: Observation) -> str:
    return f"{obs.year_start}" if obs.year_start == obs.year_end else f"{obs.year_start}-{obs.year_end}"


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


def _absent_units(observations: list[Observation], share: Observation, regions: dict[str, str]) -> set[str]:
    """Regions the source reports on for the same period that the share's table has no row for."""
    same = [o for o in observations if (o.source_id, o.year_start, o.year_end)
            == (share.source_id, share.year_start, share.year_end) and not o.derived and o.value is not None]
    reported = {o.region_code for o in same if regions.get(o.region_code) in PLACE_KINDS}
    in_table = {o.region_code for o in same if (o.indicator_id, o.category) == (share.indicator_id, NATIONAL_SHARE)}
    return reported - in_table


def _base(observations: list[Observation], totals: dict[tuple, Observation], share: Observation,
          regions: dict[str, str]) -> Base | None:
    """The count the share's table covers (see the module docstring), or None when the document
    does not give it."""
    count_id = COUNT_OF_SHARE[share.indicator_id]
    period = (share.source_id, share.year_start, share.year_end)
    total = totals.get((share.source_id, count_id, share.year_start, share.year_end))
    absent = _absent_units(observations, share, regions)
    if total is not None and (count_id == GROUPS or not absent):
        return Base(_decimal(total.value), total.unit, None,
                    f"{count_id} {COUNTRY} {_period(share)} = {total.value:g} (line {total.line})")
    groups = totals.get((share.source_id, GROUPS, share.year_start, share.year_end))
    split = [o for o in observations if (o.source_id, o.year_start, o.year_end) == period and not o.derived
             and (o.indicator_id, o.region_code, o.category) == (GROUPS_SHARE, COUNTRY, WITHIN_REGION)
             and o.value]
    if count_id != ORGS or groups is None or total is None or len(split) != 1:
        return None
    s = split[0]
    value = _decimal(groups.value) * (100 - _decimal(s.value)) / _decimal(s.value)
    return Base(value, total.unit, _digits(s.value), f"{value:.1f} organisations the table covers",
                f"; the base is {GROUPS} {COUNTRY} {_period(share)} = {groups.value:g} (line {groups.line}) "
                f"× (100 − {s.value:g}) / {s.value:g}, {GROUPS_SHARE} of the associations ({WITHIN_REGION}, "
                f"line {s.line}), not the national {ORGS} {total.value:g} (line {total.line}), which also "
                f"counts {', '.join(sorted(absent))}, absent from the table")


def _rounded(value: Decimal, digits: int) -> float:
    return float(f"{value:.{digits}g}")


def _count_from_share(share: Observation, base: Base) -> Observation:
    """The region's count = its share of what the table covers × that count, rounded."""
    exact = _decimal(share.value) * base.value / 100
    digits = min(d for d in (_digits(share.value), base.digits) if d is not None)
    count_id = COUNT_OF_SHARE[share.indicator_id]
    method = (f"{share.indicator_id} ({NATIONAL_SHARE}) {share.region_code} {_period(share)} = {share.value:g}% "
              f"(line {share.line}) × {base.text} / 100 = {exact:.2f}, rounded to {digits} significant "
              f"digit{'s' if digits > 1 else ''} (what its inputs, printed to 0.1 percentage points, support); "
              f"approximate{base.how}")
    return Observation(
        indicator_id=count_id, region_code=share.region_code, year_start=share.year_start,
        year_end=share.year_end, value=_rounded(exact, digits), unit=base.unit,
        qualifier="approx", source_id=share.source_id, line=share.line, quote=share.quote, derived=True,
        method=method, basis=DERIVED_BASIS)


def derive(observations: list[Observation], regions: dict[str, str]) -> list[Observation]:
    """Derived observations from the extracted ones; returns only the new rows.

    `regions` maps region codes to their kind (regions.csv), to tell places from the country
    and the pseudo-regions."""
    totals = _national_totals(observations)
    derived = []
    for obs in observations:
        if (obs.indicator_id not in COUNT_OF_SHARE or obs.category != NATIONAL_SHARE or obs.derived
                or obs.value is None or obs.region_code == COUNTRY):
            continue
        base = _base(observations, totals, obs, regions)
        if base is not None:
            derived.append(_count_from_share(obs, base))
    return derived
