"""The practices.toml loader (etl/practice_specs.py, etl/practice_spec_rows.py) on small fixtures.

Each rule of the format is broken once on a tiny practices.toml written by the test against the
real documents, and must stop with its named rule; the catalog-wide rules (ids unique across
sources, same_as) run the real catalog over a project root whose source folders hold only the
fixtures (its data/ is the checkout's).
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from conventions.errors import EtlError
from etl.catalog import assert_known_practices, build_catalog
from etl.context import BuildContext, make_context
from etl.layout import join_broken_words
from etl.model import Observation
from etl.org_directory import ORGANIZATIONS_FILE, AliasMatcher, Directory
from etl.places import Places
from etl.practice_rows import PracticeKit
from etl.practice_spec_rows import spec_row, summary_of
from etl.practice_specs import Passage, PracticeEntry, fold, load_entries, printed, words
from etl.reference_tables import cities
from etl.vocabulary import VOCABULARY_FILE, Vocabulary

MAGAZINE = "adal-azamat-2025-4"
# Line 1130 of the magazine: "... in 2019, the Republican Public Association «Medical Youth" ...
MEDICAL_YOUTH = {"id": "medical-youth-network", "title": "Medical Youth",
                 "anchor": "^During his studies, Abylaikhan showed", "organization": "medical-youth",
                 "region": "Kazakhstan", "scope": "national", "themes": ["health", "children_youth"],
                 "target_groups": ["students_youth"], "year": 2019}
# Line 1144 names Karaganda (and Semey) among the cities where its volunteers worked.
KARAGANDA_LINE = "^According to Abylaikhan, when the organization first began"


def toml_value(value: object) -> str:
    if isinstance(value, str):
        return f"'''{value}'''"
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
    return json.dumps(value)


def write_practices(path: Path, source_id: str, *items: dict) -> Path:
    """A practices.toml holding `items`, each a [[practice]] table."""
    parts = [f'source_id = "{source_id}"\n']
    for item in items:
        parts.append("[[practice]]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in item.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ctx() -> BuildContext:
    return make_context()


@pytest.fixture(scope="module")
def kit(ctx: BuildContext) -> PracticeKit:
    directory = Directory.load(ctx.reference_dir / ORGANIZATIONS_FILE)
    return PracticeKit(Vocabulary.load(ctx.reference_dir / VOCABULARY_FILE), directory, AliasMatcher(directory),
                       Places(ctx.gazetteer, cities(ctx.reference_dir)), "persons")


def row_of(ctx: BuildContext, kit: PracticeKit, tmp_path: Path, **changes: object) -> dict:
    """The row of MEDICAL_YOUTH with `changes` (None drops a key), read from a written file."""
    item = {k: v for k, v in {**MEDICAL_YOUTH, **changes}.items() if v is not None}
    doc = ctx.docs[MAGAZINE]
    [entry] = load_entries(write_practices(tmp_path / "practices.toml", MAGAZINE, item), doc)
    return spec_row(doc, entry, kit)


def fails(rule: str, ctx: BuildContext, kit: PracticeKit, tmp_path: Path, **changes: object) -> EtlError:
    with pytest.raises(EtlError) as caught:
        row_of(ctx, kit, tmp_path, **changes)
    assert caught.value.rule == rule, caught.value
    assert str(caught.value.file).endswith("practices.toml")
    return caught.value


def test_a_valid_entry_becomes_a_row_of_the_passage(ctx: BuildContext, kit: PracticeKit, tmp_path: Path) -> None:
    row = row_of(ctx, kit, tmp_path)
    line = ctx.docs[MAGAZINE].lines[row["line"] - 1]
    assert row["line"] == 1130 and "Medical Youth" in line
    assert row["org_id"] == "medical-youth"
    assert row["organization"] == kit.directory.entries["medical-youth"].name
    assert (row["region_code"], row["scope"], row["lat"], row["city"]) == ("KZ", "national", None, None)
    assert row["themes"] == ["health", "children_youth"] and row["focus_areas"] == []
    assert row["year_started"] == 2019
    assert row["summary"].startswith("During his studies, Abylaikhan showed an interest in public work.")
    assert row["summary"] in " ".join(line.split()) and len(row["summary"]) <= 400


def test_a_summary_regex_takes_the_documents_sentence(ctx: BuildContext, kit: PracticeKit, tmp_path: Path) -> None:
    row = row_of(ctx, kit, tmp_path, summary=r"Its main goals became[^.]*\.")
    assert row["summary"].startswith("Its main goals became the development of medical volunteering")
    fails("practice-summary", ctx, kit, tmp_path, summary="no such sentence")


def test_anchor_must_match_exactly_one_line(ctx: BuildContext, kit: PracticeKit, tmp_path: Path) -> None:
    assert "matches 0 lines" in fails("practice-anchor", ctx, kit, tmp_path, anchor="^No line starts so").message
    assert "matches" in fails("practice-anchor", ctx, kit, tmp_path, anchor="Medical Youth").message
    fails("practice-anchor", ctx, kit, tmp_path, anchor="(unclosed")


def test_title_and_organisation_must_be_printed(ctx: BuildContext, kit: PracticeKit, tmp_path: Path) -> None:
    error = fails("practice-title", ctx, kit, tmp_path, title="Eco Cashback")
    assert "medical-youth-network" in error.message and error.line == 1130
    fails("practice-organization", ctx, kit, tmp_path, organization="green-help")
    fails("practice-organization", ctx, kit, tmp_path, organization="no-such-org")
    described = row_of(ctx, kit, tmp_path, title="Medical volunteering association of university leaders")
    assert described["title"] == "Medical volunteering association of university leaders"
    fails("practice-title", ctx, kit, tmp_path, title="Medical volunteering association of hospitals")
    row = row_of(ctx, kit, tmp_path, anchor=KARAGANDA_LINE, organization_anchor="^Abylaikhan Abdrash is a young",
                 title="public activists", year=None)
    assert row["org_id"] == "medical-youth" and row["line"] == 1144


def test_region_and_city_must_be_printed_and_agree(ctx: BuildContext, kit: PracticeKit, tmp_path: Path) -> None:
    fails("practice-region", ctx, kit, tmp_path, region="Pavlodar Region", scope="regional")
    fails("practice-region", ctx, kit, tmp_path, region="Atlantis", scope="regional")
    row = row_of(ctx, kit, tmp_path, anchor=KARAGANDA_LINE, region="Karaganda", scope="local", city="Karaganda",
                 organization=None, title="public activists", year=None)
    assert (row["region_code"], row["city"]) == ("KZ-35", "Karaganda")
    assert 49 < row["lat"] < 51 and 72 < row["lon"] < 74
    fails("practice-city", ctx, kit, tmp_path, anchor=KARAGANDA_LINE, region="Karaganda", scope="local",
          city="Semey", organization=None, title="public activists", year=None)
    fails("practice-city", ctx, kit, tmp_path, anchor=KARAGANDA_LINE, region="Karaganda", scope="local",
          city="Temirtau", organization=None, title="public activists", year=None)
    regional = row_of(ctx, kit, tmp_path, anchor=KARAGANDA_LINE, region="Karaganda", scope="regional",
                      organization=None, title="public activists", year=None)
    assert regional["city"] is None and regional["lat"] == ctx.gazetteer.by_code["KZ-35"]["lat"]


def test_scope_fits_the_region(ctx: BuildContext, kit: PracticeKit, tmp_path: Path) -> None:
    fails("practice-scope", ctx, kit, tmp_path, scope="local")
    fails("practice-scope", ctx, kit, tmp_path, scope="international")
    fails("practice-scope", ctx, kit, tmp_path, region="international", scope="national")
    row = row_of(ctx, kit, tmp_path, region="international", scope="international")
    assert ctx.gazetteer.by_code[row["region_code"]]["kind"] == "international"
    assert row["lat"] is None and row["lon"] is None


def test_year_themes_targets_and_keys_are_checked(ctx: BuildContext, kit: PracticeKit, tmp_path: Path) -> None:
    fails("practice-year", ctx, kit, tmp_path, year=2018)
    fails("practice-theme", ctx, kit, tmp_path, themes=["healthcare"])
    fails("practice-theme", ctx, kit, tmp_path, themes=[])
    fails("practice-target", ctx, kit, tmp_path, target_groups=["doctors"])
    fails("practice-scope", ctx, kit, tmp_path, scope="planetary")
    fails("practice-keys", ctx, kit, tmp_path, focus="medicine")
    fails("practice-keys", ctx, kit, tmp_path, themes=None)
    fails("practice-id", ctx, kit, tmp_path, id="Medical_Youth")
    fails("practice-lines", ctx, kit, tmp_path, lines=0)
    fails("practice-keys", ctx, kit, tmp_path, also="^Soon, in 2019")


def test_a_file_for_another_source_or_with_unknown_keys_stops(ctx: BuildContext, tmp_path: Path) -> None:
    path = write_practices(tmp_path / "practices.toml", "volunteering-2022", MEDICAL_YOUTH)
    with pytest.raises(EtlError) as caught:
        load_entries(path, ctx.docs[MAGAZINE])
    assert caught.value.rule == "practice-source"
    path.write_text(path.read_text(encoding="utf-8").replace("volunteering-2022", MAGAZINE)
                    .replace("[[practice]]", "basis = 'survey'\n[[practice]]", 1), encoding="utf-8")
    with pytest.raises(EtlError) as caught:
        load_entries(path, ctx.docs[MAGAZINE])
    assert caught.value.rule == "practice-keys" and "basis" in caught.value.message


def catalog_root(tmp_path: Path, files: dict[str, list[dict]]) -> BuildContext:
    """A context whose source folders hold only the given practices.toml entries."""
    root = tmp_path / "root"
    (root / "etl" / "sources").mkdir(parents=True)
    (root / "data").symlink_to(Path(__file__).resolve().parents[2] / "data")
    for source_id, items in files.items():
        write_practices(root / "etl" / "sources" / source_id.replace("-", "_") / "practices.toml", source_id, *items)
    return make_context(root)


def test_same_as_adds_the_passage_to_the_practice(tmp_path: Path) -> None:
    ctx = catalog_root(tmp_path, {
        MAGAZINE: [MEDICAL_YOUTH, {"id": "medical-youth-again", "anchor": KARAGANDA_LINE,
                                   "same_as": "medical-youth-network"}],
        "volunteering-2022": [{"id": "humane-care-again", "anchor": "^- Provision of free veterinary services",
                               "lines": 1, "same_as": "humane-care"}]})
    catalog = build_catalog(ctx)
    assert sum(p["source_id"] == "animals-2025" for p in catalog.practices) == 21
    assert [p["practice_id"] for p in catalog.practices if p["source_id"] == MAGAZINE] == ["medical-youth-network"]
    mine = sorted((m["line"], m["role"]) for m in catalog.practice_mentions
                  if m["practice_id"] == "medical-youth-network")
    assert mine == [(1130, "entry"), (1144, "entry")]
    humane = sorted((m["source_id"], m["role"]) for m in catalog.practice_mentions if m["practice_id"] == "humane-care")
    assert humane == [("animals-2025", "entry"), ("animals-2025", "profile"), ("volunteering-2022", "entry")]


def test_same_as_must_name_a_practice(tmp_path: Path) -> None:
    ctx = catalog_root(tmp_path, {MAGAZINE: [{"id": "orphan", "anchor": KARAGANDA_LINE, "same_as": "nowhere"}]})
    with pytest.raises(EtlError) as caught:
        build_catalog(ctx)
    assert caught.value.rule == "practice-same-as" and "orphan" in caught.value.message


def test_ids_are_unique_across_sources(tmp_path: Path) -> None:
    twin = {**MEDICAL_YOUTH, "id": "humane-care"}
    with pytest.raises(EtlError) as caught:
        build_catalog(catalog_root(tmp_path, {MAGAZINE: [twin]}))
    assert caught.value.rule == "practice-id" and "animals-2025" in caught.value.message


def test_a_figure_must_name_a_listed_practice(ctx: BuildContext) -> None:
    figure = Observation(indicator_id="programme_participants", region_code="KZ", year_start=2024, year_end=2024,
                         value=1.0, unit="persons", qualifier="exact", source_id=MAGAZINE, line=1152,
                         quote="Five hundred students", practice_id="no-such-practice")
    with pytest.raises(EtlError) as caught:
        assert_known_practices(ctx, [figure], [{"practice_id": "humane-care"}])
    assert caught.value.rule == "figure-practice" and caught.value.file.endswith("spec.toml")
    assert_known_practices(ctx, [figure], [{"practice_id": "no-such-practice"}])


def test_a_long_first_sentence_is_cut_at_a_word(tmp_path: Path) -> None:
    sentence = "The network " + "unites volunteers of every region and " * 20 + "trains them. Second sentence."
    entry = PracticeEntry(tmp_path / "practices.toml", {"id": "long"}, [Passage(1, 1, sentence, sentence)])
    summary = summary_of(entry)
    assert len(summary) <= 402 and summary.endswith(" …")
    assert sentence.startswith(summary[:-2]) and summary[-3] != " "
    short = "First sentence. Second one. " + "X" * 500
    assert summary_of(PracticeEntry(tmp_path, {"id": "s"}, [Passage(1, 1, short, short)])) == \
        "First sentence. Second one."


def test_every_built_practice_is_described_by_its_passages(built_db: Path) -> None:
    """Issue 14's acceptance: every practice has a theme, an entry passage, and a passage whose
    text contains its title (or the words of a descriptive title) or its organisation's name."""
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        practices = con.execute("SELECT practice_id, title, org_id, themes, source_id, line FROM practices").fetchall()
        org_lines = set(con.execute("SELECT org_id, source_id, line FROM organization_mentions").fetchall())
        spans = con.execute("SELECT practice_id, source_id, line, end_line FROM practice_mentions").fetchall()
        figures = con.execute("SELECT DISTINCT source_id, practice_id FROM observations WHERE practice_id IS NOT NULL"
                              ).fetchall()
        passages = con.execute("""
            SELECT m.practice_id, m.role, m.source_id, m.line,
                   string_agg(l.text, chr(10) ORDER BY l.line) AS text
            FROM practice_mentions AS m
            JOIN source_lines AS l ON l.source_id = m.source_id AND l.line BETWEEN m.line AND m.end_line
            GROUP BY ALL""").fetchall()
    finally:
        con.close()
    by_practice: dict[str, list[tuple]] = {}
    for practice_id, role, source_id, line, text in passages:
        by_practice.setdefault(practice_id, []).append((role, source_id, line, text))
    assert len(practices) > 100
    # key figures: the compendium's, and spec.toml figures marked `practice = "<id>"`
    assert {p for _, p in figures} <= {p[0] for p in practices}
    assert {s for s, _ in figures} - {"animals-2025"}, "no spec.toml figure names a practice"
    for practice_id, title, org_id, themes, source_id, line in practices:
        mine = by_practice.get(practice_id, [])
        assert themes, practice_id
        assert ("entry", source_id, line) in {(r, s, n) for r, s, n, _ in mine}, practice_id
        text = fold(" ".join(join_broken_words(t) for *_, t in mine))
        org_named = org_id is not None and any((org_id, s, n) in org_lines for p, s, start, end in spans
                                               if p == practice_id for n in range(start, end + 1))
        assert printed(title, text) or set(words(title)) <= set(words(text)) or org_named, practice_id
