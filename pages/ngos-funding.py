"""NGOs and funding: registered and active NGOs, their types and new registrations, regional
figures, the state social order, grants and awards, and the charts lost in extraction — one
section (tab) at a time, `?section=` in the URL."""
from __future__ import annotations

import streamlit as st

from qogam import figure_sections, figure_views, page_frame, page_sections
from qogam.page_sections import Section

TOPICS = ("ngos", "funding")
HEADLINES = ("ngos_registered", "ngos_active", "state_social_order_kzt", "state_grants_kzt")
NGOS = ("ngos_registered", "ngos_active", "ngos_new_registrations", "public_councils",
        "public_council_members", "network_members")
FUNDING = ("state_social_order_kzt", "state_social_order_projects", "state_grants_kzt",
           "state_grant_projects", "state_support_total_kzt", "funding_growth",
           "local_initiatives_funding_kzt", "volunteer_initiatives_funding_kzt", "international_grants")
AWARDS = ("cso_awards", "cso_awards_kzt")
BOTH = (figure_views.TOTALS, figure_views.BREAKDOWN)

SECTIONS = (Section("organisations", "ngos.organisations"), Section("regional", "regional.title"),
            Section("funding", "ngos.funding"), Section("figures", "sections.figures"))

view = page_frame.view()
st.title(view.t("ngos.title"))
scope = figure_views.Scope(TOPICS, view.filters)

figure_sections.headline_rows(scope, HEADLINES, view, "ngos")

section, panel = page_sections.open_section(SECTIONS, view, "ngos-funding")
with panel:
    if section == "organisations":
        figure_sections.indicator_sections(scope, NGOS, view, "ngos", parts=BOTH)
    elif section == "regional":
        figure_sections.regional_section(scope, view, "ngo-regional")
    elif section == "funding":
        figure_sections.indicator_sections(scope, FUNDING, view, "funding", parts=BOTH)
        st.subheader(view.t("ngos.awards"))
        figure_sections.indicator_sections(scope, AWARDS, view, "awards", parts=BOTH)
    else:
        figure_sections.period_table(scope, view, "ngos")
        figure_sections.all_figures_table(scope, view, "ngos")
        figure_sections.gaps_section(TOPICS, view.lang)
