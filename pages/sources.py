"""Sources and methods: the documents (with checksums and terms), how figures are read from
them, what the reports say about their own coverage, what extraction lost or repaired, and
how to cite the dataset — one section (tab) at a time, `?section=` in the URL."""
from __future__ import annotations

import polars as pl
import streamlit as st

from conventions import formatting, i18n
from qogam import db, explorer_blocks, figure_sections, page_frame, page_sections
from qogam.page_frame import View
from qogam.page_sections import Section


def document_card(view: View, doc: dict) -> None:
    """One document: title, publisher, year, language, data years, terms, size and checksum."""
    with st.container(border=True):
        st.markdown(f"**{formatting.md_escape(doc['title'])}**")
        st.caption(" · ".join([
            formatting.md_escape(doc["publisher"]), str(doc["year_published"]),
            f"{view.t('data.language')}: {doc['language']}",
            f"{view.t('data.data_years')}: {formatting.md_escape(doc['data_years'])}",
            view.t("documents.n_lines", n=formatting.format_number(doc["n_lines"], view.lang)),
            f"{view.t('data.terms')}: {formatting.md_escape(doc['terms'])}"]))
        st.code(f"sha256 {doc['sha256']}  {doc['file']}", language=None, wrap_lines=True)
        st.markdown(explorer_blocks.viewer_link(view.t("sources.open"), doc["source_id"], 1, view.lang))


def repairs(view: View) -> None:
    """Per document: lines whose broken font was decoded and characters lost for good."""
    stats = db.query("repair_stats")
    st.subheader(view.t("sources.repairs"))
    for row in stats.filter(pl.col("n_repaired_lines") > 0).iter_rows(named=True):
        share = formatting.format_value(100 * row["n_repaired_lines"] / row["n_lines"], None, "percent", "exact",
                                        view.lang, i18n.words(view.lang))
        st.markdown(view.t("sources.repaired_share", share=share, title=formatting.md_escape(row["source_title"])))
    st.markdown(view.t("sources.repairs_explain"))
    st.dataframe(stats.select(
        pl.col("source_title").alias(view.t("field.source")),
        pl.col("n_lines").alias(view.t("data.n_lines")),
        pl.col("n_repaired_lines").alias(view.t("sources.n_repaired")),
        pl.col("n_lines_with_loss").alias(view.t("sources.n_lines_with_loss")),
        pl.col("n_lost_chars").alias(view.t("sources.n_lost")),
    ).to_arrow(), hide_index=True, width="stretch")
    for row in stats.filter(pl.col("first_repaired_line").is_not_null()).iter_rows(named=True):
        label = view.t("sources.see_repair", title=row["source_title"])
        st.markdown(explorer_blocks.viewer_link(label, row["source_id"], row["first_repaired_line"], view.lang))


def documents(view: View) -> None:
    """Every document as a card, and their terms."""
    for doc in db.query("sources").iter_rows(named=True):
        document_card(view, doc)
    st.caption(view.t("data.terms_note"))


def methods(view: View) -> None:
    st.markdown(view.t("sources.methods_text"))


def caveats(view: View) -> None:
    """What the reports say about their own coverage, the charts lost in extraction, the repairs."""
    st.markdown(view.t("about.intro"))
    figure_sections.caveats_section(view)
    figure_sections.gaps_section(db.query("gap_topics")["topic"].to_list(), view.lang)
    repairs(view)


def cite(view: View) -> None:
    explorer_blocks.dataset_citation_block(view.lang)
    st.caption(view.t("sources.cite_figure"))


SECTIONS = (Section("documents", "sources.documents"), Section("methods", "sources.methods"),
            Section("caveats", "sources.caveats"), Section("cite", "sources.cite"))
SHOW = {"documents": documents, "methods": methods, "caveats": caveats, "cite": cite}

view = page_frame.view()
st.title(view.t("sources.title"))
st.markdown(view.t("sources.intro"))
section, panel = page_sections.open_section(SECTIONS, view, "sources")
with panel:
    SHOW[section](view)
