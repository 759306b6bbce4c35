"""Qogam — Kazakhstan's civil society in published figures. Entrypoint: `streamlit run app.py`.

Builds the frame every page shares — navigation, global filters bound to the URL, warnings
about a bad link, footer — then runs the chosen page from `pages/`.
"""
from __future__ import annotations

import streamlit as st

from conventions import i18n
from qogam import db, page_frame, pagelang, params

# (file, title key, icon, url path). The URL path is the file's stem on purpose: a `pages/` folder
# makes Streamlit route a server's first run (and every AppTest run) the legacy way, straight to
# the file named by the URL; `page_frame.view()` then hands that run back to this entrypoint.
PAGES = (
    ("pages/overview.py", "nav.overview", ":material/dashboard:", "overview"),
    ("pages/volunteers.py", "nav.volunteers", ":material/volunteer_activism:", "volunteers"),
    ("pages/ngos-funding.py", "nav.ngos_funding", ":material/account_balance:", "ngos-funding"),
    ("pages/data.py", "nav.data_sources", ":material/database:", "data"),
    ("pages/practices.py", "nav.practices", ":material/pets:", "practices"),
    ("pages/organizations.py", "nav.organizations", ":material/groups:", "organizations"),
    ("pages/search.py", "nav.search", ":material/manage_search:", "search"),
    ("pages/sources.py", "nav.sources", ":material/library_books:", "sources"),
    ("pages/documents.py", "nav.documents", ":material/description:", "documents"),
    ("pages/downloads.py", "nav.downloads", ":material/download:", "downloads"),
)


def main() -> None:
    """The frame and page, drawn into one placeholder: when the database turns out to be
    unavailable halfway through, whatever was drawn is cleared and the outage page shown."""
    body = st.empty()
    with page_frame.entrypoint():
        try:
            with body.container():
                frame()
        except db.DatabaseUnavailable:
            body.empty()
            page_frame.outage(page_config)


def page_config(lang: str) -> None:
    """Tab title in the chosen language; wide layout for map-and-chart pages."""
    st.set_page_config(page_title=i18n.t("app.title", lang), page_icon=":material/diversity_3:", layout="wide")


# Streamlit serves the default page at "/" and routes no other path to it, so a link to
# "/overview" (what the navigation calls it) opened "page not found". A hidden second entry for
# the same script answers that path; the default page keeps a pathname nobody links to.
DEFAULT_PAGE_RESERVED_PATH = "home"


def navigation_pages(lang: str) -> list[st.Page]:
    """The pages of `PAGES` in the navigation, plus the hidden alias of the default page."""
    pages = [st.Page(path, title=i18n.t(title, lang), icon=icon, default=i == 0,
                     url_path=DEFAULT_PAGE_RESERVED_PATH if i == 0 else url)
             for i, (path, title, icon, url) in enumerate(PAGES)]
    path, title, icon, url = PAGES[0]
    return [*pages, st.Page(path, title=i18n.t(title, lang), icon=icon, url_path=url, visibility="hidden")]


def frame() -> None:
    """Navigation, filters, URL, warnings; the chosen page; the footer."""
    regions = db.query("regions")
    bounds = page_frame.load_bounds(regions)
    page_frame.init_state(bounds)
    lang = page_frame.current_lang()  # after init_state: a first visit's ?lang= is read there
    page_config(lang)
    page = st.navigation(navigation_pages(lang))
    view_filters = page_frame.sidebar(bounds, regions)
    pagelang.declare(view_filters.lang)
    page_frame.sync_url(view_filters, bounds, keep=params.owned(page.url_path))
    page_frame.set_view(page_frame.View(view_filters, bounds, regions))
    page_frame.show_issues(view_filters.lang)
    page.run()
    page_frame.footer(view_filters.lang)


main()
