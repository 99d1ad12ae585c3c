"""What a page table is (`Table`: a title, typed values and how each column is shown) and what
every builder uses: shares, labels, Oslo time, a cell as people read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd

from dashboard.engine import labels
from dashboard.engine.formatting import format_date, format_number, format_share
from dashboard.engine.i18n import _
from dashboard.exchange.export import Formats, format_at

OSLO = "Europe/Oslo"


@dataclass(frozen=True, eq=False)
class Table:
    """A table people see and download: a title in the language it was built in, values typed
    (shares 0..1, counts as integers, dates as dates), `formats` saying how each column (or each
    row of a column) is shown, and whether it holds person-level data."""

    title: str
    frame: pd.DataFrame
    formats: Formats
    personal: bool = False

    def text_rows(self, columns: Sequence[str] | None = None) -> list[list[str]]:
        """Every row as people read it (for a PDF table)."""
        columns = list(columns or self.frame.columns)
        return [
            [cell_text(row[c], format_at(self.formats, c, i)) for c in columns]
            for i, (_, row) in enumerate(self.frame.iterrows())
        ]


def share(numerators: Iterable[int], denominators: Iterable[int]) -> list[float | None]:
    """Numerator / denominator per row; None (no data, never 0 %) where the denominator is 0."""
    return [n / d if d else None for n, d in zip(numerators, denominators, strict=True)]


def labelled(values: Iterable[object], mapping: Mapping[str, str]) -> list[str]:
    return [labels.label(mapping, v) for v in values]


def oslo_time(values: pd.Series) -> pd.Series:
    """Time stamps as Oslo wall-clock time, without the zone (Excel refuses zones)."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert(OSLO).dt.tz_localize(None)
    return values


def counts(*columns: str) -> dict[str, str]:
    return dict.fromkeys(columns, "integer")


def is_missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or value != value


def cell_text(value: object, cell_format: str | None) -> str:
    """One value as people read it: «80,5 %», «1 234», «16.04.2026», «16.04.2026 14:05», «ja»;
    nothing is «None» or «nan» (a share without data is «ingen data», other gaps are empty)."""
    if is_missing(value):
        return _("ingen data") if cell_format in ("share", "count") else ""
    if cell_format in ("share", "percent"):
        return format_share(float(value))  # type: ignore[arg-type]
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(ZoneInfo(OSLO)).replace(tzinfo=None)
        return format_date(value.date()) + ("" if value.time() == dt.time(0) else f" {value:%H:%M}")
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if cell_format in ("integer", "count") or float(value).is_integer():
            return format_number(round(float(value)))
        return format_number(float(value), 2)
    return str(value)
