"""The magazine "Adal Azamat" #4 2025 in the built database: its figures and its initiatives.

The oracles below were read off the magazine by a person (value, qualifier, region, years):
the spec must yield each of them with a quote found on its line. Every numeric statement of
the magazine is either such a figure or one of the spec's documented exclusions (`etl check`),
and every initiative the issue names comes out of practices.toml with its region, a theme and
a source line that prints its name or its organisation.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conventions.paths import ROOT
from etl.check import check

SOURCE = "adal-azamat-2025-4"

# (indicator, region, year_start, year_end, category or None, value, qualifier): one per new
# indicator at least, plus the figures written as words and the ones about several countries.
FIGURES = [
    ("social_service_providers", "KZ", 2024, 2024, "government organizations", 502, "exact"),
    ("social_service_providers", "KZ", 2024, 2024, "NGOs", 122, "exact"),
    ("social_service_facilities", "KZ", 2024, 2024, None, 1_023, "exact"),
    ("association_member_families", "KZ", 2025, 2025, "Union of Parents of Children with Disabilities",
     50_000, "more_than"),
    ("ngo_registration_days", "KZ", 2025, 2025, None, 5, "exact"),
    ("cooperation_agreements", "KZ", 2025, 2025, "«Atamnyn Amanaty» with foreign partners", 100, "more_than"),
    ("cooperation_agreements", "KZ-31", 2025, 2025, "Civil Alliance of Zhambyl Region with local businesses", 2,
     "exact"),
    ("working_groups", "KZ", 2025, 2025, "draft law «On Non-Governmental Organizations»", 2, "exact"),
    ("working_group_members", "KZ", 2025, 2025, "draft law «On Non-Governmental Organizations»", 100, "approx"),
    ("local_communities", "KZ-19", 2025, 2025, None, 131, "exact"),
    ("local_communities", "KZ-19", 2025, 2025, None, 136, "exact"),
    ("akim_elections", "KZ-19", 2021, 2025, "electoral campaigns", 166, "exact"),
    ("akim_elections", "KZ-19", 2025, 2025, "rural districts voting on one day", 11, "exact"),
    ("akim_election_turnout", "KZ-19", 2025, 2025, None, 64.1, "exact"),
    ("maslihat_deputy_inquiries", "KZ-19", 2025, 2025, None, 174, "exact"),
    ("rural_akims_incomplete_terms_share", "KZ", 2025, 2025, None, 50, "approx"),
    ("programme_beneficiaries", "KZ-71", 2025, 2025,
     "children with autism: «ORDA» Public Association of Parents of Children with Autism", 600, "more_than"),
    ("programme_beneficiaries", "KZ", 2021, 2021,
     "people helped: Birgemiz: Saulq project (Medical Youth volunteers)", 30_000, "approx"),
    ("programme_beneficiaries", "KZ-19", 2024, 2024, "women from vulnerable groups: women's empowerment programme "
     "of the PF «Sustainable Development of Local Communities»", 1_400, "more_than"),
    ("programme_beneficiaries", "KZ-61", 2023, 2025,
     "women: «Dara Urpaq» public association (small grants for rural civil society)", 30, "exact"),
    ("programme_beneficiary_families", "KZ-71", 2024, 2024, "families supported at home by social workers: «ORDA»",
     365, "exact"),
    ("programme_participants", "INT", 2025, 2025, "5th EU–Central Asia Civil Society Forum", 150, "more_than"),
    ("programme_participants", "KZ", 2024, 2024, "first Republican Ball for medical youth (Medical Youth)", 500,
     "exact"),
    ("programme_participants", "KZ", 2019, 2025, "young people reached by military-patriotic education "
     "activities («Atamnyn Amanaty»)", 2_000_000, "more_than"),
    ("programme_trainees", "KZ", 2024, 2024, "Rule of Law Academy (EU-funded): civil society representatives", 42,
     "exact"),
    ("programme_trainees", "KZ-19", 2025, 2025, "women: «Karasai Ana zhuregi» association of mothers with many "
     "children", 3_000, "more_than"),
    ("programme_events", "INT", 2022, 2025, "«Time for Good Deeds» international forum: sessions", 7, "exact"),
    ("programme_events", "KZ-61", 2025, 2025, "family and gender policy project (Civil Alliance of Turkistan "
     "Region): seminars and training sessions", 13, "exact"),
    ("programme_events", "KZ-19", 2025, 2025, "mobile consultations in villages, with NGOs", 24, "at_least"),
    ("programme_organisations_reached", "KZ-31", 2025, 2025, "Jambyl Civil Hub (resource centre for NGOs)", 256,
     "exact"),
    ("programme_regions", "KZ", 2024, 2024, "Rule of Law Academy (EU-funded)", 13, "exact"),
    ("projects_implemented", "KZ-31", 2025, 2025, "Civil Alliance of Zhambyl Region", 50, "approx"),
    ("projects_implemented", "KZ-31", 2021, 2021, "Civil Alliance of Zhambyl Region: national-level projects", 1,
     "exact"),
    ("grants_awards_kzt", "KZ-61", 2021, 2021, "«EcoMeken» ecological reality show (Khabar TV): first-place grant",
     10_000_000, "exact"),
    ("international_grants_eur", "INT", 2024, 2025,
     "EU Civil Society Facility in Central Asia (total budget, five countries)", 4_500_000, "exact"),
    ("ngos_registered", "KZ-31", 2025, 2025, None, 2_000, "at_least"),
    ("network_members", "KZ", 2025, 2025, "Assembly of the People of Kazakhstan: ethnocultural associations", 200,
     "at_least"),
    ("practice_figure", "KZ", 2019, 2025, "Kazakh soldiers whose burial sites and names were identified "
     "(«Atamnyn Amanaty»)", 4_000, "more_than"),
]

# (practice id, region code, one of its themes, a word of its name or organisation on its line)
INITIATIVES = [
    ("civil-alliance-of-kazakhstan-network", "KZ", "ngo_capacity", "Civil Alliance of Kazakhstan"),
    ("civil-alliance-of-almaty-region-network", "KZ-19", "civic_participation", "Civil Alliance of Almaty Region"),
    ("civil-alliance-of-akmola-region-network", "KZ-11", "ngo_capacity", "Civil Alliance of Akmola region"),
    ("civil-alliance-of-turkistan-region-legal-consultations", "KZ-61", "human_rights_law",
     "Civil Alliance of Turkistan Region"),
    ("civil-alliance-of-zhambyl-region-network", "KZ-31", "ngo_capacity", "Zhambyl Regional Civil Alliance"),
    ("medical-youth-volunteering", "KZ", "health", "Medical Youth"),
    ("medical-volunteer-schools", "KZ", "health", "medical volunteer schools"),
    ("dreams-come-true", "KZ", "children_youth", "Dreams Come True"),
    ("medical-youth-arys-response", "KZ-61", "emergencies", "Arys"),
    ("eco-cashback", "KZ-61", "environment", "Eco Cashback"),
    ("eco-evolution", "KZ-61", "environment", "Eco Evolution"),
    ("jambyl-civil-hub", "KZ-31", "ngo_capacity", "Jambyl Civil Hub"),
    ("turkistan-rural-cso-small-grants", "KZ-61", "ngo_capacity", "state social order"),
    ("nature-cannot-speak-for-itself", "KZ-61", "environment", "Nature Cannot Speak for Itself"),
    ("village-park-sauran", "KZ-61", "environment", "Village Park"),
    ("eu-civil-society-facility-central-asia", "INT", "ngo_capacity", "EU Civil Society Facility in Central Asia"),
    ("rule-of-law-academy", "KZ", "human_rights_law", "Rule of Law Academy"),
    ("enable-energy-efficient-city", "KZ", "environment", "ENABLE"),
    ("eu-2023-call-to-support-civil-society", "KZ", "ngo_capacity", "Call to Support Civil Society"),
    ("time-for-good-deeds-forum", "INT", "disability", "Time for Good Deeds"),
    ("orda-autism-center", "KZ-71", "disability", "ORDA"),
    ("atamnyn-amanaty-search-for-fallen-soldiers", "KZ", "culture_heritage", "Atamnyn Amanaty"),
    ("zoo-community-alliance-almaty", "KZ-75", "animals", "Zoo-Community Alliance"),
    ("special-hearts-kz-fashion-theater", "ZZ", "disability", "Special Hearts KZ"),
]

# Practices another document lists that the magazine describes again: one row, a mention here.
SAME_AS = [("birgemiz-saulyq", "Birgemiz: Saulq"), ("union-of-crisis-centers-network", "Union of Crisis Centers")]


@pytest.fixture(scope="module")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(built_db), read_only=True)


@pytest.mark.parametrize("indicator, region, start, end, category, value, qualifier", FIGURES)
def test_each_oracle_figure_is_one_observation_quoting_its_line(con: duckdb.DuckDBPyConnection, indicator: str,
                                                                 region: str, start: int, end: int,
                                                                 category: str | None, value: float,
                                                                 qualifier: str) -> None:
    rows = con.execute(
        "SELECT o.value, o.qualifier, o.quote, o.basis, l.text FROM observations o "
        "JOIN source_lines l ON l.source_id = o.source_id AND l.line = o.line "
        "WHERE o.source_id = ? AND o.indicator_id = ? AND o.region_code = ? AND o.year_start = ? "
        "AND o.year_end = ? AND o.category IS NOT DISTINCT FROM ? AND o.value = ?",
        [SOURCE, indicator, region, start, end, category, value]).fetchall()
    assert rows, f"no {indicator} of {value} for {region} {start}-{end} ({category})"
    for found_value, found_qualifier, quote, basis, line_text in rows:
        assert (found_value, found_qualifier) == (value, qualifier)
        assert basis
        assert quote.split()[0] in line_text


def test_figures_about_several_countries_are_not_coded_as_kazakhstan(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT category, region_code FROM observations WHERE source_id = ? "
                       "AND (category LIKE '%Central Asia%' OR category LIKE '%Time for Good Deeds%')",
                       [SOURCE]).fetchall()
    assert sorted(rows) == [("5th EU–Central Asia Civil Society Forum", "INT"),
                            ("EU Civil Society Facility in Central Asia (total budget, five countries)", "INT"),
                            ("«Time for Good Deeds» international forum: sessions", "INT")]


def test_every_magazine_observation_has_a_basis_and_a_known_practice(con: duckdb.DuckDBPyConnection) -> None:
    assert con.execute("SELECT count(*) FROM observations WHERE source_id = ? AND basis IS NULL",
                       [SOURCE]).fetchall() == [(0,)]
    dangling = con.execute("SELECT o.practice_id FROM observations o LEFT JOIN practices p USING (practice_id) "
                           "WHERE o.source_id = ? AND o.practice_id IS NOT NULL AND p.practice_id IS NULL",
                           [SOURCE]).fetchall()
    assert dangling == []
    bases = dict(con.execute("SELECT basis, count(*) FROM observations WHERE source_id = ? GROUP BY basis",
                             [SOURCE]).fetchall())
    assert {"organisation_report", "ministry_report", "register_data", "programme_records"} <= set(bases)


def test_check_leaves_no_numeric_statement_outside_figures_and_exclusions() -> None:
    report = check(ROOT, SOURCE)
    assert report.ok, [(e.entry_id, e.problem) for e in report.entries if not e.ok]
    assert [(s.line, s.numbers) for s in report.uncovered] == []
    excluded = {s.line for x in report.excluded for s in x.statements}
    assert all(x.reason for x in report.excluded)
    # Dates, the table of contents, the region's economy and demography are left out on purpose...
    assert {5, 48, 681, 1177}.issubset(excluded)
    # ...but no civil-society figure: these lines carry observations, not exclusions.
    assert excluded.isdisjoint({296, 322, 346, 421, 804, 856, 936, 1140, 1410, 1470})


@pytest.mark.parametrize("practice_id, region, theme, name", INITIATIVES)
def test_each_named_initiative_has_region_theme_and_a_line_printing_its_name(
        con: duckdb.DuckDBPyConnection, practice_id: str, region: str, theme: str, name: str) -> None:
    rows = con.execute("SELECT region_code, themes, source_id FROM practices WHERE practice_id = ?",
                       [practice_id]).fetchall()
    assert len(rows) == 1, practice_id
    region_code, themes, source_id = rows[0]
    assert (region_code, source_id) == (region, SOURCE)
    assert theme in themes
    lines = con.execute("SELECT l.text FROM practice_mentions m JOIN source_lines l "
                        "ON l.source_id = m.source_id AND l.line BETWEEN m.line AND m.end_line "
                        "WHERE m.practice_id = ? AND m.source_id = ?", [practice_id, SOURCE]).fetchall()
    assert any(name.casefold() in text.casefold() for (text,) in lines), (practice_id, name)


def test_every_magazine_practice_has_a_theme_and_a_line_with_its_title_words_or_organisation(
        con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "SELECT p.practice_id, p.themes, p.title, o.name, "
        "string_agg(l.text, ' ') FROM practices p LEFT JOIN organizations o USING (org_id) "
        "JOIN practice_mentions m ON m.practice_id = p.practice_id AND m.source_id = p.source_id "
        "JOIN source_lines l ON l.source_id = m.source_id AND l.line BETWEEN m.line AND m.end_line "
        "WHERE p.source_id = ? GROUP BY ALL", [SOURCE]).fetchall()
    assert len(rows) >= 70
    for practice_id, themes, title, organization, text in rows:
        assert themes, practice_id
        folded = " ".join(text.casefold().split())
        title_words = [w for w in title.casefold().replace("«", " ").replace("»", " ").split() if len(w) > 3]
        assert all(w in folded for w in title_words) or (organization and organization.casefold() in folded), \
            practice_id


@pytest.mark.parametrize("practice_id, name", SAME_AS)
def test_practices_of_other_documents_get_the_magazine_passage_as_a_mention(
        con: duckdb.DuckDBPyConnection, practice_id: str, name: str) -> None:
    rows = con.execute("SELECT p.source_id, l.text FROM practice_mentions m JOIN practices p USING (practice_id) "
                       "JOIN source_lines l ON l.source_id = m.source_id AND l.line = m.line "
                       "WHERE m.practice_id = ? AND m.source_id = ?", [practice_id, SOURCE]).fetchall()
    assert len(rows) == 1
    source_id, text = rows[0]
    assert source_id != SOURCE
    assert name in text


def test_figures_the_magazine_states_again_restate_their_first_statement(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT o.indicator_id, o.line, first.line FROM observations o "
                       "JOIN observations first ON first.obs_id = o.restates WHERE o.source_id = ? "
                       "ORDER BY o.line, o.indicator_id", [SOURCE]).fetchall()
    # the akim's events and local communities, the Ambassador's Rule of Law Academy, ORDA's children
    assert rows == [("programme_events", 836, 802), ("local_communities", 848, 828),
                    ("programme_regions", 932, 926), ("programme_trainees", 932, 926),
                    ("programme_beneficiaries", 1026, 978)]


def test_the_akims_two_counts_of_local_communities_are_one_disagreement(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT d.group_id, o.value, o.line FROM disagreements d JOIN observations o USING (obs_id) "
                       "WHERE o.source_id = ? ORDER BY o.line", [SOURCE]).fetchall()
    assert len({group for group, _, _ in rows}) == 1
    assert [(value, line) for _, value, line in rows] == [(136, 828), (131, 856)]
