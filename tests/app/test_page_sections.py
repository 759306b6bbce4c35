"""Pages with sections (`qogam.page_sections`): only the open section is drawn, a link names it
by id (`?section=`), an unknown one is reported and the first opens, and a change of language
keeps it open. The browser side (clicking a tab) is tests/browser/test_sections.py."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conventions import i18n
from harness.pages import section_ids, sections
from qogam import page_sections
from tests.app.support import open_direct
from tests.support import app_pages

SECTIONED = [(page.url_path, page.path, section_ids(page.path)) for page in app_pages() if section_ids(page.path)]
KINDS = ("vega_lite_chart", "deck_gl_json_chart", "dataframe", "code", "markdown", "caption", "metric")


def healthy(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def signature(at: AppTest) -> tuple:
    """What a run drew: how many elements of each kind, and the headers of its tables."""
    return (tuple(len(at.get(kind)) for kind in KINDS),
            tuple(tuple(df.value.columns) for df in at.dataframe))


@pytest.mark.parametrize(("url_path", "script", "ids"), SECTIONED, ids=[s[0] for s in SECTIONED])
def test_every_section_opens_by_link_and_only_it_is_drawn(url_path: str, script: str, ids: list[str]) -> None:
    key = page_sections.state_key(url_path)          # pages key their sections by their URL path
    drawn: dict[str, tuple] = {}
    for section in ids:
        at = healthy(open_direct(url_path, {"section": section}))
        assert at.session_state[key] == section
        assert not at.warning
        expected = {} if section == ids[0] else {"section": section}   # the first is the default
        assert {k: v for k, v in at.query_params.items() if k == "section"} == expected
        labels = [tab.label for tab in at.tabs]
        assert all(i18n.t(k, "en") in labels for _id, k in sections(script))    # every tab is offered
        drawn[section] = signature(at)
    assert len(set(drawn.values())) == len(ids), f"two sections drew the same elements: {drawn}"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_an_unknown_section_is_reported_and_the_first_opens(lang: str) -> None:
    at = healthy(open_direct("volunteers", {"section": "<b>nowhere</b>", "lang": lang}))
    assert at.session_state[page_sections.state_key("volunteers")] == "series"
    warning = "\n".join(w.value for w in at.warning)
    assert i18n.t("warn.heading", lang) in warning and "`section`" in warning
    assert "section" not in at.query_params


def test_a_change_of_language_keeps_the_section_open() -> None:
    at = healthy(open_direct("ngos-funding", {"section": "funding"}))
    charts = len(at.get("vega_lite_chart"))
    at.segmented_control(key="f_lang").set_value("kk").run()
    healthy(at)
    assert at.session_state[page_sections.state_key("ngos-funding")] == "funding"
    assert at.query_params["section"] == "funding"
    assert len(at.get("vega_lite_chart")) == charts
    assert at.session_state["section_ngos-funding_tabs_kk"] == i18n.t("ngos.funding", "kk")
