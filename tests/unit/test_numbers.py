"""The one number parser: every numeric form the five documents use, form by form."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from conventions.numbers import QUALIFIERS, ParsedNumber, find_numbers, parse_number

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def texts(sentence: str, lang: str = "en") -> list[str]:
    return [n.text for n in find_numbers(sentence, lang)]


# --- plain integers and digit grouping -----------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("139671", 139671),
    ("1,834", 1834),
    ("20,000", 20000),
    ("22,000", 22000),
    ("14,456,709", 14456709),
    ("1 161 613", 1161613),
    ("1\u00a0161\u00a0613", 1161613),
    ("1\u202f161\u202f613", 1161613),
    ("217 391", 217391),
    ("25 000 000", 25000000),
    ("1,234.5", 1234.5),
])
def test_integers_and_thousands_groups(text: str, value: float) -> None:
    n = parse_number(text)
    assert n.value == value
    assert (n.value_high, n.qualifier, n.is_percent, n.currency) == (None, "exact", False, None)
    assert (n.text, n.start, n.end) == (text, 0, len(text))


@pytest.mark.parametrize(("text", "value"), [
    ("42,4", 42.4), ("3,25", 3.25), ("0,5", 0.5), ("49,7", 49.7),
    ("0,125", 0.125),  # a thousands group never follows a bare 0
    ("3.345", 3.345), ("2.6", 2.6), ("582.1", 582.1),
])
def test_decimal_comma_and_point(text: str, value: float) -> None:
    assert parse_number(text).value == value


def test_comma_with_three_digits_is_thousands_not_decimal_or_range() -> None:
    n = parse_number("1,834")
    assert (n.value, n.value_high, n.qualifier) == (1834, None, "exact")


@pytest.mark.parametrize("text", ["1,2345", "1,2,3"])
def test_comma_followed_by_four_digits_or_list_is_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        parse_number(text)
    assert find_numbers(text) == []


def test_tab_and_newline_never_group_digits() -> None:
    assert texts("Uzbeks\t678,487\t3.345%") == ["678,487", "3.345%"]
    assert texts("22\n23") == ["22", "23"]


def test_year_next_to_count_stays_two_numbers() -> None:
    found = find_numbers("2022 139671")
    assert [(n.text, n.value) for n in found] == [("2022", 2022), ("139671", 139671)]
    assert (found[1].start, found[1].end) == (5, 11)
    with pytest.raises(ValueError, match="2 separate numbers"):
        parse_number("2022 139671")


def test_two_digit_group_does_not_join() -> None:
    assert texts("менее 100 71 инициативные группы", "ru") == ["менее 100", "71"]


# --- percent ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("42,4%", 42.4), ("3.345%", 3.345), ("99 %", 99), ("15 percent", 15), ("3 per cent", 3),
    ("12 процентов", 12), ("2 процента", 2), ("fifty percent", 50), ("0,02%", 0.02),
])
def test_percent_forms(text: str, value: float) -> None:
    n = parse_number(text)
    assert (n.value, n.is_percent, n.text) == (value, True, text)


def test_signed_growth_percent() -> None:
    assert parse_number("+201%").value == 201
    minus = parse_number("(-47%)")
    assert (minus.value, minus.is_percent, minus.text, minus.start) == (-47, True, "-47%", 1)


def test_spaced_hyphen_is_a_dash_not_a_minus() -> None:
    found = find_numbers("МРЦ – 36 человек, ДЧС -19 человек", "ru")
    assert [(n.text, n.value) for n in found] == [("36", 36), ("19", 19)]
    assert parse_number("a −3 change").value == -3  # U+2212 is always a minus


def test_percentage_word_is_not_percent() -> None:
    n = find_numbers("a 5 percentage rise")[0]
    assert (n.value, n.is_percent) == (5, False)


# --- scales ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("2.6 billion", 2.6e9), ("2.6 bln", 2.6e9), ("2.6bn", 2.6e9), ("12 billions", 12e9),
    ("1.5 million", 1.5e6), ("3 millions", 3e6), ("4 mln", 4e6), ("200 thousand", 200_000),
    ("1 trillion", 1e12), ("11,052 thousand", 11_052_000), ("4.8 thousand", 4800),
    ("48 тысяч", 48_000), ("2 тысячи", 2000), ("1 тысяча", 1000), ("5 тыс.", 5000), ("5 тыс", 5000),
    ("10 млн", 10e6), ("10 млн.", 10e6), ("10млн", 10e6), ("2 миллиона", 2e6), ("2 миллионов", 2e6),
    ("7 миллион", 7e6), ("1,2 млрд", 1.2e9), ("3 млрд.", 3e9), ("5 миллиардов", 5e9),
    ("2 миллиарда", 2e9), ("1 трлн", 1e12),
])
def test_scale_words(text: str, value: float) -> None:
    n = parse_number(text)
    assert n.value == value
    assert n.text == text


def test_compound_russian_amount() -> None:
    n = parse_number("3 млрд. 456 млн. тенге")
    assert (n.value, n.currency, n.text) == (3_456_000_000, "KZT", "3 млрд. 456 млн. тенге")
    assert parse_number("более чем 43 млрд. 200 млн. тенге").value == 43_200_000_000


def test_compound_needs_shrinking_scales() -> None:
    found = find_numbers("2 million 3 billion tenge")
    assert [(n.text, n.value, n.currency) for n in found] == [
        ("2 million", 2e6, None), ("3 billion tenge", 3e9, "KZT")]


# --- currency ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "currency"), [
    ("2.6 billion KZT", 2.6e9, "KZT"), ("2.6 bln tenge", 2.6e9, "KZT"), ("10 млн тенге", 10e6, "KZT"),
    ("10 млн. тенге", 10e6, "KZT"), ("1,2 млрд тенге", 1.2e9, "KZT"), ("5 000 тг.", 5000, "KZT"),
    ("500 тг", 500, "KZT"), ("500 ₸", 500, "KZT"), ("₸500", 500, "KZT"), ("KZT 300", 300, "KZT"),
    ("$10,000", 10_000, "USD"), ("\\$10,000", 10_000, "USD"), ("US$ 5 million", 5e6, "USD"),
    ("300 USD", 300, "USD"), ("200 долларов США", 200, "USD"), ("20 dollars", 20, "USD"),
    ("€12 billion", 12e9, "EUR"), ("€400,000", 400_000, "EUR"), ("EUR 4.5 million", 4.5e6, "EUR"),
    ("15 евро", 15, "EUR"), ("3 euros", 3, "EUR"),
])
def test_currency(text: str, value: float, currency: str) -> None:
    n = parse_number(text)
    assert (n.value, n.currency, n.text) == (value, currency, text)


def test_euro_prefix_of_a_word_is_not_currency() -> None:
    assert find_numbers("5 European partners")[0].currency is None


# --- ranges --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "low", "high"), [
    ("20-30", 20, 30), ("20–25", 20, 25), ("20 — 25", 20, 25), ("от 20 до 30", 20, 30),
    ("от 100 до 750", 100, 750), ("с 2021 по 2023", 2021, 2023), ("from 18 to 29", 18, 29),
    ("between 5 and 10", 5, 10), ("2020-2022", 2020, 2022), ("2021 – 2023", 2021, 2023),
    ("3-3,5", 3, 3.5), ("180,000-200,000", 180_000, 200_000), ("2.5-3", 2.5, 3), ("07-08", 7, 8),
    ("двух-трёх", 2, 3),
])
def test_ranges(text: str, low: float, high: float) -> None:
    n = parse_number(text)
    assert (n.value, n.value_high, n.qualifier, n.text) == (low, high, "range", text)


def test_range_shares_the_scale_written_once() -> None:
    n = parse_number("73-78 миллионов")
    assert (n.value, n.value_high) == (73e6, 78e6)
    n = parse_number("2.2 - 2.6 billion KZT")
    assert (n.value, n.value_high, n.currency) == (2.2e9, 2.6e9, "KZT")


@pytest.mark.parametrize("text", ["32-35%", "10%-15%", "От 10% до 20%"])
def test_percent_ranges(text: str) -> None:
    n = parse_number(text)
    assert (n.qualifier, n.is_percent, n.value_high is not None, n.text) == ("range", True, True, text)


def test_year_and_count_after_dash_is_not_a_range() -> None:
    found = find_numbers("в 2021 – 491, в 2022 – 1480 человек; в 2021 – 49,7%", "ru")
    assert [n.value for n in found] == [2021, 491, 2022, 1480, 2021, 49.7]
    assert all(n.qualifier == "exact" and n.value_high is None for n in found)


def test_falling_pair_is_not_a_range() -> None:
    assert [(n.text, n.qualifier) for n in find_numbers("between 10 and 5")] == [("10", "exact"), ("5", "exact")]


def test_to_without_from_is_not_a_range() -> None:
    assert texts("grew 5 to 10 times") == ["5", "10"]


@pytest.mark.parametrize(("text", "qualifier"), [
    ("no more than 10%-15%", "up_to"), ("at least 20%-25%", "at_least"), ("do not exceed 40-60%", "up_to"),
    ("more than 10-15", "more_than"), ("не менее 20-25%", "at_least")])
def test_a_bound_before_a_range_keeps_both_ends(text: str, qualifier: str) -> None:
    """Issue 15: "at least 20-25%" is at-least a range, not a plain range."""
    [n] = find_numbers(text, "ru" if text.startswith("не") else "en")
    assert (n.text, n.qualifier, n.value_high > n.value) == (text, qualifier, True)


def test_an_approximate_range_stays_a_range() -> None:
    n = parse_number("about 20-30")
    assert (n.text, n.qualifier, n.value, n.value_high) == ("20-30", "range", 20, 30)


@pytest.mark.parametrize(("text", "qualifier"), [
    ("exceeded 500", "more_than"), ("exceeds 1,000", "more_than"), ("not exceeding 5", "up_to"),
    ("превысило 500", "more_than"), ("не превышает 40%", "up_to")])
def test_exceeding_is_a_bound(text: str, qualifier: str) -> None:
    n = parse_number(text)
    assert (n.qualifier, n.text) == (qualifier, text)


# --- qualifiers ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "qualifier"), [
    ("over 1,000", "more_than"), ("Over 69 billion tenge", "more_than"), ("more than 22,000", "more_than"),
    ("above 50%", "more_than"), ("about 2,500", "approx"), ("approximately 500", "approx"),
    ("around 90,000", "approx"), ("nearly 1 million", "approx"), ("almost +30%", "approx"),
    ("some 20", "approx"), ("~20", "approx"), ("~ 20", "approx"), ("at least 174,000", "at_least"),
    ("no less than 5", "at_least"), ("not less than 5", "at_least"), ("up to 20%", "up_to"),
    ("no more than 10%", "up_to"), ("less than 5%", "less_than"), ("under 21", "less_than"),
    ("fewer than 30", "less_than"), ("более 2700", "more_than"), ("свыше 100", "more_than"),
    ("больше 5", "more_than"), ("более чем 43 млрд.", "more_than"), ("около 48 тысяч", "approx"),
    ("порядка 10", "approx"), ("примерно 5", "approx"), ("почти 30%", "approx"),
    ("приблизительно 7", "approx"), ("не менее 93642", "at_least"), ("как минимум 3", "at_least"),
    ("до 5000", "up_to"), ("не более 15", "up_to"), ("менее 240 000", "less_than"),
    ("139671", "exact"),
])
def test_qualifiers(text: str, qualifier: str) -> None:
    n = parse_number(text)
    assert n.qualifier == qualifier
    assert n.text == text  # the qualifier words are part of the parsed text


def test_qualifier_inside_a_longer_word_is_ignored() -> None:
    assert parse_number("moreover 5").qualifier == "exact"
    assert parse_number("handsome 5").qualifier == "exact"


def test_qualifier_offsets_in_a_sentence() -> None:
    sentence = "Today, more than 22,000 non-governmental organizations are registered."
    (n,) = find_numbers(sentence)
    assert (n.text, n.value, n.qualifier) == ("more than 22,000", 22_000, "more_than")
    assert sentence[n.start:n.end] == n.text


def test_every_qualifier_is_a_known_value() -> None:
    sentence = "over 5, about 6, at least 7, up to 8, 9-10, under 11, 12"
    assert {n.qualifier for n in find_numbers(sentence)} == set(QUALIFIERS)


# --- numbers as words ------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("seven projects", [("seven", 7)]),
    ("twenty-one practices", [("twenty-one", 21)]),
    ("Ten pilot schools", [("Ten", 10)]),
    ("ninety nine volunteers", [("ninety nine", 99)]),
    ("Five hundred people", [("Five hundred", 500)]),
    ("two hundred and fifty trees", [("two hundred and fifty", 250)]),
    ("around two million visitors", [("around two million", 2e6)]),
    ("more than ten years", [("more than ten", 10)]),
    ("at least one shelter", [("at least one", 1)]),
])
def test_english_number_words(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert [(n.text, n.value) for n in find_numbers(sentence, "en")] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("две аллеи", [("две", 2)]),
    ("в двух регионах", [("двух", 2)]),
    ("три", [("три", 3)]),
    ("четыре", [("четыре", 4)]),
    ("пять", [("пять", 5)]),
    ("десять", [("десять", 10)]),
    ("двадцать пять человек", [("двадцать пять", 25)]),
    ("сто двадцать", [("сто двадцать", 120)]),
    ("две тысячи волонтёров", [("две тысячи", 2000)]),
    ("около пятидесяти", [("около пятидесяти", 50)]),
])
def test_russian_number_words(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert [(n.text, n.value) for n in find_numbers(sentence, "ru")] == expected


def test_number_words_follow_the_language() -> None:
    assert find_numbers("seven projects", "ru") == []
    assert find_numbers("две аллеи", "en") == []
    assert texts("2 аллеи", "en") == ["2"]  # digits and scale words are read in both languages


def test_number_words_do_not_match_inside_words() -> None:
    assert find_numbers("someone, often, tonight, seventh", "en") == []
    assert find_numbers("семинар, пятерка, сторона, трибуна", "ru") == []
    assert find_numbers("воспользоваться семью ресурсами", "ru") == []  # "семью" = family


def test_parse_number_reads_words_of_both_languages() -> None:
    assert parse_number("seven").value == 7
    assert parse_number("семь").value == 7
    assert parse_number("one").value == 1


# --- what is not a statistic -------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "the 10th annual Civic Forum", "in the 1990s", "the 21st-century", "COVID-19", "P4I",
    "ул. 12/1", "24/7", "04.12.2023", "12/20/21", "at 10:00", "№ 84-р", "No. 5", "#4",
    "PHONE NUMBER: +7 775 274 22 69", "tel. +7 7172 92 50 13", "tel. +7 708 106 0810",
    "С 2020-го года", "в 1990-е годы", "civilalliance20@gmail.com", "\ufffd8QLWHG", "''8<",
])
def test_codes_ordinals_dates_and_phones_are_skipped(sentence: str) -> None:
    assert find_numbers(sentence, "ru" if "С" in sentence or "в " in sentence else "en") == []


def test_cardinal_case_ending_and_compound_adjective_keep_the_number() -> None:
    assert texts("в течение 3-х лет", "ru") == ["3"]
    assert texts("a 72-hour marathon") == ["72"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("one of the largest associations", []),
    ("one-time mentions of the RFO", []),
    ("Одна из черт", []),
    ("18 сентября текущего года", []),
    ("on January 16, 2001 the Law", ["2001"]),
    ("Workshop (December 4-5, 2022)", ["2022"]),
    ("1. Birgemiz: Úmit – 29,05% (316,158 hours)", ["29,05%", "316,158"]),
    ("2) Lack of opportunity", []),
])
def test_find_numbers_leaves_out_non_statistics(sentence: str, expected: list[str]) -> None:
    lang = "ru" if any("а" <= c <= "я" for c in sentence.lower()) else "en"
    assert texts(sentence, lang) == expected


def test_parse_number_still_reads_a_day_or_list_number() -> None:
    assert parse_number("18").value == 18
    assert parse_number("1.").value == 1


# --- sentences from the documents --------------------------------------------------------------------

def test_sentence_volunteering_2022() -> None:
    sentence = ("Based on the 2022 RFO data, it is indicated that the number of Kazakhstani volunteers has "
                "totaled 139671 (at least 174,000 as per the estimation of the national volunteer network).")
    found = find_numbers(sentence)
    assert [(n.text, n.value, n.qualifier) for n in found] == [
        ("2022", 2022, "exact"), ("139671", 139671, "exact"), ("at least 174,000", 174_000, "at_least")]
    assert all(sentence[n.start:n.end] == n.text for n in found)


def test_sentence_volunteering_2023() -> None:
    sentence = ("затрачивают на работу от 2 миллионов часов ежегодно, в среднем, вероятно – 25 000 000 "
                "часов в год, а максимальные показатели могут достигать 73-78 миллионов часов в год.")
    found = find_numbers(sentence, "ru")
    assert [(n.text, n.value, n.value_high) for n in found] == [
        ("2 миллионов", 2e6, None), ("25 000 000", 25e6, None), ("73-78 миллионов", 73e6, 78e6)]


def test_sentence_adal_azamat() -> None:
    sentence = ("The Summit made clear that the focus should now shift to the €12 billion Global Gateway "
                "Investment Package, which targets transport (€3 billion) and the 2025–2026 Roadmap.")
    found = find_numbers(sentence)
    assert [(n.text, n.value, n.currency, n.qualifier) for n in found] == [
        ("€12 billion", 12e9, "EUR", "exact"), ("€3 billion", 3e9, "EUR", "exact"),
        ("2025–2026", 2025, None, "range")]


def test_table_row() -> None:
    found = find_numbers("Kazakhs | 14,456,709 | 71.274%")
    assert [(n.value, n.is_percent) for n in found] == [(14_456_709, False), (71.274, True)]


def test_result_type_and_offsets() -> None:
    sentence = "Всего около 48 тысяч волонтёров"
    (n,) = find_numbers(sentence, "ru")
    assert n == ParsedNumber(value=48_000, value_high=None, qualifier="approx", is_percent=False,
                             currency=None, text="около 48 тысяч", start=6, end=20)
    with pytest.raises(AttributeError):
        n.value = 1  # type: ignore[misc]


# --- errors --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "no digits here", "on behalf of volunteers", "в первой половине года"])
def test_parse_number_without_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="no number"):
        parse_number(text)


def test_parse_number_rejects_unread_digits() -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        parse_number("5 million-3")
    with pytest.raises(ValueError, match="ambiguous"):
        parse_number("COVID-19")


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        find_numbers("5", "kk")


# --- the whole corpus ------------------------------------------------------------------------------------

def test_all_documents_quickly_with_offsets() -> None:
    languages = {"volunteering-2022": "en", "volunteering-2023": "ru", "adal-azamat-2025-4": "en",
                 "animals-2025": "en", "civil-society-30y-2021": "en"}
    started = time.perf_counter()
    found: dict[str, list[ParsedNumber]] = {}
    for name, lang in languages.items():
        found[name] = []
        for line in (RAW / f"{name}.txt").read_text(encoding="utf-8").split("\n"):
            for n in find_numbers(line, lang):
                assert line[n.start:n.end] == n.text
                found[name].append(n)
    assert time.perf_counter() - started < 5  # about 0.2 s; generous for slow CI machines
    values = {name: {n.value for n in numbers} for name, numbers in found.items()}
    assert {139671, 174_000, 2.6e9} <= values["volunteering-2022"]
    assert {1_161_613, 217_391, 3_456_000_000, 93642} <= values["volunteering-2023"]
    assert {14_456_709, 12e9, 10_000} <= values["adal-azamat-2025-4"]
    assert {22_000, 11_052_000, 132.4e9} <= values["civil-society-30y-2021"]
    assert all(len(numbers) > 100 for numbers in found.values())


# --- number words beyond cardinals (issue 15): what each asserts ----------------------------------

@pytest.mark.parametrize(("text", "value", "qualifier", "is_percent"), [
    ("more than a hundred", 100, "more_than", False),
    ("a thousand", 1000, "exact", False),
    ("over a million", 1_000_000, "more_than", False),
    ("two million", 2_000_000, "exact", False),
    ("two hundred and five", 205, "exact", False),
    ("восемь", 8, "exact", False),
    ("три тысячи", 3000, "exact", False),
    ("тысяча", 1000, "exact", False),
    ("свыше миллиона", 1_000_000, "more_than", False),
    ("полтора миллиона", 1_500_000, "exact", False),
    ("twice", 2, "exact", False),
    ("вдвое", 2, "exact", False),
    ("a third", 100 / 3, "approx", True),
    ("one-third", 100 / 3, "approx", True),
    ("two thirds", 200 / 3, "approx", True),
    ("more than two thirds", 200 / 3, "more_than", True),
    ("almost half", 50, "approx", True),
    ("более половины", 50, "more_than", True),
    ("две трети", 200 / 3, "approx", True),
    ("четверть", 25, "approx", True),
    ("hundreds", 200, "at_least", False),
    ("tens of thousands", 20_000, "at_least", False),
    ("dozens", 24, "at_least", False),
    ("several hundred", 200, "at_least", False),
    ("several thousand", 2000, "at_least", False),
    ("десятки", 20, "at_least", False),
    ("десятки тысяч", 20_000, "at_least", False),
    ("сотни", 200, "at_least", False),
    ("тысячи", 2000, "at_least", False),
    ("несколько тысяч", 2000, "at_least", False),
    ("несколько сотен", 200, "at_least", False),
    ("every fifth", 20, "approx", True),
    ("every second", 50, "approx", True),
    ("каждый пятый", 20, "approx", True),
    ("каждая вторая", 50, "approx", True),
    ("a dozen", 12, "exact", False),
    ("a couple dozen", 24, "approx", False),
    ("about a dozen", 12, "approx", False),
])
def test_number_words_read_with_what_they_assert(text: str, value: float, qualifier: str, is_percent: bool) -> None:
    """Cardinals and multipliers are exact, fractions approximate shares, plurals lower bounds."""
    context = {"a third": "a third of", "one-third": "one-third of", "two thirds": "two thirds of",
               "more than two thirds": "more than two thirds of", "almost half": "almost half of",
               "hundreds": "hundreds of", "tens of thousands": "tens of thousands of", "dozens": "dozens of"}
    n = parse_number(context.get(text, text))
    assert (n.value, n.qualifier, n.is_percent, n.text) == (pytest.approx(value), qualifier, is_percent, text)


@pytest.mark.parametrize(("sentence", "lang", "expected"), [
    ("More than a hundred volunteers came, twice as many as in 2022.", "en",
     [("More than a hundred", 100), ("twice", 2), ("2022", 2022)]),
    ("Hundreds of NGOs and tens of thousands of people took part.", "en",
     [("Hundreds", 200), ("tens of thousands", 20_000)]),
    ("About a third of the NGOs work in the first half of the year.", "en", [("About a third", 100 / 3)]),
    ("В проекте участвовали восемь человек и десятки тысяч волонтёров.", "ru",
     [("восемь", 8), ("десятки тысяч", 20_000)]),
    ("Во второй половине года более половины НКО получили гранты.", "ru", [("более половины", 50)]),
])
def test_find_numbers_reads_number_words_in_prose(sentence: str, lang: str, expected: list[tuple[str, float]]) -> None:
    assert [(n.text, n.value) for n in find_numbers(sentence, lang)] == [(t, pytest.approx(v)) for t, v in expected]


def test_number_words_inside_other_words_or_period_parts_are_not_numbers() -> None:
    assert find_numbers("on behalf of the first half, a thirdparty and the second quarter of", "en") == []
    assert find_numbers("в первой четверти и во второй половине", "ru") == []
