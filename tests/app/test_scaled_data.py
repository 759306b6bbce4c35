"""The pages at 100x the shipped data (harness.synthetic's scaled copy of the built database):
they still render, and say plainly where they list only the first rows of a long selection."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conventions import formatting, i18n
from harness import synthetic
from qogam import explorer_cache, figure_views
from tests.app.support import open_app, open_direct

SCALE = 100


@pytest.fixture(scope="module")
def scaled_db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A 100x copy; QOGAM_DB points at it for the module, then back at the built database."""
    path = tmp_path_factory.mktemp("scaled") / f"civic-x{SCALE}.duckdb"
    synthetic.make(built_db, path, SCALE)
    os.environ["QOGAM_DB"] = str(path)
    yield path
    os.environ["QOGAM_DB"] = str(built_db)


def count(db: Path, sql: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_practices_list_the_first_rows_and_say_how_many_there_are(scaled_db: Path) -> None:
    total = count(scaled_db, "SELECT count(*) FROM practices")
    assert total > figure_views.MAX_TABLE_ROWS
    at = open_app("overview", {})
    at.switch_page("pages/practices.py").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == figure_views.MAX_TABLE_ROWS
    cut = i18n.t("practices.table_cut", "en", shown=formatting.format_number(figure_views.MAX_TABLE_ROWS, "en"),
                 total=formatting.format_number(total, "en"))
    assert cut in captions(at)
    assert any(c.startswith("…and ") for c in captions(at))      # nationwide list cut under the map


def test_figures_pages_render_and_cut_long_citation_lists(scaled_db: Path) -> None:
    at = open_app("volunteers", {})
    assert not at.exception
    assert at.get("vega_lite_chart")
    more = i18n.t("cite.more", "en", n=0).split("0")[0]          # "…and " before the count
    cut = [m.value for m in at.markdown if m.value.rsplit("---", 1)[-1].strip().startswith(more)]
    assert cut, "no popover counts the citations it leaves out"
    assert all(m.count("\n---\n") == figure_views.MAX_CITED for m in cut)


def test_the_figure_list_to_cite_is_cut_and_says_so(scaled_db: Path) -> None:
    at = open_direct("downloads", {"section": "cite"})
    assert not at.exception
    total = count(scaled_db, "SELECT count(*) FROM observations")
    cut = i18n.t("downloads.figures_cut", "en", shown=formatting.format_number(explorer_cache.MAX_FIGURE_CHOICES, "en"),
                 total=formatting.format_number(total, "en"))
    assert cut in captions(at)
