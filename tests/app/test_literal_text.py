"""A document line carrying HTML and Markdown is shown literally wherever the app quotes it.

The document viewer included: rendered as the browser would (Markdown through a CommonMark
renderer, st.html as is), it yields no script or image tag, no emphasis, and the exact text.
Every page of `app.PAGES` is opened with AppTest against a database whose quoted line ends
with the payload (`tests.support.build_payload_db`); tests/browser/test_escaping.py checks the
same in Chromium.
"""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.support import APP, PAYLOAD, AppPage, PayloadDb, app_pages, build_payload_db

DOCUMENT_VIEWER = "documents"        # URL path of the page that shows a document's lines


@pytest.fixture(scope="module")
def payload_db(tmp_path_factory: pytest.TempPathFactory) -> PayloadDb:
    return build_payload_db(tmp_path_factory.mktemp("payload"))


class Fragment(HTMLParser):
    """The tags and text of an HTML fragment, and any text that sits inside emphasis."""

    EMPHASIS = {"strong", "b", "em", "i"}

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.emphasised: list[str] = []
        self.open: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in self.EMPHASIS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.open:
            self.emphasised.append(data)


def shown_html(at: AppTest) -> list[str]:
    """What the browser would get: Markdown elements rendered by a CommonMark renderer with raw
    HTML allowed (the strictest reading), and the bodies of st.html elements as they are."""
    renderer = MarkdownIt("commonmark")
    kinds = (at.markdown, at.caption, at.info, at.warning, at.error, at.success, at.title, at.header, at.subheader)
    markdown = [renderer.render(el.value) for kind in kinds for el in kind if isinstance(el.value, str)]
    return markdown + [el.proto.body for el in at.get("html")]


def page_query(page: AppPage, payload: PayloadDb) -> dict[str, str]:
    """The document viewer is opened at the changed line; other pages as they come."""
    return payload.viewer_query if page.url_path == DOCUMENT_VIEWER else {}


def test_document_text_is_shown_literally_on_every_page(payload_db: PayloadDb,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QOGAM_DB", str(payload_db.path))
    shown: dict[str, list[str]] = {}
    for page in app_pages():
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in page_query(page, payload_db).items():
            at.query_params[key] = value
        at.switch_page(page.path).run()
        assert not at.exception, [e.value for e in at.exception]
        shown[page.url_path] = [html for html in shown_html(at) if "alert" in html]
    assert any(shown.values()), "no page shows the changed document line"
    if DOCUMENT_VIEWER in shown:
        assert shown[DOCUMENT_VIEWER], "the document viewer does not show the changed line"
    for page, fragments in shown.items():
        for fragment in map(Fragment, fragments):
            assert not fragment.tags & {"script", "img"}, (page, fragment.tags)
            assert "markdown" not in "".join(fragment.emphasised), (page, fragment.emphasised)
            assert PAYLOAD in " ".join("".join(fragment.text).split()), (page, fragment.text)
