"""Many new sessions opening the same pages at the same moment, as a story's readers do.

Sessions run in threads of one process and share whatever the app keeps between runs (query
results, built views, compiled scripts). Something shared that a run changes breaks only when
two sessions run at once: once, navigation page objects shared across sessions made Streamlit
refuse a page ("only the page returned from st.navigation can be called once") for one visit in
a hundred under load, and every single-session test passed. Here each page is opened by
`SESSIONS` new sessions at once over Streamlit's own websocket protocol; every one must finish
with no exception on the page.
"""
from __future__ import annotations

import asyncio

import pytest

from harness.pages import page_paths
from harness.protocol import VisitError, protocol_visit
from harness.server import Server

SESSIONS = 12
WAIT_S = 120


async def visit_at_once(port: int, page_name: str, sessions: int) -> list[BaseException | None]:
    return await asyncio.wait_for(asyncio.gather(
        *(protocol_visit(port, page_name) for _ in range(sessions)), return_exceptions=True), WAIT_S)


@pytest.mark.parametrize("page_name", ["", *page_paths()[1:]])
def test_sessions_opening_a_page_at_once_all_finish_without_an_error(served: Server, page_name: str) -> None:
    outcomes = asyncio.run(visit_at_once(served.port, page_name, SESSIONS))
    failures = [repr(outcome) for outcome in outcomes if outcome is not None]
    assert not failures, failures[:3]
    assert len(outcomes) == SESSIONS and not any(isinstance(o, VisitError) for o in outcomes)
