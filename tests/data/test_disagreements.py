"""Issue 15 acceptance: how each figure was counted, restatements, and where sources disagree.

The oracle values are read off the documents by hand (data/raw/*.txt); the groups are found by
the one interval rule of etl/disagreements.py, never listed in a spec.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.disagreements import Interval, disagreements, half_unit, interval


@pytest.fixture(scope="module")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def group_of(con: duckdb.DuckDBPyConnection, source_id: str, line: int, value: float,
             rule: str = "values") -> set[str]:
    """The disagreement groups (of `rule`) of the observation stated at `line` with `value`."""
    rows = con.execute("""
        SELECT d.group_id FROM disagreements d JOIN observations o USING (obs_id)
        WHERE o.source_id = ? AND o.line = ? AND o.value = ? AND d.rule = ?""",
                       [source_id, line, value, rule]).fetchall()
    return {g for (g,) in rows}


@pytest.mark.parametrize(("first", "second"), [
    # 2023: the front offices' count against the estimate "не менее 240 000"
    (("volunteering-2023", 250, 217391), ("volunteering-2023", 134, 240000)),
    # 2023 volunteer organisations: the front offices' 609 against the ministry's "более 680"
    (("volunteering-2023", 393, 609), ("volunteering-2023", 389, 680)),
    # the 2021 book: 13 and 19 members of the Union of Crisis Centers
    (("civil-society-30y-2021", 380, 13), ("civil-society-30y-2021", 4962, 19)),
    # the 2022 report's text (63.9% of Astana's events environmental) against its own table (< 5%)
    (("volunteering-2022", 280, 63.9), ("volunteering-2022", 356, 5)),
])
def test_each_listed_pair_is_in_one_disagreement_group(con: duckdb.DuckDBPyConnection,
                                                       first: tuple, second: tuple) -> None:
    shared = group_of(con, *first) & group_of(con, *second)
    assert len(shared) == 1, (first, second)


def test_astanas_event_shares_summing_past_100_are_a_group(con: duckdb.DuckDBPyConnection) -> None:
    """63.9% (text) + more than 25% + three cells of 5-25% (table) cannot all hold."""
    [(group, rule, members)] = con.execute("""
        SELECT group_id, rule, count(*) FROM disagreements d JOIN observations o USING (obs_id)
        WHERE rule = 'shares_sum' AND o.region_code = 'KZ-71' GROUP BY ALL""").fetchall()
    assert rule == "shares_sum" and members >= 5
    assert group in group_of(con, "volunteering-2022", 280, 63.9, "shares_sum")


def test_the_restated_volunteer_count_points_at_its_first_statement(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("""
        SELECT o.line, f.line FROM observations o LEFT JOIN observations f ON o.restates = f.obs_id
        WHERE o.source_id = 'volunteering-2023' AND o.indicator_id = 'volunteers_count'
          AND o.value = 217391 ORDER BY o.line""").fetchall()
    assert rows == [(250, None), (1854, 250)]
    # A restatement is no member of a group: its first statement stands for it.
    assert not con.execute("""SELECT * FROM disagreements d JOIN observations o USING (obs_id)
                              WHERE o.restates IS NOT NULL""").fetchall()


def test_no_observation_without_a_basis_of_the_vocabulary(con: duckdb.DuckDBPyConnection) -> None:
    assert con.execute("""SELECT count(*) FROM observations o LEFT JOIN bases b ON o.basis = b.basis_id
                          WHERE b.basis_id IS NULL""").fetchone() == (0,)
    basis = dict(con.execute("""SELECT line, basis FROM observations WHERE source_id = 'volunteering-2023'
                                AND indicator_id IN ('volunteers_count', 'volunteer_orgs_count')
                                AND line IN (134, 250, 389, 393)""").fetchall())
    assert basis == {134: "expert_estimate", 250: "front_office_count", 389: "ministry_report",
                     393: "front_office_count"}
    assert con.execute("SELECT DISTINCT basis FROM observations WHERE derived").fetchall() == [("derived",)]


# --- the interval rule on its own ---------------------------------------------------------

def row(obs_id: str, value: float, qualifier: str, value_high: float | None = None, **key: object) -> dict:
    base = {"obs_id": obs_id, "indicator_id": "volunteers_count", "region_code": "KZ", "year_start": 2023,
            "year_end": 2023, "category": None, "practice_id": None, "source_id": "s", "value": value,
            "value_high": value_high, "qualifier": qualifier}
    return base | key


def test_intervals_follow_the_qualifiers() -> None:
    assert interval(row("a", 13, "exact")) == Interval(12.5, 13.5, high_open=True)
    assert interval(row("a", 63.9, "exact")) == Interval(63.85, pytest.approx(63.95), high_open=True)
    assert half_unit(660) == 5
    assert interval(row("a", 200000, "approx")) == Interval(180000, 220000)
    assert interval(row("a", 680, "more_than")).low_open
    assert interval(row("a", 20, "at_least", 25)).low == 20
    assert interval(row("a", 5, "less_than")) == Interval(0, 5, high_open=True)


def test_values_that_can_all_hold_make_no_group() -> None:
    rows = [row("a", 217391, "exact"), row("b", 200000, "more_than"), row("c", 220000, "up_to"),
            row("d", 230000, "approx")]
    assert disagreements(rows, {}, set()) == []
    clash = disagreements(rows + [row("e", 240000, "at_least")], {}, set())
    assert {r["obs_id"] for r in clash} == {"a", "c", "e"}


def test_two_different_exact_counts_disagree_even_when_their_roundings_touch() -> None:
    """The book's Union of Crisis Centers: members from 11 regions (line 380), from 12 (line 4962)."""
    assert {r["obs_id"] for r in disagreements([row("a", 11, "exact"), row("b", 12, "exact")], {}, set())} == {
        "a", "b"}


def test_different_periods_or_categories_are_never_compared() -> None:
    rows = [row("a", 10, "exact", year_start=2025, year_end=2025),
            row("b", 30, "more_than", year_start=2022, year_end=2025),
            row("c", 10, "exact", category="female"), row("d", 30, "exact", category="male")]
    assert disagreements(rows, {}, set()) == []


def test_the_review_fixes_of_qualifiers_hold_in_the_database(con: duckdb.DuckDBPyConnection) -> None:
    """Issue 15, deliverable 8: "exceeded 500" is more_than; "at least 20%-25%" is at-least a range."""
    assert con.execute("""SELECT value, qualifier FROM observations WHERE source_id = 'animals-2025'
                          AND line = 545 AND category = 'people reached'""").fetchall() == [(500, "more_than")]
    assert con.execute("""SELECT value, value_high, qualifier FROM observations WHERE source_id = 'volunteering-2022'
                          AND indicator_id = 'rfo_undercount' AND line = 74""").fetchall() == [(20, 25, "at_least")]
    assert con.execute("SELECT count(*) FROM observations WHERE value IS NULL").fetchone() == (0,)
    assert con.execute("""SELECT line FROM gaps WHERE source_id = 'volunteering-2022'
                          AND caption LIKE 'Almaty city has not provided%'""").fetchall() == [(197,)]
