"""The initiatives of the two volunteering reports (their practices.toml files) and the 2023
report's regional visits, checked against what the documents print."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from conventions.errors import EtlError
from etl.context import make_context
from etl.document import Document
from etl.layout import join_broken_words
from etl.privacy import EMAIL, PHONE
from etl.sources.volunteering_2023.visits import read_region_visits

# Oracles, read in the documents: practice id -> (region code, one of its themes, organisation).
EXPECTED_2022 = {
    "birgemiz-ayala": ("KZ", "animals", "green-help"),
    "birgemiz-asyl-mura": ("KZ", "culture_heritage", "danalyk"),
    "birgemiz-bilim": ("KZ", "education", "community-of-youth-workers"),
    "birgemiz-qamqor": ("KZ", "elderly", "marhabat-kz"),
    "birgemiz-saulyq": ("KZ", "health", "medical-youth"),
    "birgemiz-sabaqtastyq": ("KZ", "children_youth", "qoldau"),
    "birgemiz-taza-alem": ("KZ", "environment", "social-projects-fund"),
    "birgemiz-umit": ("KZ", "emergencies", None),
    "silver-volunteering": ("KZ", "elderly", "volunteers-kyzylorda"),
    "birgemiz-areket-yaqyty": ("KZ", "volunteering_infrastructure", "national-volunteer-network"),
    "regional-front-offices": ("KZ", "volunteering_infrastructure", "national-volunteer-network"),
    "volunteer-information-center": ("KZ", "volunteering_infrastructure", "national-volunteer-network"),
    "volunteer-summer-school": ("KZ", "volunteering_infrastructure", "national-volunteer-network"),
    "qazvolunteer-platform": ("KZ", "media_digital", "national-volunteer-network"),
    "unicef-nvn-joint-programmes": ("KZ", "children_youth", "unicef"),
    "28-loops-premature-babies": ("KZ", "health", "28-loops"),
    "zhas-ulan-volunteering": ("KZ-55", "children_youth", "zhas-ulan"),
    "information-literacy-school-55": ("KZ-35", "elderly", None),
    "central-asian-volunteer-forum": ("INT", "volunteering_infrastructure", "national-volunteer-network"),
}
EXPECTED_2023 = {
    "front-office-almaty": ("KZ-75", "volunteering_infrastructure", "el-shezhire"),
    "front-office-atyrau": ("KZ-23", "volunteering_infrastructure", "civic-center-atyrau"),
    "front-office-zhetysu": ("KZ-33", "volunteering_infrastructure", None),
    "front-office-pavlodar": ("KZ-55", "volunteering_infrastructure", None),
    "front-office-aktobe": ("KZ-15", "volunteering_infrastructure", None),
    "front-office-shymkent": ("KZ-79", "volunteering_infrastructure", None),
    "ngo-house-kostanay": ("KZ-39", "ngo_capacity", "green-foundation"),
    "atyrau-school-volunteer-mentoring": ("KZ-23", "children_youth", None),
    "angels-of-freedom": ("INT", "emergencies", None),
    "mama-house-ana-uyi": ("KZ", "women_gender", "ana-uyi"),
    "petroglyph-hunters": ("KZ-19", "culture_heritage", "petroglyph-hunters"),
    "aktobe-breathe-trees": ("KZ-15", "environment", "aktobe-breathe"),
    "anti-corruption-volunteers": ("KZ", "human_rights_law", "anti-corruption-agency"),
    "international-volunteering-center": ("INT", "volunteering_infrastructure", "international-volunteering-center"),
}
# 2022 practices the 2023 report describes again: one row, a mention in each document.
SAME_IN_2023 = ["birgemiz-areket-yaqyty", "regional-front-offices", "volunteer-information-center",
                "volunteer-summer-school", "qazvolunteer-platform", "volunteer-support-standard",
                "volunteers-emergency-memorandum", "ukraine-humanitarian-headquarters", "birgemiz-ayala",
                "birgemiz-umit", "front-office-almaty"]
REGION_CODES = {"KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
                "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79"}
VISIT_DATE = re.compile(r"^\d{1,2} (?:сентября|октября)(?: текущего года)?$")


@pytest.fixture(scope="module")
def con(built_db: Path):
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def passage_text(con: duckdb.DuckDBPyConnection, source_id: str, first: int, last: int) -> str:
    rows = con.execute("SELECT text FROM source_lines WHERE source_id = ? AND line BETWEEN ? AND ? ORDER BY line",
                       [source_id, first, last]).fetchall()
    return " ".join(join_broken_words("\n".join(r[0] for r in rows)).split()).casefold()


@pytest.mark.parametrize(("source_id", "expected"), [("volunteering-2022", EXPECTED_2022),
                                                     ("volunteering-2023", EXPECTED_2023)])
def test_each_document_yields_its_initiatives(con, source_id: str, expected: dict) -> None:
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT practice_id, region_code, themes, org_id, title, line FROM practices WHERE source_id = ?",
        [source_id]).fetchall()}
    missing = sorted(set(expected) - set(rows))
    assert not missing, f"{source_id} misses {missing}"
    for practice_id, (region, theme, org) in expected.items():
        region_code, themes, org_id, _, _ = rows[practice_id]
        assert (region_code, org_id) == (region, org), practice_id
        assert theme in themes, practice_id


@pytest.mark.parametrize("source_id", ["volunteering-2022", "volunteering-2023"])
def test_every_entry_passage_prints_its_title_or_organisation(con, source_id: str) -> None:
    rows = con.execute("""
        SELECT p.practice_id, p.title, o.name, o.name_ru, m.line, m.end_line
        FROM practices p JOIN practice_mentions m ON m.practice_id = p.practice_id AND m.source_id = p.source_id
             AND m.role = 'entry' LEFT JOIN organizations o ON o.org_id = p.org_id
        WHERE p.source_id = ?""", [source_id]).fetchall()
    assert len(rows) >= 20
    for practice_id, title, org, org_ru, first, last in rows:
        text = passage_text(con, source_id, first, last)
        names = [n.casefold() for n in (title, org, org_ru) if n]
        assert any(name in text for name in names), f"{practice_id}: {names} not in lines {first}-{last}"
        assert con.execute("SELECT len(themes) FROM practices WHERE practice_id = ?", [practice_id]).fetchall()[0][0]


def test_practices_described_again_in_2023_are_one_row_with_both_documents(con) -> None:
    for practice_id in SAME_IN_2023:
        sources = {r[0] for r in con.execute("SELECT DISTINCT source_id FROM practice_mentions WHERE practice_id = ?",
                                             [practice_id]).fetchall()}
        assert sources >= {"volunteering-2022", "volunteering-2023"}, practice_id
        assert con.execute("SELECT count(*) FROM practices WHERE practice_id = ?", [practice_id]).fetchall()[0][0] == 1


# Oracle: the grant operator's volunteer hours per Birgemiz area (2022 report, line 522-524);
# «Birgemiz: Bilim» provided no data.
BIRGEMIZ_HOURS = {"birgemiz-saulyq": 4500, "birgemiz-taza-alem": 8500, "birgemiz-ayala": 4200,
                  "birgemiz-qamqor": 4000, "birgemiz-umit": 8400, "birgemiz-sabaqtastyq": 7460,
                  "birgemiz-asyl-mura": 4722}


def test_birgemiz_areas_carry_their_volunteer_hours(con) -> None:
    rows = con.execute("SELECT practice_id, value FROM observations WHERE source_id = 'volunteering-2022' "
                       "AND indicator_id = 'volunteer_hours' AND practice_id LIKE 'birgemiz-%'").fetchall()
    assert dict(rows) == BIRGEMIZ_HOURS


def test_twenty_regional_visits_one_per_region(con) -> None:
    visits = con.execute("SELECT region_code, visit_date, dates, met, line FROM region_visits "
                         "WHERE source_id = 'volunteering-2023'").fetchall()
    assert len(visits) == 20
    assert {v[0] for v in visits} == REGION_CODES
    for region, visit_date, dates, met, line in visits:
        assert VISIT_DATE.match(visit_date) and dates and dates[0] == visit_date, region
        assert met and all(met), region
        heading = con.execute("SELECT text FROM source_lines WHERE source_id = 'volunteering-2023' AND line = ?",
                              [line]).fetchall()[0][0]
        assert heading.strip().startswith("Справка по"), region
        points = con.execute("SELECT count(*) FROM region_visit_points WHERE visit_id = ?",
                             [f"volunteering-2023:{region}"]).fetchall()[0][0]
        assert points >= 1, region


def test_visit_dates_and_participants_as_printed(con) -> None:
    visit = dict(con.execute("SELECT region_code, visit_date FROM region_visits").fetchall())
    assert visit["KZ-75"] == "4 сентября текущего года"          # Almaty
    assert visit["KZ-71"] == "31 октября текущего года"          # Astana: the meeting is printed first
    met = dict(con.execute("SELECT region_code, met FROM region_visits").fetchall())
    assert met["KZ-35"][0] == "Встреча не состоялась по инициативе акимата области"   # Karaganda
    assert "Курмановым Рустемом Жомартовичем" in met["KZ-59"][0]
    assert met["KZ-63"][1].startswith("В семинаре приняли участие 27 представителей")


def test_points_quote_their_lines_and_recommendations_are_marked(con) -> None:
    points = con.execute("SELECT visit_id, part, kind, text, line, end_line FROM region_visit_points").fetchall()
    assert len(points) > 100
    for visit_id, _part, kind, text, line, end_line in points:
        printed = passage_text(con, "volunteering-2023", line, end_line)
        assert " ".join(text.split()[:6]).casefold() in printed, (visit_id, line)
        if "Рекомендуется" in text:
            assert kind == "recommendation", (visit_id, line)
    by_line = {p[4]: p for p in points}
    assert by_line[2019][1:3] == ("focus_group", "observation")
    assert by_line[2019][3].startswith("Активное участие молодежи")
    assert by_line[3096][2] == "recommendation"                  # Aktobe: "... Рекомендуется налаживать ..."
    regions_with_recommendations = {p[0] for p in points if p[2] == "recommendation"}
    assert len(regions_with_recommendations) >= 10


def test_focus_group_organisations_are_the_mentions_in_the_visit(con) -> None:
    orgs = {r[0] for r in con.execute("""
        SELECT DISTINCT m.org_id FROM region_visits v JOIN organization_mentions m
          ON m.source_id = v.source_id AND m.line BETWEEN v.line AND v.end_line
        WHERE v.region_code = 'KZ-23'""").fetchall()}
    assert {"newman-foundation", "zhanyndamyn", "civic-center-atyrau"} <= orgs


def test_no_contact_details_in_the_added_columns(con) -> None:
    texts = [t for (t,) in con.execute("SELECT text FROM region_visit_points").fetchall()]
    texts += [m for (met,) in con.execute("SELECT met FROM region_visits").fetchall() for m in met]
    texts += [s for (s,) in con.execute("SELECT summary FROM practices WHERE source_id LIKE 'volunteering-%'")
              .fetchall()]
    assert texts
    assert not [t for t in texts if EMAIL.search(t) or PHONE.search(t)]


def test_a_visit_without_its_seminar_fails_loudly() -> None:
    ctx = make_context()
    doc = ctx.docs["volunteering-2023"]
    lines = [re.sub(r"^2\. Семинар для госслужащих", "Семинар для госслужащих", t) if 2070 < n < 2100 else t
             for n, t in enumerate(doc.lines, start=1)]
    broken = Document(entry=doc.entry, path=doc.path, raw_lines=doc.raw_lines, lines=lines, lost=doc.lost)
    with pytest.raises(EtlError, match="visit"):
        read_region_visits(broken, ctx.gazetteer)
