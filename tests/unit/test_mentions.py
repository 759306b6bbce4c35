"""Mentions: sentences and table rows with numbers, as the evidence search sees them."""
from __future__ import annotations

from pathlib import Path

import pytest

from conventions.text import normalise_for_search
from etl.document import Document
from etl.manifest import SourceEntry
from etl.mentions import build_mentions, load_topics, sentences, tag_topics
from etl.regions import Gazetteer

ROOT = Path(__file__).resolve().parents[2]


def make_doc(lines: list[str], language: str = "en") -> Document:
    entry = SourceEntry(source_id="fixture", file="fixture.txt", title="t", publisher="p", year_published=2024,
                        language=language, data_years="2024", terms="not stated", original="f", sha256="0" * 64)
    return Document(entry=entry, path=Path("fixture.txt"), raw_lines=lines, lines=lines, lost=[0] * len(lines))


@pytest.fixture(scope="module")
def topics() -> dict[str, list[str]]:
    return load_topics(ROOT / "data" / "reference" / "topics.toml")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(ROOT / "data" / "reference")


def test_wrapped_lines_join_into_sentences_that_keep_their_start_line() -> None:
    doc = make_doc(["Intro line without end", "continues here. Second sentence", "ends on line three.", "",
                    "22 23", "Region\t42,4%\t57,6%"])
    assert sentences(doc) == [
        sentences(doc)[0].__class__(1, "Intro line without end continues here."),
        sentences(doc)[0].__class__(2, "Second sentence ends on line three."),
        sentences(doc)[0].__class__(6, "Region | 42,4% | 57,6%"),
    ]


def test_hyphenation_across_lines_is_undone() -> None:
    doc = make_doc(["зафиксирована дея-", "тельность 217 391 волонтёра."], "ru")
    assert sentences(doc)[0].text == "зафиксирована деятельность 217 391 волонтёра."


@pytest.mark.parametrize("text,lang,expected", [
    ("Grants of 20,000 tenge were paid.", "en", [20000]),
    ("The report counts 217 391 volunteers.", "en", [217391]),
    ("Женщины составляют 42,4% волонтёров.", "ru", [42.4]),
    ("The contribution was 2.6 billion KZT.", "en", [2.6e9]),
    ("Вклад составил 3 млрд. 456 млн. тенге.", "ru", [3.456e9]),
    ("The network ran seven projects.", "en", [7]),
])
def test_mentions_capture_every_numeric_form(text, lang, expected, gazetteer, topics) -> None:
    rows = build_mentions({"fixture": make_doc([text], lang)}, gazetteer, topics)
    assert len(rows) == 1
    assert rows[0]["numbers"] == pytest.approx(expected)


def test_page_number_lines_are_not_mentions(gazetteer, topics) -> None:
    assert build_mentions({"fixture": make_doc(["22 23", "", "7"])}, gazetteer, topics) == []


def test_topics_in_both_languages(topics) -> None:
    assert tag_topics("В 2023 году 217 391 волонтёр", topics) == ["volunteers"]
    assert set(tag_topics("State grants of 2.6 billion tenge to NGOs", topics)) == {"ngos", "funding"}
    assert tag_topics("The building has 12 floors", topics) == ["other"]


def test_regions_are_tagged(gazetteer, topics) -> None:
    rows = build_mentions({"fixture": make_doc(["В Карагандинской области 1 200 волонтёров."], "ru")},
                          gazetteer, topics)
    assert rows[0]["region_codes"] == ["KZ-35"]


@pytest.mark.parametrize("typed", ["217391", "217 391", "217,391", "217\u00a0391"])
def test_search_normalisation_ignores_digit_grouping(typed: str) -> None:
    assert "217391" in normalise_for_search(typed)
    assert normalise_for_search("ВОЛОНТЁР") == "волонтер"
