"""Overview: headline figures for the selected regions and years, what changed, and the
reports' own caveats about their data. With regions picked it is the regions' view: each
region's initiatives, organisations and visit report follow its figures."""
from __future__ import annotations

import streamlit as st

from qogam import figure_sections, figure_views, page_frame, region_view

TOPICS = ("volunteers", "ngos", "funding")
HEADLINES = ("volunteers_count", "volunteer_orgs_count", "initiative_groups_count",
             "ngos_registered", "state_social_order_kzt")

view = page_frame.view()
st.title(view.t("overview.title"))
st.markdown(view.t("overview.intro"))
scope = figure_views.Scope(TOPICS, view.filters)

figure_sections.headline_rows(scope, HEADLINES, view, "overview", practices=True)
if not view.filters.is_national:
    region_view.region_sections(view)

st.header(view.t("changes.title"))
figure_sections.changes_table(scope, HEADLINES, view)

st.header(view.t("about.title"))
st.markdown(view.t("about.intro"))
figure_sections.caveats_section(view)
note = figure_sections.new_regions_note(view)
if note:
    st.caption(note)
