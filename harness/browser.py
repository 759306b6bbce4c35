"""Debian's Chromium as the browser tests and the benchmarks drive it, and when a page counts as ready.

Playwright cannot download its own browser here, so it launches /usr/bin/chromium with these
arguments; nothing it opens may leave the loopback interface.
"""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# A page is ready when the script run has finished (Streamlit marks the app element), the page
# title is drawn in the main area, and no skeleton placeholder or "Stop" status is left.
READY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')) return false;
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  return !(status && /Stop|Running/.test(status.innerText));
}"""
ERROR_JS = "() => document.querySelectorAll('[data-testid=\"stException\"]').length"
