"""The frame around every page: global filters in the sidebar, their URL, warnings, footer.

The URL is read once, when a session starts, into the widgets' Session State; from then on
the widgets hold the truth and every run writes them back to `st.query_params`. Widgets
rendered by the entrypoint survive page switches, so filters are kept when moving between
pages (Streamlit clears query parameters on a page switch; the next run restores them), and
the address bar always holds a link that reproduces the view.
"""
from __future__ import annotations

import contextlib
import functools
import importlib
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import CodeType

import polars as pl
import streamlit as st

from conventions import i18n
from conventions.formatting import md_escape
from conventions.paths import ROOT
from qogam import db, figure_views, filters, pagelang, params
from qogam.filters import ALL_KAZAKHSTAN, Bounds, Filters, Issue

ENTRYPOINT = ROOT / "app.py"
KEY_LANG, KEY_REGIONS, KEY_YEARS = "f_lang", "f_regions", "f_years"
KEY_URL_READ, KEY_ISSUES, KEY_VIEW = "_url_read", "_url_issues", "_view"
URL_PARAMS = (filters.PARAM_REGION, filters.PARAM_FROM, filters.PARAM_TO, filters.PARAM_LANG)

# Streamlit looks for a leading emoji in every non-ASCII option of a segmented control (the
# language switch's native names), and its first look imports `streamlit.emojis`, which compiles
# one regex of every emoji: 0.4-1.8 s of a process's first page render (issue 17). Importing it
# with this module (`serve.py` imports it at server start) takes that off every page's first render.
importlib.import_module("streamlit.emojis")


@dataclass(frozen=True)
class View:
    """What a page renders: the filters, the data's bounds and the regions table."""

    filters: Filters
    bounds: Bounds
    regions: pl.DataFrame

    @property
    def lang(self) -> str:
        return self.filters.lang

    def region_names(self) -> dict[str, str]:
        """Region code → name in the page language (`region_names`)."""
        return region_names(self.lang)

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.lang, **values)


def region_names(lang: str) -> dict[str, str]:
    """Region code → name in `lang` of the current database (kept per database and language;
    the sidebar and the sections ask for it several times a rerun). Callers only read it."""
    return figure_views.region_names(lang, db.database_key())


def load_bounds(regions: pl.DataFrame) -> Bounds:
    """Known region codes and the span of data years, from the database."""
    span = db.query("bounds").row(0, named=True)
    return Bounds(tuple(regions["region_code"].to_list()), span["year_min"], span["year_max"])


def _url_values() -> dict[str, list[str]]:
    """Every value of every filter parameter in the URL (repeated keys kept)."""
    return {key: st.query_params.get_all(key) for key in URL_PARAMS if key in st.query_params}


def _seed(view_filters: Filters) -> None:
    st.session_state[KEY_LANG] = view_filters.lang
    st.session_state[KEY_REGIONS] = [] if view_filters.is_national else list(view_filters.regions)
    st.session_state[KEY_YEARS] = (view_filters.year_from, view_filters.year_to)


def init_state(bounds: Bounds) -> None:
    """On a session's first run, parse the URL into the widgets' state and keep its issues."""
    if st.session_state.get(KEY_URL_READ):
        return
    parsed, issues = filters.parse_query(_url_values(), bounds)
    _seed(parsed)
    st.session_state[KEY_ISSUES] = issues + _trimmed_link_issues()
    st.session_state[KEY_URL_READ] = True


def _trimmed_link_issues() -> list[Issue]:
    """A warning when the server cut an over-long link down (`qogam.web.links`)."""
    dropped = st.query_params.get(params.TRIMMED, "")
    return [Issue("warn.link_trimmed", params.TRIMMED, filters.shown(dropped))] if dropped.isdigit() else []


def current_lang() -> str:
    """The chosen language (valid before the sidebar is drawn, so page titles can use it)."""
    lang = st.session_state.get(KEY_LANG)
    return lang if lang in filters.LANGS else filters.DEFAULT_LANG


def outage(page_config: Callable[[str], None]) -> None:
    """The page shown while the database cannot be read (missing, being replaced, damaged).

    It names no server path: the reason is in the server log (`qogam.db`). The address bar is
    left alone, and the URL will be read again on the next run that has data, because the
    filter widgets were not drawn in this run and Streamlit forgets the state of widgets it
    did not draw: so the visitor gets back the view their link describes.
    """
    url_lang = st.query_params.get(filters.PARAM_LANG)
    lang = url_lang if url_lang in filters.LANGS else current_lang()
    st.session_state[KEY_URL_READ] = False
    page_config(lang)
    pagelang.declare(lang, st.container())
    st.title(i18n.t("app.title", lang))
    st.warning(i18n.t("app.unavailable", lang), icon=":material/cloud_off:")
    st.button(i18n.t("app.try_again", lang), icon=":material/refresh:")


def _clear_issues() -> None:
    """A filter changed by hand: the URL's warnings no longer describe the view."""
    st.session_state[KEY_ISSUES] = []


def _state_filters(bounds: Bounds) -> Filters:
    """The widgets' state as `Filters`, revalidated (state may predate a rebuilt database)."""
    years = st.session_state.get(KEY_YEARS)
    if not (isinstance(years, (tuple, list)) and len(years) == 2):   # a client may send anything
        years = (bounds.year_min, bounds.year_max)
    query = {filters.PARAM_REGION: [str(code) for code in st.session_state.get(KEY_REGIONS) or []],
             filters.PARAM_FROM: [f"{years[0]:.0f}" if isinstance(years[0], float) else str(years[0])],
             filters.PARAM_TO: [f"{years[1]:.0f}" if isinstance(years[1], float) else str(years[1])],
             filters.PARAM_LANG: [current_lang()]}
    return filters.parse_query(query, bounds)[0]


def sidebar(bounds: Bounds, regions: pl.DataFrame) -> Filters:
    """Language switch, region multi-select and year range; returns the view's filters."""
    lang = current_lang()
    names = region_names(lang)
    with st.sidebar:
        st.segmented_control(i18n.t("filters.language", lang), filters.LANGS, required=True,
                             format_func=i18n.LANGUAGE_NAMES.__getitem__, key=KEY_LANG,
                             on_change=_clear_issues)
        st.multiselect(i18n.t("filters.regions", lang), list(bounds.regions),
                       format_func=lambda code: names.get(code, code), key=KEY_REGIONS,
                       placeholder=i18n.t("filters.all_kazakhstan", lang),
                       help=i18n.t("filters.regions_help", lang), on_change=_clear_issues)
        if bounds.year_min < bounds.year_max:
            st.slider(i18n.t("filters.years", lang), bounds.year_min, bounds.year_max,
                      key=KEY_YEARS, on_change=_clear_issues, format="%d")
        else:
            st.caption(i18n.t("filters.single_year", lang, year=bounds.year_min))
    return _state_filters(bounds)


def sync_url(view_filters: Filters, bounds: Bounds, keep: Sequence[str] = ()) -> None:
    """Write the filters to the address bar (only when it differs, to avoid needless messages).

    `keep` names the shown page's own parameters (`qogam.params`), left for the page to read.
    """
    target = filters.to_query(view_filters, bounds)
    if _url_values() != target or any(key not in URL_PARAMS and key not in keep for key in st.query_params):
        kept = {key: st.query_params.get_all(key) for key in keep if key in st.query_params}
        st.query_params.from_dict({**target, **kept})


def issue_text(issue: Issue, lang: str) -> str:
    """A URL problem as a sentence; the offending value is escaped so it shows as typed."""
    return i18n.t(issue.key, lang, param=issue.param, value=md_escape(issue.value))


def show_issues(lang: str) -> None:
    """One warning listing what in the link was ignored or corrected."""
    issues: list[Issue] = st.session_state.get(KEY_ISSUES) or []
    if issues:
        lines = "\n".join(f"- {issue_text(issue, lang)}" for issue in issues)
        st.warning(f"{i18n.t('warn.heading', lang)}\n\n{lines}", icon=":material/link_off:")


def set_view(view_now: View) -> None:
    st.session_state[KEY_VIEW] = view_now


_RUN = threading.local()


@contextlib.contextmanager
def entrypoint() -> Iterator[None]:
    """Marks the entrypoint's run on this script thread (see `view`)."""
    _RUN.in_entrypoint = True
    try:
        yield
    finally:
        _RUN.in_entrypoint = False


@functools.lru_cache(maxsize=2)
def _entrypoint_code(mtime_ns: int) -> CodeType:
    """The entrypoint compiled once per version of the file (`runpy.run_path` compiled it on
    every such run: every AppTest run, and a server session's first)."""
    return compile(ENTRYPOINT.read_bytes(), str(ENTRYPOINT), "exec")


def view() -> View:
    """The view the entrypoint prepared for this run (pages call this first).

    With a `pages/` folder, Streamlit runs a server's first session (and AppTest runs) through
    its legacy router, which executes the page file named by the URL without the entrypoint.
    Such a run is handed to the entrypoint, which routes back to this page through
    st.navigation, and then stops so the page is not drawn twice.
    """
    if not getattr(_RUN, "in_entrypoint", False):
        exec(_entrypoint_code(ENTRYPOINT.stat().st_mtime_ns), {"__name__": "__main__", "__file__": str(ENTRYPOINT)})
        st.stop()
    return st.session_state[KEY_VIEW]


def select_region(code: str) -> None:
    """Make `code` the region filter (used by map clicks); "KZ" means Kazakhstan as a whole."""
    st.session_state[KEY_REGIONS] = [] if code == ALL_KAZAKHSTAN else [code]
    _clear_issues()


def footer(lang: str) -> None:
    """Sources and licences, on every page."""
    sources = db.query("sources")
    st.divider()
    items = "\n".join(f"- {md_escape(r['title'])} — {md_escape(r['publisher'])}, {r['year_published']}"
                      for r in sources.iter_rows(named=True))
    st.caption(f"**{i18n.t('footer.sources', lang)}**\n\n{items}")
    terms = sorted(set(sources["terms"].to_list()))
    if terms == ["not stated"]:
        terms_text = i18n.t("footer.terms_not_stated", lang)
    else:
        terms_text = i18n.t("footer.terms_listed", lang, terms="; ".join(md_escape(t) for t in terms))
    st.caption(f"{terms_text} {i18n.t('footer.code_licence', lang)}")
