"""`{quote:<regex>}` in a spec's note or gap text is filled from the document at build time."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conventions.errors import EtlError
from conventions.paths import RAW_DIR, REFERENCE_DIR
from etl.document import Document
from etl.manifest import load_manifest
from etl.regions import Gazetteer
from etl.specs import apply_spec, load_indicators

LINES = ["Synthetic report", "", "Front offices registered 48 512 volunteers across the",
         "country; the data cover no more than 40%-60% of reality.", "", "Figure 7. Volunteers by region"]
SPEC = '''source_id = "{source_id}"
basis = "unstated"

[[figure]]
id = "volunteers"
indicator = "volunteers_count"
region = "Kazakhstan"
year = 2024
pattern = \'\'\'registered (?P<value>\\d[\\d ]*\\d) volunteers across the\\s+country\'\'\'
note = "{note}"

[[gap]]
id = "chart"
pattern = \'\'\'Figure \\d+\\. Volunteers by region\'\'\'
topic = "volunteers"
would_show = "{gap}"
'''


def document() -> Document:
    entry = replace(load_manifest(RAW_DIR)[0], source_id="synthetic-quotes")
    return Document(entry, Path("synthetic-quotes.txt"), LINES, LINES, [0] * len(LINES))


def run(tmp_path: Path, note: str, gap: str = "volunteers by region") -> tuple[str, str]:
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC.format(source_id="synthetic-quotes", note=note, gap=gap), encoding="utf-8")
    out = apply_spec(document(), load_indicators(REFERENCE_DIR / "indicators"), Gazetteer.load(REFERENCE_DIR), spec)
    return out.observations[0].note, out.gaps[0].would_show


def test_quotes_are_filled_from_the_lines_of_the_match(tmp_path: Path) -> None:
    note, gap = run(tmp_path, "the data cover '{quote:no more than \\\\S+}' of reality",
                    "{quote:Figure \\\\d+}: volunteers by region")
    assert note == "the data cover 'no more than 40%-60%' of reality"
    assert gap == "Figure 7: volunteers by region"


def test_a_note_without_placeholder_is_kept_as_written(tmp_path: Path) -> None:
    assert run(tmp_path, "counted by the front offices") == ("counted by the front offices", "volunteers by region")


@pytest.mark.parametrize("note", ["{quote:at least \\\\d+%}", "{quote:no more than"])
def test_a_quote_the_lines_do_not_hold_or_an_unclosed_one_stops_the_build(tmp_path: Path, note: str) -> None:
    with pytest.raises(EtlError) as err:
        run(tmp_path, note)
    assert err.value.rule == "spec-note-quote" and "volunteers" in err.value.message
