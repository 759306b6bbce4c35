"""The app library under app.py and pages/: database access, filters and their URL, the view models
that decide what a page shows, the blocks pages are laid out from, and the HTTP API (`web/`).

It imports `publish` and `conventions`, never `etl` (the contracts in pyproject.toml).
"""
