"""The 2021 book's initiatives (etl/sources/civil_society_30y_2021/practices.toml) and the
organisations it profiles, checked against what the book prints (oracles read in the book)."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from etl.layout import join_broken_words
from etl.privacy import EMAIL, PHONE

BOOK = "civil-society-30y-2021"
# practice id -> (region code, one of its themes, organisation)
EXPECTED = {
    "p4i-partnership-for-innovations": ("INT", "ngo_capacity", "argo"),
    "cso-web-academy": ("INT", "ngo_capacity", "argo"),
    "p4i-small-grants": ("INT", "ngo_capacity", "argo"),
    "amazing-people-portal": ("INT", "media_digital", "argo"),
    "hotline-150": ("KZ", "children_youth", "union-of-crisis-centers"),
    "crisis-centers-for-women": ("KZ", "women_gender", "union-of-crisis-centers"),
    "union-of-crisis-centers-network": ("KZ", "women_gender", "union-of-crisis-centers"),
    "bakytty-otbasy-centers": ("KZ-75", "social_services_poverty", "bakytty-otbasy"),
    "isker-ana": ("ZZ", "women_gender", "bakytty-otbasy"),
    "almaty-crisis-center-for-victims-of-domestic-violence": ("KZ-75", "women_gender", None),
    "sana-sezim-legal-assistance": ("ZZ", "human_rights_law", "sana-sezim"),          # legal aid for women
    "sana-sezim-zhibek-zholy-migrant-support": ("KZ-61", "emergencies", "sana-sezim"),
    "network-of-women-with-disabilities-kazakhstan": ("KZ", "disability", "shyrak"),
    "central-asian-network-of-women-with-disabilities": ("INT", "disability",
                                                         "central-asian-network-of-women-with-disabilities"),
    "crpd-ratification-coalition": ("KZ", "disability", "shyrak"),
    "makeathon-tom-kazakhstan": ("KZ", "disability", "association-of-friends-of-tel-aviv-university"),
    "coalition-20-bap": ("KZ", "media_digital", "adil-soz"),
    "khabarstan": ("KZ", "media_digital", "legal-media-center"),
    "protect-kok-zhailau": ("KZ-75", "environment", None),
    "feminita-prohibited-professions-campaign": ("KZ", "women_gender", "feminita"),
    "right-to-be-forgotten-advocacy": ("KZ", "media_digital", "expert-group-on-digital-rights"),
    "citizen-participation-in-decision-making": ("KZ", "civic_participation",
                                                 "institute-for-the-development-of-local-self-government"),
    "center-for-urban-change-pavlodar": ("KZ-55", "civic_participation", "decenta"),
    "coalition-for-local-self-government": ("KZ", "civic_participation", "civil-alliance-of-kazakhstan"),
    "federation-of-trade-unions-network": ("KZ", "labour", "federation-of-trade-unions-of-kazakhstan"),
    "independent-trade-unions": ("KZ", "labour", "independent-trade-union-center-of-kazakhstan"),
    "environmental-right-campaign": ("KZ", "environment", "social-and-environmental-fund"),
    "coalition-of-environmentalists": ("KZ", "environment", "civil-alliance-of-kazakhstan"),
    "ak-bulak-public-monitoring": ("KZ", "civic_participation", "angel-atbasar"),
    "support-for-smt-patients-covid": ("KZ", "health", "aman-saulyk"),
    "csos-academy": ("KZ", "ngo_capacity", "ministry-of-information-and-social-development"),
    "counterpart-school": ("KZ", "ngo_capacity", "counterpart-consortium"),
}
# Years the passages print as the start of the initiative.
YEARS = {"cso-web-academy": 2018, "hotline-150": 2005, "makeathon-tom-kazakhstan": 2017,
         "center-for-urban-change-pavlodar": 2019, "federation-of-trade-unions-network": 1990}
# Rows of other documents the book describes again: the book adds a mention, not a row.
DESCRIBED_ELSEWHERE = ["qazvolunteer-platform", "regional-front-offices", "volunteer-of-the-year-award",
                       "civil-alliance-of-kazakhstan-network", "konrad-adenauer-foundation-kazakhstan"]
# org id -> (kind, founding year the book states or None: never a year it does not print)
ORGANISATIONS = {
    "nevada-semey": ("other", None),
    "interlegal": ("foundation", None),
    "almaty-helsinki-committee": ("other", None),
    "kazakhstan-international-bureau-for-human-rights": ("other", None),
    "bibi-ana": ("public_association", None),
    "zhan": ("public_association", None),
    "namys": ("public_association", None),
    "shyrak": ("public_association", 2001),
    "feminita": ("initiative_group", None),
    "counterpart-consortium": ("international", None),
    "federation-of-trade-unions-of-kazakhstan": ("union_network", 1990),
    "confederation-of-free-trade-unions-of-kazakhstan": ("union_network", None),
    "independent-trade-union-center-of-kazakhstan": ("union_network", None),
    "birlesu": ("union_network", None),
    "union-of-crisis-centers": ("union_network", 2000),
    "central-asian-network-of-women-with-disabilities": ("union_network", 2005),
    "decenta": ("foundation", 2003),
    "international-organization-for-migration": ("international", None),
    "adil-arka": ("other", None),                 # members of the Coalition '20-Bap'
    "medianet": ("other", None),
    "tilshi": ("other", None),
    "transparency-kazakhstan": ("other", None),   # its name runs across a line break
}
# Where the book puts them (None: it does not say; a practice across the country, in several
# countries or in an unstated place is no evidence of an organisation's seat).
SEATS = {"bakytty-otbasy": "KZ-75", "decenta": "KZ-55", "angel-atbasar": "KZ-11", "almaty-helsinki-committee": "KZ-75",
         "argo": None, "shyrak": None, "nevada-semey": None, "aman-saulyk": None}


@pytest.fixture(scope="module")
def con(built_db: Path):
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def passage_text(con: duckdb.DuckDBPyConnection, first: int, last: int) -> str:
    rows = con.execute("SELECT text FROM source_lines WHERE source_id = ? AND line BETWEEN ? AND ? ORDER BY line",
                       [BOOK, first, last]).fetchall()
    text = " ".join(join_broken_words("\n".join(r[0] for r in rows)).split()).casefold()
    return re.sub(r"-\s+", "-", text)     # "Self- Government": a hyphen at a line break


def test_the_book_yields_its_initiatives(con) -> None:
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT practice_id, region_code, themes, org_id, scope, year_started FROM practices WHERE source_id = ?",
        [BOOK]).fetchall()}
    missing = sorted(set(EXPECTED) - set(rows))
    assert not missing, f"the book misses {missing}"
    assert len(rows) >= 40
    for practice_id, (region, theme, org) in EXPECTED.items():
        region_code, themes, org_id, scope, _ = rows[practice_id]
        assert (region_code, org_id) == (region, org), practice_id
        assert theme in themes, practice_id
        assert (scope == "international") == (region_code == "INT"), practice_id
    for practice_id, year in YEARS.items():
        assert rows[practice_id][4] == year, practice_id


def test_every_passage_prints_its_title_or_its_organisation(con) -> None:
    rows = con.execute("""
        SELECT p.practice_id, p.title, p.org_id, m.line, m.end_line
        FROM practices p JOIN practice_mentions m ON m.practice_id = p.practice_id AND m.source_id = p.source_id
             AND m.role = 'entry'
        WHERE p.source_id = ?""", [BOOK]).fetchall()
    assert len(rows) >= 40
    for practice_id, title, org_id, first, last in rows:
        # the organisation as the documents print it (a name may wrap across the book's short lines)
        names = {title} | {a for (a,) in con.execute("SELECT DISTINCT alias FROM organization_mentions "
                                                      "WHERE org_id = ?", [org_id]).fetchall()}
        text = passage_text(con, first, last)
        assert any(" ".join(n.casefold().split()) in text for n in names), f"{practice_id}: lines {first}-{last}"


def test_what_other_documents_list_is_one_row_with_a_book_passage(con) -> None:
    for practice_id in DESCRIBED_ELSEWHERE:
        sources = {r[0] for r in con.execute("SELECT DISTINCT source_id FROM practice_mentions WHERE practice_id = ?",
                                             [practice_id]).fetchall()}
        assert BOOK in sources and len(sources) >= 2, practice_id
        assert con.execute("SELECT source_id FROM practices WHERE practice_id = ?",
                           [practice_id]).fetchall()[0][0] != BOOK


def test_the_organisations_the_book_profiles(con) -> None:
    rows = {r[0]: r[1:] for r in con.execute("SELECT org_id, kind, founded FROM organizations").fetchall()}
    named = {r[0] for r in con.execute("SELECT DISTINCT org_id FROM organization_mentions WHERE source_id = ?",
                                       [BOOK]).fetchall()}
    for org_id, expected in ORGANISATIONS.items():
        if expected is None:
            assert org_id not in rows, f"{org_id} is now in the directory: give it its oracle"
            continue
        assert rows[org_id] == expected, org_id
        assert org_id in named, org_id


def test_trade_unions_are_tagged_labour_from_their_names(con) -> None:
    focus = dict(con.execute("SELECT org_id, focus FROM organizations WHERE kind = 'union_network'").fetchall())
    for org_id in ("federation-of-trade-unions-of-kazakhstan", "confederation-of-free-trade-unions-of-kazakhstan",
                   "independent-trade-union-center-of-kazakhstan", "birlesu"):
        assert "labour" in (focus[org_id] or "").split(", "), org_id
    assert "labour" not in (focus["union-of-crisis-centers"] or "")


def test_seats_only_where_the_book_gives_them(con) -> None:
    seats = dict(con.execute("SELECT org_id, region_code FROM organizations").fetchall())
    for org_id, region in SEATS.items():
        assert seats[org_id] == region, org_id


def test_no_private_contact_details_in_the_book_rows(con) -> None:
    texts = [t for row in con.execute("SELECT title, organization, summary FROM practices WHERE source_id = ?",
                                      [BOOK]).fetchall() for t in row if t]
    texts += [t for row in con.execute("""
        SELECT name, abbreviation, city, focus, website FROM organizations
        WHERE org_id IN (SELECT org_id FROM organization_mentions WHERE source_id = ?)""", [BOOK]).fetchall()
        for t in row if t]
    assert len(texts) > 100
    assert not [t for t in texts if EMAIL.search(t) or PHONE.search(t)]
