"""Streamlit's websocket protocol spoken by hand, for tests that act as a client no browser is.

A real browser always sends every widget's state and never asks for what the page has no
control for (an upload URL, a cache clear); a hostile client can. These helpers open a
session on `/_stcore/stream`, run a page, and collect what the server sent back, so a test
can say exactly what a client that omits or forges a message gets.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_TIMEOUT_S = 60.0
T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to its end on an event loop of its own, in a worker thread: the session's
    Playwright browser (sync API) keeps an event loop running on the main thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@dataclass
class Run:
    """What one script run sent: its session, the widgets drawn, exceptions, the end status."""

    session_id: str = ""
    widget_ids: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    finished: int | None = None


def _collect(message: ForwardMsg, run: Run) -> None:
    kind = message.WhichOneof("type")
    if kind == "new_session":
        run.session_id = message.new_session.initialize.session_id
    elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element
        element_kind = element.WhichOneof("type")
        if element_kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif element_kind in ("markdown", "alert"):
            run.texts.append(getattr(element, element_kind).body)
        else:
            widget = getattr(element, element_kind)
            widget_id = getattr(widget, "id", "")
            if widget_id:
                run.widget_ids.append(widget_id)
    elif kind == "script_finished":
        run.finished = message.script_finished


async def read_run(socket: websockets.ClientConnection) -> Run:
    """Read forward messages until the current script run has finished."""
    run = Run()
    while run.finished is None:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(socket.recv(), RUN_TIMEOUT_S))
        _collect(message, run)
    return run


def rerun(page_name: str = "", query_string: str = "") -> BackMsg:
    """The message a browser sends to run a page (`page_name` "" is the default page)."""
    request = BackMsg()
    request.rerun_script.page_name = page_name
    request.rerun_script.query_string = query_string
    return request


def connect(port: int, cookie: str | None = None) -> websockets.connect:
    """A websocket to the app's stream endpoint on the loopback interface."""
    headers = {"Cookie": cookie} if cookie else None
    return websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                              max_size=None, additional_headers=headers)
