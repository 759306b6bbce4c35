"""The per-source folders and the topic-grouped indicator files keep to their layout rules."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conventions.errors import EtlError
from conventions.paths import ROOT
from etl.manifest import load_manifest
from etl.source_folders import HOOKS, SOURCES_DIR, code_files, folder_name, hook, source_package, spec_path
from etl.specs import load_indicators

INDICATORS = ROOT / "data" / "reference" / "indicators"
MANIFEST_IDS = [e.source_id for e in load_manifest(ROOT / "data" / "raw")]
# Oracle: which source needs which hook today (what the shared modules used to name by id).
EXPECTED_HOOKS = {
    "volunteering-2022": {"extract"},
    "volunteering-2023": {"extract", "region_sections", "read_region_visits"},
    "animals-2025": {"read_practices"},
    "civil-society-30y-2021": set(),
    "adal-azamat-2025-4": set(),
}


def test_every_source_of_the_manifest_has_one_folder_with_its_id() -> None:
    folders = {p.name for p in SOURCES_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == {folder_name(s) for s in MANIFEST_IDS}
    for source_id in MANIFEST_IDS:
        assert source_id == source_package(source_id).SOURCE_ID
        spec = tomllib.loads(spec_path(source_id).read_text(encoding="utf-8"))
        assert spec["source_id"] == source_id


def test_hooks_are_found_where_a_source_defines_them() -> None:
    assert {s: {h for h in HOOKS if hook(s, h)} for s in MANIFEST_IDS} == EXPECTED_HOOKS
    assert [p.name for p in code_files("volunteering-2023")] == ["tables.py", "visits.py"]
    assert code_files("adal-azamat-2025-4") == [] and code_files("no-such-source") == []
    assert hook("no-such-source", "extract") is None
    with pytest.raises(ValueError):
        hook("volunteering-2022", "no_such_hook")


def test_indicators_are_filed_by_topic() -> None:
    indicators = load_indicators(INDICATORS)
    assert {i.topic for i in indicators.values()} == {p.stem for p in INDICATORS.glob("*.toml")}


def test_an_indicator_in_another_topic_file_stops_the_build(tmp_path: Path) -> None:
    text = (INDICATORS / "ngos.toml").read_text(encoding="utf-8")
    (tmp_path / "volunteers.toml").write_text(text, encoding="utf-8")
    with pytest.raises(EtlError) as err:
        load_indicators(tmp_path)
    assert err.value.rule == "indicator-topic" and "belongs in ngos.toml" in err.value.message
