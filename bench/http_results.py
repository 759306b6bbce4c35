"""RESULTS.md targets and sections of the parts served over HTTP: the load through the balancer
(`bench.cluster_load`, issue 17: 2 replicas against 1 in the same run) and the API's filtered CSV
(`bench.api_csv`, issue 16: against Datasette's CSV endpoint and the in-process export). Each
figure is a ratio to its peer measured beside it, so a shared machine's load moves both sides.
"""
from __future__ import annotations

from collections.abc import Callable

# run_all's Markdown table writer (header, rows) -> lines, passed in (run_all imports this module).
Table = Callable[[tuple[str, ...], list[tuple]], list[str]]

CLUSTER_SESSIONS = 60


def _spread(stats: dict | None, digits: int = 2) -> str:
    """"median (min–max, n)" of a Summary dict, in seconds."""
    if not stats:
        return "—"
    f = f"{{:.{digits}f}}"
    return f"{f.format(stats['median'])} s ({f.format(stats['min'])}–{f.format(stats['max'])}, n={stats['n']})"


def _cluster_totals(result: dict) -> tuple[int, int, int, int]:
    """(visits with 2+ replicas, visits with 1, errors with 2+ replicas, errors with 1) over all runs."""
    many = [run for run in result["runs"] if run["replicas"] > 1]
    one = [run for run in result["runs"] if run["replicas"] == 1]
    return (sum(r["visits_timed"] for r in many), sum(r["visits_timed"] for r in one),
            sum(r["errors"] for r in many), sum(r["errors"] for r in one))


def _loads(result: dict) -> str:
    return "; ".join(run["load_average_before"] for run in result["runs"])


def targets(parts: dict[str, dict]) -> list[tuple[str, bool | None, str]]:
    """(target, met?, measured) rows; a part not run or failed is left to run_all's "not run" row."""
    rows: list[tuple[str, bool | None, str]] = []
    label = f"2 replicas vs 1 replica through HAProxy, {CLUSTER_SESSIONS} sessions: 0 errors, throughput ratio"
    cluster = parts.get("cluster_load", {}).get("results")
    if cluster:
        many, one, many_errors, one_errors = _cluster_totals(cluster)
        sessions = {run["sessions"] for run in cluster["runs"]}
        rows.append((label, many_errors == 0 and cluster["throughput_ratio"] > 1 and sessions == {CLUSTER_SESSIONS},
                     f"{cluster['throughput_ratio']:.2f}× the visits ({many:,} against {one:,}, "
                     f"{len(cluster['runs']) // 2} runs of {cluster['runs'][0]['duration_s']:.0f} s each), "
                     f"{many_errors} errors with 2 replicas, {one_errors} with 1; the cluster got "
                     f"{cluster['server_cpu_ratio']:.2f}× the CPU (load before each run {_loads(cluster)})"))
    else:
        rows.append((label, None, _not_run(parts, "cluster_load")))
    label = "filtered API CSV vs Datasette / vs in-process export"
    api = parts.get("api_csv", {}).get("results")
    if api:
        cases = api["cases"]
        rows.append((label, all(c["datasette_over_api"] > 1 and c["export_over_api"] >= 1 for c in cases),
                     "; ".join(f"{c['rows']:,} rows: API {c['datasette_over_api']:.1f}× faster than Datasette, "
                               f"{c['export_over_api']:.2f}× the export's speed" for c in cases)
                     + f" (load {parts['api_csv']['load_before']})"))
    else:
        rows.append((label, None, _not_run(parts, "api_csv")))
    return rows


def _not_run(parts: dict[str, dict], name: str) -> str:
    return f"failed: {parts[name]['error']}" if "error" in parts.get(name, {}) else "not run"


def section_cluster(result: dict, table: Table) -> list[str]:
    """Each load run (order 1, N, N, 1), then the ratios of the totals and the failover time."""
    rows = []
    for run in result["runs"]:
        cpu = run["cpu_s"]
        memory = ", ".join(f"{idle['rss_mib']:.0f}→{loaded['rss_mib']:.0f} (peak {loaded['peak_rss_mib']:.0f})"
                           for idle, loaded in zip(run["replica_memory_idle"], run["replica_memory_loaded"],
                                                   strict=True))
        rows.append((run["replicas"], run["sessions"], run["visits_timed"], f"{run['visits_per_s']:.2f}",
                     run["errors"], _spread(run["page_ready_s"]),
                     f"{run['page_ready_s']['p95']:.2f} s" if run["page_ready_s"] else "—",
                     run["visits_cut_off"],
                     f"cluster {cpu['server']} s, generator {cpu['clients']} s (of {run['cpu_capacity_s']:.0f})",
                     memory, run["load_average_before"]))
    per_visit = result["server_cpu_ms_per_visit"]
    failover = result["failover"]
    lines = [f"Protocol visitor (`bench/load.py`) through HAProxy (`deploy/cluster.py`, as `make cluster` runs it), "
             f"{result['cores']} cores, runs in the order 1, 2, 2, 1 replicas.", ""]
    lines += table(("replicas", "sessions", "page loads timed", "visits/s", "errors", "page-ready", "p95",
                    "in flight at the stop", "CPU used in 60 s", "replica RSS idle→after MiB",
                    "load average before"), rows)
    samples = [f"{run['replicas']} replica(s): {e}" for run in result["runs"] for e in run["error_samples"][:3]]
    lines += ["", f"Throughput, 2 replicas / 1 (totals of both runs each): **{result['throughput_ratio']:.2f}×**; "
              f"CPU the cluster got, 2 / 1: {result['server_cpu_ratio']:.2f}×; cluster CPU per visit: "
              + ", ".join(f"{n} replica(s) {ms} ms" for n, ms in per_visit.items())
              + f". Failover: a killed replica marked down by HAProxy after {failover['marked_down_after_s']} s."]
    return lines + (["", "Error samples:", "", *[f"- {e}" for e in samples]] if samples else [])


def section_api_csv(result: dict, table: Table) -> list[str]:
    """Per filter: the API's first request, then medians of the alternating runs and their ratios."""
    rows = [(c["case"], f"{c['rows']:,}", f"{c['api_bytes'] / 2**20:,.0f} MiB", f"{c['api_first_s']:.3f} s",
             _spread(c["api_s"], 3), _spread(c["api_gzip_s"], 3), _spread(c["datasette_s"], 3),
             _spread(c["export_s"], 3), f"{c['datasette_over_api']:.1f}×", f"{c['export_over_api']:.2f}×",
             f"{c['api_gzip_over_api']:.2f}×")
            for c in result["cases"]]
    lines = [f"{result['observations']:,} observations (the export part's synthetic database); API: "
             "`GET /api/v1/observations.csv?region=…&from=…&to=…` from `streamlit run serve.py` with "
             "`Accept-Encoding: identity` (the same bytes as its peers), `api_gzip` as a default client asks; "
             f"{result['datasette_version']} `GET /db/observations.csv?_stream=on&…`; export: "
             "`publish.exports.export_table` in process. Same rows checked; ratios are of medians, > 1 = API faster.",
             ""]
    return lines + table(("filter", "rows", "CSV size", "API first request", "API", "API gzip", "Datasette",
                          "in-process export", "Datasette / API", "export / API", "gzip / API"), rows)
