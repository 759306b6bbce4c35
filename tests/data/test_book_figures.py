"""Every citable figure of the 2021 book is an observation, and every other numeric statement is
set aside with a reason (issue 15, deliverable 1).

The oracles are figures a person read from the book's repaired text (data/raw/civil-society-30y-2021.txt
through etl/repair.py): value, qualifier, region, period, category and the line the quote starts
on. One or more per indicator the book's spec newly uses, and for the kinds of figure the issue
names (organisations by kind, beneficiaries, civic participation, several-country figures).
"""
from __future__ import annotations

from functools import cache

import pytest

from conventions.paths import ROOT
from etl.check import CheckReport, check
from etl.context import make_context
from etl.model import Extract
from etl.specs import apply_spec, load_bases

BOOK = "civil-society-30y-2021"

# (indicator, region, year_start, year_end, category, value, qualifier, line)
ORACLES = [
    ("organizations_by_kind", "KZ", 2021, 2021, "religious associations", 3_738, "exact", 1295),
    ("organizations_by_kind", "KZ", 2021, 2021, "mass media", 3_494, "exact", 1296),
    ("organizations_by_kind", "KZ", 2021, 2021, "large republican associations of trade unions", 3, "exact", 1298),
    ("organizations_by_kind", "KZ", 2021, 2021, "regional volunteering support centres", 17, "exact", 1136),
    ("organizations_by_kind", "KZ", 2021, 2021, "women's CSOs", 100, "more_than", 209),
    ("organizations_by_kind", "KZ", 2021, 2021, "women's CSOs", 100, "more_than", 4896),
    ("religious_confessions", "KZ", 2021, 2021, None, 18, "exact", 1295),
    ("state_social_order_administrators", "KZ", 2021, 2021, "regional departments", 100, "more_than", 956),
    ("state_social_order_administrators", "KZ", 2021, 2021, "city and district departments", 300, "more_than", 957),
    ("state_information_order_kzt", "KZ", 2021, 2021, None, 50_000_000_000, "approx", 6201),
    ("public_councils", "KZ", 2021, 2021, "to be created in subjects of the quasi-public sector", 13, "exact", 1108),
    ("hotline_requests", "KZ", 2005, 2020, "National Hotline for Children and Youth '150': calls",
     2_500_000, "more_than", 4999),
    ("hotline_requests", "KZ", 2020, 2020, "National Hotline '150': complaints about domestic violence, April",
     503, "exact", 5221),
    ("programme_beneficiaries", "KZ", 2021, 2021,
     "crisis centres: women and children given legal advice and psychological assistance, per year",
     20_000, "more_than", 5048),
    ("programme_beneficiaries", "KZ-75", 2020, 2020,
     "Crisis Center for Victims of Domestic Violence: people admitted, minors", 39, "exact", 5231),
    ("programme_beneficiaries", "KZ-75", 2021, 2021, "'Bakytty Otbasy' centres: people registered",
     33_000, "exact", 5090),
    ("programme_beneficiaries", "KZ-61", 2020, 2020,
     "'Sana Sezim': labour migrants and their family members given humanitarian, legal and psychological "
     "assistance", 7_000, "more_than", 5440),
    ("programme_assistance_kzt", "KZ-75", 2021, 2021, "'Bakytty Otbasy' centres: material assistance",
     11_052_000, "exact", 5105),
    ("programme_trainees", "KZ", 2020, 2020, "CSOs Academy: participants", 800, "more_than", 1272),
    ("programme_organisations_reached", "KZ", 2020, 2020,
     "CSOs Academy: organizations that completed the training", 300, "more_than", 1271),
    ("programme_participants", "KZ", 2017, 2021, "Makeathon TOM: inventors taking part", 495, "exact", 7077),
    ("programme_participants", "INT", 2016, 2021,
     "P4I 'Amazing People' portal: visitors from Central Asia and Azerbaijan", 798_132, "exact", 4073),
    ("programme_participants", "INT", 2016, 2021, "P4I: active members of civil society involved",
     2_000, "at_least", 4077),
    ("programme_participants_share", "INT", 2018, 2021,
     "CSO Web Academy: students from the target countries of Central Asia", 97, "exact", 4127),
    ("programme_regions", "KZ", 2021, 2021,
     "'Citizens Participation in Decision-Making': regions where the project ran", 5, "exact", 7860),
    ("practice_figure", "KZ", 2017, 2021, "Makeathon TOM: makeathons held", 11, "exact", 7068),
    ("international_grant_projects", "INT", 2016, 2021, "P4I small grants", 101, "exact", 442),
    ("international_grant_projects", "INT", 2016, 2021, "P4I small grants", 101, "exact", 4084),
    ("network_members", "KZ", 2021, 2021, "Civil Alliance of Kazakhstan: coalitions created on its basis",
     7, "exact", 4631),
    ("network_members", "INT", 2021, 2021, "Central Asian Network of Women with Disabilities", 60, "approx", 6560),
    ("elected_representatives", "KZ", 2020, 2020, "deputies from among people with disabilities elected",
     10, "more_than", 6689),
    ("petition_signatures", "KZ-75", 2008, 2019, "open letter against the Kok-Zhailau ski resort",
     30_000, "more_than", 5925),
    ("political_parties", "KZ", 1990, 1995, "opposition parties in parliament", 7, "range", 1634),
    ("parliament_opposition_share", "KZ", 1990, 1995, None, 30, "exact", 1592),
    ("survey_share", "INT", 2007, 2007, "women with disabilities who have never tried to find a job",
     20, "exact", 6563),
    ("survey_share", "KZ", 2020, 2020, "SMT patients: unemployed", 12, "exact", 5687),
    ("volunteers_awarded", "INT", 2020, 2020, "International Volunteer of the Year Award", 48, "exact", 1179),
    # numbers written as words
    ("ngos_active", "KZ", 1991, 1991, None, 24, "approx", 1289),
    ("survey_share", "KZ", 2017, 2017,
     "NGOs' contribution to the country's development: found it difficult to answer", 20, "approx", 8326),
    ("programme_participants_share", "KZ", 2020, 2020,
     "National Hotline '150', spring 2020: women callers with two or three children", 50, "approx", 5226),
    ("practice_figure", "INT", 2016, 2021, "Partnership for Innovations (P4I): countries of the participating CSOs",
     6, "exact", 221),
]


@cache
def extract() -> Extract:
    ctx = make_context(ROOT)
    return apply_spec(ctx.docs[BOOK], ctx.indicators, ctx.gazetteer)


@cache
def report() -> CheckReport:
    return check(ROOT, BOOK)


@pytest.mark.parametrize("oracle", ORACLES, ids=lambda o: f"{o[0]}:{o[1]}:{o[7]}")
def test_book_figure_is_an_observation(oracle: tuple) -> None:
    indicator, region, year_start, year_end, category, value, qualifier, line = oracle
    found = [o for o in extract().observations
             if (o.indicator_id, o.region_code, o.year_start, o.year_end, o.category, o.line)
             == (indicator, region, year_start, year_end, category, line)]
    assert len(found) == 1, found
    assert found[0].value == pytest.approx(value)
    assert found[0].qualifier == qualifier


def test_range_keeps_its_upper_bound() -> None:
    parties = [o for o in extract().observations if o.indicator_id == "political_parties"]
    assert [(o.value, o.value_high) for o in parties] == [(7, 8)]


def test_every_book_observation_says_how_it_was_counted() -> None:
    observations = extract().observations
    assert len(observations) > 100
    assert {o.basis for o in observations} <= set(load_bases())
    register = [o for o in observations if o.basis == "register_data"]
    assert sorted(o.value for o in register) == [4.8, 22_344]


def test_several_country_figures_are_not_coded_as_kazakhstan() -> None:
    p4i = [o for o in extract().observations if o.category and o.category.startswith(("P4I", "CSO Web Academy"))]
    assert len(p4i) >= 12
    assert {o.region_code for o in p4i} == {"INT"}


def test_union_of_crisis_centers_keeps_both_member_counts() -> None:
    union = [o for o in extract().observations if o.category == "Union of Crisis Centers of Kazakhstan"]
    assert sorted((o.value, o.line) for o in union) == [(13, 380), (19, 4962)]
    regions = [o for o in extract().observations
               if o.category == "Union of Crisis Centers of Kazakhstan: regions of its members"]
    assert sorted((o.value, o.line) for o in regions) == [(11, 380), (12, 4962)]


def test_check_leaves_no_uncovered_statement_outside_the_exclusions() -> None:
    result = report()
    assert result.ok, [e.entry_id for e in result.entries if not e.ok] + [x.reason for x in result.excluded if not x.ok]
    assert [(s.line, s.numbers) for s in result.uncovered] == []
    assert sum(len(x.statements) for x in result.excluded) > 250


def test_every_exclusion_has_a_reason_and_sets_aside_what_it_expects() -> None:
    excluded = report().excluded
    assert excluded and all(x.reason and x.statements for x in excluded)
    assert all(x.expected == len(x.lines) for x in excluded)
    demography = [x for x in excluded if x.reason.startswith("general statistics out of scope")]
    assert len(demography) == 1 and 6520 in {s.line for s in demography[0].statements}


def test_key_figures_name_the_practice_they_are_about() -> None:
    makeathon = [o for o in extract().observations if o.practice_id == "makeathon-tom-kazakhstan"]
    assert sorted(o.value for o in makeathon) == [3, 11, 22, 87, 97, 495]
    assert {o.practice_id for o in extract().observations if (o.category or "").startswith("'Bakytty Otbasy'")} \
        == {"bakytty-otbasy-centers"}
