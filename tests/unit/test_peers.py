"""Unit tests of the peer-practice ranking (qogam/peers.py)."""
from __future__ import annotations

import pytest

from qogam.peers import distance_km, haversine_km, rank_peers, similarity


def practice(pid: str, focus: list[str], targets: list[str], lat: float | None, lon: float | None) -> dict:
    return {"practice_id": pid, "focus_areas": focus, "target_groups": targets, "lat": lat, "lon": lon}


ASTANA = (51.1801, 71.44598)
ALMATY = (43.25249, 76.9115)
OSKEMEN = (49.97143, 82.60586)

PRACTICES = [
    practice("me", ["sterilization_tnvr", "education_awareness"], ["low_income_families"], *OSKEMEN),
    practice("twin-far", ["sterilization_tnvr", "education_awareness"], ["low_income_families"], *ALMATY),
    practice("twin-near", ["sterilization_tnvr", "education_awareness"], ["low_income_families"], *OSKEMEN),
    practice("twin-online", ["sterilization_tnvr", "education_awareness"], ["low_income_families"], None, None),
    practice("half", ["sterilization_tnvr"], ["seniors"], *OSKEMEN),
    practice("other", ["wildlife"], ["general_public"], *OSKEMEN),
]


def test_haversine_matches_a_known_distance() -> None:
    # Astana - Almaty: about 970 km along the great circle.
    assert haversine_km(*ASTANA, *ALMATY) == pytest.approx(970, abs=15)
    assert haversine_km(*ASTANA, *ASTANA) == 0.0


def test_similarity_counts_shared_focus_areas_and_target_groups() -> None:
    me, twin, half, other = PRACTICES[0], PRACTICES[1], PRACTICES[4], PRACTICES[5]
    assert similarity(me, twin) == 3
    assert similarity(me, half) == 1
    assert similarity(me, other) == 0


def test_distance_is_none_without_coordinates() -> None:
    assert distance_km(PRACTICES[0], PRACTICES[3]) is None
    assert distance_km(PRACTICES[0], PRACTICES[2]) == pytest.approx(0.0)


def test_rank_by_score_then_distance_missing_coordinates_last() -> None:
    ranked = rank_peers("me", PRACTICES)
    assert [pid for pid, _, _ in ranked] == ["twin-near", "twin-far", "twin-online", "half", "other"]
    assert [score for _, score, _ in ranked] == [3, 3, 3, 1, 0]
    assert ranked[2][2] is None
    assert ranked[1][2] == pytest.approx(haversine_km(*OSKEMEN, *ALMATY))


def test_a_practice_is_not_its_own_peer() -> None:
    assert "me" not in {pid for pid, _, _ in rank_peers("me", PRACTICES)}
    assert len(rank_peers("me", PRACTICES)) == len(PRACTICES) - 1


def test_unknown_practice_is_an_error() -> None:
    with pytest.raises(KeyError):
        rank_peers("nope", PRACTICES)
