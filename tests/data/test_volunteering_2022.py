"""Extraction of the analytical report on volunteering 2022: tables, prose spec, derived rows.

The oracles below were read off data/raw/volunteering-2022.txt by hand; the consistency
checks (shares adding to 100, hours by area adding to the published total) hold in the
report itself, so a failure means a misread number or a shifted row, not a bad report.
"""
from __future__ import annotations

import dataclasses

import pytest

from conventions.errors import EtlError
from conventions.paths import ROOT
from etl.context import BuildContext
from etl.derived import NATIONAL_SHARE, derive
from etl.document import Document, load_document
from etl.manifest import load_manifest
from etl.model import Extract, Observation
from etl.regions import Gazetteer
from etl.sources.volunteering_2022 import tables
from etl.specs import apply_spec, load_indicators

SOURCE = "volunteering-2022"
RAW = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
KZ, ALMATY_CITY, ASTANA, KYZYLORDA, MANGYSTAU, PAVLODAR, KOSTANAY = (
    "KZ", "KZ-75", "KZ-71", "KZ-43", "KZ-47", "KZ-55", "KZ-39")
POST_2022_REGIONS = {"KZ-10", "KZ-33", "KZ-62"}  # Abai, Zhetysu, Ulytau


@pytest.fixture(scope="module")
def ctx() -> BuildContext:
    entries = load_manifest(RAW)
    doc = load_document(RAW, next(e for e in entries if e.source_id == SOURCE))
    return BuildContext(root=ROOT, entries=entries, gazetteer=Gazetteer.load(REFERENCE),
                        indicators=load_indicators(REFERENCE / "indicators"), docs={SOURCE: doc})


@pytest.fixture(scope="module")
def doc(ctx: BuildContext) -> Document:
    return ctx.docs[SOURCE]


@pytest.fixture(scope="module")
def spec(ctx: BuildContext, doc: Document) -> Extract:
    return apply_spec(doc, ctx.indicators, ctx.gazetteer)


@pytest.fixture(scope="module")
def table(ctx: BuildContext, doc: Document) -> Extract:
    return tables.extract(doc, ctx)


@pytest.fixture(scope="module")
def observations(spec: Extract, table: Extract) -> list[Observation]:
    return spec.observations + table.observations


@pytest.fixture(scope="module")
def derived(ctx: BuildContext, observations: list[Observation]) -> list[Observation]:
    return derive(observations, {r["region_code"]: r["kind"] for r in ctx.gazetteer.regions})


def only(observations: list[Observation], indicator: str, region: str, year: int | tuple[int, int],
         category: str | None = None, line: int | None = None) -> Observation:
    """The single observation with these coordinates (failing when none or several match)."""
    start, end = (year, year) if isinstance(year, int) else year
    hits = [o for o in observations if (o.indicator_id, o.region_code, o.year_start, o.year_end, o.category)
            == (indicator, region, start, end, category) and (line is None or o.line == line)]
    assert len(hits) == 1, f"{indicator} {region} {year} {category}: {len(hits)} observations"
    return hits[0]


@pytest.mark.parametrize("indicator, region, year, category, value, qualifier", [
    ("volunteers_count", KZ, 2022, None, 139671, "exact"),
    ("volunteers_count", KZ, 2022, "NVN estimate", 174000, "at_least"),
    ("volunteers_count", KZ, 2021, None, 116694, "exact"),
    ("volunteers_count", KZ, 2020, None, 120000, "more_than"),
    ("volunteer_hours", KZ, 2022, None, 1088387, "exact"),
    ("volunteer_orgs_count", KZ, 2022, None, 660, "exact"),
    ("volunteer_orgs_count", KZ, 2021, None, 491, "exact"),
    ("initiative_groups_count", KZ, 2022, None, 1834, "exact"),
    ("initiative_groups_count", KZ, 2021, None, 1658, "exact"),
    ("volunteer_share_gender", KZ, 2022, "female", 54, "exact"),
    ("volunteer_share_gender", MANGYSTAU, 2022, "female", 57.6, "exact"),
    ("volunteer_share_gender", KYZYLORDA, 2022, "male", 56.6, "exact"),
    ("volunteer_orgs_share", PAVLODAR, 2022, "within region", 4.4, "exact"),
    ("initiative_groups_share", PAVLODAR, 2022, NATIONAL_SHARE, 28.4, "exact"),
    ("volunteers_change", MANGYSTAU, (2021, 2022), None, 201, "exact"),
    ("volunteers_change", ALMATY_CITY, (2021, 2022), None, -46, "exact"),
    ("volunteers_change", KOSTANAY, (2021, 2022), None, -47, "exact"),
    ("volunteer_share_age", KYZYLORDA, 2022, "18-29", 90, "exact"),
    ("volunteer_share_age", ALMATY_CITY, 2022, "under 18", 72, "exact"),
    ("volunteer_share_employment", ALMATY_CITY, 2022, "schoolchildren", 63.2, "exact"),
    ("volunteer_hours", KZ, 2022, "Birgemiz: Úmit", 316158, "exact"),
    ("volunteer_hours_share", KZ, 2022, "Media", 0.02, "exact"),
    ("volunteer_hours_region_share", ASTANA, 2022, "Birgemiz: Ayala", 95.07, "exact"),
    ("volunteer_economic_contribution", KZ, 2022, "valued at the average monthly salary by region",
     2.6e9, "at_least"),
    ("volunteer_hours", KZ, 2022, "CISC grant projects", 45182, "at_least"),
    ("volunteer_hours", PAVLODAR, 2022, "NGO «Zhas Ulan»", 7000, "at_least"),
    ("info_center_requests", KZ, 2022, "on volunteering", 2500, "approx"),
])
def test_published_figures(observations: list[Observation], indicator: str, region: str,
                           year: int | tuple[int, int], category: str | None, value: float,
                           qualifier: str) -> None:
    obs = only(observations, indicator, region, year, category)
    assert obs.value == pytest.approx(value) and obs.qualifier == qualifier


def test_ranges_keep_both_bounds(observations: list[Observation]) -> None:
    money = only(observations, "volunteer_economic_contribution", KZ, 2022,
                 "valued at the average monthly salary by type of economic activity")
    assert (money.value, money.value_high, money.unit) == (2.2e9, 2.6e9, "KZT")
    reports = only(observations, "volunteers_count", KZ, (2020, 2021))
    assert (reports.value, reports.value_high, reports.qualifier) == (180000, 200000, "range")


def test_band_table_marks_read_through_the_legend(table: Extract) -> None:
    kostanay_umit = only(table.observations, "volunteer_events_share", KOSTANAY, 2022, "Birgemiz: Úmit",
                         line=next(o.line for o in table.observations if o.quote.startswith("Kostanay region\tX")))
    assert (kostanay_umit.value, kostanay_umit.qualifier) == (25, "more_than")
    astana_bilim = only(table.observations, "volunteer_events_share", ASTANA, 2022, "Birgemiz: Bilim",
                        line=next(o.line for o in table.observations if o.quote.startswith("Astana city\t\tX")))
    assert (astana_bilim.value, astana_bilim.qualifier) == (5, "less_than")


def test_a_blank_band_cell_is_the_range_between_the_two_bounds(table: Extract) -> None:
    """The legend marks more than 25% and less than 5%; a blank cell lies between (issue 15)."""
    astana_ayala = only(table.observations, "volunteer_events_share", ASTANA, 2022, "Birgemiz: Ayala",
                        line=next(o.line for o in table.observations if o.quote.startswith("Astana city\t\tX")))
    assert (astana_ayala.value, astana_ayala.value_high, astana_ayala.qualifier) == (5, 25, "range")
    bands = [o for o in table.observations if o.indicator_id == "volunteer_events_share" and "banded" in o.note]
    assert len(bands) == 17 * 11  # every cell of the 17 rows and 11 areas, blank ones included


def _by_region(observations: list[Observation], indicator: str, category: str) -> dict[str, float]:
    return {o.region_code: o.value for o in observations
            if o.indicator_id == indicator and o.category == category and o.region_code != KZ
            and o.value is not None}


def test_gender_table_has_the_17_pre_2022_units_summing_to_100(table: Extract) -> None:
    male = _by_region(table.observations, "volunteer_share_gender", "male")
    female = _by_region(table.observations, "volunteer_share_gender", "female")
    assert len(male) == len(female) == 17 and male.keys() == female.keys()
    assert not male.keys() & POST_2022_REGIONS
    for region in male:
        assert male[region] + female[region] == pytest.approx(100, abs=0.2), region


def test_organisation_table_rows_and_columns_sum_to_100(table: Extract) -> None:
    orgs = _by_region(table.observations, "volunteer_orgs_share", "within region")
    groups = _by_region(table.observations, "initiative_groups_share", "within region")
    assert len(orgs) == 16 and orgs.keys() == groups.keys() and ALMATY_CITY not in orgs
    for region in orgs:
        assert orgs[region] + groups[region] == pytest.approx(100, abs=0.2), region
    # Each region's share of the national totals: the published column sums are 99.8 and 100.2.
    for indicator in ("volunteer_orgs_share", "initiative_groups_share"):
        assert sum(_by_region(table.observations, indicator, NATIONAL_SHARE).values()) == pytest.approx(100, abs=0.25)


def test_almaty_citys_absent_row_is_a_gap_not_an_observation(table: Extract, doc: Document) -> None:
    assert not [o for o in table.observations if o.value is None or o.qualifier == "missing"]
    [gap] = table.gaps
    assert (gap.line, gap.caption) == (197, "Almaty city has not provided data on the number of initiative groups.")
    assert gap.caption in doc.lines[gap.line - 1] and gap.would_show.startswith("Almaty:")
    assert all(o.basis == "front_office_count" for o in table.observations)


def test_hours_by_area_add_up_to_the_published_total(observations: list[Observation]) -> None:
    total = only(observations, "volunteer_hours", KZ, 2022).value
    by_area = [o for o in observations if o.indicator_id == "volunteer_hours" and o.category in tables.AREAS]
    shares = [o for o in observations if o.indicator_id == "volunteer_hours_share" and o.category in tables.AREAS]
    assert len(by_area) == len(shares) == 11
    assert sum(o.value for o in by_area) == total
    assert sum(o.value for o in shares) == pytest.approx(100, abs=0.2)


def test_unrecorded_examples_add_up_to_the_published_addition(observations: list[Observation]) -> None:
    """The report's +258991 hours is the sum of the unrecorded work it lists (L508-526)."""
    listed = ["UNICEF Kazakhstan and NVN joint programmes", "Republican project «Zhenis»",
              "VII Congress of Leaders of World and Traditional Religions",
              "NVN volunteers at socially-oriented and event-related events", "Public Foundation «28 loops»",
              "Headquarters of the Humanitarian Support of Ukraine", "CISC grant projects"]
    parts = [only(observations, "volunteer_hours", KZ, 2022, c).value for c in listed]
    parts.append(only(observations, "volunteer_hours", PAVLODAR, 2022, "NGO «Zhas Ulan»").value)
    assert sum(parts) == only(observations, "volunteer_hours", KZ, 2022,
                              "not counted by the RFO (listed examples)").value


def test_every_quote_occurs_at_its_line(doc: Document, spec: Extract, observations: list[Observation],
                                        derived: list[Observation]) -> None:
    for obs in observations + derived:
        found = doc.text.find(obs.quote, doc.offset_of(obs.line))
        assert obs.quote and found >= 0 and doc.line_of(found) == obs.line, (obs.line, obs.quote)
    for gap in spec.gaps:
        found = doc.text.find(gap.caption, doc.offset_of(gap.line))
        assert found >= 0 and doc.line_of(found) == gap.line, (gap.line, gap.caption)


def test_keys_units_and_indicators_are_valid(ctx: BuildContext, observations: list[Observation],
                                             derived: list[Observation]) -> None:
    rows = observations + derived
    assert len({o.key() for o in rows}) == len(rows)
    for obs in rows:
        assert obs.unit == ctx.indicators[obs.indicator_id].unit, obs.indicator_id
        assert obs.value is not None and obs.qualifier != "missing" and obs.basis
        assert obs.unit != "percent" or obs.value is None or 0 <= obs.value <= 100


def test_gaps_name_the_lost_charts(spec: Extract) -> None:
    captions = {g.caption.split("\n")[0] for g in spec.gaps}
    assert len(spec.gaps) == 12
    assert "Proportion of Volunteers by Region According to RFO Network Data, 2022 (%)" in captions
    assert "Proportion of Volunteer Hours by Region in 2022 According to RFO Network Data" in captions


def test_derived_counts_multiply_share_by_the_base_the_table_covers(derived: list[Observation],
                                                                     table: Extract) -> None:
    """Issue 15: 660 organisations include Almaty city, absent from the table; the report implies the
    table's base through its 74.3% of initiative groups among the associations without Almaty city:
    1834 x 25.7 / 74.3 = 634.4. Counts are rounded to the digits their share supports."""
    assert len(derived) == 32 and all(o.derived and o.method and o.basis == "derived" for o in derived)
    pavlodar = only(derived, "initiative_groups_count", PAVLODAR, 2022)
    assert pavlodar.value == 521  # 28.4% x 1834 = 520.86, three digits
    share = only(table.observations, "initiative_groups_share", PAVLODAR, 2022, NATIONAL_SHARE)
    assert (pavlodar.line, pavlodar.quote, pavlodar.source_id) == (share.line, share.quote, SOURCE)
    assert "28.4%" in pavlodar.method and "1834" in pavlodar.method
    kyzylorda = only(derived, "volunteer_orgs_count", KYZYLORDA, 2022)
    assert kyzylorda.value == 28  # 4.4% x 634.4 = 27.9, two digits
    assert "74.3" in kyzylorda.method and "634.4" in kyzylorda.method and "660" in kyzylorda.method
    assert "KZ-75" in kyzylorda.method and "1834" in kyzylorda.method
    assert only(derived, "volunteer_orgs_count", "KZ-47", 2022).value == 5  # 0.8% x 634.4 = 5.07, one digit
    assert ALMATY_CITY not in {o.region_code for o in derived}


def _without_line(doc: Document, starts_with: str) -> Document:
    """A copy of the document with the first line starting with `starts_with` removed."""
    n = next(i for i, line in enumerate(doc.lines) if line.startswith(starts_with))
    lines = doc.lines[:n] + doc.lines[n + 1:]
    return dataclasses.replace(doc, raw_lines=lines, lines=lines, lost=[0] * len(lines))


@pytest.mark.parametrize("row, rule", [
    ("Kyzylorda region\t56,6%", "table-gender"),
    ("Pavlodar region\t4,4%", "table-organizations"),
    ("8. Birgemiz: Bilim", "table-area-hours"),
    ("Turkistan region\tX", "table-event-bands"),
])
def test_a_missing_table_row_stops_the_build(ctx: BuildContext, doc: Document, row: str, rule: str) -> None:
    broken = _without_line(doc, row)
    with pytest.raises(EtlError) as info:
        tables.extract(broken, ctx)
    assert info.value.rule == rule and info.value.file == doc.file


def test_a_changed_header_stops_the_build(ctx: BuildContext, doc: Document) -> None:
    lines = [line.replace("Female volunteers", "Women") for line in doc.lines]
    broken = dataclasses.replace(doc, raw_lines=lines, lines=lines)
    with pytest.raises(EtlError) as info:
        tables.extract(broken, ctx)
    assert info.value.rule == "table-gender"
