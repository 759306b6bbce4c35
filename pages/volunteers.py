"""Volunteers: headline figures, the series over the years, who volunteers, hours by area,
and the regional map."""
from __future__ import annotations

import streamlit as st

from qogam import models, sections, shell

TOPICS = ("volunteers",)
HEADLINES = ("volunteers_count", "volunteer_orgs_count", "initiative_groups_count")
SERIES = ("volunteers_count", "volunteer_orgs_count", "initiative_groups_count", "volunteer_hours",
          "volunteer_events_count", "volunteer_economic_contribution")
PROFILE = ("volunteer_share_gender", "volunteer_share_age", "volunteer_share_employment")
HOURS = ("volunteer_hours_share", "volunteer_hours")
AREAS_FROM = "volunteer_hours_share"   # its categories are the areas of activity

view = shell.view()
st.title(view.t("volunteers.title"))
scope = models.Scope(TOPICS, view.filters)

sections.headline_rows(scope, HEADLINES, view, "volunteers")

st.header(view.t("volunteers.series"))
sections.indicator_sections(scope, SERIES, view, "vol-series")

st.header(view.t("volunteers.profile"))
sections.indicator_sections(scope, PROFILE, view, "vol-profile", parts=(models.BREAKDOWN,))

st.header(view.t("volunteers.hours"))
areas = models.Scope(TOPICS, view.filters, categories_like=("volunteer_hours", AREAS_FROM))
sections.indicator_sections(areas, HOURS, view, "vol-hours", parts=(models.BREAKDOWN,))

st.header(view.t("regional.title"))
sections.regional_section(scope, view, "vol-regional")

sections.period_table(scope, view, "volunteers")
sections.all_figures_table(scope, view, "volunteers")
sections.gaps_section(TOPICS, view.lang)
