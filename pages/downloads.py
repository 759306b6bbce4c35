"""Data and downloads: any published table with its data dictionary, filtered by the global
filters and its own columns, previewed and downloaded as CSV, Parquet or JSON; the whole
dataset as a Frictionless data package; and how to cite the dataset or any single figure. One
section (tab) at a time.

The section, the table and the figure to cite are in the URL (`?section=…&table=…&obs=…`).
"""
from __future__ import annotations

from collections.abc import Collection

import polars as pl
import streamlit as st

from conventions import formatting
from publish import exports
from publish.dictionary import data_dictionary
from qogam import db, downloads, explorer_blocks, explorer_cache, page_frame, page_sections, params, urlstate
from qogam.downloads import FilterKey
from qogam.page_frame import View
from qogam.page_sections import Section
from qogam.web import api_params

KEY_TABLE, KEY_PICK, KEY_FORMAT, KEY_BOM, KEY_OBS = "dl_table", "dl_pick", "dl_format", "dl_bom", "dl_obs"
DEFAULT_TABLE = "observations"
FORMAT_LABELS = {"csv": "CSV", "parquet": "Parquet", "json": "JSON"}
# Rows previewed. Every shipped table (a whole document's lines included) fits; a table at
# 1,000x data would otherwise be sent whole on every rerun. The download is never cut.
PREVIEW_ROWS = 10_000


def value_key(table: str, column: str) -> str:
    return f"dl_values_{table}_{column}"


def read_url(view: View, observation_ids: Collection[str]) -> None:
    issues = urlstate.read(params.TABLE, KEY_TABLE, lambda v: params.parse_choice(v, params.TABLE, exports.TABLES))
    issues += urlstate.read(params.OBSERVATION, KEY_OBS,
                            lambda v: params.parse_choice(v, params.OBSERVATION, observation_ids))
    urlstate.show_issues(issues, view.lang)
    if st.session_state[KEY_TABLE] is None:
        st.session_state[KEY_TABLE] = DEFAULT_TABLE
    # Written back here, not only by the section that shows them: the open section may be another.
    write_table()
    urlstate.write_choice(params.OBSERVATION, KEY_OBS)


def write_table() -> None:
    table = st.session_state[KEY_TABLE]
    urlstate.write(params.TABLE, KEY_TABLE, [] if table == DEFAULT_TABLE else [table])


def dictionary(view: View, table: str) -> None:
    """What a row is, and every column with its type and meaning (docs/data-model.md), the
    columns drawn only while their expander is open."""
    doc = data_dictionary()[table]
    st.markdown(formatting.md_escape(doc.description))
    listing = st.expander(view.t("downloads.dictionary"), icon=":material/menu_book:", key=f"dl_dictionary_{table}",
                          on_change="rerun")
    if not listing.open:
        return
    with listing:
        columns = explorer_cache.table_columns(table)
        st.dataframe(pl.DataFrame({
            view.t("downloads.column"): [c.name for c in columns],
            view.t("downloads.type"): [c.data_type for c in columns],
            view.t("downloads.meaning"): [doc.columns.get(c.name, "") for c in columns],
        }).to_arrow(), hide_index=True, width="stretch")


def required_filter(view: View, spec: exports.TableSpec) -> dict[str, list]:
    """A table only handed out in parts (the documents' full text): the part to show."""
    if spec.required_filter is None:
        return {}
    titles = dict(db.query("sources").select("source_id", "title").iter_rows())
    picked = st.selectbox(view.t("downloads.one_document"), list(titles), format_func=titles.__getitem__,
                          key=value_key(spec.name, spec.required_filter))
    st.caption(view.t("downloads.one_document_why"))
    return {spec.required_filter: [picked]}


def column_filters(view: View, table: str, base: FilterKey) -> dict[str, list]:
    """Pick columns to filter on, then the values to keep in each."""
    pickable = explorer_cache.pickable_columns(table, base)
    picked_columns = st.multiselect(view.t("downloads.filter_columns"), list(pickable), key=f"{KEY_PICK}_{table}",
                                    placeholder=view.t("downloads.no_column_filter"))
    equals: dict[str, list] = {}
    for column in picked_columns:
        equals[column] = st.multiselect(column, pickable[column], key=value_key(table, column),
                                        placeholder=view.t("practices.any"), format_func=str)
    return equals


def scope_caption(view: View, scope: downloads.GlobalScope) -> str:
    """Which global filters narrow this table, in words."""
    if not scope.narrows:
        return view.t("downloads.scope_all")
    parts = []
    if scope.regions:
        names = view.region_names()
        parts.append(", ".join(names.get(code, code) for code in scope.regions))
    if scope.year_from is not None:
        parts.append(formatting.format_years(scope.year_from, scope.year_to))
    return view.t("downloads.scope", filters=" · ".join(parts))


def download_buttons(view: View, table: str, key: FilterKey, full: FilterKey, n_rows: int) -> None:
    """The chosen format, for the filtered rows and for the whole table."""
    fmt = st.segmented_control(view.t("downloads.format"), exports.FORMATS, key=KEY_FORMAT, required=True,
                               format_func=FORMAT_LABELS.__getitem__) or "csv"
    bom = fmt == "csv" and st.checkbox(view.t("downloads.bom"), key=KEY_BOM, help=view.t("downloads.bom_help"))
    filtered_column, full_column = st.columns(2)
    with filtered_column:
        st.download_button(view.t("downloads.filtered", n=formatting.format_number(n_rows, view.lang)),
                           data=lambda: explorer_cache.encoded(table, key, fmt, bom),
                           file_name=downloads.download_name(table, fmt, filtered=key != full),
                           mime=exports.MIME_TYPES[fmt], on_click="ignore", icon=":material/download:",
                           type="primary", key="dl_filtered")
    with full_column:
        st.download_button(view.t("downloads.full"), data=lambda: explorer_cache.encoded(table, full, fmt, bom),
                           file_name=downloads.download_name(table, fmt, filtered=False),
                           mime=exports.MIME_TYPES[fmt], on_click="ignore", icon=":material/download:",
                           key="dl_full", disabled=key == full)
    api_address(view, table, key, fmt, bom)


def api_address(view: View, table: str, key: FilterKey, fmt: exports.Format, bom: bool) -> None:
    """The API URL that returns exactly these rows in this format, to copy into a script."""
    st.markdown(f"###### {view.t('downloads.api_url')}")
    st.code(api_params.download_url(table, key, fmt, bom=bom), language=None, wrap_lines=True)
    st.caption(view.t("downloads.api_url_help", openapi=api_params.openapi_url()))


def table_section(view: View, table: str) -> None:
    spec = exports.table_spec(table)
    dictionary(view, table)
    scope = downloads.global_scope(spec, view.filters, view.bounds)
    required = required_filter(view, spec)
    full = downloads.filter_key(downloads.GlobalScope(), required)
    equals = column_filters(view, table, full)
    key = downloads.filter_key(scope, {**required, **equals})
    st.caption(scope_caption(view, scope))
    preview, n_rows = explorer_cache.table_preview(table, key, PREVIEW_ROWS)
    total = explorer_cache.row_count(table, full)
    st.caption(view.t("downloads.rows", n=formatting.format_number(n_rows, view.lang),
                      total=formatting.format_number(total, view.lang)))
    st.dataframe(preview, hide_index=True, width="stretch", placeholder="—")
    if preview.num_rows < n_rows:
        st.caption(view.t("downloads.preview_cut", shown=formatting.format_number(preview.num_rows, view.lang),
                          total=formatting.format_number(n_rows, view.lang)))
    download_buttons(view, table, key, full, n_rows)


def whole_dataset(view: View) -> None:
    """The data package, and the pre-built files when the server publishes them."""
    st.markdown(view.t("downloads.package_intro"))
    st.download_button(view.t("downloads.package"), data=explorer_cache.data_package,
                       file_name=exports.DATAPACKAGE_FILE, mime="application/zip", on_click="ignore",
                       icon=":material/folder_zip:", key="dl_package")
    if not exports.STATIC_DIR.is_dir():
        st.caption(view.t("downloads.static_missing"))
        return
    st.markdown(view.t("downloads.static_intro"))
    lines = []
    for table in exports.PUBLISHED:
        links = " · ".join(f"[{FORMAT_LABELS[fmt]}]({exports.static_url(exports.file_name(table, fmt))})"
                           for fmt in exports.FORMATS)
        lines.append(f"- `{table}`: {links}")
    lines.append(f"- [{view.t('downloads.package')}]({exports.static_url(exports.DATAPACKAGE_FILE)})")
    st.markdown("\n".join(lines))


def cite_figure(view: View) -> None:
    """Pick a figure of the selection (or the one the link named); its citation names the
    document and the line first."""
    regions = () if view.filters.is_national else view.filters.regions
    labels, n_selected = explorer_cache.figure_choices(regions, view.filters.year_from, view.filters.year_to,
                                                 st.session_state[KEY_OBS], view.lang)
    obs_id = st.selectbox(view.t("downloads.figure"), list(labels), key=KEY_OBS, format_func=labels.__getitem__,
                          placeholder=view.t("downloads.figure_hint"))
    if n_selected > len(labels):
        st.caption(view.t("downloads.figures_cut", shown=formatting.format_number(len(labels), view.lang),
                          total=formatting.format_number(n_selected, view.lang)))
    urlstate.write(params.OBSERVATION, KEY_OBS, [obs_id] if obs_id else [])
    passage = explorer_cache.observation_passage(obs_id) if obs_id else None
    if passage is not None:
        explorer_blocks.passage_citation_block(passage, view.lang)
        label = view.t("downloads.open_passage")
        st.markdown(explorer_blocks.viewer_link(label, passage.source_id, passage.line, view.lang))


def tables(view: View) -> None:
    """Any table, filtered, previewed and downloaded."""
    table = st.selectbox(view.t("downloads.table"), list(exports.TABLES), key=KEY_TABLE)
    write_table()
    table_section(view, table)


def cite(view: View) -> None:
    """How to cite the dataset, and any single figure."""
    st.markdown(f"##### {view.t('downloads.cite_dataset')}")
    explorer_blocks.dataset_citation_block(view.lang)
    st.markdown(f"##### {view.t('downloads.cite_figure')}")
    cite_figure(view)


SECTIONS = (Section("tables", "downloads.tables"), Section("dataset", "downloads.whole"),
            Section("cite", "downloads.cite"))
SHOW = {"tables": tables, "dataset": whole_dataset, "cite": cite}

view = page_frame.view()
st.title(view.t("downloads.title"))
st.markdown(view.t("downloads.intro"))
read_url(view, explorer_cache.observation_ids())
st.session_state.setdefault(KEY_FORMAT, "csv")
st.session_state.setdefault(KEY_BOM, True)
# A link naming a figure (`?obs=`) opens the citation; a link naming a section opens that one.
section, panel = page_sections.open_section(SECTIONS, view, "downloads",
                                            unnamed="cite" if st.query_params.get(params.OBSERVATION) else None)
with panel:
    SHOW[section](view)
