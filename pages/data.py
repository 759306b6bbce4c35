"""What is loaded: the source documents, rows per table, where sources disagree, build facts —
one section (tab) at a time, `?section=` in the URL."""
from __future__ import annotations

import polars as pl
import streamlit as st

from qogam import db, disagreement_views, page_frame, page_sections
from qogam.page_frame import View
from qogam.page_sections import Section

TABLE_WIDTH = 420
SECTIONS = (Section("sources", "data.sources"), Section("tables", "data.tables"),
            Section("disagreements", "disagree.title"), Section("build", "data.build"))


def sources_section(view: View) -> None:
    """Every source document with what was read from it."""
    sources = db.query("sources").join(db.query("observations_per_source"), on="source_id", how="left")
    st.dataframe(
        sources.select(
            pl.col("title").alias(view.t("field.source")),
            pl.col("publisher").alias(view.t("data.publisher")),
            pl.col("year_published").alias(view.t("data.year_published")),
            pl.col("language").alias(view.t("data.language")),
            pl.col("data_years").alias(view.t("data.data_years")),
            pl.col("terms").alias(view.t("data.terms")),
            pl.col("n_lines").alias(view.t("data.n_lines")),
            pl.col("n_observations").alias(view.t("data.n_observations")),
            pl.col("n_missing").alias(view.t("data.n_missing")),
            pl.col("n_gaps").alias(view.t("data.n_gaps")),
            pl.col("n_practices").alias(view.t("data.n_practices")),
            pl.col("sha256").str.slice(0, 12).alias("sha256"),
        ).to_arrow(),
        hide_index=True, width="stretch")
    st.caption(view.t("data.terms_note"))


def tables_section(view: View) -> None:
    """Rows per table of the database."""
    st.dataframe(db.query("table_rows").rename({"table_name": view.t("data.table"),
                                                "n_rows": view.t("data.rows")}).to_arrow(),
                 hide_index=True, width=TABLE_WIDTH, height="content")


def disagreements_section(view: View) -> None:
    """Every group of figures that disagree, each member cited."""
    st.markdown(view.t("disagree.intro"))
    found = disagreement_views.groups(view.lang)
    if not found:
        st.caption(view.t("disagree.none"))
    for group in found:
        st.subheader(group.title, anchor=False)
        st.caption(view.t(f"disagree.rule_{group.rule}"))
        st.dataframe(group.arrow, hide_index=True, width="stretch", height="content")


def build_section(view: View) -> None:
    """How and from what the database was built."""
    st.dataframe(db.query("build_info").rename({"key": view.t("data.key"), "value": view.t("field.value")}).to_arrow(),
                 hide_index=True, width="stretch", height="content")


SHOW = {"sources": sources_section, "tables": tables_section, "disagreements": disagreements_section,
        "build": build_section}

view = page_frame.view()
st.title(view.t("data.title"))
st.markdown(view.t("data.intro", path=str(db.db_path().name)))
section, panel = page_sections.open_section(SECTIONS, view, "data")
with panel:
    SHOW[section](view)
