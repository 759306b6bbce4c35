"""The global filters (regions, year range, language) and their URL form.

Everything here is pure: the URL arrives as a mapping of parameter name to all its values
(`?region=KZ-75&region=KZ-19&from=2022&to=2023&lang=ru`), and what the data allows arrives
as `Bounds`. Invalid input never raises; it falls back to a sensible value and reports an
`Issue` that the app shows as a warning, so a mistyped or hostile link still opens a page.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from conventions.codes import COUNTRY, INTERNATIONAL, UNSTATED
from conventions.i18n import DEFAULT_LANG, LANGS

ALL_KAZAKHSTAN = COUNTRY    # the region filter's value for Kazakhstan as a whole
PARAM_REGION, PARAM_FROM, PARAM_TO, PARAM_LANG = "region", "from", "to", "lang"
MAX_VALUE_LENGTH = 32      # longest sensible value of any parameter (a region code is 5)
SHOWN_LENGTH = 40          # how much of an offending value a warning repeats
_YEAR = re.compile(r"[0-9]{4}")
# A region, the country, or a pseudo-region (several countries, place not stated), which the
# region filter offers too: a link to a view the filter made must read back.
_REGION_CODE = re.compile(rf"KZ(-[0-9]{{2}})?|{INTERNATIONAL}|{UNSTATED}")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e]")


@dataclass(frozen=True)
class Bounds:
    """What the database allows: known region codes (with "KZ") and the span of data years."""

    regions: tuple[str, ...]
    year_min: int
    year_max: int


@dataclass(frozen=True)
class Filters:
    """The view every page shows: `regions` is ("KZ",) for Kazakhstan as a whole."""

    regions: tuple[str, ...]
    year_from: int
    year_to: int
    lang: str

    @property
    def is_national(self) -> bool:
        return self.regions == (ALL_KAZAKHSTAN,)


@dataclass(frozen=True)
class Issue:
    """One problem with the URL: `key` names the warning text, `value` the offending input."""

    key: str
    param: str
    value: str = ""


def shown(value: str) -> str:
    """An offending value made safe to repeat: no control characters, at most 40 characters."""
    clean = _UNPRINTABLE.sub("", value)
    return clean if len(clean) <= SHOWN_LENGTH else clean[:SHOWN_LENGTH] + "…"


def parse_lang(values: Sequence[str]) -> tuple[str, list[Issue]]:
    """`?lang=` → one of en/ru/kk; anything else falls back to English with a warning."""
    if not values:
        return DEFAULT_LANG, []
    issues = [Issue("warn.repeated", PARAM_LANG)] if len(values) > 1 else []
    value = values[0].strip().lower()
    if value in LANGS:
        return value, issues
    return DEFAULT_LANG, issues + [Issue("warn.unknown_lang", PARAM_LANG, shown(values[0]))]


def parse_regions(values: Sequence[str], known: Sequence[str]) -> tuple[tuple[str, ...], list[Issue]]:
    """`?region=` (repeated, or comma-separated) → known region codes in URL order.

    Unknown or malformed codes are dropped with a warning; duplicates are dropped silently;
    when nothing valid is left the view is Kazakhstan as a whole.
    """
    issues: list[Issue] = []
    codes: list[str] = []
    for raw in values:
        if len(raw) > MAX_VALUE_LENGTH:
            issues.append(Issue("warn.too_long", PARAM_REGION, shown(raw)))
            continue
        for part in raw.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not _REGION_CODE.fullmatch(code) or code not in known:
                issues.append(Issue("warn.unknown_region", PARAM_REGION, shown(part.strip())))
            elif code not in codes:
                codes.append(code)
    return (tuple(codes) or (ALL_KAZAKHSTAN,)), issues


def parse_year(values: Sequence[str], param: str, bounds: Bounds, fallback: int) -> tuple[int, list[Issue]]:
    """`?from=` / `?to=` → a year within the data span.

    Not a four-digit year → the fallback; a real year outside the span → clamped to it.
    """
    if not values:
        return fallback, []
    issues = [Issue("warn.repeated", param)] if len(values) > 1 else []
    raw = values[0].strip()
    if not _YEAR.fullmatch(raw):
        return fallback, issues + [Issue("warn.invalid_year", param, shown(values[0]))]
    year = int(raw)
    clamped = min(max(year, bounds.year_min), bounds.year_max)
    if clamped != year:
        issues.append(Issue("warn.year_out_of_range", param, raw))
    return clamped, issues


def parse_query(params: Mapping[str, Sequence[str]], bounds: Bounds) -> tuple[Filters, list[Issue]]:
    """The whole URL → `Filters` plus every issue found; never raises."""
    lang, issues = parse_lang(params.get(PARAM_LANG, ()))
    regions, region_issues = parse_regions(params.get(PARAM_REGION, ()), bounds.regions)
    year_from, from_issues = parse_year(params.get(PARAM_FROM, ()), PARAM_FROM, bounds, bounds.year_min)
    year_to, to_issues = parse_year(params.get(PARAM_TO, ()), PARAM_TO, bounds, bounds.year_max)
    issues += region_issues + from_issues + to_issues
    if year_from > year_to:
        issues.append(Issue("warn.years_swapped", PARAM_FROM, f"{year_from} > {year_to}"))
        year_from, year_to = year_to, year_from
    return Filters(regions, year_from, year_to, lang), issues


def to_query(filters: Filters, bounds: Bounds) -> dict[str, list[str]]:
    """`Filters` → URL parameters, leaving out what equals the default so links stay short."""
    query: dict[str, list[str]] = {}
    if not filters.is_national:
        query[PARAM_REGION] = list(filters.regions)
    if filters.year_from != bounds.year_min:
        query[PARAM_FROM] = [str(filters.year_from)]
    if filters.year_to != bounds.year_max:
        query[PARAM_TO] = [str(filters.year_to)]
    if filters.lang != DEFAULT_LANG:
        query[PARAM_LANG] = [filters.lang]
    return query
