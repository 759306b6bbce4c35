"""Translations are complete in all three languages; numbers follow each language's rules."""
from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from conventions import formatting, i18n
from conventions.i18n import LANGS

ROOT = Path(__file__).resolve().parents[2]
CODE = [*sorted((ROOT / "qogam").glob("*.py")), *sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]
KEY_LITERAL = re.compile(r"""["']((?:[a-z_]+\.)+[a-z_]+)["']""")
FILE_SUFFIXES = (".py", ".toml", ".sql", ".csv", ".geojson", ".duckdb")   # "app.py" is no key
WORDS_EN = i18n.words("en")
WORDS_RU = i18n.words("ru")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_all_three_languages_non_empty() -> None:
    for key, texts in i18n.catalog().items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key


def test_placeholders_are_the_same_in_every_language() -> None:
    for key, texts in i18n.catalog().items():
        assert placeholders(texts["ru"]) == placeholders(texts["en"]) == placeholders(texts["kk"]), key


def test_every_key_written_in_the_code_exists() -> None:
    catalog = i18n.catalog()
    prefixes = {key.split(".")[0] for key in catalog}
    used = {key for path in CODE for key in KEY_LITERAL.findall(path.read_text(encoding="utf-8"))
            if key.split(".")[0] in prefixes and not key.endswith(FILE_SUFFIXES)}
    assert used, "the scan found no keys at all"
    assert sorted(used - set(catalog)) == []


def test_keys_built_at_run_time_exist() -> None:
    """Qualifiers (schema), caveat headings (caveats.toml) and page titles are looked up by name."""
    schema = (ROOT / "etl" / "schema.sql").read_text(encoding="utf-8")
    qualifiers = re.search(r"qualifier\s+VARCHAR NOT NULL CHECK \(qualifier IN \(([^)]*)\)", schema, re.S)
    assert qualifiers is not None
    for name in re.findall(r"'([a-z_]+)'", qualifiers.group(1)):
        assert i18n.has(f"qualifier.{name}"), name
    with (ROOT / "qogam" / "caveats.toml").open("rb") as fh:
        for caveat in tomllib.load(fh)["caveat"]:
            assert i18n.has(f"caveat.{caveat['id']}"), caveat["id"]


def test_units_of_the_controlled_indicator_list_have_words() -> None:
    units = set()
    for path in (ROOT / "data" / "reference" / "indicators").glob("*.toml"):   # one file per topic
        with path.open("rb") as fh:
            units |= {indicator["unit"] for indicator in tomllib.load(fh)["indicator"]}
    assert sorted(unit for unit in units if not i18n.has(f"unit.{unit}")) == []


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (139671, "en", "139,671"),
    (139671, "ru", "139\u202f671"),
    (139671, "kk", "139\u202f671"),
    (42.4, "en", "42.4"),
    (42.4, "ru", "42,4"),
    (1161613, "kk", "1\u202f161\u202f613"),
    (0.25, "ru", "0,25"),
])
def test_numbers_follow_the_language(value: float, lang: str, expected: str) -> None:
    assert formatting.format_number(value, lang) == expected


def test_amounts_in_tenge_are_written_in_billions() -> None:
    assert formatting.format_value(2.6e9, None, "KZT", "approx", "en", WORDS_EN) == "≈\u00a02.6\u00a0billion\u00a0KZT"
    assert formatting.format_value(132.4e9, None, "KZT", "exact", "ru", WORDS_RU) == "132,4\u00a0млрд\u00a0тенге"


def test_qualifiers_ranges_and_percentages() -> None:
    assert formatting.format_value(174000, None, "persons", "at_least", "en", WORDS_EN) == "≥\u00a0174,000\u00a0people"
    assert formatting.format_value(40, 60, "percent", "range", "ru", WORDS_RU) == "40–60\u00a0%"
    assert formatting.format_value(30, None, "percent_change", "approx", "en", WORDS_EN) == "≈\u00a0+30%"


def test_a_missing_value_is_never_written_as_zero() -> None:
    text = formatting.format_value(None, None, "persons", "missing", "ru", WORDS_RU)
    assert text == i18n.t("value.missing", "ru")
    assert "0" not in text


def test_counted_units_can_be_left_to_the_label_but_money_keeps_its_unit() -> None:
    assert formatting.format_value(609, None, "organizations", "exact", "en", WORDS_EN, with_unit=False) == "609"
    assert formatting.format_value(5e9, None, "KZT", "exact", "en", WORDS_EN, with_unit=False).endswith("KZT")


def test_markdown_from_documents_is_shown_literally() -> None:
    assert formatting.md_escape("[x](http://e) *b* <i>") == r"\[x\]\(http\://e\) \*b\* \<i\>"
