"""`python -m etl check`: which spec entries match, which do not, and what no spec covers yet."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conventions.errors import EtlError
from conventions.paths import ROOT
from etl.__main__ import main
from etl.check import check
from etl.source_folders import spec_path
from etl.specs import load_spec
from tests.data.support import SOURCE_FOLDER, SOURCE_ID, add_synthetic_report, copy_project_inputs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project copy with the synthetic report added as docs/adding-a-source.md says."""
    root = copy_project_inputs(tmp_path / "project")
    add_synthetic_report(root)
    return root


def test_complete_spec_reports_every_entry_and_the_statements_left(project: Path) -> None:
    report = check(project, SOURCE_ID)
    assert report.ok
    assert [(e.entry_id, e.lines, e.problem) for e in report.entries] == [
        ("volunteers-2024", [5], None), ("hours-2024", [6], None), ("volunteers-region-2024", [8], None),
        ("events-region-2024", [8], None), ("organizations-2024", [9], None), ("volunteers-change-2024", [10], None)]
    # Title (a year) and the deliberately uncovered sentence are what is left to do.
    assert [(s.line, s.numbers) for s in report.uncovered] == [(1, ["2024"]), (12, ["About 60%"])]
    assert report.statements == 7  # sentences starting on lines 1, 5, 6, 8, 9, 10 and 12


def test_broken_entries_are_all_reported_not_just_the_first(project: Path) -> None:
    spec = project / SOURCE_FOLDER / "spec.toml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace("gave (?P<value>", "donated (?P<value>")                # now matches nothing
    text = text.replace('region = "Kazakhstan"\nyear = 2024\npattern = \'\'\'volunteer organizations',
                        'region = "Atlantis"\nyear = 2024\npattern = \'\'\'volunteer organizations')
    text += "\n[[gap]]\nid = \"twice\"\npattern = '''volunteers'''\ntopic = \"volunteers\"\nwould_show = \"x\"\n"
    spec.write_text(text, encoding="utf-8")
    report = check(project, SOURCE_ID)
    failing = {e.entry_id: (len(e.lines), e.expected, e.problem) for e in report.entries if not e.ok}
    assert failing == {
        "hours-2024": (0, 1, None),
        "organizations-2024": (1, 1, "[region-alias] unknown region name 'Atlantis'"),
        "twice": (4, 1, None)  # lines 5, 8, 10 and 12,
    }
    assert not report.ok


def test_a_note_or_gap_text_quoting_what_its_lines_do_not_hold_is_reported(project: Path) -> None:
    spec = project / SOURCE_FOLDER / "spec.toml"
    text = spec.read_text(encoding="utf-8")
    text += ("\n[[gap]]\nid = \"quoted\"\npattern = '''About \\d+% of the volunteers'''\ntopic = \"volunteers\"\n"
             "would_show = \"women among volunteers ({quote:children})\"\n")
    spec.write_text(text, encoding="utf-8")
    report = check(project, SOURCE_ID)
    [entry] = [e for e in report.entries if e.entry_id == "quoted"]
    assert (entry.lines, entry.problem.split("]")[0]) == ([12], "[spec-note-quote")
    assert not report.ok


def test_incoming_document_is_checked_against_the_spec(project: Path) -> None:
    """After `fetch` kept a changed edition, check shows which figures it moved."""
    snapshot = (project / "data" / "raw" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")
    incoming = project / "data" / "raw" / "incoming" / f"{SOURCE_ID}.txt"
    incoming.parent.mkdir()
    incoming.write_text(snapshot.replace("reached 1 870 in 2024", "reached about two thousand in 2024"),
                        encoding="utf-8")
    report = check(project, SOURCE_ID, incoming=True)
    assert [e.entry_id for e in report.entries if not e.ok] == ["organizations-2024"]
    assert check(project, SOURCE_ID).ok  # the snapshot itself is still fine


def test_real_source_entries_point_at_published_observations(built_db: Path) -> None:
    report = check(ROOT, "animals-2025")
    spec = load_spec(spec_path("animals-2025"))
    assert report.ok and len(report.entries) == len(spec.get("figure", [])) + len(spec.get("gap", []))
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        published = {line for (line,) in con.execute(
            "SELECT line FROM observations WHERE source_id = 'animals-2025'").fetchall()}
    finally:
        con.close()
    figure_lines = {line for e in report.entries if e.kind == "figure" for line in e.lines}
    assert figure_lines and figure_lines <= published
    assert report.uncovered and all(s.numbers for s in report.uncovered)


def test_command_line_prints_the_report_and_exits_by_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(project), SOURCE_ID]) == 0
    out = capsys.readouterr().out
    assert f"spec {SOURCE_FOLDER}/spec.toml: 6 of 6 entries match as expected" in out
    assert "numeric statements no spec or table covers: 2 of" in out
    assert "  line 12: About 60% of the volunteers were women" in out
    assert main(["check", "--root", str(project), "no-such-source"]) == 1
    assert "[check-source] no source 'no-such-source'" in capsys.readouterr().err


def test_unknown_source_is_an_error(project: Path) -> None:
    with pytest.raises(EtlError, match="check-source"):
        check(project, "no-such-source")


def test_excluded_statements_are_reported_apart_from_the_uncovered(project: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    spec = project / SOURCE_FOLDER / "spec.toml"
    spec.write_text(spec.read_text(encoding="utf-8")
                    + "\n[[excluded]]\npattern = '''About \\d+% of the volunteers'''\n"
                      "reason = \"a share no indicator holds\"\nexpect = 1\n", encoding="utf-8")
    report = check(project, SOURCE_ID)
    assert [(s.line, s.numbers) for s in report.uncovered] == [(1, ["2024"])]
    [excluded] = report.excluded
    assert (excluded.reason, excluded.lines, [s.line for s in excluded.statements]) == (
        "a share no indicator holds", [12], [12])
    assert report.ok
    assert main(["check", "--root", str(project), SOURCE_ID]) == 0
    out = capsys.readouterr().out
    assert "numeric statements excluded on purpose: 1 of 7" in out
    assert "numeric statements no spec or table covers: 1 of 7" in out


def test_an_exclusion_whose_expected_count_fails_is_reported(project: Path) -> None:
    spec = project / SOURCE_FOLDER / "spec.toml"
    spec.write_text(spec.read_text(encoding="utf-8")
                    + "\n[[excluded]]\npattern = '''volunteers'''\nreason = \"words\"\nexpect = 1\n",
                    encoding="utf-8")
    report = check(project, SOURCE_ID)
    assert [(x.lines, x.ok) for x in report.excluded] == [([5, 8, 10, 12], False)]
    assert not report.ok


def test_an_unknown_basis_is_reported_by_check(project: Path) -> None:
    spec = project / SOURCE_FOLDER / "spec.toml"
    text = spec.read_text(encoding="utf-8").replace('id = "hours-2024"', 'id = "hours-2024"\nbasis = "guesswork"')
    text = text.replace('basis = "front_office_count"\n', "")  # the file's default, now missing
    spec.write_text(text, encoding="utf-8")
    report = check(project, SOURCE_ID)
    problems = {e.entry_id: e.problem for e in report.entries if not e.ok}
    assert problems["hours-2024"] == "[spec-basis] hours-2024: unknown basis 'guesswork' (see bases.toml)"
    assert problems["volunteers-2024"] == ("[spec-basis] volunteers-2024: no basis (give the file a top-level "
                                           "basis or the figure its own)")
    assert len(problems) == 6
