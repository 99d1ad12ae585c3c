"""Named tables for export and the pages: a DataFrame, a Norwegian title and column formats.

Data tables come straight from the contract (their names are a fixed whitelist); derived tables
come from the indicator engine and the list queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard import db
from dashboard.contract import TABLE_ORDER, TABLES_BY_NAME
from dashboard.export import ColumnFormat
from dashboard.indicators import as_of_date_for, status_label
from dashboard.scorecard import IndicatorResult, Selection, compute_scorecard

DERIVED_TABLES = ("indicators", "vacant_units", "full_attendance")
EXPORTABLE_TABLES = (*DERIVED_TABLES, *TABLE_ORDER)
# Data tables the unit-based filters apply to, and the query that applies them.
FILTERED_DATA_QUERIES = {
    "unit": "export_unit",
    "member": "export_member",
    "leader": "export_leader",
}


@dataclass
class NamedTable:
    title: str
    frame: pd.DataFrame
    formats: dict[str, ColumnFormat]


def scorecard_table(results: list[IndicatorResult], year: int) -> NamedTable:
    """The scorecard with real numbers: shares as fractions (shown as %), counts as integers."""
    frame = pd.DataFrame(
        [
            {
                "Indikator": r.indicator.title,
                "ID": r.indicator.id,
                "Fokusområde": r.indicator.focus_area_name,
                "Verdi": r.value,
                "Teller": r.numerator,
                "Nevner": r.denominator,
                "Mål": r.target,
                "Status": status_label(r.status),
                "I fjor": r.previous_value,
                "Per dato": r.as_of_date,
                "Kilde": r.indicator.source,
            }
            for r in results
        ],
        columns=["Indikator", "ID", "Fokusområde", "Verdi", "Teller", "Nevner", "Mål", "Status",
                 "I fjor", "Per dato", "Kilde"],
    )  # fmt: skip
    return NamedTable(f"Indikatorer {year}", frame,
                      {"Verdi": "percent", "Mål": "percent", "I fjor": "percent"})  # fmt: skip


def named_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    selection: Selection,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> NamedTable:
    """One exportable table by name; ValueError (Norwegian) for an unknown name."""
    year = year or dt.date.today().year
    as_of = as_of or as_of_date_for(year)
    filters = {"as_of_date": as_of, **selection.params()}
    if name == "indicators":
        return scorecard_table(compute_scorecard(con, year, selection, as_of_date=as_of), year)
    if name == "vacant_units":
        frame = db.run_selecting(con, "vacant_unit_list", filters)
        return NamedTable("Ledige enheter", frame, {"n_days_vacant": "integer"})
    if name == "full_attendance":
        frame = db.run_selecting(con, "full_attendance_list", {"year": year, **filters})
        return NamedTable(f"Møtt på alle samlinger {year}", frame, {"n_events": "integer"})
    if name in FILTERED_DATA_QUERIES:
        frame = db.run_selecting(con, FILTERED_DATA_QUERIES[name], selection.params())
        return NamedTable(TABLES_BY_NAME[name].title, frame, {})
    if name in TABLES_BY_NAME:
        table = TABLES_BY_NAME[name]
        cursor = con.cursor()
        try:
            # The table name comes from the contract's whitelist, never from the user as such.
            frame = cursor.execute(
                f"select * from {table.name} order by {', '.join(table.key)}"
            ).df()
        finally:
            cursor.close()
        return NamedTable(table.title, frame, {})
    raise ValueError(f"ukjent tabell «{name}»; velg en av: {', '.join(EXPORTABLE_TABLES)}")
