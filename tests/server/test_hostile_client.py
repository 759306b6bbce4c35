"""A client that speaks Streamlit's protocol but not like a browser (issue 12, finding 6).

A browser sends the state of every widget with each rerun. A client that leaves them out
(after a first run drew the filters) must get the page with defaults, not a traceback from
the shell's filter code.
"""
from __future__ import annotations

import pytest

from harness.pages import page_paths
from harness.server import Server
from tests.server import wire

LINK = "region=KZ-75&from=2022&to=2023&lang=ru"


def pages() -> list[str]:
    return ["", *page_paths()[1:]]


async def rerun_without_states(port: int, page: str) -> wire.Run:
    """Run `page`, then rerun it sending no widget state at all."""
    async with wire.connect(port) as socket:
        await socket.send(wire.rerun(page, LINK).SerializeToString())
        first = await wire.read_run(socket)
        assert first.exceptions == [], first.exceptions
        assert first.widget_ids, "the first run drew no widgets"
        await socket.send(wire.rerun(page, LINK).SerializeToString())
        return await wire.read_run(socket)


@pytest.mark.parametrize("page", pages())
def test_a_rerun_without_widget_states_draws_the_page(served: Server, page: str) -> None:
    run = wire.run(rerun_without_states(served.port, page))
    assert run.exceptions == [], run.exceptions

