"""Acceptance tests of the best-practice catalog and the organisation directory (etl/catalog.py)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from conventions.errors import EtlError
from etl.build import validate_observations
from etl.catalog import Catalog, build_catalog
from etl.context import BuildContext, make_context
from etl.sources.animals_2025.compendium import locate_practices
from qogam.peers import peers_of

# Oracle: title fragment -> region code, as the compendium's "Region:" lines state them
# (nationwide and online practices, and the one whose region is not stated, are 'KZ').
EXPECTED_REGIONS = {
    "Veterinary Service": "KZ-31",          # Zhambyl Region (Taraz)
    "Humane Care": "KZ-63",                 # East Kazakhstan (Oskemen)
    "Give a Paw": "KZ-63",
    "Senior Friend": "KZ-63",
    "Kindness in Every Paw": "KZ-71",       # Astana
    "Kind Hearts": "KZ-39",                 # Kostanay Region (Rudny)
    "Koshkin Dom": "KZ-39",                 # Kostanay Region (Lisakovsk)
    "Kis-kis": "KZ",                        # national
    "Kotobusiki": "KZ-75",                  # Almaty
    "Stop Homeless Cats": "KZ-75",
    "Ömir Fest": "KZ-75",
    "TNVR": "KZ-47",                        # Mangystau Region (Umit Mangistau)
    "I Love Animals": "KZ",                 # nationwide, partners in 15 cities
    "Heart to Paw": "KZ-79",                # Shymkent
    "Save Me": "KZ-11",                     # Akmola Region (Stepnogorsk)
    "Assessment of the Stray Animal Problem": "KZ",
    "Tailed Destinies": "KZ",
    "Adoptly": "KZ",                        # digital space
    "Animal Law": "KZ-71",                  # Astana (national impact)
    "Tasbaqa": "KZ",                        # southern and western regions
    "Time to Hear Those Who Cannot Speak": "KZ",   # region not stated
}
OSKEMEN_STERILIZATION = {"Humane Care", "Give a Paw", "Senior Friend"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\+?\d[\d ()-]{8,}\d")
KZ_LAT, KZ_LON = (40.5, 55.5), (46.5, 87.5)


@pytest.fixture(scope="module")
def ctx() -> BuildContext:
    return make_context()


@pytest.fixture(scope="module")
def catalog(ctx: BuildContext) -> Catalog:
    return build_catalog(ctx)


def compendium(catalog: Catalog) -> list[dict]:
    """The compendium's practices (the other documents' are tested with their sources)."""
    return [p for p in catalog.practices if p["source_id"] == "animals-2025"]


def by_title(catalog: Catalog, fragment: str) -> dict:
    found = [p for p in compendium(catalog) if fragment.casefold() in p["title"].casefold()]
    assert len(found) == 1, f"{fragment!r} matches {[p['title'] for p in found]}"
    return found[0]


def test_21_practices_each_once_in_its_region(catalog: Catalog) -> None:
    assert len(compendium(catalog)) == 21
    assert len({p["practice_id"] for p in catalog.practices}) == len(catalog.practices)
    all_ids = {p["practice_id"] for p in compendium(catalog)}
    assert {by_title(catalog, t)["practice_id"] for t in EXPECTED_REGIONS} == all_ids
    assert {t: by_title(catalog, t)["region_code"] for t in EXPECTED_REGIONS} == EXPECTED_REGIONS


def test_catalog_and_profile_lines_point_at_the_practice(catalog: Catalog, ctx: BuildContext) -> None:
    lines = ctx.docs["animals-2025"].lines
    for p in compendium(catalog):
        assert p["line"] < p["profile_line"]
        assert p["summary"] in "\n".join(lines[p["line"] - 1:p["profile_line"] - 1])
    assert by_title(catalog, "Humane Care")["line"] == 133
    assert by_title(catalog, "Humane Care")["profile_line"] == 429


def test_each_practice_has_its_entry_and_profile_passages(catalog: Catalog, ctx: BuildContext) -> None:
    lines = ctx.docs["animals-2025"].lines
    for p in compendium(catalog):
        passages = sorted((m["role"], m["line"], m["end_line"]) for m in catalog.practice_mentions
                          if m["practice_id"] == p["practice_id"] and m["source_id"] == "animals-2025")
        assert [(role, line) for role, line, _ in passages] == [("entry", p["line"]), ("profile", p["profile_line"])]
        for _, line, end in passages:
            assert line < end and lines[end - 1].strip(), p["practice_id"]
        assert passages[0][2] < p["profile_line"]
    humane = by_title(catalog, "Humane Care")["practice_id"]
    entry = [(m["line"], m["end_line"]) for m in catalog.practice_mentions if m["practice_id"] == humane
             and m["role"] == "entry"]
    assert (humane, entry) == ("humane-care", [(133, 143)])


def test_cities_have_coordinates_inside_kazakhstan(catalog: Catalog) -> None:
    with_city = [p for p in compendium(catalog) if p["city"]]
    assert len(with_city) >= 12
    for p in with_city:
        assert KZ_LAT[0] <= p["lat"] <= KZ_LAT[1] and KZ_LON[0] <= p["lon"] <= KZ_LON[1], p["practice_id"]
    assert by_title(catalog, "Save Me")["city"] == "Stepnogorsk"


def test_nationwide_and_online_practices_have_no_point(catalog: Catalog) -> None:
    for p in compendium(catalog):
        if p["scope"] == "online" or p["region_code"] == "KZ":
            assert p["lat"] is None and p["lon"] is None and p["city"] is None, p["practice_id"]
    assert by_title(catalog, "Adoptly")["scope"] == "online"
    assert by_title(catalog, "Kis-kis")["scope"] == "national"
    assert by_title(catalog, "TNVR")["scope"] == "regional"
    assert by_title(catalog, "Humane Care")["scope"] == "local"


def test_every_practice_is_classified(catalog: Catalog) -> None:
    for p in compendium(catalog):
        assert p["themes"] == ["animals"], p["practice_id"]      # focus areas are sub-themes of animals
        assert p["focus_areas"], p["practice_id"]
        assert p["target_groups"], p["practice_id"]
    assert "wildlife" in by_title(catalog, "Tasbaqa")["focus_areas"]
    assert "animal_assisted_therapy" in by_title(catalog, "Time to Hear")["focus_areas"]
    assert "seniors" in by_title(catalog, "Senior Friend")["target_groups"]
    assert "it_digital" in by_title(catalog, "Adoptly")["focus_areas"]


def test_practices_link_to_their_organisation(catalog: Catalog) -> None:
    org_ids = {o["org_id"] for o in catalog.organizations}
    linked = [p for p in compendium(catalog) if p["org_id"]]
    assert len(linked) >= 10
    assert all(p["org_id"] in org_ids for p in linked)
    assert by_title(catalog, "TNVR")["org_id"] == "umit-mangistau"
    assert by_title(catalog, "Heart to Paw")["organization"] == "Sergali-Turkestan Regional Public Association"


def test_no_email_or_phone_in_published_text(catalog: Catalog) -> None:
    for row in catalog.practices + catalog.organizations:
        for key, value in row.items():
            texts = value if isinstance(value, list) else [value]
            for text in (t for t in texts if isinstance(t, str)):
                assert not EMAIL.search(text), (key, text)
                assert not PHONE.search(text), (key, text)


def test_name_variants_resolve_to_one_organisation(catalog: Catalog) -> None:
    aliases = {}
    for m in catalog.organization_mentions:
        aliases.setdefault(m["org_id"], set()).add(m["alias"].casefold().replace("ё", "е"))
    nvn = aliases["national-volunteer-network"]
    assert {"national volunteer network", "nvn", "нвс"} <= nvn
    assert any(a.startswith("национальн") for a in nvn)
    cak = aliases["civil-alliance-of-kazakhstan"]
    assert {"civil alliance of kazakhstan", "cak"} <= cak
    assert any(a.startswith("гражданск") for a in cak)
    cak_sources = {m["source_id"] for m in catalog.organization_mentions
                   if m["org_id"] == "civil-alliance-of-kazakhstan"}
    assert {"adal-azamat-2025-4", "civil-society-30y-2021", "volunteering-2023"} <= cak_sources


def test_at_least_60_organisations_from_all_documents(catalog: Catalog) -> None:
    assert len(catalog.organizations) >= 60
    assert len({o["org_id"] for o in catalog.organizations}) == len(catalog.organizations)
    sources = {m["source_id"] for m in catalog.organization_mentions}
    assert sources == {"animals-2025", "adal-azamat-2025-4", "volunteering-2022", "civil-society-30y-2021",
                       "volunteering-2023"}
    kinds = Counter(o["kind"] for o in catalog.organizations)
    assert kinds["foundation"] >= 10 and kinds["union_network"] >= 5 and kinds["state_body"] >= 3


def printed_from(alias: str, line: str, next_line: str) -> bool:
    """`alias` occurs in `line`, or starts in it and runs onto `next_line`: a space of the alias
    may be a line break, a word may break with a hyphen at the line end ("Казах-\\nстана"), and
    a compound's hyphen may end the line ("Aman-\\nSaulyk")."""
    if alias in line:
        return True
    parts = []
    for char, after in zip(alias, alias[1:] + " "):
        if char == " ":
            parts.append(r"\s+")
        elif char == "-":
            parts.append(r"-[ \t]*(?:\n[ \t]*)?")
        else:
            parts.append(re.escape(char) + (r"(?:-[ \t]*\n[ \t]*)?" if after not in " -" else ""))
    text = f"{line}\n{next_line}"
    return any(m.start() < len(line) < m.end(1)
               for m in re.finditer(f"(?=({''.join(parts)}))", text))


def test_every_mention_alias_occurs_in_its_source_line(catalog: Catalog, ctx: BuildContext) -> None:
    assert len(catalog.organization_mentions) >= 300
    runs_on = 0
    for m in catalog.organization_mentions:
        lines = ctx.docs[m["source_id"]].lines
        line, next_line = lines[m["line"] - 1], lines[m["line"]] if m["line"] < len(lines) else ""
        assert printed_from(m["alias"], line, next_line), m
        runs_on += m["alias"] not in line
    assert runs_on >= 40            # names the PDF extraction split across a line break


def test_a_wrong_alias_is_not_printed_from_its_line() -> None:
    line, next_line = "of Freedom of Expression and Transparency ", "Kazakhstan, an anti corruption organization"
    assert printed_from("Transparency Kazakhstan", line, next_line)
    assert not printed_from("Transparency Kazakstan", line, next_line)          # misspelt
    assert not printed_from("Kazakhstan", line, next_line)                      # starts on the next line
    assert not printed_from("Transparency International", line, next_line)
    assert printed_from("Лига волонтёров Казахстана", "Лига волонтёров Казах-", "стана")
    assert not printed_from("Лига волонтёров Казахстане", "Лига волонтёров Казах-", "стана,")


def test_facts_read_from_the_documents(catalog: Catalog) -> None:
    orgs = {o["org_id"]: o for o in catalog.organizations}
    assert orgs["civil-alliance-of-kazakhstan"]["founded"] == 2005            # magazine
    assert orgs["shyrak"]["founded"] == 2001                                  # the 2021 book
    assert orgs["umit-mangistau"]["founded"] == 2022                          # the compendium
    assert orgs["civil-alliance-of-zhambyl-region"]["region_code"] == "KZ-31"
    assert orgs["civil-alliance-of-kazakhstan"]["website"] == "https://www.civilalliance.kz"
    assert orgs["petroglyph-hunters"]["region_code"] == "KZ-19"               # "из Алматинской области"


def test_sterilization_projects_in_oskemen_are_each_others_nearest_peers(catalog: Catalog, built_db: Path) -> None:
    """Every compendium practice has the theme animals: the sub-themes (focus areas) rank them,
    then the distance, so the three sterilisation projects of one city come before every other
    peer sharing the same sub-themes (one sharing more of them, like Humane Care's sterilisation
    and education, may come first)."""
    ids = {by_title(catalog, t)["practice_id"] for t in OSKEMEN_STERILIZATION}
    with duckdb.connect(str(built_db), read_only=True) as con:
        for practice_id in ids:
            ranked = peers_of(con, practice_id)
            neighbours = [i for i, peer in enumerate(ranked) if peer.practice_id in ids]
            assert len(neighbours) == 2 and max(neighbours) <= 2, [p.practice_id for p in ranked[:4]]
            for i in neighbours:
                assert "sterilization_tnvr" in ranked[i].shared_subthemes
                assert ranked[i].distance_km == pytest.approx(0.0)
                assert all(len(peer.shared_subthemes) > len(ranked[i].shared_subthemes) for peer in ranked[:i]
                           if peer.practice_id not in ids)


def test_key_numbers_are_verbatim_practice_observations(catalog: Catalog, ctx: BuildContext) -> None:
    validate_observations(ctx, catalog.observations)        # quotes occur at their lines, no duplicates
    practice_ids = {p["practice_id"] for p in catalog.practices}
    assert len(catalog.observations) >= 30
    assert {o.practice_id for o in catalog.observations} <= practice_ids
    assert len({o.practice_id for o in catalog.observations}) >= 15
    give_a_paw = by_title(catalog, "Give a Paw")["practice_id"]
    sterilized = [o for o in catalog.observations if o.practice_id == give_a_paw and o.category == "animals sterilized"]
    assert [(o.value, o.line) for o in sterilized] == [(20.0, 502)]
    survey = [o for o in catalog.observations if o.category == "survey respondents" and o.value == 539]
    assert len(survey) == 1 and survey[0].region_code == "KZ"


def test_layout_change_stops_the_build(ctx: BuildContext) -> None:
    doc = ctx.docs["animals-2025"]
    assert doc.lines[410].startswith("Focus Areas:")           # the first profile's anchor line
    lines = doc.lines[:410] + doc.lines[411:]
    broken = replace(doc, lines=lines, raw_lines=lines, lost=[0] * len(lines))
    with pytest.raises(EtlError) as excinfo:
        locate_practices(broken)
    assert excinfo.value.rule == "practices-layout"
