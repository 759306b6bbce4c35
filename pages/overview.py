"""Overview: headline figures for the selected regions and years, what changed, and the
reports' own caveats about their data."""
from __future__ import annotations

import streamlit as st

from qogam import models, sections, shell

TOPICS = ("volunteers", "ngos", "funding")
HEADLINES = ("volunteers_count", "volunteer_orgs_count", "initiative_groups_count",
             "ngos_registered", "state_social_order_kzt")

view = shell.view()
st.title(view.t("overview.title"))
st.markdown(view.t("overview.intro"))
scope = models.Scope(TOPICS, view.filters)

sections.headline_rows(scope, HEADLINES, view, "overview", practices=True)

st.header(view.t("changes.title"))
sections.changes_table(scope, HEADLINES, view)

st.header(view.t("about.title"))
st.markdown(view.t("about.intro"))
sections.caveats_section(view)
note = sections.new_regions_note(view)
if note:
    st.caption(note)
