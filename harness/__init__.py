"""The local harness shared by the test suite and the benchmarks: never imported by the product.

`harness.pages` reads app.py's PAGES table (the one reader of it), `harness.server` starts the
app on 127.0.0.1 and stops it by its own pid, `harness.browser` holds Debian Chromium's launch
settings and what "the page is ready" means. The browser tests, the server tests and every
benchmark use these, so that all of them mean the same thing by "served" and "rendered";
tests never import `bench` (an import-linter contract in pyproject.toml says so).
"""
