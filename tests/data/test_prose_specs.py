"""Prose specs of the magazine, the book and the animals compendium, run on the real documents.

The oracles below are figures read by a person from the published text (value, region, year,
qualifier); the specs must yield exactly these, each quoting its source line verbatim.
"""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from conventions.errors import EtlError
from conventions.paths import ROOT
from etl.document import Document, load_document
from etl.manifest import load_manifest
from etl.model import Extract, Observation
from etl.regions import Gazetteer
from etl.specs import Indicator, apply_spec, load_indicators

MAGAZINE = "adal-azamat-2025-4"
BOOK = "civil-society-30y-2021"
ANIMALS = "animals-2025"
SOURCES = (MAGAZINE, BOOK, ANIMALS)

# (source, indicator, region, year_start, year_end, category, value, qualifier)
ORACLES = [
    (MAGAZINE, "ngos_registered", "KZ", 2025, 2025, None, 20_000, "more_than"),
    (MAGAZINE, "ngos_new_registrations", "KZ", 2022, 2022, "public associations", 483, "exact"),
    (MAGAZINE, "ngos_new_registrations", "KZ", 2023, 2023, "public associations", 576, "exact"),
    (MAGAZINE, "ngos_new_registrations", "KZ", 2024, 2024, "public associations", 700, "more_than"),
    (MAGAZINE, "ngos_registered", "KZ-19", 2025, 2025, "foundations", 195, "exact"),
    (MAGAZINE, "ngos_active", "KZ-31", 2025, 2025, None, 200, "approx"),
    (MAGAZINE, "public_councils", "KZ-19", 2025, 2025, None, 12, "exact"),
    (MAGAZINE, "network_members", "KZ", 2025, 2025, "Civil Alliance of Kazakhstan", 5_000, "more_than"),
    (MAGAZINE, "network_members", "KZ-11", 2025, 2025, "Civil Alliance of Akmola region", 200, "approx"),
    (MAGAZINE, "local_initiatives_funding_kzt", "KZ-19", 2024, 2024, None, 1_000_000_000, "exact"),
    (MAGAZINE, "local_initiatives_funding_kzt", "KZ-19", 2025, 2025, None, 901_000_000, "exact"),
    (MAGAZINE, "international_grants_eur", "KZ", 2023, 2023,
     "EU 2023 Call to Support Civil Society: grant per initiative", 400_000, "exact"),
    (MAGAZINE, "volunteers_count", "KZ", 2019, 2019, "Medical Youth: Arys explosion response", 200, "exact"),
    (BOOK, "ngos_registered", "KZ", 2021, 2021, None, 22_344, "exact"),
    (BOOK, "ngos_active_share", "KZ", 2021, 2021, None, 73.5, "exact"),
    (BOOK, "ngos_active", "KZ", 2021, 2021, None, 17_000, "exact"),
    (BOOK, "public_councils", "KZ", 2021, 2021, None, 249, "exact"),
    (BOOK, "public_council_members", "KZ", 2021, 2021, "representatives of civil society", 2_482, "exact"),
    (BOOK, "state_support_total_kzt", "KZ", 1991, 2021, None, 140_000_000_000, "more_than"),
    (BOOK, "state_social_order_kzt", "KZ", 2003, 2021, None, 132_400_000_000, "exact"),
    (BOOK, "state_social_order_kzt", "KZ", 2003, 2021, "republican budget", 13_500_000_000, "exact"),
    (BOOK, "state_social_order_kzt", "KZ", 2003, 2021, "local budgets", 118_900_000_000, "exact"),
    (BOOK, "state_grant_projects", "KZ", 2016, 2021, None, 450, "more_than"),
    (BOOK, "funding_growth_factor", "KZ", 2016, 2021, "state grant projects (volume)", 7.2, "exact"),
    (BOOK, "cso_awards", "KZ", 2017, 2020, "awardee CSOs", 223, "exact"),
    (BOOK, "volunteers_count", "KZ", 2021, 2021, None, 200_000, "approx"),
    (BOOK, "volunteer_orgs_count", "KZ", 2021, 2021, "registered on QazVolunteer.kz", 3_000, "more_than"),
    (BOOK, "network_members", "KZ", 2021, 2021,
     "Federation of Trade Unions of Kazakhstan: primary trade unions", 48_000, "exact"),
    (ANIMALS, "best_practices_count", "KZ", 2025, 2025, None, 21, "exact"),
    (ANIMALS, "best_practices_count", "KZ", 2025, 2025, "socially vulnerable groups", 7, "exact"),
    (ANIMALS, "best_practices_share", "KZ", 2025, 2025, "work with youth", 67, "exact"),
]


@cache
def _context() -> tuple[dict[str, Document], dict[str, Indicator], Gazetteer]:
    raw = ROOT / "data" / "raw"
    docs = {e.source_id: load_document(raw, e) for e in load_manifest(raw) if e.source_id in SOURCES}
    indicators = load_indicators(ROOT / "data" / "reference" / "indicators")
    return docs, indicators, Gazetteer.load(ROOT / "data" / "reference")


@cache
def extract(source_id: str) -> Extract:
    docs, indicators, gazetteer = _context()
    return apply_spec(docs[source_id], indicators, gazetteer)


def find(source_id: str, indicator: str, region: str, year_start: int, year_end: int,
         category: str | None) -> list[Observation]:
    return [o for o in extract(source_id).observations
            if (o.indicator_id, o.region_code, o.year_start, o.year_end, o.category)
            == (indicator, region, year_start, year_end, category)]


@pytest.mark.parametrize("oracle", ORACLES, ids=lambda o: f"{o[0]}:{o[1]}:{o[2]}:{o[3]}:{o[5]}")
def test_spec_yields_published_figure(oracle: tuple) -> None:
    source_id, indicator, region, year_start, year_end, category, value, qualifier = oracle
    found = [o for o in find(source_id, indicator, region, year_start, year_end, category)
             if o.value == pytest.approx(value)]
    assert len(found) == 1, found
    assert found[0].qualifier == qualifier


@pytest.mark.parametrize("source_id", SOURCES)
def test_every_quote_occurs_at_its_line(source_id: str) -> None:
    doc = _context()[0][source_id]
    observations = extract(source_id).observations
    assert observations
    for obs in observations:
        at = doc.text.find(obs.quote, doc.offset_of(obs.line))
        assert at >= 0 and doc.line_of(at) == obs.line, (obs.quote, obs.line)


@pytest.mark.parametrize("source_id", SOURCES)
def test_observation_keys_are_unique_and_units_match_indicators(source_id: str) -> None:
    indicators = _context()[1]
    observations = extract(source_id).observations
    assert len({o.key() for o in observations}) == len(observations)
    assert all(o.unit == indicators[o.indicator_id].unit for o in observations)


# The indicators first needed by the magazine, the book and the compendium (they were filed in
# civil_society.toml before the indicators were grouped by topic).
CIVIL_SOCIETY_INDICATORS = {"ngos_active_share", "ngos_share_of_legal_entities", "cso_employees",
                            "funding_growth_factor", "volunteering_growth_factor", "local_initiatives_projects",
                            "international_grants_eur", "international_grant_projects", "best_practices_count",
                            "best_practices_share"}


def test_civil_society_indicators_are_new_and_named_in_three_languages() -> None:
    directory = ROOT / "data" / "reference" / "indicators"
    ours = CIVIL_SOCIETY_INDICATORS
    assert ours and all(len([p for p in directory.glob("*.toml") if i in _ids_in(p)]) == 1 for i in ours)
    indicators = load_indicators(directory)
    assert all(indicators[i].name_en and indicators[i].name_ru and indicators[i].name_kk for i in ours)


def _ids_in(path: Path) -> set[str]:
    return {item["id"] for item in tomllib.loads(path.read_text(encoding="utf-8"))["indicator"]}


def test_book_contradiction_on_crisis_centers_union_keeps_both_figures() -> None:
    union = find(BOOK, "network_members", "KZ", 2021, 2021, "Union of Crisis Centers of Kazakhstan")
    assert sorted(o.value for o in union) == [13, 19]
    assert len({o.line for o in union}) == 2


def test_civil_alliance_member_counts_of_book_and_magazine_both_present() -> None:
    category = "Civil Alliance of Kazakhstan"
    book = find(BOOK, "network_members", "KZ", 2021, 2021, category)
    magazine = find(MAGAZINE, "network_members", "KZ", 2025, 2025, category)
    assert sorted((o.value, o.qualifier) for o in book) == [(3000, "approx"), (3000, "more_than")]
    assert [(o.value, o.qualifier) for o in magazine] == [(5000, "more_than")]


def test_book_lost_charts_are_recorded_as_gaps() -> None:
    gaps = extract(BOOK).gaps
    social_order = [g for g in gaps if "2003-2020" in g.would_show]
    grants = [g for g in gaps if "2016-2021" in g.would_show]
    assert len(social_order) == 1 and social_order[0].topic == "funding"
    assert "state social order" in " ".join(social_order[0].caption.split())
    assert len(grants) == 1 and "Number of Projects" in grants[0].caption


def test_book_gaps_for_lost_digits_point_at_lost_characters() -> None:
    doc = _context()[0][BOOK]
    lost = [g for g in extract(BOOK).gaps if "digits lost" in g.would_show]
    assert len(lost) >= 5
    for gap in lost:
        span = doc.lost[gap.line - 1: gap.line + gap.caption.count("\n")]
        assert "\u2423" in gap.caption and sum(span) > 0, gap


def _write_spec(path: Path, pattern: str) -> Path:
    path.write_text(
        f'source_id = "{MAGAZINE}"\nbasis = "unstated"\n\n[[figure]]\nid = "probe"\nindicator = "network_members"\n'
        f'region = "Kazakhstan"\nyear = 2025\npattern = \'\'\'{pattern}\'\'\'\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(("pattern", "count"), [
    (r"website has received (?P<value>over [\d,]+) search requests", 2),  # body text and its pull-quote
    (r"covers (?P<value>more than [\d,]+) imaginary organizations", 0),
], ids=["twice", "never"])
def test_pattern_matching_other_than_once_stops_the_build(tmp_path: Path, pattern: str, count: int) -> None:
    docs, indicators, gazetteer = _context()
    spec = _write_spec(tmp_path / f"{MAGAZINE}.toml", pattern)
    with pytest.raises(EtlError) as err:
        apply_spec(docs[MAGAZINE], indicators, gazetteer, path=spec)
    assert err.value.rule == "spec-match-count"
    assert "probe" in err.value.message and f"matched {count} times" in err.value.message
