"""A spec's `basis` (how a figure was counted) and its [[excluded]] entries, as the build reads them."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conventions.errors import EtlError
from conventions.paths import RAW_DIR, REFERENCE_DIR
from etl.document import Document
from etl.manifest import load_manifest
from etl.regions import Gazetteer
from etl.specs import apply_spec, load_bases, load_indicators

LINES = ["Synthetic report", "", "Front offices registered 48 512 volunteers across the country.",
         "Experts estimate at least 60 000 volunteers.", "The country has 20 million people."]
FIGURES = '''
[[figure]]
id = "counted"
indicator = "volunteers_count"
region = "Kazakhstan"
year = 2024
pattern = \'\'\'registered (?P<value>\\d[\\d ]*\\d) volunteers\'\'\'

[[figure]]
id = "estimated"
indicator = "volunteers_count"
region = "Kazakhstan"
year = 2024
basis = "expert_estimate"
pattern = \'\'\'estimate (?P<value>at least \\d[\\d ]*\\d) volunteers\'\'\'
'''


UNSTATED = 'basis = "unstated"'
EXCLUDED = "[[excluded]]\npattern = '''\\d+ {word} people'''\nreason = \"demography\"\nexpect = 1\n"


def run(tmp_path: Path, head: str, tail: str = ""):
    entry = replace(load_manifest(RAW_DIR)[0], source_id="synthetic-basis")
    doc = Document(entry, Path("synthetic-basis.txt"), LINES, LINES, [0] * len(LINES))
    spec = tmp_path / "spec.toml"
    spec.write_text(f'source_id = "synthetic-basis"\n{head}\n{FIGURES}\n{tail}', encoding="utf-8")
    return apply_spec(doc, load_indicators(REFERENCE_DIR / "indicators"), Gazetteer.load(REFERENCE_DIR), spec)


def test_the_file_basis_is_the_default_and_a_figure_overrides_it(tmp_path: Path) -> None:
    out = run(tmp_path, 'basis = "front_office_count"')
    assert [(o.value, o.qualifier, o.basis) for o in out.observations] == [
        (48512, "exact", "front_office_count"), (60000, "at_least", "expert_estimate")]


@pytest.mark.parametrize("head", ['basis = "hearsay"', 'bases = "survey"', ""])
def test_an_unknown_or_missing_basis_or_top_level_key_stops_the_build(tmp_path: Path, head: str) -> None:
    with pytest.raises(EtlError) as caught:
        run(tmp_path, head)
    assert caught.value.rule in ("spec-basis", "spec-keys")


def test_an_exclusion_that_no_longer_matches_what_it_expects_stops_the_build(tmp_path: Path) -> None:
    kept = run(tmp_path, UNSTATED, EXCLUDED.format(word="million"))
    assert len(kept.observations) == 2
    with pytest.raises(EtlError) as caught:
        run(tmp_path, UNSTATED, EXCLUDED.format(word="billion"))
    assert caught.value.rule == "spec-match-count"
    with pytest.raises(EtlError) as caught:
        run(tmp_path, UNSTATED, "[[excluded]]\npattern = '''people'''\n")
    assert caught.value.rule == "spec-excluded"


def test_every_basis_has_three_labels_and_a_description() -> None:
    bases = load_bases()
    assert {"front_office_count", "expert_estimate", "derived", "unstated", "survey"} <= set(bases)
    assert all(b.name_en and b.name_ru and b.name_kk and b.description for b in bases.values())
