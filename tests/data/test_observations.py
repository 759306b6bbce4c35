"""Published figures in the built database: oracles across all five documents, and the
consistency rules every observation must satisfy.

The expected values below are test oracles read off the documents by a person; the
pipeline has to find them on its own (specs hold patterns, never values).
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

# (source, indicator, region, year_start, year_end, category, value, qualifier)
ORACLES = [
    ("volunteering-2022", "volunteers_count", "KZ", 2022, 2022, None, 139671, "exact"),
    ("volunteering-2022", "volunteers_count", "KZ", 2022, 2022, "NVN estimate", 174000, "at_least"),
    ("volunteering-2022", "volunteers_count", "KZ", 2021, 2021, None, 116694, "exact"),
    ("volunteering-2022", "volunteers_count", "KZ", 2020, 2020, None, 120000, "more_than"),
    ("volunteering-2022", "volunteer_hours", "KZ", 2022, 2022, None, 1088387, "exact"),
    ("volunteering-2022", "volunteer_hours", "KZ", 2022, 2022, "Art and culture", 49242, "exact"),
    ("volunteering-2022", "volunteer_share_gender", "KZ", 2022, 2022, "female", 54, "exact"),
    ("volunteering-2022", "volunteer_share_gender", "KZ", 2022, 2022, "male", 46, "exact"),
    ("volunteering-2022", "volunteer_share_gender", "KZ-11", 2022, 2022, "female", 52.1, "exact"),
    ("volunteering-2022", "volunteer_share_age", "KZ-75", 2022, 2022, "under 18", 72, "exact"),
    ("volunteering-2022", "volunteer_orgs_count", "KZ", 2022, 2022, None, 660, "exact"),
    ("volunteering-2022", "volunteer_orgs_count", "KZ", 2021, 2021, None, 491, "exact"),
    ("volunteering-2022", "initiative_groups_count", "KZ", 2022, 2022, None, 1834, "exact"),
    ("volunteering-2022", "initiative_groups_count", "KZ", 2021, 2021, None, 1658, "exact"),
    ("volunteering-2022", "volunteer_orgs_share", "KZ-27", 2022, 2022, "of national total", 10.3, "exact"),
    ("volunteering-2022", "volunteer_economic_contribution", "KZ", 2022, 2022,
     "valued at the average monthly salary by type of economic activity", 2.2e9, "range"),
    ("volunteering-2022", "volunteer_economic_contribution", "KZ", 2022, 2022,
     "valued at the average monthly salary by region", 2.6e9, "at_least"),
    ("volunteering-2023", "volunteer_economic_contribution", "KZ", 2023, 2023, "minimum estimate", 3.456e9, "at_least"),
    ("volunteering-2023", "volunteers_count", "KZ", 2023, 2023, None, 217391, "exact"),
    ("volunteering-2023", "volunteers_count", "KZ", 2023, 2023, None, 240000, "at_least"),
    ("volunteering-2023", "volunteers_count", "KZ-79", 2022, 2022, None, 1480, "exact"),
    ("volunteering-2023", "volunteers_count", "KZ-75", 2023, 2023, "students", 20023, "exact"),
    ("volunteering-2023", "volunteers_count", "KZ-43", 2023, 2023, "school pupils", 132, "exact"),
    ("volunteering-2023", "initiative_groups_count", "KZ", 2023, 2023, None, 1882, "exact"),
    ("volunteering-2023", "volunteer_share_gender", "KZ", 2021, 2021, "male", 50.3, "exact"),
    ("volunteering-2023", "survey_respondents", "KZ", 2023, 2023, "registered volunteer organisations", 93, "exact"),
    ("volunteering-2023", "survey_share", "KZ", 2023, 2023, "экологическое волонтёрство", 45, "exact"),
    ("volunteering-2023", "rfo_data_coverage", "KZ", 2021, 2023, None, 40, "range"),
    ("adal-azamat-2025-4", "network_members", "KZ", 2025, 2025, "Civil Alliance of Kazakhstan", 5000, "more_than"),
    ("adal-azamat-2025-4", "ngos_registered", "KZ", 2025, 2025, None, 20000, "more_than"),
    ("adal-azamat-2025-4", "ngos_registered", "KZ-19", 2025, 2025, None, 515, "exact"),
    ("adal-azamat-2025-4", "ngos_new_registrations", "KZ", 2023, 2023, "public associations", 576, "exact"),
    ("adal-azamat-2025-4", "local_initiatives_funding_kzt", "KZ-19", 2024, 2024, None, 1e9, "exact"),
    ("adal-azamat-2025-4", "local_initiatives_funding_kzt", "KZ-19", 2025, 2025, None, 901e6, "exact"),
    ("adal-azamat-2025-4", "public_councils", "KZ-19", 2025, 2025, None, 12, "exact"),
    ("civil-society-30y-2021", "ngos_registered", "KZ", 2021, 2021, None, 22344, "exact"),
    ("civil-society-30y-2021", "ngos_registered", "KZ", 2021, 2021, None, 22000, "more_than"),
    ("civil-society-30y-2021", "state_social_order_kzt", "KZ", 2003, 2021, None, 132.4e9, "exact"),
    ("civil-society-30y-2021", "state_social_order_kzt", "KZ", 2003, 2021, "republican budget", 13.5e9, "exact"),
    ("civil-society-30y-2021", "state_support_total_kzt", "KZ", 1991, 2021, None, 140e9, "more_than"),
    ("civil-society-30y-2021", "public_councils", "KZ", 2021, 2021, None, 249, "exact"),
    ("civil-society-30y-2021", "ngos_active", "KZ", 2021, 2021, None, 17000, "exact"),
    ("civil-society-30y-2021", "volunteers_count", "KZ", 2021, 2021, None, 200000, "approx"),
    ("civil-society-30y-2021", "network_members", "KZ", 2021, 2021, "Union of Crisis Centers of Kazakhstan", 13,
     "exact"),
    ("animals-2025", "best_practices_count", "KZ", 2025, 2025, None, 21, "exact"),
    ("animals-2025", "best_practices_share", "KZ", 2025, 2025, "work with youth", 67, "exact"),
]


@pytest.fixture(scope="module")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(built_db), read_only=True)


@pytest.mark.parametrize("source,indicator,region,start,end,category,value,qualifier", ORACLES,
                         ids=[f"{o[0]}:{o[1]}:{o[2]}:{o[3]}:{o[5]}:{o[6]}" for o in ORACLES])
def test_published_figure(con, source, indicator, region, start, end, category, value, qualifier) -> None:
    rows = con.execute("""
        SELECT value, qualifier FROM observations
        WHERE source_id = ? AND indicator_id = ? AND region_code = ? AND year_start = ? AND year_end = ?
          AND category IS NOT DISTINCT FROM ? AND NOT derived
    """, [source, indicator, region, start, end, category]).fetchall()
    assert (pytest.approx(value), qualifier) in [(v, q) for v, q in rows], rows


def test_oracles_cover_all_five_documents(con) -> None:
    assert {o[0] for o in ORACLES} == {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    assert len(ORACLES) >= 40


def test_every_quote_occurs_at_its_line(con) -> None:
    """The quote starts on its line of the (repaired) text and continues over the next lines."""
    bad = con.execute("""
        WITH doc AS (
            SELECT source_id, line, string_agg(text, chr(10)) OVER (
                PARTITION BY source_id ORDER BY line ROWS BETWEEN CURRENT ROW AND 12 FOLLOWING) AS window_text,
                text AS first_line
            FROM source_lines)
        SELECT o.obs_id FROM observations o JOIN doc USING (source_id, line)
        WHERE NOT o.derived AND (position(o.quote IN doc.window_text) = 0
              OR position(o.quote IN doc.window_text) > length(doc.first_line))
    """).fetchall()
    assert bad == []


def test_no_observation_lacks_source_line_or_quote(con) -> None:
    assert con.execute("""
        SELECT count(*) FROM observations
        WHERE source_id IS NULL OR line IS NULL OR line < 1 OR trim(quote) = ''
    """).fetchone() == (0,)


def test_derived_rows_say_how(con) -> None:
    rows = con.execute("SELECT count(*), count(method) FROM observations WHERE derived").fetchone()
    assert rows[0] > 0 and rows[0] == rows[1]


def test_gender_shares_sum_to_100_per_region(con) -> None:
    off = con.execute("""
        SELECT source_id, region_code, year_start, sum(value) AS total FROM observations
        WHERE indicator_id = 'volunteer_share_gender' AND category IN ('female', 'male') AND NOT derived
        GROUP BY ALL HAVING abs(total - 100) > 0.2
    """).fetchall()
    assert off == []


def test_hours_by_area_sum_to_published_total(con) -> None:
    total, by_area = con.execute("""
        SELECT max(value) FILTER (WHERE category IS NULL),
               sum(value) FILTER (WHERE category IN (SELECT category FROM observations
                                                     WHERE indicator_id = 'volunteer_hours_share'
                                                       AND source_id = 'volunteering-2022'))
        FROM observations
        WHERE indicator_id = 'volunteer_hours' AND source_id = 'volunteering-2022' AND region_code = 'KZ'
          AND year_start = 2022
    """).fetchone()
    assert by_area == pytest.approx(total)


# Documents that give different values for the same thing: both stay, each cited.
CONTRADICTIONS = [
    ("network_members", "Civil Alliance of Kazakhstan", {"civil-society-30y-2021", "adal-azamat-2025-4"}),
    ("network_members", "Union of Crisis Centers of Kazakhstan", {"civil-society-30y-2021"}),
    ("ngos_registered", None, {"civil-society-30y-2021", "adal-azamat-2025-4"}),
]


@pytest.mark.parametrize("indicator,category,sources", CONTRADICTIONS)
def test_contradicting_figures_are_all_kept(con, indicator, category, sources) -> None:
    rows = con.execute("""
        SELECT DISTINCT source_id, value, line FROM observations
        WHERE indicator_id = ? AND category IS NOT DISTINCT FROM ? AND region_code = 'KZ'
    """, [indicator, category]).fetchall()
    assert {r[0] for r in rows} >= sources
    assert len({r[1] for r in rows}) >= 2, "the disagreeing values must both be published"
    assert len({(r[0], r[2]) for r in rows}) >= 2, "each with its own citation"
