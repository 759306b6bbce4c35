"""The database replaced, damaged or gone under a running server (issue 12, findings 3, 4, 6).

One server is started on a database path the tests own; each test puts a file (or nothing)
at that path the way an operator or a failed copy would, atomically, while the server runs,
and then looks at what a visitor's browser shows:

- a damaged or foreign file: the same path-free outage page as a missing one, never a
  traceback, and nothing half-drawn above it;
- a rebuilt file: new visitors see the new build without a restart, an open tab keeps
  working, and the server no longer holds the replaced file open;
- an outage and a recovery: the visitor's filters come back from the address bar.
"""
from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from conventions import i18n
from harness.server import Server, streamlit_server
from tests.browser.support import ARTIFACTS, EXCEPTION, MAIN, SIDEBAR, open_app, url_params, wait_idle

pytestmark = pytest.mark.browser

LINK = ("volunteers", "region=KZ-75&from=2022&to=2023&lang=ru")
MARKER = "REBUILT-BUILD-MARKER"
TAGS = f'{SIDEBAR} [data-testid="stMultiSelect"] [data-tag]'


@dataclass
class Live:
    """The server and the database path it reads, which the tests replace under it."""

    server: Server
    path: Path
    good: Path
    scratch: Path

    def put(self, source: Path | None) -> None:
        """Make `source` the file at the live path (atomically), or remove it (None)."""
        if self.path.is_dir():
            self.path.rmdir()
        if source is None:
            self.path.unlink(missing_ok=True)
            return
        staged = self.scratch / f".staged-{source.name}"
        shutil.copyfile(source, staged)
        os.replace(staged, self.path)

    @property
    def url(self) -> str:
        return self.server.url.rstrip("/")


@pytest.fixture(scope="module")
def live(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    scratch = tmp_path_factory.mktemp("live-db")
    path = scratch / "civic.duckdb"
    shutil.copyfile(built_db, path)
    with streamlit_server(path, "database-states", log_dir=ARTIFACTS) as server:
        state = Live(server, path, built_db, scratch)
        yield state


@pytest.fixture
def restored(live: Live) -> Iterator[Live]:
    """The live path holds the good database before and after the test."""
    live.put(live.good)
    yield live
    live.put(live.good)


def page_text(page: Page) -> str:
    return page.locator("body").inner_text()


def assert_outage_page(page: Page, live: Live, lang: str) -> None:
    """The outage message in `lang`, declared as the page's language (WCAG 3.1.1), no traceback,
    no server path, nothing else in the main area."""
    errors = page.locator(EXCEPTION).all_inner_texts()
    assert not errors, errors[0][:500]
    text = page_text(page)
    assert str(live.scratch) not in text and "etl build" not in text, text[:500]
    expect(page.locator(MAIN).get_by_text(i18n.t("app.unavailable", lang))).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert page.locator(f'{MAIN} [data-testid="stMetric"], {MAIN} [data-testid="stVegaLiteChart"]').count() == 0


# ------------------------------------------------------------------ damaged or foreign files


def _copy(live: Live, name: str) -> Path:
    path = live.scratch / name
    shutil.copyfile(live.good, path)
    return path


def zero_bytes(live: Live) -> Path:
    path = live.scratch / "zero.duckdb"
    path.write_bytes(b"")
    return path


def truncated(live: Live) -> Path:
    path = live.scratch / "truncated.duckdb"
    data = live.good.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def random_bytes(live: Live) -> Path:
    path = live.scratch / "random.duckdb"
    path.write_bytes(random.Random(12).randbytes(live.good.stat().st_size))
    return path


def flipped_byte(live: Live) -> Path:
    path = _copy(live, "flipped.duckdb")
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(data), len(data) // 64):   # every block-sized stretch
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def dropped_table(live: Live) -> Path:
    path = _copy(live, "dropped.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("DROP TABLE mentions")
    return path


def no_tables(live: Live) -> Path:
    path = live.scratch / "no-tables.duckdb"
    path.unlink(missing_ok=True)
    duckdb.connect(str(path)).close()
    return path


def empty_observations(live: Live) -> Path:
    path = _copy(live, "empty-observations.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM disagreements")   # it references observations
        con.execute("DELETE FROM observations")
    return path


DAMAGED: dict[str, Callable[[Live], Path]] = {
    "zero-bytes": zero_bytes, "truncated": truncated, "random-bytes": random_bytes,
    "flipped-bytes": flipped_byte, "dropped-table": dropped_table, "no-tables": no_tables,
    "empty-observations": empty_observations,
}


@pytest.mark.parametrize("kind", list(DAMAGED))
def test_a_damaged_database_shows_the_outage_page(restored: Live, context: BrowserContext, kind: str) -> None:
    restored.put(DAMAGED[kind](restored))
    tab = context.new_page()
    try:
        open_app(tab, restored.url, *LINK)
        assert_outage_page(tab, restored, "ru")
    finally:
        tab.close()


def test_a_directory_at_the_database_path_shows_the_outage_page(restored: Live, context: BrowserContext) -> None:
    restored.put(None)
    restored.path.mkdir()
    tab = context.new_page()
    try:
        open_app(tab, restored.url, *LINK)
        assert_outage_page(tab, restored, "ru")
    finally:
        tab.close()


# ------------------------------------------------------------------ a rebuild


def rebuilt(live: Live) -> Path:
    """The same database with one source title changed, so a page can tell the builds apart."""
    path = _copy(live, "rebuilt.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE sources SET title = title || ?", [f" {MARKER}"])
    return path


def held_open(pid: int, path: Path) -> list[str]:
    """Files the server process has open at `path`, the replaced ones shown '(deleted)'."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


def test_a_rebuilt_database_reaches_the_running_app(restored: Live, context: BrowserContext) -> None:
    old_tab = context.new_page()
    try:
        open_app(old_tab, restored.url, "data")
        assert MARKER not in page_text(old_tab)

        restored.put(rebuilt(restored))
        new_tab = context.new_page()
        try:
            open_app(new_tab, restored.url, "data")
            expect(new_tab.get_by_text(MARKER).first).to_be_visible()
        finally:
            new_tab.close()

        old_tab.locator('[data-testid="stSidebarNavLink"]').nth(1).click()
        wait_idle(old_tab)
        assert old_tab.locator(EXCEPTION).count() == 0
        expect(old_tab.get_by_text(MARKER).first).to_be_visible()
        open_files = held_open(restored.server.proc.pid, restored.path)
        assert not [f for f in open_files if f.endswith("(deleted)")], open_files
    finally:
        old_tab.close()


# ------------------------------------------------------------------ outage and recovery


def test_filters_survive_an_outage_and_the_message_names_no_path(restored: Live, context: BrowserContext) -> None:
    tab = context.new_page()
    try:
        open_app(tab, restored.url, *LINK)
        expect(tab.locator(TAGS)).to_have_count(1)
        aside = restored.scratch / "aside.duckdb"
        os.replace(restored.path, aside)
        tab.reload()
        wait_idle(tab)
        assert_outage_page(tab, restored, "ru")

        os.replace(aside, restored.path)
        tab.get_by_role("button", name=i18n.t("app.try_again", "ru")).click()
        wait_idle(tab)
        assert tab.locator(EXCEPTION).count() == 0
        params = url_params(tab)
        assert (params.get("region"), params.get("from"), params.get("to"), params.get("lang")) == (
            ["KZ-75"], ["2022"], ["2023"], ["ru"]), tab.url
        expect(tab.locator(TAGS)).to_have_count(1)
        expect(tab.locator(f"{SIDEBAR} [data-testid='stSliderThumbValue']")).to_have_text(["2022", "2023"])
    finally:
        tab.close()
