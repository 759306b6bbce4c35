"""A page's own URL parameters: valid values are kept, anything else falls back with an issue."""
from __future__ import annotations

import pytest

from qogam import params
from qogam.params import parse_choice, parse_choices, parse_line, parse_text

KNOWN = ("animals-2025", "volunteering-2023")


def keys(issues) -> list[str]:
    return [issue.key for issue in issues]


def test_every_page_owns_distinct_parameters_that_are_not_global_filters() -> None:
    for url_path, owned in params.PAGE_PARAMS.items():
        assert len(set(owned)) == len(owned), url_path
        assert not set(owned) & {"region", "from", "to", "lang"}, url_path
    assert params.owned("overview") == ()
    assert params.owned("documents") == (params.SOURCE, params.LINE)


def test_known_choice_is_kept() -> None:
    assert parse_choice([" animals-2025 "], "source", KNOWN) == ("animals-2025", [])


@pytest.mark.parametrize("value", ["nope", "<script>alert(1)</script>", "' OR 1=1 --", "ANIMALS-2025"])
def test_unknown_choice_falls_back_to_none_with_a_warning(value: str) -> None:
    choice, issues = parse_choice([value], "source", KNOWN)
    assert choice is None
    assert keys(issues) == ["warn.unknown_value"]
    assert issues[0].param == "source"


def test_absent_or_empty_choice_is_no_choice_without_warning() -> None:
    assert parse_choice([], "source", KNOWN) == (None, [])
    assert parse_choice([""], "source", KNOWN) == (None, [])


def test_over_long_choice_is_not_looked_up_and_its_warning_is_short() -> None:
    choice, issues = parse_choice(["x" * 10_000], "practice", KNOWN)
    assert choice is None
    assert keys(issues) == ["warn.too_long"]
    assert len(issues[0].value) <= 41


def test_repeated_choice_uses_the_first_value() -> None:
    choice, issues = parse_choice(["volunteering-2023", "animals-2025"], "source", KNOWN)
    assert choice == "volunteering-2023"
    assert keys(issues) == ["warn.repeated"]


def test_choices_keep_known_values_in_known_order_and_warn_about_each_unknown() -> None:
    picked, issues = parse_choices(["volunteering-2023,zzz", "animals-2025", "animals-2025", "yyy"], "source", KNOWN)
    assert picked == ["animals-2025", "volunteering-2023"]
    assert keys(issues) == ["warn.unknown_value", "warn.unknown_value"]
    assert [i.value for i in issues] == ["zzz", "yyy"]


def test_text_is_collapsed_and_a_huge_one_is_cut_with_a_warning() -> None:
    assert parse_text(["  217   391\n "], "q") == ("217 391", [])
    text, issues = parse_text(["волонтёр " * 5000], "q")
    assert 0 < len(text) <= params.MAX_TEXT_LENGTH
    assert text.startswith("волонтёр")
    assert keys(issues) == ["warn.text_cut"]


@pytest.mark.parametrize(("value", "line", "issue"), [
    ("42", 42, None), ("1", 1, None), ("100", 100, None),
    ("0", 1, "warn.line_out_of_range"), ("99999", 100, "warn.line_out_of_range"),
    ("9" * 5000, 100, "warn.line_out_of_range"),
    ("abc", 1, "warn.invalid_line"), ("-5", 1, "warn.invalid_line"), ("4.5", 1, "warn.invalid_line"),
    ("２０", 1, "warn.invalid_line"), ("<b>1</b>", 1, "warn.invalid_line"),
])
def test_line_is_a_number_within_the_document(value: str, line: int, issue: str | None) -> None:
    parsed, issues = parse_line([value], "line", n_lines=100)
    assert parsed == line
    assert keys(issues) == ([issue] if issue else [])


def test_absent_line_is_the_first() -> None:
    assert parse_line([], "line", n_lines=100) == (1, [])
