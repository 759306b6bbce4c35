"""Volunteers: headline figures, the series over the years, who volunteers, hours by area,
and the regional map — one section (tab) at a time, `?section=` in the URL."""
from __future__ import annotations

import streamlit as st

from qogam import figure_sections, figure_views, page_frame, page_sections
from qogam.page_sections import Section

TOPICS = ("volunteers",)
HEADLINES = ("volunteers_count", "volunteer_orgs_count", "initiative_groups_count")
SERIES = ("volunteers_count", "volunteer_orgs_count", "initiative_groups_count", "volunteer_hours",
          "volunteer_events_count", "volunteer_economic_contribution")
PROFILE = ("volunteer_share_gender", "volunteer_share_age", "volunteer_share_employment")
HOURS = ("volunteer_hours_share", "volunteer_hours")
AREAS_FROM = "volunteer_hours_share"   # its categories are the areas of activity

SECTIONS = (Section("series", "volunteers.series"), Section("profile", "volunteers.profile"),
            Section("hours", "volunteers.hours"), Section("regional", "regional.title"),
            Section("figures", "sections.figures"))

view = page_frame.view()
st.title(view.t("volunteers.title"))
scope = figure_views.Scope(TOPICS, view.filters)

figure_sections.headline_rows(scope, HEADLINES, view, "volunteers")

section, panel = page_sections.open_section(SECTIONS, view, "volunteers")
with panel:
    if section == "series":
        figure_sections.indicator_sections(scope, SERIES, view, "vol-series")
    elif section == "profile":
        figure_sections.indicator_sections(scope, PROFILE, view, "vol-profile", parts=(figure_views.BREAKDOWN,))
    elif section == "hours":
        areas = figure_views.Scope(TOPICS, view.filters, categories_like=("volunteer_hours", AREAS_FROM))
        figure_sections.indicator_sections(areas, HOURS, view, "vol-hours", parts=(figure_views.BREAKDOWN,))
    elif section == "regional":
        figure_sections.regional_section(scope, view, "vol-regional")
    else:
        figure_sections.period_table(scope, view, "volunteers")
        figure_sections.all_figures_table(scope, view, "volunteers")
        figure_sections.gaps_section(TOPICS, view.lang)
