"""Document viewer: a document's lines around one line, as repaired and as in the snapshot.

Every citation, search hit and practice profile links here with `?source=<id>&line=<n>`; an
unknown document or a line that does not exist opens the nearest valid view with a warning.
Document text is shown through `qogam.viewer` (escaped, lost characters marked), never as
Markdown or unescaped HTML.
"""
from __future__ import annotations

import streamlit as st

from conventions import formatting
from publish.citation import Passage
from qogam import db, explorer_blocks, explorer_cache, page_frame, params, urlstate, viewer
from qogam.page_frame import View

KEY_SOURCE, KEY_LINE, KEY_RAW = "doc_source", "doc_line", "doc_raw"
STEP = 2 * viewer.CONTEXT + 1


def _move(lines: int) -> None:
    st.session_state[KEY_LINE] = max(1, st.session_state[KEY_LINE] + lines)


def _restart() -> None:
    """Another document: start at its first line."""
    st.session_state[KEY_LINE] = 1


def document_index(view: View, documents: dict[str, dict]) -> None:
    """No document chosen yet: what can be opened, each linking to its first line."""
    st.info(view.t("documents.choose"), icon=":material/menu_book:")
    st.markdown("\n".join(
        f"- {explorer_blocks.viewer_link(doc['title'], source_id, 1, view.lang)} — "
        f"{formatting.md_escape(doc['publisher'])}, {doc['year_published']} · "
        f"{view.t('documents.n_lines', n=formatting.format_number(doc['n_lines'], view.lang))}"
        for source_id, doc in documents.items()))


def navigation(view: View, n_lines: int) -> int:
    """Line picker with previous/next page buttons; the line to show."""
    st.session_state[KEY_LINE] = min(max(1, st.session_state[KEY_LINE]), n_lines)
    line_column, back_column, next_column = st.columns([2, 1, 1], vertical_alignment="bottom")
    with line_column:
        line = int(st.number_input(view.t("documents.line"), min_value=1, max_value=n_lines, step=1,
                                   key=KEY_LINE))
    with back_column:
        st.button(view.t("documents.previous"), icon=":material/arrow_upward:", on_click=_move, args=(-STEP,),
                  disabled=line <= 1, width="stretch")
    with next_column:
        st.button(view.t("documents.next"), icon=":material/arrow_downward:", on_click=_move, args=(STEP,),
                  disabled=line >= n_lines, width="stretch")
    return line


def text_window(view: View, source_id: str, line: int, n_lines: int) -> dict:
    """The lines around `line` (repaired, or raw on request); returns the target line's row."""
    first, last = viewer.window(line, n_lines)
    rows = db.query("document_lines", {"source_id": source_id, "first": first, "last": last}).to_dicts()
    repaired = any(row["repaired"] for row in rows)
    raw = repaired and st.toggle(view.t("documents.show_raw"), key=KEY_RAW, help=view.t("documents.raw_help"))
    labels = viewer.Labels(view.t("documents.lost_title"), view.t("documents.repaired_title"))
    st.html(viewer.lines_html(rows, line, labels, raw=raw))
    legend = [view.t("documents.legend_target", line=line)]
    if repaired and not raw:
        legend.append(view.t("documents.legend_repaired"))
    if any(row["lost"] for row in rows) and not raw:
        legend.append(view.t("documents.legend_lost"))
    st.caption(" ".join(legend))
    return next(row for row in rows if row["line"] == line)


def figures_on_line(view: View, source_id: str, line: int) -> None:
    """The published figures quoted from the target line."""
    figures = explorer_cache.figure_labels(db.query("line_observations", {"source_id": source_id, "line": line}),
                                     view.lang)
    if figures.is_empty():
        return
    st.subheader(view.t("documents.figures"))
    st.markdown("\n".join(f"- {formatting.md_escape(label)}" for label in figures["figure_label"]))


def show_document(view: View, doc: dict) -> None:
    source_id, n_lines = doc["source_id"], doc["n_lines"]
    st.caption(" · ".join([formatting.md_escape(doc["publisher"]), str(doc["year_published"]),
                           doc["language"], view.t("documents.n_lines", n=formatting.format_number(n_lines, view.lang)),
                           f"{view.t('data.terms')}: {formatting.md_escape(doc['terms'])}"]))
    line = navigation(view, n_lines)
    urlstate.write(params.SOURCE, KEY_SOURCE, [source_id])
    urlstate.write(params.LINE, KEY_LINE, [str(line)])
    target = text_window(view, source_id, line, n_lines)
    figures_on_line(view, source_id, line)
    st.subheader(view.t("documents.cite_line"))
    passage = Passage(source_id, doc["title"], doc["publisher"], doc["year_published"], line, target["text"])
    explorer_blocks.passage_citation_block(passage, view.lang)


view = page_frame.view()
st.title(view.t("documents.title"))
explorer_blocks.page_style()
documents = {row["source_id"]: row for row in db.query("sources").iter_rows(named=True)}
issues = urlstate.read(params.SOURCE, KEY_SOURCE,
                       lambda values: params.parse_choice(values, params.SOURCE, documents))
chosen = st.session_state[KEY_SOURCE]
if chosen is None:   # a line means nothing without its document
    st.session_state.setdefault(KEY_LINE, 1)
else:
    issues += urlstate.read(params.LINE, KEY_LINE,
                            lambda values: params.parse_line(values, params.LINE, documents[chosen]["n_lines"]))
urlstate.show_issues(issues, view.lang)
source_id = st.selectbox(view.t("documents.document"), list(documents), key=KEY_SOURCE, on_change=_restart,
                         format_func=lambda sid: documents[sid]["title"], placeholder=view.t("documents.choose"))
if source_id is None:
    urlstate.write(params.SOURCE, KEY_SOURCE, [])
    urlstate.write(params.LINE, KEY_LINE, [])
    document_index(view, documents)
else:
    show_document(view, documents[source_id])
