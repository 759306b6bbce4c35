"""The hand-written reference tables (data/reference/*.toml) and the aliases file built from them agree."""
from __future__ import annotations

from conventions.codes import COUNTRY
from conventions.paths import REFERENCE_DIR
from etl.place_names import kazakh_cyrillic, ru_adjective, ru_noun
from etl.reference_tables import cities, pseudo_regions, region_aliases, region_names
from etl.regions import FLAG_QUALIFIED, FLAG_RESOLVE_ONLY, normalize
from etl.text import read_csv_rows

ALIASES = {(row["alias"], row["region_code"]): row["note"]
           for row in read_csv_rows(REFERENCE_DIR / "region_aliases.csv", ("alias", "region_code", "lang", "note"))}
CODES = {row["region_code"] for row in read_csv_rows(REFERENCE_DIR / "regions.csv", ("region_code",))}


def test_every_hand_written_spelling_is_in_the_generated_aliases_file() -> None:
    spellings = region_aliases()
    assert len(spellings) > 500
    missing = [a for a in spellings if (normalize(a.alias), a.region_code) not in ALIASES]
    assert missing == []


def test_every_city_spelling_is_in_the_aliases_file_under_its_region() -> None:
    found = cities()
    assert {c.expected for c in found} <= CODES - {COUNTRY}
    missing = [(name, c.expected) for c in found for _, names in c.names for name in names
               if (normalize(name), c.expected) not in ALIASES]
    assert missing == []


def test_flags_reach_the_notes() -> None:
    notes = {a.note for a in region_aliases()}
    assert any(n.startswith(FLAG_QUALIFIED) for n in notes) and any(n.startswith(FLAG_RESOLVE_ONLY) for n in notes)
    assert ALIASES[("abai", "KZ-10")].startswith(FLAG_QUALIFIED)
    assert ALIASES[("nationwide", COUNTRY)].startswith(FLAG_RESOLVE_ONLY)


def test_region_names_cover_every_region_of_regions_csv() -> None:
    regions, country = region_names()
    assert set(regions) | {COUNTRY} | set(pseudo_regions()) == CODES
    assert {code: info["kind"] for code, info in pseudo_regions().items()} == {"INT": "international", "ZZ": "unknown"}
    assert regions["KZ-75"]["name_ru"] == "Алматы" and regions["KZ-27"]["name_ru"] is None
    assert kazakh_cyrillic(country["romanised_kk"]) == "Қазақстан"


def test_generated_russian_forms() -> None:
    assert ru_noun("Шымкент") == ["Шымкент", "Шымкента", "Шымкенту", "Шымкентом", "Шымкенте"]
    assert ru_noun("Костанай") == ["Костанай", "Костаная", "Костанаю", "Костанаем", "Костанае"]
    assert ru_adjective("абайск", other=False) == ["абайская", "абайской", "абайскую", "абайскою"]
    assert kazakh_cyrillic("Qaraghandy oblysy") == "Қарағанды облысы"
