"""`<html lang>` follows the language the reader chose (WCAG 3.1.1, Language of Page).

Streamlit serves one index.html, with `lang="en"`, to every session and has no API for the
document's language, so screen readers read the Russian and Kazakh pages with English rules.
Each run therefore ends the sidebar with a one-line script that sets
`document.documentElement.lang` (`st.html` runs scripts when `unsafe_allow_javascript` is set).
Its text differs per language, so switching language replaces the element and runs it again.

The scripts are fixed strings, never built from input, and the Content-Security-Policy
(`qogam.web.headers`) allows exactly these by their sha256 hashes.
"""
from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from conventions.i18n import LANGS

SCRIPTS: dict[str, str] = {lang: f'document.documentElement.lang="{lang}";' for lang in LANGS}


def declare(lang: str, where: DeltaGenerator | None = None) -> None:
    """Set the page's language to `lang`, one of `filters.LANGS`; the script's element goes
    into `where` (the sidebar by default; the outage page, which has no sidebar, passes `st`)."""
    (where or st.sidebar).html(f"<script>{SCRIPTS[lang]}</script>", unsafe_allow_javascript=True)
