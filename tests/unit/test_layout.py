"""Page-number lines and words broken at a line end, as every reader of running text sees them."""
from __future__ import annotations

from etl.layout import breaks_word, is_page_number_line, join_broken_words, word_break_end


def test_page_number_lines() -> None:
    assert is_page_number_line("34 35") and is_page_number_line("  7 ") and is_page_number_line("112")
    assert not is_page_number_line("2023") and not is_page_number_line("34 35 36")
    assert not is_page_number_line("page 7") and not is_page_number_line("")


def test_a_hyphen_breaks_a_word_only_between_lower_case_letters() -> None:
    assert join_broken_words("для бывших заклю-\n\nченных (0,8%)") == "для бывших заключенных (0,8%)"
    assert join_broken_words("Вос-\nточно") == "Восточно"
    assert join_broken_words("Восточно-\nКазахстанской") == "Восточно-\nКазахстанской"   # a compound
    assert join_broken_words("volun\u00ad\nteers and COVID-\n19") == "volunteers and COVID-\n19"
    assert word_break_end("Турке-\n  станской", 5) == 9 and word_break_end("Турке-станской", 5) is None


def test_breaks_word_between_two_lines() -> None:
    assert breaks_word("the volun-", "teers came")
    assert not breaks_word("North-", "Kazakhstan") and not breaks_word("a list -", "b") and not breaks_word("", "x")
