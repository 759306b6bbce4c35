"""Issue 17's targets and RESULTS.md sections: the 1,000x data (`bench.scaled`), the rerun floor
(`bench.floor`) and a new visitor's page ready in Chromium (`bench.browser_cost`), each figure as a
ratio where it has a peer (the same part before the change, `results/scaled_before.json`) or a
floor (the one-widget page measured in the same run), with the load average it was measured at.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

# run_all's Markdown table writer (header, rows) -> lines, passed in (run_all imports this module).
Table = Callable[[tuple[str, ...], list[tuple]], list[str]]

FIRST_RENDER_X1000_MS = 1500
RERUN_P95_X1000_MS = 250
PEAK_RSS_X1000_MIB = 1536
FLOOR_RATIO = 3.0
PAGE_READY_S = 2.5


def _measured(pages: dict[str, dict]) -> dict[str, dict]:
    return {page: found for page, found in pages.items() if "error" not in found}


def _failed(pages: dict[str, dict]) -> str:
    failed = [page for page, found in pages.items() if "error" in found]
    return f"; {len(failed)} failed ({', '.join(failed[:3])})" if failed else ""


def targets(parts: dict[str, dict]) -> list[tuple[str, bool | None, str]]:
    """(target, met?, measured) rows of issue 17."""
    rows: list[tuple[str, bool | None, str]] = []
    scaled = parts.get("scaled", {}).get("results")
    if scaled:
        pages = _measured(scaled["pages"])
        worst_first = max(pages.items(), key=lambda item: item[1]["first_render_ms"])
        worst_p95 = max(pages.items(), key=lambda item: item[1]["rerun_p95_ms"])
        rows.append((f"first render ≤ {FIRST_RENDER_X1000_MS / 1000:.1f} s, every page, 1,000× data",
                     worst_first[1]["first_render_ms"] <= FIRST_RENDER_X1000_MS and len(pages) == len(scaled["pages"]),
                     f"worst {worst_first[1]['first_render_ms'] / 1000:.1f} s ({worst_first[0]}, load "
                     f"{worst_first[1]['load_before']}){_failed(scaled['pages'])}"))
        rows.append((f"rerun p95 ≤ {RERUN_P95_X1000_MS} ms, every page, 1,000× data",
                     worst_p95[1]["rerun_p95_ms"] <= RERUN_P95_X1000_MS,
                     f"worst {worst_p95[1]['rerun_p95_ms']} ms ({worst_p95[0]}, load {worst_p95[1]['load_before']})"))
        memory = scaled["memory"]
        peak = memory.get("peak_rss_mib")
        rows.append((f"peak RSS ≤ {PEAK_RSS_X1000_MIB / 1024:.1f} GiB after every page, 1,000× data",
                     peak is not None and peak <= PEAK_RSS_X1000_MIB,
                     f"{peak:,.0f} MiB (load {memory['load_before']})" if peak else memory.get("error", "—")))
    floor = parts.get("floor", {}).get("results")
    if floor:
        worst = max(floor["pages"].items(), key=lambda item: item[1]["p95_over_floor"])
        rows.append((f"rerun p95 ≤ {FLOOR_RATIO:.0f}× the one-widget floor, every page, shipped data",
                     worst[1]["p95_over_floor"] <= FLOOR_RATIO,
                     f"worst {worst[1]['p95_over_floor']:.1f}× ({worst[0]}: {worst[1]['p95_ms']} ms over "
                     f"{worst[1]['floor_p95_ms']} ms; median ratio {worst[1]['median_over_floor']:.1f}×; load "
                     f"{' '.join(floor['load_before'])})"))
    cost = parts.get("browser_cost", {}).get("results")
    if cost:
        load = parts["browser_cost"]["load_before"]
        page, found = max(cost["pages"].items(), key=lambda item: item[1]["ready_s"])
        rows.append((f"new visitor's page ready in Chromium ≤ {PAGE_READY_S} s, every page, one session",
                     found["ready_s"] <= PAGE_READY_S,
                     f"worst {found['ready_s']:.2f} s ({page}; browser CPU {found['browser_cpu_to_ready_s']:.2f} s "
                     f"= {found['browser_cpu_to_ready_s'] / max(found['server_cpu_s'], 0.001):.0f}× the server's; "
                     f"load {load})"))
    return rows


def before_scaled(results_dir: Path) -> dict | None:
    """The 1,000x figures of the code before issue 17's changes, kept in results/scaled_before.json."""
    path = results_dir / "scaled_before.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def section_scaled(result: dict, before: dict | None, table: Table) -> list[str]:
    """Per page and view: first render, rerun p95 and peak RSS of its own process, after and before."""
    old = (before or {}).get("results", {}).get("pages", {})

    def ratio(page: str, field: str, new: float) -> str:
        was = old.get(page, {}).get(field)
        return f"{was:,.0f} ({was / new:.1f}×)" if was and new else "—"

    rows = []
    for page, found in result["pages"].items():
        if "error" in found:
            rows.append((page, f"failed: {found['error'][:120]}", "", "", "", "", "", found.get("load_before", "")))
            continue
        rows.append((page, f"{found['first_render_ms']:,}", ratio(page, "first_render_ms", found["first_render_ms"]),
                     found["rerun_p95_ms"], ratio(page, "rerun_p95_ms", found["rerun_p95_ms"]),
                     f"{found['peak_rss_mib']:,.0f}", ratio(page, "peak_rss_mib", found["peak_rss_mib"]),
                     found["load_before"]))
    memory, old_memory = result["memory"], (before or {}).get("results", {}).get("memory", {})
    lines = [f"Database {result['db']} ({result['scale']}× the shipped rows). Each page and view in a new process "
             "with the libraries imported; before = the code before issue 17's changes "
             f"({(before or {}).get('commit', '—')}), same database, measured "
             f"{(before or {}).get('started', '—')}; (×) = before / after.", ""]
    lines += table(("page [view]", "first render ms", "before (×)", "rerun p95 ms", "before (×)",
                    "peak RSS MiB", "before (×)", "load average before"), rows)
    peak, old_peak = memory.get("peak_rss_mib"), old_memory.get("peak_rss_mib")
    lines += ["", f"Every page in both views in one process: peak RSS {peak or '—'} MiB, at the end "
              f"{memory.get('rss_at_end_mib', '—')} MiB (load {memory.get('load_before', '—')})"
              + (f"; before {old_peak:,.0f} MiB ({old_peak / peak:.1f}×)." if peak and old_peak else ".")]
    warm_up = result.get("warm_up")
    if warm_up:
        lines += ["", f"Untimed warm-up process before the table (the default page, national): first render "
                  f"{warm_up.get('first_render_ms', '—')} ms (load {warm_up.get('load_before', '—')}); the first "
                  "process after an idle spell paid 0.5–0.8 s more than the same page a minute later."]
    return lines


def section_floor(result: dict, table: Table) -> list[str]:
    """Every page's rerun against the one-widget, one-query floor measured beside it."""
    rows = [(page, found["median_ms"], found["p95_ms"], found["floor_median_ms"], found["floor_p95_ms"],
             f"{found['median_over_floor']:.1f}×", f"{found['p95_over_floor']:.1f}×")
            for page, found in result["pages"].items()]
    return [f"Floor page: one selectbox, one DuckDB query (`bench/floor.py`); {result['runs']} reruns of each page "
            f"alternating with the floor's; load average {' '.join(result['load_before'])} before, "
            f"{' '.join(result['load_after'])} after.", ""] + table(
        ("page [view]", "rerun median ms", "p95 ms", "floor median ms", "floor p95 ms", "median / floor",
         "p95 / floor"), rows)
