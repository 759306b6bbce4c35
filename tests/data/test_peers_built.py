"""The peer finder (qogam/peers.py) on the database the real ETL builds from the five documents.

Issue 14's acceptance: a disability-rights initiative ranks disability initiatives first, and
"Karaganda + children & youth" yields children & youth initiatives, nearest first. The ranking
rules themselves are tested on a small database in tests/unit/test_peers.py.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from qogam.peers import TIERS, haversine_km, peers_for, peers_of

KARAGANDA = "KZ-35"


@pytest.fixture(scope="module")
def con(built_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    db = duckdb.connect(str(built_db), read_only=True)
    yield db
    db.close()


def test_a_disability_rights_initiative_ranks_disability_initiatives_first(con: duckdb.DuckDBPyConnection) -> None:
    rights = con.execute("SELECT practice_id FROM practices WHERE list_contains(themes, 'disability') "
                         "AND list_contains(themes, 'human_rights_law') ORDER BY practice_id").fetchall()
    assert len(rights) >= 2, "fewer than two practices have both the disability and the human-rights theme"
    n_disability = con.execute("SELECT count(*) FROM practices WHERE list_contains(themes, 'disability')").fetchall()
    for (practice_id,) in rights:
        ranked = peers_of(con, practice_id)
        on_disability = ["disability" in p.shared_themes for p in ranked]
        # every disability initiative, then every other one: the women's-rights and civic ones
        # sharing two commoner themes come after all of them
        assert sum(on_disability) == n_disability[0][0] - 1, practice_id
        assert on_disability == sorted(on_disability, reverse=True), (practice_id, ranked)
        assert not all(on_disability), practice_id     # there are others, and they come after


def test_karaganda_children_youth_nearest_first(con: duckdb.DuckDBPyConnection) -> None:
    ranked = peers_for(con, KARAGANDA, "children_youth")
    n_theme = con.execute("SELECT count(*) FROM practices WHERE list_contains(themes, 'children_youth')").fetchall()
    assert len(ranked) == n_theme[0][0] >= 5
    assert all(p.shared_themes == ("children_youth",) and p.shared_targets == () for p in ranked)
    tiers = [TIERS.index(p.tier) for p in ranked]
    assert tiers == sorted(tiers)        # same region, other regions, nationwide, international, unstated
    placed = [p for p in ranked if p.tier in ("same_region", "other_region")]
    assert len(placed) >= 5 and all(p.distance_km is not None for p in placed)
    for tier in ("same_region", "other_region"):
        distances = [p.distance_km for p in placed if p.tier == tier]
        assert distances == sorted(distances), tier
    assert all(p.distance_km is None for p in ranked[len(placed):])
    here = con.execute("SELECT lat, lon FROM regions WHERE region_code = ?", [KARAGANDA]).fetchall()[0]
    points = dict((r[0], r[1:]) for r in con.execute(
        "SELECT practice_id, coalesce(p.lat, r.lat), coalesce(p.lon, r.lon) "
        "FROM practices AS p JOIN regions AS r USING (region_code)").fetchall())
    expected = [haversine_km(*here, *points[p.practice_id]) for p in placed]
    assert [p.distance_km for p in placed] == pytest.approx(expected)


def test_karaganda_itself_comes_first_where_it_has_practices(con: duckdb.DuckDBPyConnection) -> None:
    """Same region first: for a theme with a practice in Karaganda region, the region's own."""
    found = con.execute("SELECT theme, count(*) FROM (SELECT unnest(themes) AS theme FROM practices "
                        "WHERE region_code = ?) GROUP BY theme ORDER BY count(*) DESC, theme LIMIT 1",
                        [KARAGANDA]).fetchall()
    assert found, "no practice in Karaganda region"
    theme, n_here = found[0]
    ranked = peers_for(con, KARAGANDA, theme)
    assert [p.tier for p in ranked[:n_here]] == ["same_region"] * n_here
    assert all(p.region_code == KARAGANDA for p in ranked[:n_here])
    assert all(p.tier != "same_region" for p in ranked[n_here:])
