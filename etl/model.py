"""Row types the extraction steps produce; the loader turns them into table rows."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Observation:
    """One published (or derived) figure, traceable to a source line."""

    indicator_id: str
    region_code: str
    year_start: int
    year_end: int
    value: float | None
    unit: str
    qualifier: str
    source_id: str
    line: int
    quote: str
    category: str | None = None
    value_high: float | None = None
    derived: bool = False
    method: str | None = None
    note: str | None = None
    practice_id: str | None = None
    basis: str | None = None  # how it was counted: an id of data/reference/bases.toml (required by the build)

    def key(self) -> tuple:
        """Identity of the figure: the same key twice within one source is a spec bug.

        Qualifier and note belong to it: one sentence can give the front offices' count and
        an estimate of the same thing for the same year."""
        return (self.indicator_id, self.region_code, self.year_start, self.year_end,
                self.category, self.qualifier, self.note, self.source_id, self.line, self.practice_id)

    def row(self) -> dict:
        return asdict(self)


@dataclass
class Gap:
    """A chart or figure whose data did not survive extraction (only its caption did)."""

    source_id: str
    line: int
    caption: str
    topic: str
    would_show: str


@dataclass
class Extract:
    """What one source's extraction step returns."""

    observations: list[Observation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
