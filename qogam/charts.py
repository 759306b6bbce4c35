"""Altair chart specs: titled, unit on the axis, numbers in the page's language, alt text.

Builders take tidy, localised rows (see `qogam.observations.localize`) and return a Vega-Lite chart
whose `description` is the text alternative. Money is drawn in billions or millions so axes
stay readable; the exact values stay in tooltips, the citation table and the CSV.
"""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import polars as pl
import pyarrow as pa

from conventions import i18n
from conventions.formatting import MONEY_SCALES, MONEY_UNITS, NARROW_NBSP
from qogam import observations

# Altair refuses to embed more than 5,000 rows; a chart of every figure for a selection can
# exceed that once the data grows (the 1,000x benchmark hit it), and a refused chart is an
# exception on the page. The rows are already the filtered selection, so embed them all.
alt.data_transformers.disable_max_rows()

NO_DATA_GREY = "#9e9e9e"
HIGHLIGHT = "#d1495b"
BAR_COLOR = "#2c7fb8"
ROW_HEIGHT = 26
SERIES_HEIGHT = 340          # whole chart incl. title and axis (Streamlit fits the spec to it)
CHROME_HEIGHT = 130          # title, subtitle and axis of a bar chart (inside the spec height)
LEGEND_LABEL_LIMIT = 220
TICKS = 6
BAR_LABEL_LIMIT = 320
MAX_DESCRIBED = 40           # rows spelled out in a text alternative before it is cut
NUMBER_LOCALES = {
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
    "ru": {"decimal": ",", "thousands": NARROW_NBSP, "grouping": [3], "currency": ["", ""]},
    "kk": {"decimal": ",", "thousands": NARROW_NBSP, "grouping": [3], "currency": ["", ""]},
}


@dataclass(frozen=True)
class Heading:
    """What a chart says about itself: its title (lines split at "\\n") and a subtitle."""

    title: str
    subtitle: str


def plot_scale(rows: pl.DataFrame, lang: str) -> tuple[float, str]:
    """(divisor, axis unit) for the rows' unit: money in billions/millions, others as they are."""
    unit = rows["unit"][0] if rows.height else ""
    words = i18n.words(lang)
    largest = rows["value"].abs().max() if rows.height else None
    if unit in MONEY_UNITS and largest is not None:
        for threshold, key in MONEY_SCALES:
            if largest >= threshold:
                return threshold, f"{words[key]} {words.get(f'unit.{unit}', unit)}"
    return 1.0, words.get(f"unit.{unit}", unit)


def tooltips(lang: str) -> list[alt.Tooltip]:
    """The same tooltip on every mark: what, when, how much, how sure, and where it is quoted."""
    return [alt.Tooltip("tip_label:N", title=" "),
            alt.Tooltip("years_label:N", title=i18n.t("field.year", lang)),
            alt.Tooltip("value_label:N", title=i18n.t("field.value", lang)),
            alt.Tooltip("qualifier_label:N", title=i18n.t("field.qualifier", lang)),
            alt.Tooltip("basis_label:N", title=i18n.t("disagree.basis_column", lang)),
            alt.Tooltip("disagree_label:N", title=i18n.t("disagree.column", lang)),
            alt.Tooltip("source_title:N", title=i18n.t("field.source", lang)),
            alt.Tooltip("line:Q", title=i18n.t("field.line", lang), format="d")]


# Columns a chart's marks, encodings and tooltips read; everything else (quotes, notes, names in
# other languages) stays out of the spec, which keeps it small to build, send and draw.
PLOT_COLUMNS = ("region_code", "region_name", "source_id", "source_title", "line", "year_end",
                "years_label", "category_label", "value", "value_label", "qualifier_label",
                "plot_value", "tip_label", "highlight", "bar_label", "basis_label", "disagree_label")


def _slim(frame: pl.DataFrame, *extra: str) -> pl.DataFrame:
    return frame.select([c for c in dict.fromkeys((*PLOT_COLUMNS, *extra)) if c in frame.columns])


def _finish(spec: dict, heading: Heading, description: str, lang: str) -> dict:
    """Title, subtitle, Vega-Lite `description` (alt text) and the language's number format,
    set on the spec's dict: Altair's `properties`/`configure` deep-copy the whole chart each."""
    spec["title"] = {"text": heading.title.split("\n"), "subtitle": heading.subtitle, "anchor": "start"}
    spec["description"] = description
    spec.setdefault("config", {})["locale"] = {"number": NUMBER_LOCALES[lang]}
    return spec


def series(rows: pl.DataFrame, lang: str) -> alt.LayerChart:
    """Values over single years: colour per region, dashes per document, shape per qualifier.

    Each document's figures form their own line, so where reports disagree both are visible.
    """
    divisor, unit_label = plot_scale(rows, lang)
    data = rows.filter(pl.col("value").is_not_null()).with_columns(
        (pl.col("value") / divisor).alias("plot_value"),
        pl.col("region_name").alias("tip_label"))
    legend = alt.Legend(orient="right", labelLimit=LEGEND_LABEL_LIMIT)
    common = dict(
        x=alt.X("year_end:O", title=i18n.t("field.year", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("plot_value:Q", title=unit_label, axis=alt.Axis(format=",~f"), scale=alt.Scale(zero=True)),
        color=alt.Color("region_name:N", title=i18n.t("field.region", lang),
                        legend=legend if data["region_name"].n_unique() > 1 else None),
        tooltip=tooltips(lang),
    )
    # A line joins one value per document and year; further values of that year are points only.
    line_data = observations.primary(data, ["region_code", "source_id", "year_end"])
    lines = alt.Chart(_slim(line_data)).mark_line(strokeWidth=2.5).encode(
        strokeDash=alt.StrokeDash("source_id:N", title=i18n.t("field.source", lang), legend=legend),
        detail=alt.Detail("region_code:N"), **common)
    points = alt.Chart(_slim(data)).mark_point(filled=True, size=80).encode(
        shape=alt.Shape("qualifier_label:N", title=i18n.t("field.qualifier", lang), legend=legend),
        **common)
    return alt.layer(lines, points, height=SERIES_HEIGHT)


def bars(rows: pl.DataFrame, lang: str, *, label_field: str, highlight: tuple[str, ...] = ()) -> alt.LayerChart:
    """Horizontal bars sorted by value; rows without a value say "no data" and get no bar."""
    divisor, unit_label = plot_scale(rows.filter(pl.col("value").is_not_null()), lang)
    no_data = i18n.t("value.no_data", lang)
    data = rows.with_columns(
        (pl.col("value") / divisor).alias("plot_value"),
        pl.col(label_field).alias("tip_label"),
        pl.col("region_code").is_in(list(highlight)).alias("highlight")
        if "region_code" in rows.columns else pl.lit(False).alias("highlight"),
        pl.when(pl.col("value").is_null()).then(pl.lit(no_data))
        .otherwise(pl.col("value_label")).alias("bar_label"),
    ).sort("value", descending=True, nulls_last=True)
    order = data[label_field].to_list()
    y = alt.Y(f"{label_field}:N", sort=order, title=None, axis=alt.Axis(labelLimit=BAR_LABEL_LIMIT))
    base = alt.Chart(_slim(data, label_field)).encode(y=y, tooltip=tooltips(lang))
    bar = base.mark_bar().encode(
        x=alt.X("plot_value:Q", title=unit_label, axis=alt.Axis(format=",~f", tickCount=TICKS)),
        color=alt.ColorValue(BAR_COLOR, condition={"test": "datum.highlight", "value": HIGHLIGHT}),
    )
    text = base.mark_text(align="left", dx=4).encode(
        x=alt.X("text_x:Q"), text=alt.Text("bar_label:N"),
        color=alt.ColorValue("#333333", condition={"test": "datum.value === null", "value": NO_DATA_GREY}),
    ).transform_calculate(text_x="datum.plot_value === null ? 0 : datum.plot_value")
    height = ROW_HEIGHT * len(order) + CHROME_HEIGHT
    return alt.layer(bar, text, height=height)


def grouped_bars(rows: pl.DataFrame, lang: str) -> alt.Chart:
    """A breakdown (shares by category) with one bar per year; one panel per region."""
    divisor, unit_label = plot_scale(rows, lang)
    data = rows.filter(pl.col("value").is_not_null()).with_columns(
        (pl.col("value") / divisor).alias("plot_value"),
        pl.col("category_label").alias("tip_label"))
    chart = alt.Chart(_slim(data)).mark_bar().encode(
        y=alt.Y("category_label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=240)),
        yOffset=alt.YOffset("years_label:N"),
        x=alt.X("plot_value:Q", title=unit_label, axis=alt.Axis(format=",~f", tickCount=TICKS)),
        color=alt.Color("years_label:N", title=i18n.t("field.year", lang),
                        legend=alt.Legend(orient="right") if data["years_label"].n_unique() > 1 else None),
        tooltip=tooltips(lang),
    )
    if data["region_name"].n_unique() > 1:
        chart = chart.encode(row=alt.Row("region_name:N", title=None))
    per_panel = data.select("category_label", "years_label").unique().height
    return chart.properties(height=ROW_HEIGHT * per_panel + CHROME_HEIGHT)


BUILDERS = {"series": series, "bars": bars, "grouped_bars": grouped_bars}


def arrow_bytes(frame: pl.DataFrame) -> bytes:
    """A frame as Arrow IPC stream bytes, the form in which Streamlit sends a chart's data; text
    as plain Arrow strings (polars' own string views are newer than some Arrow readers)."""
    table = frame.to_arrow()
    table = table.cast(pa.schema([pa.field(f.name, pa.string()) if pa.types.is_string_view(f.type)
                                  or pa.types.is_large_string(f.type) else f for f in table.schema]))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _detach_data(chart: alt.TopLevelMixin) -> dict[str, pl.DataFrame]:
    """Replace each layer's frame by a named dataset and return the frames by name.

    Altair turned every frame into rows of Python dicts and hashed their JSON to name it, and the
    Arrow bytes were then rebuilt from those dicts: at 1,000x data most of a chart's cost. Here
    Altair sees only the names, and each frame goes to Arrow straight from polars."""
    frames: dict[int, tuple[str, pl.DataFrame]] = {}
    for part in (chart, *getattr(chart, "layer", ())):
        data = part.data
        if isinstance(data, pl.DataFrame):
            name, _frame = frames.setdefault(id(data), (f"rows-{len(frames)}", data))
            part.data = alt.NamedData(name=name)
    return dict(frames.values())


def spec(kind: str, rows: pl.DataFrame, title: str, subtitle: str, description: str, lang: str,
         **options: object) -> dict:
    """The Vega-Lite spec of a chart, its named datasets already in Arrow form.

    `st.vega_lite_chart` passes Arrow bytes through as they are, but converts any other dataset
    through pandas on every call; built once (see `qogam.figure_views`), the spec costs a rerun nothing.
    Altair's schema validation is skipped here, where it was over half the cost of a filter
    change; the tests validate every builder's output against the Vega-Lite schema.
    """
    chart = BUILDERS[kind](rows, lang, **options)
    frames = _detach_data(chart)
    built = _finish(chart.to_dict(validate=False), Heading(title, subtitle), description, lang)
    built["datasets"] = {name: arrow_bytes(frame) for name, frame in frames.items()}
    return built


def describe(rows: pl.DataFrame, kind_key: str, heading: Heading, lang: str, *,
             label_fields: tuple[str, ...]) -> str:
    """A text alternative: chart kind, title, then "label: value" for each row (first 40)."""
    parts = []
    for row in rows.head(MAX_DESCRIBED).iter_rows(named=True):
        label = ", ".join(str(row[f]) for f in label_fields if row.get(f) is not None)
        value = row["value_label"] if row["value"] is not None else i18n.t("value.no_data", lang)
        if row.get("disagreement"):  # a figure other sources contradict says so, as on the chart's tooltip
            value += f" ({i18n.t('disagree.marker', lang)})"
        parts.append(f"{label}: {value}")
    more = i18n.t("chart.more_rows", lang, n=rows.height - MAX_DESCRIBED) if rows.height > MAX_DESCRIBED else ""
    text = f"{i18n.t(kind_key, lang)} — {heading.title} ({heading.subtitle}). " + "; ".join(parts)
    if more:
        text += f"; {more}"
    return text if text.endswith(".") else text + "."
