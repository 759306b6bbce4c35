"""The "Where sources disagree" section's view model: every group, named, its members in words."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from qogam import disagreement_views


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_every_group_is_listed_with_its_members_basis_and_quote(built_db: Path, lang: str) -> None:
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        expected = dict(con.execute("SELECT group_id, count(*) FROM disagreements GROUP BY 1").fetchall())
    finally:
        con.close()
    groups = disagreement_views.groups(lang)
    assert {g.group_id: g.members.height for g in groups} == expected
    for group in groups:
        assert group.rule in ("values", "shares_sum") and group.title
        assert all(group.members.to_dicts()), group.group_id  # no empty cell: value, basis, quote all shown


def test_the_2023_volunteers_group_shows_both_values_with_their_basis(built_db: Path) -> None:
    [group] = [g for g in disagreement_views.groups("en") if g.group_id == "values|volunteers_count|KZ|2023"]
    rows = {r["How counted"]: r["Value"] for r in group.members.to_dicts()}
    assert rows == {"regional front-office count": "217,391\u00a0people",
                    "expert estimate": "≥\u00a0240,000\u00a0people"}
    assert group.title == "Volunteers · Kazakhstan · 2023"
