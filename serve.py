"""The served Qogam: the dashboard (`app.py`) inside Qogam's ASGI layer.

`streamlit run serve.py` (what `make run` does) finds the `st.App` below and serves it with
uvicorn. The middleware runs outermost first: `qogam.web.headers`' security headers on every
response (the guard's refusals included), then `qogam.web.guard`, which refuses every
endpoint the dashboard does not use, in front of Streamlit's routes, the HTTP API
(`qogam.web.api`, /api/v1/…) and the metadata documents (`qogam.web.metadata_routes`:
/datapackage.json, /catalog.jsonld, the Dataset block in `/`, robots.txt, sitemap.xml); last,
a link too long for Streamlit to read is trimmed to the parameters Qogam reads
(`qogam.web.links`). `streamlit run app.py` still works for
development, without any of this.
"""
from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from qogam import page_frame  # noqa: F401  (imported at start: it compiles Streamlit's emoji regex, issue 17)
from qogam.web import api, metadata_routes
from qogam.web.guard import RequestGuard
from qogam.web.headers import SecurityHeaders
from qogam.web.links import OverlongLinks

app = st.App("app.py", routes=[*api.ROUTES, *metadata_routes.ROUTES],
             middleware=[Middleware(SecurityHeaders), Middleware(RequestGuard), Middleware(OverlongLinks)])
