"""Unit tests of the peer-practice ranking (qogam/peers.py)."""
from __future__ import annotations

import math
from collections.abc import Iterator

import duckdb
import pytest

from etl.build import SCHEMA
from qogam.peers import haversine_km, peers_for, peers_of, practice_rows, rank

ASTANA = (51.1801, 71.44598)
ALMATY = (43.25249, 76.9115)
OSKEMEN = (49.97143, 82.60586)


def test_haversine_matches_a_known_distance() -> None:
    # Astana - Almaty: about 970 km along the great circle.
    assert haversine_km(*ASTANA, *ALMATY) == pytest.approx(970, abs=15)
    assert haversine_km(*ASTANA, *ASTANA) == 0.0


def animal_practice(pid: str, focus: list[str], point: tuple[float, float]) -> dict:
    """A compendium-like row: every practice has the theme animals; focus areas tell them apart."""
    return {"practice_id": pid, "title": pid, "region_code": "KZ-63", "region_kind": "region",
            "theme_weights": {"animals": 0.1}, "target_weights": {},
            "subtheme_weights": {term: 1.0 for term in focus}, "lat": point[0], "lon": point[1]}


def test_sub_themes_rank_the_practices_of_one_theme() -> None:
    """All compendium practices share `animals`: a far sterilisation project comes before a
    shelter next door for a sterilisation project, and same-sub-theme peers nearest first."""
    me = animal_practice("me", ["sterilization_tnvr"], OSKEMEN)
    candidates = [animal_practice("shelter-near", ["shelter_support"], OSKEMEN),
                  animal_practice("tnvr-far", ["sterilization_tnvr"], ALMATY),
                  animal_practice("tnvr-near", ["sterilization_tnvr"], OSKEMEN)]
    ranked = rank(me, candidates, ["animals"], [], ["sterilization_tnvr"])
    assert [p.practice_id for p in ranked] == ["tnvr-near", "tnvr-far", "shelter-near"]
    assert ranked[0].shared_subthemes == ("sterilization_tnvr",) and ranked[2].shared_subthemes == ()


# --- peers_of / peers_for on a small database with the real schema -------------------------
# Region centroids as in regions.csv (rounded): the oracle's distances follow from them.
REGIONS = [("KZ", "country", 48.16, 67.27), ("KZ-35", "region", 48.67, 73.36), ("KZ-62", "region", 47.64, 67.95),
           ("KZ-71", "city", 51.13, 71.45), ("KZ-75", "city", 43.22, 76.94), ("KZ-47", "region", 44.10, 53.98),
           ("INT", "international", None, None), ("ZZ", "unknown", None, None)]
# (id, region, themes, target groups, city point or None)
SYNTHETIC = [
    ("rights-ramp", "KZ-35", ["disability", "human_rights_law", "civic_participation"], ["persons_with_disabilities"],
     (49.80, 73.10)),
    ("sign-school", "KZ-47", ["disability", "education"], ["persons_with_disabilities", "children"], None),
    ("wheel-club", "KZ-75", ["disability", "sport"], ["persons_with_disabilities"], None),
    # human rights and civic participation are commoner here than disability, as in the catalog
    ("legal-clinic", "KZ-35", ["human_rights_law", "civic_participation"], ["general_public"], (49.80, 73.10)),
    ("watchdog-astana", "KZ-71", ["human_rights_law", "civic_participation"], ["general_public"], None),
    ("women-lawyers", "KZ-35", ["human_rights_law", "women_gender"], ["women"], None),
    ("council-ulytau", "KZ-62", ["civic_participation"], [], None),
    ("tree-day", "KZ-35", ["environment"], ["general_public"], None),
    ("kids-astana", "KZ-71", ["children_youth"], ["children"], None),
    ("kids-ulytau", "KZ-62", ["children_youth"], ["schoolchildren"], None),
    ("kids-almaty", "KZ-75", ["children_youth", "education"], ["children"], None),
    ("kids-national", "KZ", ["children_youth"], ["children"], None),
    ("kids-online", "KZ", ["children_youth"], ["children"], None),
    ("kids-abroad", "INT", ["children_youth"], ["children"], None),
    ("kids-somewhere", "ZZ", ["children_youth"], ["children"], None),
    ("health-karaganda", "KZ-35", ["health"], ["children"], (49.80, 73.10)),
]


@pytest.fixture
def peer_db() -> Iterator[duckdb.DuckDBPyConnection]:
    db = duckdb.connect(":memory:")
    db.execute(SCHEMA.read_text(encoding="utf-8"))
    for code, kind, lat, lon in REGIONS:
        db.execute("INSERT INTO regions (region_code, name_en, name_ru, name_kk, kind, lat, lon) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", [code, code, code, code, kind, lat, lon])
    db.execute("INSERT INTO sources VALUES ('doc', 'Doc', 'Pub', 2024, 'en', '2024', 'x', 'f', 'f', "
               "repeat('a', 64), 9)")
    centroid = {code: (lat, lon) for code, _, lat, lon in REGIONS}
    for pid, code, themes, targets, point in SYNTHETIC:
        lat, lon = point or (centroid[code] if code.startswith("KZ-") else (None, None))
        scope = {"KZ": "national", "INT": "international"}.get(code, "regional")
        db.execute("INSERT INTO practices (practice_id, title, region_code, lat, lon, scope, themes, focus_areas, "
                   "target_groups, summary, links, source_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, [], ?, 's', [], "
                   "'doc', 1)", [pid, pid.title(), code, lat, lon, scope, themes, targets])
    yield db
    db.close()


def test_rarity_is_the_inverse_document_frequency_over_the_catalog(peer_db: duckdb.DuckDBPyConnection) -> None:
    rows = {row["practice_id"]: row for row in practice_rows(peer_db)}
    n = len(SYNTHETIC)
    assert rows["rights-ramp"]["theme_weights"] == pytest.approx(
        {"disability": math.log(n / 3), "human_rights_law": math.log(n / 4), "civic_participation": math.log(n / 4)})
    assert rows["rights-ramp"]["target_weights"] == pytest.approx({"persons_with_disabilities": math.log(n / 3)})
    assert rows["council-ulytau"]["target_weights"] == {}


def test_one_shared_rare_theme_outweighs_two_common_ones(peer_db: duckdb.DuckDBPyConnection) -> None:
    ranked = {p.practice_id: (i, p) for i, p in enumerate(peers_of(peer_db, "rights-ramp"))}
    rank_of_clinic, clinic = ranked["legal-clinic"]
    # the legal clinic shares two themes and works in the same city; the wheelchair club shares
    # one theme, far away. A sum of the weights would put the clinic first: two common themes
    # outweigh one rare one. Rarest first puts disability first.
    weights = {row["practice_id"]: row["theme_weights"] for row in practice_rows(peer_db)}["rights-ramp"]
    assert weights["human_rights_law"] + weights["civic_participation"] > weights["disability"]
    assert clinic.shared_themes == ("civic_participation", "human_rights_law") and clinic.tier == "same_region"
    assert ranked["wheel-club"][0] < rank_of_clinic and ranked["sign-school"][0] < rank_of_clinic


def test_a_disability_rights_initiative_ranks_disability_initiatives_first(peer_db: duckdb.DuckDBPyConnection) -> None:
    ranked = peers_of(peer_db, "rights-ramp")
    first = [p.practice_id for p in ranked]
    # disability first; both disability initiatives share persons_with_disabilities, and Almaty's
    # centroid is nearer Karaganda than Mangystau's. Then the two sharing human rights and civic
    # participation, the same region first; then those sharing one of these (equally common:
    # the same region first).
    assert first == ["wheel-club", "sign-school", "legal-clinic", "watchdog-astana", "women-lawyers",
                     "council-ulytau"]
    assert ranked[0].shared_themes == ("disability",) and ranked[0].shared_targets == ("persons_with_disabilities",)
    assert ranked[0].distance_km == pytest.approx(haversine_km(49.80, 73.10, 43.22, 76.94))
    assert "tree-day" not in first and "rights-ramp" not in first


def test_karaganda_children_youth_nearest_first(peer_db: duckdb.DuckDBPyConnection) -> None:
    ranked = peers_for(peer_db, "KZ-35", "children_youth")
    assert [p.practice_id for p in ranked] == ["kids-astana", "kids-ulytau", "kids-almaty", "kids-national",
                                               "kids-online", "kids-abroad", "kids-somewhere"]
    assert [p.tier for p in ranked] == ["other_region"] * 3 + ["nationwide"] * 2 + ["international", "unstated"]
    assert ranked[0].distance_km == pytest.approx(haversine_km(48.67, 73.36, 51.13, 71.45))
    assert 250 < ranked[0].distance_km < 350
    assert all(p.distance_km is None for p in ranked[3:])
    assert "health-karaganda" not in {p.practice_id for p in ranked}


def test_a_region_with_practices_on_the_theme_lists_them_first(peer_db: duckdb.DuckDBPyConnection) -> None:
    ranked = peers_for(peer_db, "KZ-71", "children_youth", ["children"])
    assert ranked[0].practice_id == "kids-astana" and ranked[0].tier == "same_region"
    assert ranked[0].distance_km == pytest.approx(0.0)
    # sharing the target group outranks nearness: Ulytau's schoolchildren initiative comes after
    # every initiative for children
    assert ranked[-1].practice_id == "kids-ulytau"


def test_a_nationwide_practice_finds_the_nationwide_ones_first(peer_db: duckdb.DuckDBPyConnection) -> None:
    ranked = peers_of(peer_db, "kids-national")
    assert [(p.practice_id, p.tier) for p in ranked] == [
        ("kids-online", "same_region"), ("kids-almaty", "other_region"), ("kids-astana", "other_region"),
        ("kids-abroad", "international"), ("kids-somewhere", "unstated"),   # theme and target group
        ("kids-ulytau", "other_region"),                                     # the theme only
        ("health-karaganda", "other_region"), ("sign-school", "other_region")]   # the target group only
    assert all(p.distance_km is None for p in ranked)                        # nationwide: no point


def test_the_finder_refuses_unknown_origins(peer_db: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(KeyError):
        peers_of(peer_db, "nope")
    for code in ("KZ", "INT", "KZ-99"):
        with pytest.raises(ValueError):
            peers_for(peer_db, code, "children_youth")
