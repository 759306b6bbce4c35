"""URL filters: valid links give their view, invalid ones a warning and a sensible fallback."""
from __future__ import annotations

import pytest

from qogam.filters import ALL_KAZAKHSTAN, Bounds, Filters, parse_query, shown, to_query

BOUNDS = Bounds(regions=("KZ", "KZ-19", "KZ-75", "KZ-79", "INT", "ZZ"), year_min=2003, year_max=2025)


def keys(issues) -> list[str]:
    return [issue.key for issue in issues]


def test_bare_url_is_all_kazakhstan_all_years_english() -> None:
    filters, issues = parse_query({}, BOUNDS)
    assert filters == Filters((ALL_KAZAKHSTAN,), 2003, 2025, "en")
    assert filters.is_national
    assert issues == []


def test_full_link_gives_its_view() -> None:
    params = {"region": ["KZ-75", "KZ-19"], "from": ["2022"], "to": ["2023"], "lang": ["ru"]}
    filters, issues = parse_query(params, BOUNDS)
    assert filters == Filters(("KZ-75", "KZ-19"), 2022, 2023, "ru")
    assert issues == []


def test_region_codes_are_normalised_deduplicated_and_may_be_comma_separated() -> None:
    filters, issues = parse_query({"region": [" kz-75 ", "KZ-19,KZ-75"]}, BOUNDS)
    assert filters.regions == ("KZ-75", "KZ-19")
    assert issues == []


def test_the_pseudo_regions_the_filter_offers_read_back_from_a_link() -> None:
    filters, issues = parse_query({"region": ["int,ZZ", "KZ-75"]}, BOUNDS)
    assert filters.regions == ("INT", "ZZ", "KZ-75")
    assert issues == []


@pytest.mark.parametrize("value", ["KZ-99", "INTL", "XX", "Almaty", "'; DROP TABLE observations; --",
                                   "<script>alert(1)</script>", "KZ-75)"])
def test_unknown_or_hostile_region_is_dropped_with_a_warning(value: str) -> None:
    filters, issues = parse_query({"region": [value]}, BOUNDS)
    assert filters.regions == (ALL_KAZAKHSTAN,)
    assert keys(issues) == ["warn.unknown_region"]


def test_valid_regions_survive_next_to_an_invalid_one() -> None:
    filters, issues = parse_query({"region": ["KZ-75", "bogus"]}, BOUNDS)
    assert filters.regions == ("KZ-75",)
    assert keys(issues) == ["warn.unknown_region"]


def test_very_long_value_is_ignored_and_quoted_short() -> None:
    filters, issues = parse_query({"region": ["KZ-75" * 2000]}, BOUNDS)
    assert filters.regions == (ALL_KAZAKHSTAN,)
    assert keys(issues) == ["warn.too_long"]
    assert len(issues[0].value) <= 41


@pytest.mark.parametrize("value", ["99999", "abc", "20x2", "2022; DROP TABLE sources", "", "２０２２"])
def test_a_value_that_is_not_a_year_falls_back_to_the_full_range(value: str) -> None:
    filters, issues = parse_query({"from": [value], "to": [value]}, BOUNDS)
    assert (filters.year_from, filters.year_to) == (2003, 2025)
    assert keys(issues) == ["warn.invalid_year", "warn.invalid_year"]


def test_a_real_year_outside_the_data_is_clamped_with_a_warning() -> None:
    filters, issues = parse_query({"from": ["1990"], "to": ["2030"]}, BOUNDS)
    assert (filters.year_from, filters.year_to) == (2003, 2025)
    assert keys(issues) == ["warn.year_out_of_range", "warn.year_out_of_range"]


def test_reversed_years_are_swapped() -> None:
    filters, issues = parse_query({"from": ["2023"], "to": ["2021"]}, BOUNDS)
    assert (filters.year_from, filters.year_to) == (2021, 2023)
    assert keys(issues) == ["warn.years_swapped"]


def test_repeated_single_valued_keys_use_the_first_value() -> None:
    filters, issues = parse_query({"from": ["2021", "2005"], "lang": ["kk", "ru"]}, BOUNDS)
    assert (filters.year_from, filters.lang) == (2021, "kk")
    assert keys(issues) == ["warn.repeated", "warn.repeated"]


@pytest.mark.parametrize("value", ["de", "RU-ru", "<b>en</b>"])
def test_unknown_language_falls_back_to_english(value: str) -> None:
    filters, issues = parse_query({"lang": [value]}, BOUNDS)
    assert filters.lang == "en"
    assert keys(issues) == ["warn.unknown_lang"]


def test_language_code_is_case_insensitive() -> None:
    assert parse_query({"lang": ["KK"]}, BOUNDS)[0].lang == "kk"


def test_shown_drops_control_characters_and_shortens() -> None:
    assert shown("KZ\x00-7\u202e5\n") == "KZ-75"
    assert shown("x" * 100) == "x" * 40 + "…"


def test_to_query_leaves_out_defaults() -> None:
    assert to_query(Filters((ALL_KAZAKHSTAN,), 2003, 2025, "en"), BOUNDS) == {}


@pytest.mark.parametrize("filters", [
    Filters(("KZ-75", "KZ-19"), 2022, 2023, "ru"),
    Filters((ALL_KAZAKHSTAN,), 2010, 2025, "kk"),
    Filters(("KZ", "KZ-79"), 2003, 2004, "en"),
])
def test_url_round_trip_reproduces_the_view(filters: Filters) -> None:
    parsed, issues = parse_query(to_query(filters, BOUNDS), BOUNDS)
    assert parsed == filters
    assert issues == []
