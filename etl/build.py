"""`python -m etl build`: the whole pipeline, all or nothing.

verify snapshots -> load and repair documents -> extract (spec + table module per source)
-> harmonise/derive -> validate -> load into a temporary DuckDB file -> atomic replace.
Any EtlError aborts before the target is touched, so a failed build never leaves a
half-built or changed database behind.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from conventions.errors import EtlError
from conventions.paths import ROOT
from etl.catalog import assert_known_practices, build_catalog
from etl.context import BuildContext, make_context
from etl.derived import derive
from etl.disagreements import disagreements
from etl.mentions import build_mentions, load_topics
from etl.model import Extract, Observation
from etl.region_visits import collect_region_visits, region_visit_frames
from etl.regions import ALIAS_COLUMNS, ALIASES_FILE
from etl.restatements import restatements
from etl.source_folders import hook, spec_path
from etl.specs import apply_spec, load_bases
from etl.text import read_csv_rows

SCHEMA = Path(__file__).parent / "schema.sql"


@dataclass
class Tables:
    """The rows of every table, as built in memory before loading."""

    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def extract_all(ctx: BuildContext) -> Extract:
    """Spec figures and table figures of every source, in manifest order."""
    total = Extract()
    for source_id, doc in ctx.docs.items():
        parts = [apply_spec(doc, ctx.indicators, ctx.gazetteer, spec_path(source_id, ctx.sources_dir))]
        extract = hook(source_id, "extract")
        if extract is not None:
            parts.append(extract(doc, ctx))
        for part in parts:
            total.observations.extend(part.observations)
            total.gaps.extend(part.gaps)
    return total


def validate_observations(ctx: BuildContext, observations: list[Observation]) -> None:
    """Every published observation quotes its source verbatim, starting at its line."""
    seen: dict[tuple, Observation] = {}
    for obs in observations:
        doc = ctx.docs[obs.source_id]
        if obs.indicator_id not in ctx.indicators:
            raise EtlError(doc.file, "observation-indicator", f"unknown indicator {obs.indicator_id}", obs.line)
        if not obs.derived:
            found = doc.text.find(obs.quote, doc.offset_of(obs.line))
            if not obs.quote or found < 0 or doc.line_of(found) != obs.line:
                raise EtlError(doc.file, "observation-quote",
                               f"quote {obs.quote[:60]!r} does not occur at its line", obs.line)
        if obs.basis is None:
            raise EtlError(doc.file, "observation-basis",
                           f"{obs.indicator_id} {obs.region_code}: no basis (how the figure was counted)", obs.line)
        if obs.key() in seen:
            raise EtlError(doc.file, "observation-duplicate",
                           f"{obs.indicator_id} {obs.region_code} {obs.year_start}-{obs.year_end} "
                           f"{obs.category} extracted twice", obs.line)
        seen[obs.key()] = obs


def _observation_id(obs: Observation) -> str:
    """Readable and stable across builds: where it is, what it is, and a digest of its full key."""
    digest = hashlib.sha1(repr(obs.key()).encode("utf-8")).hexdigest()[:8]
    return f"{obs.source_id}:{obs.line}:{obs.indicator_id}:{obs.region_code}:{digest}"


def assemble_tables(ctx: BuildContext) -> Tables:
    """Build every table in memory; raises EtlError on the first broken rule."""
    tables = Tables()
    tables.frames["sources"] = pl.DataFrame([{
        "source_id": e.source_id, "title": e.title, "publisher": e.publisher,
        "year_published": e.year_published, "language": e.language, "data_years": e.data_years,
        "terms": e.terms, "file": f"data/raw/{e.file}", "original_file": e.original,
        "sha256": e.sha256, "n_lines": len(ctx.docs[e.source_id].lines)} for e in ctx.entries])
    tables.frames["regions"] = pl.DataFrame(ctx.gazetteer.regions).select(
        "region_code", "name_en", "name_ru", "name_kk", "kind",
        pl.col("lat").cast(pl.Float64), pl.col("lon").cast(pl.Float64),
        pl.col("created_year").cast(pl.Int32, strict=False), "carved_from")
    tables.frames["region_aliases"] = pl.DataFrame(read_csv_rows(ctx.reference_dir / ALIASES_FILE, ALIAS_COLUMNS))
    tables.frames["indicators"] = pl.DataFrame([vars(i) for i in ctx.indicators.values()])
    tables.frames["bases"] = pl.DataFrame([vars(b) for b in load_bases(ctx.reference_dir / "bases.toml").values()])
    tables.frames["source_lines"] = pl.DataFrame([
        {"source_id": sid, "line": n, "text": text, "raw": raw, "repaired": text != raw, "lost": lost,
         "page": doc.page_of(n)}
        for sid, doc in ctx.docs.items()
        for n, (text, raw, lost) in enumerate(zip(doc.lines, doc.raw_lines, doc.lost), start=1)],
        schema_overrides={"page": pl.Int32})

    extracted = extract_all(ctx)
    kinds = {r["region_code"]: r["kind"] for r in ctx.gazetteer.regions}
    extracted.observations.extend(derive(extracted.observations, kinds))
    catalog = build_catalog(ctx)
    extracted.observations.extend(catalog.observations)
    assert_known_practices(ctx, extracted.observations, catalog.practices)
    validate_observations(ctx, extracted.observations)
    obs_rows = [{"obs_id": _observation_id(o), **o.row()} for o in extracted.observations]
    restated = restatements(obs_rows)
    for row in obs_rows:
        row["restates"] = restated.get(row["obs_id"])
    wholes = {i.indicator_id for i in ctx.indicators.values() if i.shares_of_whole}
    tables.frames["observations"] = pl.DataFrame(obs_rows, schema_overrides={
        "value": pl.Float64, "value_high": pl.Float64, "category": pl.Utf8, "method": pl.Utf8,
        "note": pl.Utf8, "practice_id": pl.Utf8, "basis": pl.Utf8, "restates": pl.Utf8}) if obs_rows else pl.DataFrame()
    tables.frames["disagreements"] = pl.DataFrame(disagreements(obs_rows, restated, wholes),   # after observations
                                                  schema={"group_id": pl.Utf8, "obs_id": pl.Utf8, "rule": pl.Utf8})
    tables.frames["gaps"] = pl.DataFrame([vars(g) for g in extracted.gaps]) if extracted.gaps else pl.DataFrame()
    # organizations before organization_mentions: the loader inserts in this order (foreign key).
    tables.frames["organizations"] = pl.DataFrame(catalog.organizations, schema_overrides={
        "name_ru": pl.Utf8, "abbreviation": pl.Utf8, "region_code": pl.Utf8, "city": pl.Utf8,
        "founded": pl.Int32, "focus": pl.Utf8, "website": pl.Utf8})
    tables.frames["organization_mentions"] = pl.DataFrame(catalog.organization_mentions)
    tables.frames["practices"] = pl.DataFrame(catalog.practices, schema_overrides={
        "organization": pl.Utf8, "org_id": pl.Utf8, "city": pl.Utf8, "lat": pl.Float64, "lon": pl.Float64,
        "lead": pl.Utf8, "year_started": pl.Int32, "profile_line": pl.Int32,
        "themes": pl.List(pl.Utf8), "focus_areas": pl.List(pl.Utf8), "target_groups": pl.List(pl.Utf8),
        "links": pl.List(pl.Utf8)})
    tables.frames["practice_mentions"] = pl.DataFrame(catalog.practice_mentions)   # after practices (foreign key)
    tables.frames.update(region_visit_frames(collect_region_visits(ctx)))
    topics = load_topics(ctx.reference_dir / "topics.toml")
    tables.frames["mentions"] = pl.DataFrame(build_mentions(ctx.docs, ctx.gazetteer, topics), schema_overrides={
        "numbers": pl.List(pl.Float64), "number_texts": pl.List(pl.Utf8), "topics": pl.List(pl.Utf8),
        "region_codes": pl.List(pl.Utf8)})
    return tables


def load_database(tables: Tables, target: Path, info: dict[str, str]) -> None:
    """Write all tables into a temporary DuckDB file beside `target`, then replace atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB must create the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(SCHEMA.read_text(encoding="utf-8"))
            for name, frame in tables.frames.items():
                if frame.is_empty():
                    continue
                columns = ", ".join(f'"{c}"' for c in frame.columns)
                # polars' Arrow C stream, not the frame: DuckDB reads a frame through pyarrow,
                # whose import (with numpy's) took 0.15 s of CPU of every build
                con.register("frame_to_load", frame.__arrow_c_stream__())
                try:
                    con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM frame_to_load")
                except duckdb.Error as exc:
                    raise EtlError(str(target), f"load-{name}", str(exc).splitlines()[0]) from exc
                finally:
                    con.unregister("frame_to_load")
            con.executemany("INSERT INTO build_info VALUES (?, ?)", sorted(info.items()))
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)


def code_version(root: Path) -> str:
    """The checkout's commit (short sha), or "unversioned" outside a git clone."""
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                                text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return "unversioned"
    return result.stdout.strip() or "unversioned"


def build(target: Path, root: Path = ROOT) -> dict[str, int]:
    """Run the pipeline; returns rows per table. Raises EtlError before touching `target`."""
    started = time.perf_counter()
    ctx = make_context(root)
    tables = assemble_tables(ctx)
    info = {"sources_sha256": ",".join(e.sha256 for e in sorted(ctx.entries, key=lambda e: e.source_id)),
            "version": code_version(root), "built_at": date.today().isoformat()}
    load_database(tables, target, info)
    counts = {name: frame.height for name, frame in tables.frames.items()}
    counts["_seconds"] = round(time.perf_counter() - started, 2)
    return counts
