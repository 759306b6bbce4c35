"""The API's query language: a request's parameters read into a `Selection`, and back into a URL.

One module does both directions, so the links the API hands out (`next`, the data package's
resource paths, the downloads page's "same rows by script" URL) are always parameters the API
reads back to the same rows. Parameters mirror the pages' filters:

- `region`: comma-separated ISO 3166-2 codes (`KZ` is the country-level figures only, as it is
  a region code of its own in the data);
- `from`, `to`: a row is kept when its span of years overlaps `from`–`to`;
- `indicator`, `source`: comma-separated ids (the `indicator_id`, `source_id` columns);
- `q`: every term must occur in the row's text, on the tables evidence search covers;
- any other filterable column by its own name, repeated for several values (`topic=funding`);
- `bom=1` (CSV) prepends the UTF-8 byte-order mark; `limit` (rows per page) and `offset` (rows
  skipped) page the JSON. Not `page`: `source_lines` has a column of that name.

Pure functions: the values that must exist (region codes, indicator and source ids) and the
columns of each table are handed in, so this module never touches the database. Every refusal
is an `ApiError` naming the offending parameter.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from publish.citation import public_url
from publish.exports import FORMATS, TABLES, Column, Format, TableSpec, table_spec
from qogam.downloads import PICKABLE_TYPES, FilterKey

API_PREFIX = "/api/v1"
OPENAPI_PATH = f"{API_PREFIX}/openapi.json"
REGION, YEAR_FROM, YEAR_TO, INDICATOR, SOURCE, QUERY = "region", "from", "to", "indicator", "source", "q"
BOM, OFFSET, LIMIT = "bom", "offset", "limit"
# The named parameters that stand for a column; every other filterable column goes by its name.
ALIASES = {INDICATOR: "indicator_id", SOURCE: "source_id"}
# Tables whose rows evidence search matches (qogam.search), and the text it matches in each.
SEARCHABLE = {"mentions": "search_text", "observations": "quote"}
YEAR_MIN, YEAR_MAX = 0, 9999
DEFAULT_LIMIT, MAX_LIMIT = 1_000, 10_000
MAX_OFFSET = 10**15
TRUE_WORDS, FALSE_WORDS = ("true", "1"), ("false", "0")
# A whole number as a URL writes it: ASCII digits, at most 18 (so it always fits a BIGINT).
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,18}")


class ApiError(ValueError):
    """A request the API refuses: which parameter, and why (the 400's JSON `error`)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class Vocabulary:
    """The values a request may name, from the database: region codes, indicator and source ids."""

    regions: frozenset[str]
    indicators: frozenset[str]
    sources: frozenset[str]

    def known(self, parameter: str) -> frozenset[str]:
        return {REGION: self.regions, INDICATOR: self.indicators, SOURCE: self.sources}[parameter]


@dataclass(frozen=True)
class Selection:
    """Which rows of which table: the downloads page's `FilterKey` plus the search text."""

    table: str
    key: FilterKey = ((), None, None, ())
    q: str = ""


@dataclass(frozen=True)
class ApiQuery:
    """A whole table request: the rows and how they are sent."""

    selection: Selection
    fmt: Format
    bom: bool = False
    offset: int = 0
    limit: int = DEFAULT_LIMIT


def column_parameter(column: str) -> str:
    """The parameter that filters `column`: `indicator` for indicator_id, else the column name."""
    return next((name for name, target in ALIASES.items() if target == column), column)


def filter_columns(spec: TableSpec, columns: Sequence[Column]) -> list[Column]:
    """Columns filtered by value (by name or alias): types a value can be written for, not the
    region and year columns (`region`, `from`, `to` cover those)."""
    skip = {spec.region_column, *(spec.year_columns or ())}
    return [c for c in columns if c.name not in skip and c.data_type.removesuffix("[]") in PICKABLE_TYPES]


def format_parameters(fmt: Format) -> tuple[str, ...]:
    """The parameters that only say how rows are sent, per format."""
    return {"csv": (BOM,), "json": (OFFSET, LIMIT), "parquet": ()}[fmt]


def allowed_parameters(spec: TableSpec, columns: Sequence[Column], fmt: Format) -> list[str]:
    """Every parameter a request for `spec` in `fmt` may carry, in the order URLs write them."""
    names = [REGION] if spec.region_column else []
    names += [YEAR_FROM, YEAR_TO] if spec.year_columns else []
    names += [column_parameter(c.name) for c in filter_columns(spec, columns)]
    names += [QUERY] if spec.name in SEARCHABLE else []
    return names + list(format_parameters(fmt))


def parse_format(value: str) -> Format:
    if value not in FORMATS:
        raise ApiError("format", f"unknown format {value!r}; use one of {', '.join(FORMATS)}")
    return value  # type: ignore[return-value]


def parse_table(value: str) -> TableSpec:
    if value not in TABLES:
        raise ApiError("table", f"unknown table {value!r}; use one of {', '.join(TABLES)}")
    return table_spec(value)


def _single(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise ApiError(name, "give it once")
    return values[0] if values else None


def _whole_number(parameter: str, text: str) -> int:
    if not WHOLE_NUMBER.fullmatch(text):
        raise ApiError(parameter, f"{text!r} is not a whole number")
    return int(text)


def _integer(params: Mapping[str, Sequence[str]], name: str, low: int, high: int) -> int | None:
    text = _single(params, name)
    if text is None:
        return None
    value = _whole_number(name, text)
    if not low <= value <= high:
        raise ApiError(name, f"{value} is outside {low}–{high}")
    return value


def _codes(params: Mapping[str, Sequence[str]], name: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """A comma-separated list of ids that must all exist."""
    codes = [code.strip() for text in params.get(name, []) for code in text.split(",") if code.strip()]
    unknown = sorted(set(codes) - vocabulary.known(name))
    if unknown:
        raise ApiError(name, f"unknown {name} {', '.join(map(repr, unknown))}")
    return tuple(dict.fromkeys(codes))


def _typed(column: Column, parameter: str, text: str) -> str | int | bool:
    """A column value from its text, typed like the column (what the bound parameter compares)."""
    base = column.data_type.removesuffix("[]")
    if base == "BOOLEAN":
        if text.lower() not in TRUE_WORDS + FALSE_WORDS:
            raise ApiError(parameter, f"{text!r} is not true or false")
        return text.lower() in TRUE_WORDS
    if base in ("INTEGER", "BIGINT"):
        return _whole_number(parameter, text)
    return text


def _equals(params: Mapping[str, Sequence[str]], spec: TableSpec, columns: Sequence[Column],
            vocabulary: Vocabulary) -> tuple[tuple[str, tuple], ...]:
    picked: dict[str, tuple] = {}
    for column in filter_columns(spec, columns):
        parameter = column_parameter(column.name)
        if parameter in ALIASES:
            values: tuple = _codes(params, parameter, vocabulary)
        else:
            values = tuple(dict.fromkeys(_typed(column, parameter, text) for text in params.get(parameter, [])))
        if values:
            picked[column.name] = values
    if spec.required_filter and len(picked.get(spec.required_filter, ())) != 1:
        raise ApiError(column_parameter(spec.required_filter),
                       f"{spec.name} is only served one {column_parameter(spec.required_filter)} at a time")
    return tuple(sorted(picked.items()))


def parse(table: str, fmt: str, params: Mapping[str, Sequence[str]], columns: Sequence[Column],
          vocabulary: Vocabulary) -> ApiQuery:
    """The request for `/api/v1/<table>.<fmt>?<params>` (`params`: name → every value given)."""
    spec, form = parse_table(table), parse_format(fmt)
    allowed = allowed_parameters(spec, columns, form)
    for name in params:
        if name not in allowed:
            raise ApiError(name, f"not a parameter of {spec.name}.{form}; use {', '.join(allowed) or 'none'}")
    year_from = _integer(params, YEAR_FROM, YEAR_MIN, YEAR_MAX)
    year_to = _integer(params, YEAR_TO, YEAR_MIN, YEAR_MAX)
    if year_from is not None and year_to is not None and year_from > year_to:
        raise ApiError(YEAR_FROM, f"from ({year_from}) is after to ({year_to})")
    regions = _codes(params, REGION, vocabulary)
    key: FilterKey = (regions, year_from, year_to, _equals(params, spec, columns, vocabulary))
    bom = _single(params, BOM)
    if bom is not None and bom not in TRUE_WORDS + FALSE_WORDS:
        raise ApiError(BOM, f"{bom!r} is not 1 or 0")
    return ApiQuery(Selection(spec.name, key, (_single(params, QUERY) or "").strip()), form,
                    bom=bom in TRUE_WORDS,
                    offset=_integer(params, OFFSET, 0, MAX_OFFSET) or 0,
                    limit=_integer(params, LIMIT, 1, MAX_LIMIT) or DEFAULT_LIMIT)


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def selection_parameters(selection: Selection) -> list[tuple[str, str]]:
    """The URL parameters that select these rows, in a fixed order (same rows, same URL)."""
    regions, year_from, year_to, equals = selection.key
    pairs = [(REGION, ",".join(regions))] if regions else []
    pairs += [(YEAR_FROM, str(year_from))] if year_from is not None else []
    pairs += [(YEAR_TO, str(year_to))] if year_to is not None else []
    for column, values in equals:
        parameter = column_parameter(column)
        if parameter in ALIASES:
            pairs.append((parameter, ",".join(map(str, values))))
        else:
            pairs += [(parameter, _text(value)) for value in values]
    return pairs + ([(QUERY, selection.q)] if selection.q else [])


def query_parameters(query: ApiQuery) -> list[tuple[str, str]]:
    """`selection_parameters` plus the format's own, defaults left out."""
    pairs = selection_parameters(query.selection)
    if query.fmt == "csv" and query.bom:
        pairs.append((BOM, "1"))
    if query.fmt == "json":
        pairs += [(OFFSET, str(query.offset))] if query.offset else []
        pairs += [(LIMIT, str(query.limit))] if query.limit != DEFAULT_LIMIT else []
    return pairs


def table_path(table: str, fmt: Format) -> str:
    """`/api/v1/observations.csv`."""
    return f"{API_PREFIX}/{table}.{fmt}"


def openapi_url() -> str:
    """The absolute URL of the API's OpenAPI description."""
    return public_url() + OPENAPI_PATH


def api_url(query: ApiQuery) -> str:
    """The absolute URL of a table request, on the public address (`QOGAM_PUBLIC_URL`)."""
    pairs = query_parameters(query)
    return public_url() + table_path(query.selection.table, query.fmt) + (f"?{urlencode(pairs)}" if pairs else "")


def download_url(table: str, key: FilterKey, fmt: Format, *, bom: bool = False) -> str:
    """The API URL that returns the rows the downloads page shows for `key`, in `fmt`."""
    return api_url(ApiQuery(Selection(table, key), fmt, bom=bom))
