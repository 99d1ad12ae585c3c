"""Exports that Norwegian Excel opens correctly: CSV (`;`, decimal comma, UTF-8 BOM) and XLSX.
The words (the header block, ja/nei) are in the language of the moment, and so are the numbers
and dates written as text (English: `80.5%`, `16/04/2026`; the separator stays `;`).

Both carry what the table is, the filters and when it was made; neither lets a cell that starts
with `=`, `+`, `-` or `@` become a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from dashboard.engine.formatting import date_pattern, format_date, format_number, format_share
from dashboard.engine.i18n import _

# share: a share (0..1) whose absence means no data («ingen data»); percent: a share-like number
# (a target) whose absence means none; count: an indicator's count (an integer, «ingen data»
# when missing); integer, number, date, text: what they say.
ColumnFormat = Literal["share", "percent", "count", "date", "integer", "number", "text"]
# A column's format, or one per row (e.g. the scorecard's values: shares and a count).
Formats = Mapping[str, "ColumnFormat | Sequence[ColumnFormat | None]"]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
OSLO = "Europe/Oslo"


@dataclass(frozen=True)
class ExportMeta:
    """What a file says about itself: the table's title, the filters, when it was made."""

    title: str
    filters: Mapping[str, str] = field(default_factory=dict)
    made_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    def lines(self) -> list[tuple[str, str]]:
        selection = "; ".join(f"{k}: {v}" for k, v in self.filters.items()) or _("alle")
        return [
            (_("Tabell"), self.title),
            (_("Utvalg"), selection),
            (_("Laget"), f"{format_date(self.made_at.date())} {self.made_at:%H:%M}"),
        ]


def safe_text(value: str) -> str:
    """Text that a spreadsheet will not run as a formula: a leading quote where needed."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Time-zone-aware columns to Oslo time without the zone (Excel rejects zones)."""
    frame = frame.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_convert(OSLO).dt.tz_localize(None)
    return frame


def _python(value: Any) -> Any:
    """numpy scalars (what DataFrames hold) → plain Python values."""
    return value.item() if isinstance(value, np.generic) else value


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_at(formats: Formats | None, column: str, row: int) -> ColumnFormat | None:
    """The format of one cell: the column's, or the row's where the column has one per row."""
    found = (formats or {}).get(column)
    if found is None or isinstance(found, str):
        return found
    return found[row]


def _csv_cell(value: Any, column_format: ColumnFormat | None) -> str:
    value = _python(value)
    if _is_missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return (
            format_date(value.date())
            if value.time() == dt.time(0)
            else f"{format_date(value.date())} {value:%H:%M}"
        )
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if column_format in ("share", "percent"):
            return format_share(value)
        if column_format in ("integer", "count") or value.is_integer():
            return str(round(value))
        return format_number(value, 2)
    return safe_text(str(value))


def to_csv(
    frame: pd.DataFrame,
    meta: ExportMeta,
    formats: Formats | None = None,
    *,
    with_meta: bool = True,
) -> bytes:
    """CSV for Norwegian Excel: the meta lines, a blank line, then the table (`with_meta`
    False: the table alone, header first, as a mail merge reads it)."""
    frame = _plain(frame)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if with_meta:
        for label, text in meta.lines():
            writer.writerow([label, safe_text(text)])
        writer.writerow([])
    writer.writerow([safe_text(str(c)) for c in frame.columns])
    for index, row in enumerate(frame.itertuples(index=False)):
        writer.writerow(
            [
                _csv_cell(v, format_at(formats, c, index))
                for c, v in zip(frame.columns, row, strict=True)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


Sheet = tuple[str, pd.DataFrame, "Formats | None"]


def to_xlsx(frame: pd.DataFrame, meta: ExportMeta, formats: Formats | None = None) -> bytes:
    """XLSX: real dates and numbers, bold frozen header, autofilter, column widths, no formulas."""
    return to_xlsx_sheets([(_("Data"), frame, formats)], meta)


def to_xlsx_sheets(sheets: list[Sheet], meta: ExportMeta) -> bytes:
    """Several tables, one sheet each, and a last sheet saying what the file is."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    day_format = date_pattern().lower()  # dd.mm.yyyy (nb, nn), dd/mm/yyyy (en)
    styles = {
        "date": workbook.add_format({"num_format": day_format}),
        "datetime": workbook.add_format({"num_format": f"{day_format} hh:mm"}),
        "percent": workbook.add_format({"num_format": "0.0 %"}),
        "share": workbook.add_format({"num_format": "0.0 %"}),
        "integer": workbook.add_format({"num_format": "0"}),
        "count": workbook.add_format({"num_format": "0"}),
        "number": workbook.add_format({"num_format": "0.00"}),
    }
    for sheet_name, raw_frame, formats in sheets:
        _write_sheet(
            workbook.add_worksheet(sheet_name[:31]), _plain(raw_frame), formats or {}, bold, styles
        )
    about = workbook.add_worksheet(_("Om uttrekket"))
    for row_index, (label, text) in enumerate(meta.lines()):
        about.write_string(row_index, 0, label, bold)
        about.write_string(row_index, 1, text)
    about.set_column(0, 0, 12)
    about.set_column(1, 1, 70)
    workbook.close()
    return buffer.getvalue()


def _write_sheet(
    sheet: Any,
    frame: pd.DataFrame,
    formats: Formats,
    bold: Any,
    styles: Mapping[str, Any],
) -> None:
    widths = [len(str(c)) for c in frame.columns]
    for col, name in enumerate(frame.columns):
        sheet.write_string(0, col, str(name), bold)
    for row_index, row in enumerate(frame.itertuples(index=False), start=1):
        for col, (name, value) in enumerate(zip(frame.columns, row, strict=True)):
            cell_format = format_at(formats, name, row_index - 1)
            widths[col] = max(
                widths[col], _write_cell(sheet, row_index, col, value, cell_format, styles)
            )
    sheet.freeze_panes(1, 0)
    if len(frame.columns):
        sheet.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(max(width + 2, 8), 60))


def _write_cell(
    sheet: Any,
    row: int,
    col: int,
    value: Any,
    column_format: ColumnFormat | None,
    styles: Mapping[str, Any],
) -> int:
    """Write one typed cell; returns its display width."""
    value = _python(value)
    if _is_missing(value):
        sheet.write_blank(row, col, None)
        return 0
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        is_day = value.time() == dt.time(0)
        sheet.write_datetime(row, col, value, styles["date" if is_day else "datetime"])
        return 10 if is_day else 16
    if isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time(0)), styles["date"])
        return 10
    if isinstance(value, bool):
        sheet.write_string(row, col, _("ja") if value else _("nei"))
        return 3
    if isinstance(value, int | float) and not isinstance(value, bool):
        style = styles.get(column_format or ("integer" if isinstance(value, int) else "number"))
        sheet.write_number(row, col, float(value), style)
        return 8
    text = str(value)
    sheet.write_string(row, col, text)  # never a formula, whatever it starts with
    return len(text)


def file_name(stem: str, extension: str, made_on: dt.date | None = None) -> str:
    """`dekning_per_kommune_2026-11-23.xlsx`: safe characters only."""
    day = (made_on or dt.date.today()).isoformat()
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem.lower()).strip("_")
    return f"{safe or 'uttrekk'}_{day}.{extension}"
