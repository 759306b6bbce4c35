"""Blocks the open-data explorer pages draw alike: links into the document viewer, citation blocks,
search hits and the viewer's style.

Links into the viewer are relative (`documents?source=…&line=…`), so they work wherever the
app is served; the absolute `citation.viewer_url` is only for citations that leave the app.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import streamlit as st

from conventions import formatting, i18n
from publish import citation
from publish.citation import Passage
from qogam import explorer_cache, page_frame, search, viewer
from qogam.filters import DEFAULT_LANG, PARAM_LANG
from qogam.page_frame import View
from qogam.params import LINE, SOURCE


def viewer_href(source_id: str, line: int, lang: str) -> str:
    """Relative link opening the document viewer at a line, in the page's language."""
    query = {SOURCE: source_id, LINE: line}
    if lang != DEFAULT_LANG:
        query[PARAM_LANG] = lang
    return f"{citation.VIEWER_PAGE}?{urlencode(query)}"


def viewer_link(label: str, source_id: str, line: int, lang: str) -> str:
    """A Markdown link to the viewer; `label` is shown literally."""
    return f"[{formatting.md_escape(label)}]({viewer_href(source_id, line, lang)})"


def line_link(source_id: str, line: int, lang: str) -> str:
    """"line 42" linking to the viewer at line 42."""
    return viewer_link(f"{i18n.t('field.line', lang)} {line}", source_id, line, lang)


def page_style() -> None:
    """The CSS of the viewer's lines and of search highlights (sent once per run)."""
    st.html(viewer.STYLE)


def citation_block(plain: str, bibtex: str, lang: str) -> None:
    """A citation as plain text and as BibTeX, each with Streamlit's copy button."""
    text_tab, bibtex_tab = st.tabs([i18n.t("cite.plain", lang), "BibTeX"])
    with text_tab:
        st.code(plain, language=None, wrap_lines=True)
    with bibtex_tab:
        st.code(bibtex, language="latex", wrap_lines=True)


def dataset_citation_block(lang: str) -> None:
    """How to cite the whole dataset (with today's access date)."""
    today, version = date.today(), explorer_cache.version()
    citation_block(citation.dataset_citation(version, today), citation.dataset_bibtex(version, today), lang)


def passage_citation_block(passage: Passage, lang: str) -> None:
    """How to cite one passage: its document and line first, then "via Qogam"."""
    version = explorer_cache.version()
    citation_block(citation.passage_citation(passage, version), citation.passage_bibtex(passage, version), lang)


def hit_html(hit: search.Hit) -> str:
    """A hit's text with the query and its numbers marked; document text escaped (`highlight`)."""
    return f'<div class="qogam-hit">{search.highlight(hit.text, hit.spans)}</div>'


def page_opening(name: str) -> View:
    """This run's view (filters, language), and the page's title and introduction: the
    translations `<name>.title` and `<name>.intro`."""
    view = page_frame.view()
    st.title(view.t(f"{name}.title"))
    st.markdown(view.t(f"{name}.intro"))
    return view
