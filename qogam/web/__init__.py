"""Qogam's HTTP layer: what the ASGI app in `serve.py` adds around Streamlit's own routes.

`guard` refuses every endpoint the dashboard does not use and bounds request bodies; further
modules here add the HTTP API and the metadata documents. Nothing here imports `app.py` or
`pages/`: this layer serves them, it does not lay them out.
"""
