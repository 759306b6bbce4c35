"""Evidence search: which published figures and which sentences of the documents state
something, in English or Russian, however the digits are grouped (`217 391` = `217,391`).

Each hit shows its sentence with the query and the numbers marked, and links into the document
viewer at its line. The query is in the URL (`?q=…&source=…&topic=…`); the region and year
filters are the global ones. Repeated words are searched once, and past `search.MAX_TERMS`
different words the rest are left out, which the page says; results are shared by all sessions
within a byte budget (`qogam.search_cache`).
"""
from __future__ import annotations

import streamlit as st

from conventions import formatting
from conventions.codes import COUNTRY
from qogam import db, explorer_blocks, page_frame, params, search, search_cache, urlstate
from qogam.figure_views import indicator_name
from qogam.page_frame import View
from qogam.search import Hit, QueryTerms

KEY_QUERY, KEY_SOURCES, KEY_TOPICS, KEY_LIMIT = "s_query", "s_sources", "s_topics", "s_limit"
PAGE_SIZE, MAX_SHOWN = search.HITS_PAGE, search.MAX_HITS_SHOWN


def _more() -> None:
    st.session_state[KEY_LIMIT] = min(st.session_state[KEY_LIMIT] + PAGE_SIZE, MAX_SHOWN)


def _reset_limit() -> None:
    """A new search starts again at the first page of hits."""
    st.session_state[KEY_LIMIT] = PAGE_SIZE


def read_url(view: View, source_ids: list[str], topics: list[str]) -> None:
    issues = urlstate.read(params.QUERY, KEY_QUERY, lambda v: params.parse_text(v, params.QUERY))
    issues += urlstate.read(params.SOURCE, KEY_SOURCES, lambda v: params.parse_choices(v, params.SOURCE, source_ids))
    issues += urlstate.read(params.TOPIC, KEY_TOPICS, lambda v: params.parse_choices(v, params.TOPIC, topics))
    urlstate.show_issues(issues, view.lang)
    st.session_state.setdefault(KEY_LIMIT, PAGE_SIZE)


def example_groupings() -> dict[str, str]:
    """A published figure as the hint and intro show it, grouped three ways (`spaced`, `commas`,
    `plain`): the number comes from the database, never from the translations."""
    rows = db.query("search_example", {"country": COUNTRY})
    number = int(rows["value"][0]) if rows.height else 0   # a database without that count: no example
    return {"spaced": f"{number:,}".replace(",", " "), "commas": f"{number:,}", "plain": str(number)}


def search_widgets(view: View, titles: dict[str, str], topics: list[str], example: dict[str, str]) -> None:
    st.text_input(view.t("search.query"), key=KEY_QUERY, max_chars=params.MAX_TEXT_LENGTH, on_change=_reset_limit,
                  placeholder=view.t("search.hint", **example), icon=":material/search:")
    source_column, topic_column = st.columns([3, 2])
    with source_column:
        st.multiselect(view.t("search.sources"), list(titles), key=KEY_SOURCES, format_func=titles.__getitem__,
                       placeholder=view.t("search.all_sources"), on_change=_reset_limit)
    with topic_column:
        st.multiselect(view.t("search.topics"), topics, key=KEY_TOPICS, placeholder=view.t("search.all_topics"),
                       format_func=lambda topic: view.t(f"topic.{topic}"), on_change=_reset_limit)
    urlstate.write(params.QUERY, KEY_QUERY, [st.session_state[KEY_QUERY]])
    urlstate.write(params.SOURCE, KEY_SOURCES, st.session_state[KEY_SOURCES])
    urlstate.write(params.TOPIC, KEY_TOPICS, st.session_state[KEY_TOPICS])


def scope_caption(view: View) -> str:
    """Which part of the global filters the search applies, in words."""
    names = view.region_names()
    where = ", ".join(names.get(code, code) for code in view.filters.regions)
    return view.t("search.scope", regions=where, years=formatting.format_years(view.filters.year_from,
                                                                                 view.filters.year_to))


def show_dropped_terms(view: View, terms: QueryTerms) -> None:
    """Say which words of the query are not searched for (those past `search.MAX_TERMS`)."""
    if terms.dropped:
        st.warning(view.t("search.terms_dropped", max=formatting.format_number(search.MAX_TERMS, view.lang),
                          n=formatting.format_number(len(terms.dropped), view.lang),
                          words=formatting.md_escape(" ".join(terms.dropped))), icon=":material/filter_list:")


def show_hits(view: View, hits: list[Hit], total: int, title_key: str) -> None:
    """One section of hits: the marked sentence, then document, line (a viewer link) and indicator."""
    st.subheader(view.t(title_key, n=formatting.format_number(total, view.lang)))
    if not hits:
        st.caption(view.t("search.none"))
        return
    for hit in hits:
        st.html(explorer_blocks.hit_html(hit))
        where = [formatting.md_escape(hit.source_title), explorer_blocks.line_link(hit.source_id, hit.line, view.lang)]
        if hit.indicator_id:
            where.append(formatting.md_escape(indicator_name(hit.indicator_id, view.lang)))
        st.caption(" · ".join(where))


view = page_frame.view()
st.title(view.t("search.title"))
example = example_groupings()
st.markdown(view.t("search.intro", **example))
explorer_blocks.page_style()
sources = db.query("sources")
titles = dict(sources.select("source_id", "title").iter_rows())
topics = db.query("search_topics")["topic"].to_list()
read_url(view, list(titles), topics)
search_widgets(view, titles, topics, example)
query = st.session_state[KEY_QUERY]
picked_sources, picked_topics = tuple(st.session_state[KEY_SOURCES]), tuple(st.session_state[KEY_TOPICS])
st.caption(scope_caption(view))
if not (query or picked_sources or picked_topics):
    st.info(view.t("search.start"), icon=":material/manage_search:")
else:
    full_span = (view.filters.year_from, view.filters.year_to) == (view.bounds.year_min, view.bounds.year_max)
    terms = search.query_terms(query)
    show_dropped_terms(view, terms)
    result = search_cache.run_search(terms.kept, picked_sources, picked_topics,
                                     () if view.filters.is_national else view.filters.regions,
                                     None if full_span else (view.filters.year_from, view.filters.year_to),
                                     st.session_state[KEY_LIMIT])
    show_hits(view, result.figures, result.n_figures, "search.figures")
    show_hits(view, result.mentions, result.n_mentions, "search.mentions")
    if result.truncated and st.session_state[KEY_LIMIT] < MAX_SHOWN:
        st.button(view.t("search.more", n=PAGE_SIZE), on_click=_more, icon=":material/expand_more:")
    elif result.truncated:
        st.caption(view.t("search.shown_cap", n=MAX_SHOWN))
