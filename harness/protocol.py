"""Streamlit's websocket protocol as a client that is not a browser speaks it: open a session, run
one page, read it whole; and count the script runs a browser page's session finished.

The load benchmark's protocol visitor and the cluster tests use the same visit, so "the page was
served" means the same in both: every message read until `script_finished`, which must report
success, and no exception element on the way.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness.server import LOOPBACK

RUN_POLL_S = 0.05


class VisitError(Exception):
    """A visit that failed in a way a visitor would see (the message says how)."""


@dataclass
class ScriptRuns:
    """Counts the script runs a page's Streamlit session finished, from the `script_finished`
    messages on its websocket: a click is timed to the end of *its* run, which the page's DOM
    alone cannot tell apart from the previous run's "not running" state."""

    finished: int = 0

    def on_frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "script_finished":
                self.finished += 1

    async def wait_beyond(self, count: int) -> None:
        """Return once more than `count` runs have finished (the caller bounds the wait)."""
        while self.finished <= count:
            await asyncio.sleep(RUN_POLL_S)


async def protocol_visit(port: int, page_name: str) -> None:
    """Open a session on the websocket, run one page, read it whole until script_finished."""
    request = BackMsg()
    request.rerun_script.page_name = page_name
    async with websockets.connect(f"ws://{LOOPBACK}:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None) as socket:
        await socket.send(request.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await socket.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element" \
                    and message.delta.new_element.WhichOneof("type") == "exception":
                raise VisitError(f"exception: {message.delta.new_element.exception.message[:200]}")
            if kind == "script_finished":
                if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise VisitError(f"script finished with status {message.script_finished}")
                return
