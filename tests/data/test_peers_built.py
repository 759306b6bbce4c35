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
    assert rights, "no practice has both the disability and the human-rights theme"
    n_disability = con.execute("SELECT count(*) FROM practices WHERE list_contains(themes, 'disability')").fetchall()
    assert n_disability[0][0] >= 3
    for (practice_id,) in rights:
        top = peers_of(con, practice_id)[:3]
        # the first peer works on disability too, and so do most of the first three (a peer sharing
        # two other themes, women and rights, may come between them)
        assert "disability" in top[0].shared_themes, (practice_id, top)
        assert sum("disability" in p.shared_themes for p in top) >= 2, (practice_id, top)


def test_karaganda_children_youth_nearest_first(con: duckdb.DuckDBPyConnection) -> None:
    ranked = peers_for(con, KARAGANDA, "children_youth")
    assert len(ranked) >= 5
    assert all(p.shared_themes == ("children_youth",) for p in ranked)
    tiers = [TIERS.index(p.tier) for p in ranked]
    assert tiers == sorted(tiers)
    centroids = dict(((code, (lat, lon)) for code, lat, lon in
                      con.execute("SELECT region_code, lat, lon FROM regions").fetchall()))
    here = centroids[KARAGANDA]
    between = [haversine_km(*here, *centroids[p.region_code]) for p in ranked if p.tier == "other_region"]
    assert between == sorted(between)
    assert all(p.distance_km is not None for p in ranked if p.tier in ("same_region", "other_region"))
