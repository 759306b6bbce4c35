"""No published figure is typed by hand into a text field: specs, reference files, translations, caveats.

Values come out of the documents by the ETL; a note, gap text, description, caption or UI
string that repeats one goes stale the day the document or the extraction changes. A note
that must cite the document writes `{quote:<regex>}` (filled in by the build from the matched
lines, see etl/specs.py), and the app fills a UI example from the database.

The rule, decided here: a number of two or more digits is a figure ("7.2", "2,482", "40-60%",
"131"), except
* a year standing alone, 1900-2099 ("2021", "2003-2020", "1992-98"), not followed by "%";
* a date's day ("11 September 2023") and a numbered label of the document ("Diagram 12");
* digits glued to a word, which are names and codes, not figures ("COVID-19", "sha256",
  "volunteering-2022", "2GIS").
Fields that name or match things rather than describe them (ids, patterns of specs, keywords,
spellings, category values and their translated labels, which must repeat the document's
category names) are not read; caveat patterns are, since a caveat found by its own figure is
the case this test was written for.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from conventions.paths import ROOT

SPECS = sorted((ROOT / "etl" / "sources").glob("*/spec.toml"))
REFERENCE = sorted((ROOT / "data" / "reference").rglob("*.toml"))
TRANSLATIONS = ROOT / "conventions" / "translations.toml"
CAVEATS = ROOT / "qogam" / "caveats.toml"
# Keys whose strings describe something to a reader (in specs and reference files).
PROSE_KEYS = frozenset({"note", "would_show", "description", "caption", "name_en", "name_ru", "name_kk",
                        "en", "ru", "kk"})
CAVEAT_KEYS = frozenset({"pattern"})

NUMBER = re.compile(r"(?<![\w.,])(?<![^\W\d_]-)\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(?:19|20)\d\d")
YEAR_RANGE_START = re.compile(r"(?:19|20)\d\d\s*[-–]\s*$")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря")
DATE_DAY = re.compile(rf"\s+(?:{MONTHS})\b")
LABEL = re.compile(r"(?:Diagram|Table|Figure|Chart|Диаграмма|Таблица|Рисунок)\s+$")
PLACEHOLDER = re.compile(r"\{quote:(?:[^{}]|\{[\d,]*\})*\}")


def typed_figures(text: str) -> list[str]:
    """The figures of a text, by the rule of this module's docstring."""
    text = PLACEHOLDER.sub("", text)
    found = []
    for m in NUMBER.finditer(text):
        token, before, after = m.group(0), text[:m.start()], text[m.end():]
        if sum(c.isdigit() for c in token) < 2:
            continue
        if YEAR.fullmatch(token) and not after.startswith("%"):
            continue
        if len(token) == 2 and YEAR_RANGE_START.search(before):     # "1992-98"
            continue
        if len(token) <= 2 and DATE_DAY.match(after) or LABEL.search(before):
            continue
        found.append(token)
    return found


def strings(value: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string of a parsed TOML document with the keys (and list indexes) leading to it."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))


def figures_in(path: Path, keys: frozenset[str] | None, skip_tables: tuple[str, ...] = ()) -> list[str]:
    """`file: key.path: figures: text` for each string (under one of `keys`, None = all) with a figure."""
    out = []
    for where, text in strings(tomllib.loads(path.read_text(encoding="utf-8"))):
        key = next((k for k in reversed(where) if isinstance(k, str)), "")
        if where[0] in skip_tables or (keys is not None and key not in keys):
            continue
        figures = typed_figures(text)
        if figures:
            name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            out.append(f"{name}: {'.'.join(map(str, where))}: {figures}: {text[:80]!r}")
    return out


def test_the_rule_tells_figures_from_years_dates_labels_and_names() -> None:
    assert typed_figures("13 organizations from 11 regions") == ["13", "11"]
    assert typed_figures("its 7.2-fold growth; 2,482 people; 22,344 NGOs are 4.8%") == ["7.2", "2,482", "22,344", "4.8"]
    assert typed_figures("some figures do not exceed 40-60% coverage") == ["40", "60"]
    assert typed_figures("a share of 2021% is no year") == ["2021"]
    assert typed_figures("publication year 2021; 2003-2020 and 1992-98; 11 September 2023; Diagram 12") == []
    assert typed_figures("COVID-19, sha256, volunteering-2022, 2GIS, 5 regions, 3.5") == ["3.5"]
    assert typed_figures(r"cover '{quote:no more than [\d%-]*%}' of {quote:\d{1,3} x}") == []


def test_specs_hold_no_typed_figure() -> None:
    assert SPECS and [line for spec in SPECS for line in figures_in(spec, PROSE_KEYS)] == []


def test_reference_files_hold_no_typed_figure() -> None:
    assert REFERENCE and [line for path in REFERENCE for line in figures_in(path, PROSE_KEYS)] == []


def test_translations_and_caveats_hold_no_typed_figure() -> None:
    assert figures_in(TRANSLATIONS, None, skip_tables=("category",)) == []
    assert figures_in(CAVEATS, CAVEAT_KEYS) == []


@pytest.mark.parametrize(("text", "keys"), [
    ('[[figure]]\nid = "x"\nnote = "editors\' introduction: 13 organizations from 11 regions"\n', PROSE_KEYS),
    ('[[gap]]\nid = "y"\nwould_show = "of which the 22,344 NGOs are 4.8% (digits lost)"\n', PROSE_KEYS),
    ("[[caveat]]\nid = \"coverage\"\npattern = '40\\s*%?\\s*[-–]\\s*60\\s*%'\n", CAVEAT_KEYS),
    ('[sources]\nrepairs_explain = { en = "About 9.4% of the 2021 book was repaired" }\n', None),
])
def test_a_planted_figure_is_found(tmp_path: Path, text: str, keys: frozenset[str] | None) -> None:
    planted = tmp_path / "planted.toml"
    planted.write_text(text, encoding="utf-8")
    found = figures_in(planted, keys)
    assert len(found) == 1 and found[0].startswith("planted.toml: ")
