"""The open-data explorer pages against the real database: practices, organisations, evidence
search, sources, the document viewer and downloads — opened bare, through deep links, through
broken links (a visible warning and a fallback, never an exception), and driven by their widgets.

A deep link is opened the way a browser opens a shared URL: the session's first run goes
straight to the page (its URL path is the file's stem), so the page reads its own parameters.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from conventions import formatting, i18n
from qogam import catalog, catalog_views
from qogam.viewer import CONTEXT
from tests.app.support import open_direct
from tests.support import APP, PAYLOAD, PayloadDb, build_payload_db

# The explorer pages (URL paths) and the title each must show.
TITLE_KEYS = {"practices": "practices.title", "organizations": "organizations.title", "search": "search.title",
              "sources": "sources.title", "documents": "documents.title", "downloads": "downloads.title"}
N_SAMPLED = 10

OpenExplorer = Callable[..., AppTest]


@pytest.fixture
def open_explorer(built_db: Path) -> OpenExplorer:
    """`open_explorer(page, **query)`: a deep link into an explorer page, on the real database."""
    def _open(page: str, **query: str | list[str]) -> AppTest:
        return open_direct(page, query)
    return _open


@pytest.fixture(scope="module")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def assert_healthy(at: AppTest, page: str, lang: str = "en") -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [i18n.t(TITLE_KEYS[page], lang)]
    assert not at.error


def warnings(at: AppTest) -> str:
    """Every warning as the reader sees it (Markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(w.value for w in at.warning))


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def target_line(at: AppTest, line: int) -> str:
    """The text the viewer shows on its highlighted line (tags stripped, entities decoded)."""
    block = next(h.value for h in at.html if 'class="qogam-doc"' in h.value)
    found = re.search(rf'<div class="row target[^"]*" id="L{line}"[^>]*><span class="no">{line}</span>'
                      rf'<span class="tx">(.*?)</span></div>', block)
    assert found, f"line {line} is not the highlighted line"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def url(at: AppTest) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


# --- every page opens ------------------------------------------------------------------------

@pytest.mark.parametrize("page", TITLE_KEYS)
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_page_opens_bare_in_every_language(open_explorer: OpenExplorer, page: str, lang: str) -> None:
    at = open_explorer(page, **({} if lang == "en" else {"lang": lang}))
    assert_healthy(at, page, lang)
    assert not at.warning
    assert set(url(at)) <= {"lang"}


@pytest.mark.parametrize("page", TITLE_KEYS)
def test_page_opens_within_the_global_filters(open_explorer: OpenExplorer, page: str) -> None:
    at = open_explorer(page, region="KZ-75", **{"from": "2021", "to": "2023"})
    assert_healthy(at, page)
    assert not at.warning


BROKEN = {
    "practices": ({"practice": "no-such-practice", "focus": "<script>alert(1)</script>", "scope": "galactic"},
                  ["no-such-practice", "<script>alert(1)</script>", "galactic"]),
    "organizations": ({"org": "'; DROP TABLE organizations; --", "kind": "cartel"},
                      ["'; DROP TABLE organizations; --", "cartel"]),
    "search": ({"q": "волонтёр " * 3000, "source": "nope", "topic": "zzz"}, ["`q`", "nope", "zzz"]),
    "documents": ({"source": "no-such-document", "line": "12"}, ["no-such-document"]),
    "downloads": ({"table": "build_info", "obs": "no-such-figure"}, ["build_info", "no-such-figure"]),
    "sources": ({"practice": "humane-care", "q": "x"}, []),     # parameters of other pages: ignored
}


@pytest.mark.parametrize("page", TITLE_KEYS)
def test_broken_link_warns_falls_back_and_is_cleaned(open_explorer: OpenExplorer, page: str) -> None:
    query, mentions = BROKEN[page]
    at = open_explorer(page, **query)
    assert_healthy(at, page)
    shown = warnings(at)
    for text in mentions:
        assert text[:40] in shown, f"no warning mentions {text[:40]!r}: {shown[:300]!r}"
    assert "<script>" not in "\n".join(w.value for w in at.warning)    # escaped, never markup
    left = url(at)
    for key, values in query.items():
        if key in left:
            assert left[key] != [values], f"the invalid {key} stayed in the URL"
    if not mentions:
        assert not at.warning and left == {}


# --- practices -------------------------------------------------------------------------------

def test_practice_link_opens_its_profile_with_numbers_links_citation_and_peers(
        open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection) -> None:
    practice_id, title, line, profile_line, n_links = con.execute(
        "SELECT p.practice_id, p.title, p.line, p.profile_line, len(p.links) FROM practices AS p "
        "WHERE (SELECT count(*) FROM observations AS o WHERE o.practice_id = p.practice_id) > 1 "
        "AND len(p.links) > 0 ORDER BY p.practice_id LIMIT 1").fetchone()
    n_numbers = con.execute("SELECT count(*) FROM observations WHERE practice_id = ?", [practice_id]).fetchone()[0]
    at = open_explorer("practices", practice=practice_id)
    assert_healthy(at, "practices")
    assert title in [s.value.replace("\\", "") for s in at.subheader]
    assert len(at.metric) == n_numbers
    text = markdown(at)
    assert f"documents?source=animals-2025&line={line})" in text
    assert f"documents?source=animals-2025&line={profile_line})" in text
    assert text.count("](https://") + text.count("](http://") >= n_links
    peers = [b for b in at.button if (b.key or "").startswith("pr_peer_")]
    assert peers, "no similar practice listed"
    assert url(at) == {"practice": [practice_id]}


def test_practices_sharing_a_point_are_listed_in_the_profile(open_explorer: OpenExplorer,
                                                             con: duckdb.DuckDBPyConnection) -> None:
    practice_id, others = con.execute(
        "SELECT a.practice_id, list(b.practice_id ORDER BY b.practice_id) FROM practices AS a "
        "JOIN practices AS b ON a.lat = b.lat AND a.lon = b.lon AND a.practice_id <> b.practice_id "
        "GROUP BY 1 ORDER BY 1 LIMIT 1").fetchone()
    at = open_explorer("practices", practice=practice_id)
    here = sorted(b.key.removeprefix("pr_here_") for b in at.button if (b.key or "").startswith("pr_here_"))
    assert here == others
    next(b for b in at.button if b.key == f"pr_here_{others[0]}").click().run()
    assert url(at) == {"practice": [others[0]]}


def test_choosing_a_peer_opens_it_and_puts_it_in_the_url(open_explorer: OpenExplorer) -> None:
    at = open_explorer("practices", practice="humane-care")
    peer = next(b for b in at.button if (b.key or "").startswith("pr_peer_"))
    peer_id = peer.key.removeprefix("pr_peer_")
    peer.click().run()
    assert not at.exception
    assert url(at)["practice"] == [peer_id]
    assert at.session_state["pr_practice"] == peer_id


def test_facets_and_text_filter_the_catalog_and_go_to_the_url(open_explorer: OpenExplorer,
                                                             con: duckdb.DuckDBPyConnection) -> None:
    at = open_explorer("practices")
    total = con.execute("SELECT count(*) FROM practices").fetchone()[0]
    digital = con.execute("SELECT count(*) FROM practices WHERE list_contains(focus_areas, 'it_digital')").fetchone()[0]
    assert i18n.t("practices.count", "en", n=total, total=total) in [c.value for c in at.caption]
    at.multiselect(key="pr_focus").select("it_digital").run()
    assert i18n.t("practices.count", "en", n=digital, total=total) in [c.value for c in at.caption]
    assert url(at) == {"focus": ["it_digital"]}
    at.text_input(key="pr_text").input("adoptly").run()
    assert url(at) == {"focus": ["it_digital"], "text": ["adoptly"]}
    assert i18n.t("practices.count", "en", n=1, total=total) in [c.value for c in at.caption]


def test_nationwide_practices_are_listed_beside_the_map(open_explorer: OpenExplorer,
                                                        con: duckdb.DuckDBPyConnection) -> None:
    """The first `MAX_LISTED` of each scope without a point, by title, in one table of scope,
    title and themes beside the map (the rest are in the catalog table)."""
    unlocated = con.execute("SELECT scope, list(title ORDER BY title, practice_id) FROM practices "
                            "WHERE lat IS NULL GROUP BY 1").fetchall()
    expected = sorted(title for _scope, titles in unlocated for title in titles[:catalog_views.MAX_LISTED])
    at = open_explorer("practices")
    [listed] = [table for table in at.dataframe if (table.key or "").startswith("pr_nat_")]
    shown = listed.value
    assert list(shown.columns) == ["Scope", "Practice", "Themes"]
    assert sorted(shown["Practice"]) == expected and expected
    assert set(shown["Scope"]) == {catalog.label(catalog.SCOPE, scope, "en") for scope, _titles in unlocated}
    assert len(at.get("deck_gl_json_chart")) == 1


def test_region_filter_keeps_only_that_region_s_practices(open_explorer: OpenExplorer,
                                                         con: duckdb.DuckDBPyConnection) -> None:
    region, n = con.execute("SELECT region_code, count(*) FROM practices WHERE region_code LIKE 'KZ-%' "
                            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    total = con.execute("SELECT count(*) FROM practices").fetchone()[0]
    at = open_explorer("practices", region=region)
    assert i18n.t("practices.count", "en", n=n, total=total) in [c.value for c in at.caption]
    table = at.dataframe[0].value
    assert len(table) == n


def test_years_before_every_document_with_initiatives_say_so(open_explorer: OpenExplorer,
                                                             con: duckdb.DuckDBPyConnection) -> None:
    years = [r[0] for r in con.execute("SELECT DISTINCT s.year_published FROM practices JOIN sources AS s "
                                       "USING (source_id) ORDER BY 1").fetchall()]
    at = open_explorer("practices", to=str(years[0] - 1))
    assert_healthy(at, "practices")
    told = " ".join(info.value for info in at.info)
    assert all(str(year) in told for year in years), told
    assert not at.dataframe


# --- organisations ---------------------------------------------------------------------------

def test_organisation_link_lists_every_line_naming_it_with_viewer_links(
        open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection) -> None:
    org_id, name = con.execute("SELECT o.org_id, o.name FROM organizations AS o JOIN organization_mentions "
                               "USING (org_id) GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()
    mentions = con.execute("SELECT source_id, line FROM organization_mentions WHERE org_id = ?", [org_id]).fetchall()
    at = open_explorer("organizations", org=org_id)
    assert_healthy(at, "organizations")
    assert name in [s.value.replace("\\", "") for s in at.subheader]
    text = markdown(at)
    for source_id, line in mentions:
        assert f"(documents?source={source_id}&line={line})" in text
    assert i18n.t("organizations.named_in", "en", n=len(mentions)) in text


def test_organisation_kind_and_text_filters(open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection) -> None:
    n_state = con.execute("SELECT count(*) FROM organizations WHERE kind = 'state_body'").fetchone()[0]
    at = open_explorer("organizations", kind="state_body")
    assert len(at.dataframe[0].value) == n_state
    at.text_input(key="org_text").input("ministry").run()
    names = at.dataframe[0].value[i18n.t("organizations.name", "en")].tolist()
    assert names and all("ministry" in n.lower() for n in names)
    assert url(at) == {"kind": ["state_body"], "text": ["ministry"]}


# --- evidence search -------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["217391", "217 391", "217,391"])
def test_search_marks_the_number_and_links_each_hit_to_its_line(open_explorer: OpenExplorer, query: str) -> None:
    at = open_explorer("search", q=query)
    assert_healthy(at, "search")
    hits = [h.value for h in at.html if 'class="qogam-hit"' in h.value]
    assert hits
    assert all('<mark class="qogam-' in h for h in hits)
    assert any('<mark class="qogam-match">217 391</mark>' in h for h in hits)
    links = re.findall(r"\(documents\?source=([a-z0-9-]+)&line=(\d+)\)", "\n".join(c.value for c in at.caption))
    assert len(links) == len(hits)
    assert url(at) == {"q": [query]}


def test_search_filters_by_document_and_topic_and_russian_text(open_explorer: OpenExplorer) -> None:
    at = open_explorer("search", q="ВОЛОНТЁРОВ", source="volunteering-2023", topic="volunteers")
    assert_healthy(at, "search")
    assert not at.warning
    links = re.findall(r"\(documents\?source=([a-z0-9-]+)&line=\d+\)", "\n".join(c.value for c in at.caption))
    assert links and set(links) == {"volunteering-2023"}


def test_typing_a_query_updates_the_url(open_explorer: OpenExplorer) -> None:
    at = open_explorer("search")
    assert at.info and not [h for h in at.html if 'class="qogam-hit"' in h.value]
    at.text_input(key="s_query").input("state social order").run()
    assert url(at) == {"q": ["state social order"]}
    assert [h for h in at.html if 'class="qogam-hit"' in h.value]


def test_search_respects_the_global_year_filter(open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection) -> None:
    at = open_explorer("search", q="217391", **{"from": "1991", "to": "2010"})
    assert i18n.t("search.figures", "en", n="0") in [s.value for s in at.subheader]


# --- document viewer -------------------------------------------------------------------------

def test_the_viewer_shows_the_quoted_line_of_any_observation(con: duckdb.DuckDBPyConnection) -> None:
    sample = con.execute("SELECT source_id, line, quote FROM observations ORDER BY hash(obs_id) "
                         f"LIMIT {N_SAMPLED}").fetchall()
    assert len(sample) == N_SAMPLED
    for source_id, line, quote in sample:
        at = open_direct("documents", {"source": source_id, "line": str(line)})
        assert not at.exception and not at.warning
        first = quote.split("\n")[0].strip()
        assert first in target_line(at, line), (source_id, line, first)


def test_viewer_window_and_navigation_stay_in_the_url(open_explorer: OpenExplorer) -> None:
    at = open_explorer("documents", source="volunteering-2022", line="100")
    block = next(h.value for h in at.html if 'class="qogam-doc"' in h.value)
    numbers = [int(n) for n in re.findall(r'id="L(\d+)"', block)]
    assert numbers == list(range(100 - CONTEXT, 100 + CONTEXT + 1))
    at.number_input(key="doc_line").set_value(200).run()
    assert url(at) == {"source": ["volunteering-2022"], "line": ["200"]}
    next(b for b in at.button if b.label == i18n.t("documents.next", "en")).click().run()
    assert url(at)["line"] == [str(200 + 2 * CONTEXT + 1)]


@pytest.mark.parametrize(("line", "expected", "issue"), [
    ("99999", "n_lines", "warn.line_out_of_range"), ("abc", 1, "warn.invalid_line"),
    ("0", 1, "warn.line_out_of_range"),
])
def test_a_line_that_does_not_exist_opens_the_nearest_with_a_warning(
        open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection, line: str, expected, issue: str) -> None:
    n_lines = con.execute("SELECT n_lines FROM sources WHERE source_id = 'animals-2025'").fetchone()[0]
    shown = n_lines if expected == "n_lines" else expected
    at = open_explorer("documents", source="animals-2025", line=line)
    assert_healthy(at, "documents")
    assert i18n.t(issue, "en", param="line", value=line) in warnings(at)
    target_line(at, shown)
    assert url(at) == {"source": ["animals-2025"], "line": [str(shown)]}


def test_repaired_lines_mark_lost_characters_and_show_the_raw_text_on_request(
        open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection) -> None:
    source_id, line, raw = con.execute("SELECT source_id, line, raw FROM source_lines WHERE lost > 0 "
                                       "ORDER BY source_id, line LIMIT 1").fetchone()
    at = open_explorer("documents", source=source_id, line=str(line))
    block = next(h.value for h in at.html if 'class="qogam-doc"' in h.value)
    assert 'class="qogam-lost"' in block
    at.toggle(key="doc_raw").set_value(True).run()
    assert raw in target_line(at, line)


def test_the_viewer_cites_its_line(open_explorer: OpenExplorer) -> None:
    at = open_explorer("documents", source="civil-society-30y-2021", line="27")
    codes = [c.value for c in at.code]
    assert any(", line 27: “" in c and "/documents?source=civil-society-30y-2021&line=27" in c for c in codes)
    assert any(c.startswith("@misc{civil-society-30y-2021-line-27,") for c in codes)


@pytest.fixture(scope="module")
def payload(tmp_path_factory: pytest.TempPathFactory) -> PayloadDb:
    """A database in which a document line ends with PAYLOAD (script tag, img onerror, Markdown)."""
    return build_payload_db(tmp_path_factory.mktemp("payload"))


def test_document_text_with_markup_is_shown_escaped(payload: PayloadDb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QOGAM_DB", str(payload.path))
    at = open_direct("documents", payload.viewer_query)
    assert not at.exception and not at.warning
    assert PAYLOAD in target_line(at, payload.line)
    block = next(h.value for h in at.html if 'class="qogam-doc"' in h.value)
    assert "<script>" not in block and "<img" not in block
    assert html.escape(PAYLOAD) in block
    at = open_direct("search", {"q": "onerror"})
    hits = [h.value for h in at.html if 'class="qogam-hit"' in h.value]
    assert hits and all("<script>" not in h and "<img" not in h for h in hits)


# --- sources and downloads -------------------------------------------------------------------

def test_sources_page_lists_every_document_with_checksum_repairs_gaps_and_citation(
        open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection) -> None:
    at = open_explorer("sources")                          # its first section: the documents
    codes = "\n".join(c.value for c in at.code)
    for source_id, sha256 in con.execute("SELECT source_id, sha256 FROM sources").fetchall():
        assert sha256 in codes
        assert f"(documents?source={source_id}&line=1)" in markdown(at)
    at = open_explorer("sources", section="caveats")
    lost, repaired = con.execute("SELECT sum(lost), count(*) FILTER (WHERE repaired) FROM source_lines").fetchone()
    stats = at.dataframe[0].value
    assert stats[i18n.t("sources.n_lost", "en")].sum() == lost
    assert stats[i18n.t("sources.n_repaired", "en")].sum() == repaired
    n_gaps = con.execute("SELECT count(*) FROM gaps").fetchone()[0]
    assert markdown(at).count(i18n.t("gaps.not_published", "en", what="")[:20]) == n_gaps
    at = open_explorer("sources", section="cite")
    assert any(c.value.startswith("@misc{qogam-") for c in at.code)


def test_downloads_preview_follows_the_global_filters_and_column_picks(
        open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection) -> None:
    n_all = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    n_region = con.execute("SELECT count(*) FROM observations WHERE region_code = 'KZ-75'").fetchone()[0]
    at = open_explorer("downloads")
    assert len(at.dataframe[-1].value) == n_all
    at = open_explorer("downloads", region="KZ-75")
    assert len(at.dataframe[-1].value) == n_region
    at.multiselect(key="dl_pick_observations").select("qualifier").run()
    at.multiselect(key="dl_values_observations_qualifier").select("exact").run()
    n_exact = con.execute("SELECT count(*) FROM observations WHERE region_code = 'KZ-75' "
                          "AND qualifier = 'exact'").fetchone()[0]
    assert len(at.dataframe[-1].value) == n_exact
    labels = [b.proto.label for b in at.download_button]
    assert i18n.t("downloads.filtered", "en", n=formatting.format_number(n_exact, "en")) in labels


def test_downloads_table_link_shows_its_dictionary(open_explorer: OpenExplorer) -> None:
    at = open_explorer("downloads", table="practices", lang="ru")
    assert_healthy(at, "downloads", "ru")
    preview_only = len(at.dataframe)
    at.session_state["dl_dictionary_practices"] = True           # the dictionary is drawn when opened
    at.run()
    assert len(at.dataframe) == preview_only + 1
    dictionary = at.dataframe[0].value
    assert "practice_id" in dictionary[i18n.t("downloads.column", "ru")].tolist()
    at.selectbox(key="dl_table").set_value("mentions").run()
    assert url(at) == {"table": ["mentions"], "lang": ["ru"]}


def test_the_document_text_is_only_handed_out_one_document_at_a_time(open_explorer: OpenExplorer,
                                                                      con: duckdb.DuckDBPyConnection) -> None:
    at = open_explorer("downloads", table="source_lines")
    assert_healthy(at, "downloads")
    first = con.execute("SELECT source_id FROM sources ORDER BY year_published, source_id LIMIT 1").fetchone()[0]
    n_lines = con.execute("SELECT n_lines FROM sources WHERE source_id = ?", [first]).fetchone()[0]
    assert len(at.dataframe[-1].value) == n_lines


def test_a_figure_link_gives_its_citation(open_explorer: OpenExplorer, con: duckdb.DuckDBPyConnection) -> None:
    obs_id, source_id, line, year, publisher = con.execute(
        "SELECT o.obs_id, o.source_id, o.line, s.year_published, s.publisher FROM observations AS o "
        "JOIN sources AS s USING (source_id) WHERE o.region_code = 'KZ-75' ORDER BY o.obs_id LIMIT 1").fetchone()
    at = open_explorer("downloads", obs=obs_id, region="KZ-19")      # a figure outside the region filter
    assert_healthy(at, "downloads")
    assert not at.warning
    plain = [c.value for c in at.code if f", line {line}: “" in c.value]
    assert plain and plain[0].startswith(f"{publisher} ({year}).")
    assert f"(documents?source={source_id}&line={line})" in markdown(at)
    assert url(at)["obs"] == [obs_id]


# --- page parameters belong to their page ----------------------------------------------------

def test_leaving_a_page_drops_its_parameters_and_coming_back_starts_fresh(open_explorer: OpenExplorer) -> None:
    at = open_explorer("practices", practice="humane-care", region="KZ-63")
    at.switch_page("pages/overview.py").run()
    assert url(at) == {"region": ["KZ-63"]}
    at.switch_page("pages/practices.py").run()
    assert at.session_state["pr_practice"] is None
    assert url(at) == {"region": ["KZ-63"]}


def test_every_topic_and_kind_of_organisation_has_a_label(con: duckdb.DuckDBPyConnection) -> None:
    """Labels looked up by value at run time: the topics of the search index, the schema's kinds."""
    schema = (Path(APP).parent / "etl" / "schema.sql").read_text(encoding="utf-8")
    kinds = re.search(r"kind\s+VARCHAR NOT NULL CHECK \(kind IN \(([^)]*)\)\),\n\s+region_code", schema)
    assert kinds is not None
    for kind in re.findall(r"'([a-z_]+)'", kinds.group(1)):
        assert i18n.has(f"org_kind.{kind}"), kind
    for (topic,) in con.execute("SELECT DISTINCT unnest(topics) FROM mentions").fetchall():
        assert i18n.has(f"topic.{topic}"), topic
