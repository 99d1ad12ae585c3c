"""Named tables for export (the CLI's `export` and the report): a DataFrame, a Norwegian title,
column formats, and whether it holds person-level data.

Data tables come straight from the contract (their names are a fixed whitelist); derived tables
come from the indicator engine and the list queries. Person-level rows pass the people gate
(`dashboard.engine.access.people`) like everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.access import OPERATOR, Access, people
from dashboard.engine.contract import TABLE_ORDER, TABLES_BY_NAME
from dashboard.engine.indicators import status_label
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import IndicatorResult, compute_scorecard
from dashboard.exchange.export import ColumnFormat

DERIVED_TABLES = ("indicators", "vacant_units", "full_attendance")
EXPORTABLE_TABLES = (*DERIVED_TABLES, *TABLE_ORDER)
# Data tables the selection applies to (through the unit), and the query that applies it.
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
    personal: bool = False


def scorecard_table(
    results: tuple[IndicatorResult, ...] | list[IndicatorResult], year: int
) -> NamedTable:
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
        columns=[
            "Indikator",
            "ID",
            "Fokusområde",
            "Verdi",
            "Teller",
            "Nevner",
            "Mål",
            "Status",
            "I fjor",
            "Per dato",
            "Kilde",
        ],
    )
    return NamedTable(
        f"Indikatorer {year}", frame, {"Verdi": "percent", "Mål": "percent", "I fjor": "percent"}
    )


def vacant_units(
    con: duckdb.DuckDBPyConnection, scope: Scope, access: Access = OPERATOR
) -> pd.DataFrame:
    """The units vacant_units counts, with the leader to contact where the viewer may see it."""
    uncovered = db.run(con, "uncovered_unit_list", {"selections": scope.selections()})
    vacant = uncovered[uncovered["is_vacant"]].sort_values(
        ["n_days_vacant", "unit_name"], ascending=[False, True]
    )
    contacts = people(con, "unit_contacts", None, access).rows
    columns = [
        "unit_id",
        "unit_name",
        "unit_type",
        "municipality_name",
        "network_group",
        "last_end_date",
        "n_days_vacant",
    ]
    frame = vacant[columns]
    if not contacts.empty:
        frame = frame.merge(
            contacts[["unit_id", "leader_name", "leader_email"]], on="unit_id", how="left"
        )
    return frame.reset_index(drop=True)


def named_table(
    con: duckdb.DuckDBPyConnection, name: str, scope: Scope, access: Access = OPERATOR
) -> NamedTable:
    """One exportable table by name for the scope; ValueError (Norwegian) for an unknown name."""
    selections = {"selections": scope.selections()}
    if name == "indicators":
        return scorecard_table(compute_scorecard(con, scope).results, scope.year)
    if name == "vacant_units":
        return NamedTable(
            "Ledige enheter",
            vacant_units(con, scope, access),
            {"n_days_vacant": "integer"},
            personal=access.sees_people,
        )
    if name == "full_attendance":
        frame = people(con, "full_attendance_list", selections, access).rows
        return NamedTable(
            f"Møtt på alle samlinger {scope.year}", frame, {"n_events": "integer"}, personal=True
        )
    if name in FILTERED_DATA_QUERIES:
        query = FILTERED_DATA_QUERIES[name]
        column = db.load_query(query).personal_column
        if column is None:
            frame = db.run(con, query, selections)
        else:
            frame = people(con, query, selections, access).rows
            frame = frame.drop(columns=column) if column in frame else frame
        return NamedTable(TABLES_BY_NAME[name].title, frame, {}, personal=column is not None)
    if name in TABLES_BY_NAME:
        table = TABLES_BY_NAME[name]
        # The table name comes from the contract's whitelist, never from the user as such.
        frame = con.execute(f"select * from {table.name} order by {', '.join(table.key)}").df()
        return NamedTable(table.title, frame, {})
    raise ValueError(f"ukjent tabell «{name}»; velg en av: {', '.join(EXPORTABLE_TABLES)}")
