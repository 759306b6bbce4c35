"""Organisations named in the documents: a directory filtered by kind, region and text, and for
the chosen organisation the initiatives it runs with their figures, and every line that names
it, each opening the document viewer there.

The chosen organisation and the filters are in the URL (`?org=<id>&kind=…&text=…`).
"""
from __future__ import annotations

import polars as pl
import streamlit as st

from conventions import formatting, i18n
from qogam import catalog, catalog_views, db, explorer_blocks, params, practice_blocks, urlstate
from qogam.catalog_views import term_labels
from qogam.page_frame import View
from qogam.selectable_table import selectable_table

KEY_ORG, KEY_KIND, KEY_TEXT = "org_id", "org_kind", "org_text"
OPEN_UP_TO = 20            # an organisation named on this many lines or fewer has them all shown open


def select(org_id: str | None) -> None:
    st.session_state[KEY_ORG] = org_id


def kind_label(kind: str, lang: str) -> str:
    return i18n.t(f"org_kind.{kind}", lang)


def read_url(view: View, organizations: pl.DataFrame) -> None:
    ids = organizations["org_id"].to_list()
    issues = urlstate.read(params.ORG, KEY_ORG, lambda v: params.parse_choice(v, params.ORG, ids))
    kinds = catalog_views.organization_kinds(organizations)
    issues += urlstate.read(params.KIND, KEY_KIND, lambda v: params.parse_choices(v, params.KIND, kinds))
    issues += urlstate.read(params.TEXT, KEY_TEXT, lambda v: params.parse_text(v, params.TEXT))
    urlstate.show_issues(issues, view.lang)


def filter_widgets(view: View, organizations: pl.DataFrame) -> None:
    text_column, kind_column = st.columns([3, 2])
    with text_column:
        st.text_input(view.t("organizations.search"), key=KEY_TEXT, max_chars=params.MAX_TEXT_LENGTH,
                      placeholder=view.t("organizations.search_hint"), icon=":material/search:")
    with kind_column:
        st.multiselect(view.t("organizations.kind"), catalog_views.organization_kinds(organizations), key=KEY_KIND,
                       placeholder=view.t("practices.any"), format_func=lambda kind: kind_label(kind, view.lang))
    urlstate.write(params.TEXT, KEY_TEXT, [st.session_state[KEY_TEXT]])
    urlstate.write(params.KIND, KEY_KIND, st.session_state[KEY_KIND])


def directory(view: View, shown: pl.DataFrame, selected: str | None) -> None:
    """The filtered organisations; picking a row shows where the documents name it."""
    names = view.region_names()
    ids = shown["org_id"].to_list()
    table = pl.DataFrame({
        view.t("organizations.name"): shown["name"],
        view.t("organizations.abbreviation"): shown["abbreviation"].fill_null(""),
        view.t("organizations.kind"): [kind_label(k, view.lang) for k in shown["kind"]],
        view.t("field.region"): [names.get(c, "") if c else "" for c in shown["region_code"]],
        view.t("organizations.focus"): shown["focus"].fill_null("").str.replace_all("_", " "),
        view.t("organizations.mentions"): shown["n_mentions"],
    })
    selectable_table(table, ids, selected, "org_table", select, height=380)
    st.caption(view.t("organizations.table_hint"))


def facts(view: View, org: dict) -> list[str]:
    """What the directory records about an organisation, in reading order."""
    names = view.region_names()
    return [f for f in (
        org["name_ru"], org["abbreviation"], kind_label(org["kind"], view.lang),
        names.get(org["region_code"]) if org["region_code"] else None, org["city"],
        view.t("organizations.founded", year=org["founded"]) if org["founded"] else None,
        org["focus"].replace("_", " ") if org["focus"] else None) if f]


def mentions(view: View, org_id: str) -> None:
    """Every line naming the organisation, grouped by document, newest document first."""
    found = db.query("organization_lines", {"org_id": org_id})
    st.markdown(f"##### {view.t('organizations.named_in', n=found.height)}")
    for (source_id, title), lines in found.group_by(["source_id", "source_title"], maintain_order=True):
        with st.expander(f"{formatting.md_escape(title)} ({lines.height})", expanded=found.height <= OPEN_UP_TO):
            st.markdown("\n".join(
                f"- {explorer_blocks.line_link(source_id, row['line'], view.lang)} · "
                f"*{formatting.md_escape(row['alias'])}* — {formatting.md_inline(row['text'])}"
                for row in lines.iter_rows(named=True)))


def initiatives(view: View, org_id: str) -> None:
    """The initiatives the organisation runs, each linking to its profile, and their figures."""
    run = catalog_views.practices_run_by(db.query("practices"), org_id)
    st.markdown(f"##### {view.t('organizations.practices')}")
    if run.is_empty():
        st.caption(view.t("initiatives.org_none"))
        return
    st.markdown("\n".join(f"- {practice_blocks.practice_link(view, row)} · "
                          f"{formatting.md_escape(term_labels(row['themes'], catalog.THEME, view.lang))}"
                          for row in run.iter_rows(named=True)))
    numbers = db.query("organization_numbers", {"org_id": org_id})
    st.markdown(f"##### {view.t('initiatives.org_figures')}")
    if numbers.is_empty():
        st.caption(view.t("initiatives.org_no_figures"))
    else:
        practice_blocks.figures(view, numbers, "org_cite", titled=True)


def detail(view: View, org: dict) -> None:
    with st.container(border=True):
        st.subheader(formatting.md_escape(org["name"]))
        st.caption(" · ".join(formatting.md_escape(f) for f in facts(view, org)))
        if org["website"] and catalog.safe_url(org["website"]):
            st.markdown(f"[{formatting.md_escape(org['website'])}]({org['website']})")
        initiatives(view, org["org_id"])
        mentions(view, org["org_id"])


view = explorer_blocks.page_opening("organizations")
organizations = db.query("organizations")
read_url(view, organizations)
filter_widgets(view, organizations)
selected = urlstate.write_choice(params.ORG, KEY_ORG)
shown = catalog.filter_organizations(organizations, view.filters.regions, st.session_state[KEY_KIND],
                                     st.session_state[KEY_TEXT])
st.caption(view.t("organizations.count", n=shown.height, total=organizations.height))
directory(view, shown, selected)
if selected:
    detail(view, organizations.filter(pl.col("org_id") == selected).row(0, named=True))
