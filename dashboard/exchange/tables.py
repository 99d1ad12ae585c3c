"""The named tables of the CLI's `export`: every table the pages offer that has a name of its own
(the scorecard, the vacant units, the full-attendance list), and the data tables themselves.

Derived tables are the pages' own (`dashboard/exchange/page_tables/`). Data tables keep the codes and
take Norwegian headers the importer reads back, so an exported file imports again unchanged.
Person-level rows pass the people gate (`dashboard.engine.access.people`) like everywhere else.
"""

from __future__ import annotations

import duckdb

from dashboard.engine import db
from dashboard.engine.access import OPERATOR, Access, people
from dashboard.engine.column_headers import header_label
from dashboard.engine.contract import TABLE_ORDER, TABLES_BY_NAME
from dashboard.engine.i18n import _
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange import page_tables
from dashboard.exchange.page_tables import Table

DERIVED_TABLES = ("indicators", "vacant_units", "full_attendance")
EXPORTABLE_TABLES = (*DERIVED_TABLES, *TABLE_ORDER)
# Data tables the selection applies to (through the unit), and the query that applies it.
FILTERED_DATA_QUERIES = {
    "unit": "export_unit",
    "member": "export_member",
    "leader": "export_leader",
    "governance_member": "export_governance_member",
}


def vacant_units(con: duckdb.DuckDBPyConnection, scope: Scope, access: Access = OPERATOR) -> Table:
    """The units vacant_units counts, with the leader to contact where the viewer may see it."""
    rows = db.run(con, "uncovered_unit_list", {"selections": scope.selections()})
    contacts = people(con, "unit_contacts", None, access).rows
    return page_tables.vacant_units(rows, contacts)


def named_table(
    con: duckdb.DuckDBPyConnection, name: str, scope: Scope, access: Access = OPERATOR
) -> Table:
    """One exportable table by name for the scope; ValueError (Norwegian) for an unknown name."""
    selections = {"selections": scope.selections()}
    if name == "indicators":
        return page_tables.scorecard_table(compute_scorecard(con, scope).results, scope.year)
    if name == "vacant_units":
        return vacant_units(con, scope, access)
    if name == "full_attendance":
        return page_tables.full_attendance(
            people(con, "full_attendance_list", selections, access).rows
        )
    if name not in TABLES_BY_NAME:
        raise ValueError(
            _("ukjent tabell «{name}»; velg en av: {tables}").format(
                name=name, tables=", ".join(EXPORTABLE_TABLES)
            )
        )
    table = TABLES_BY_NAME[name]
    personal = False
    if name in FILTERED_DATA_QUERIES:
        query = FILTERED_DATA_QUERIES[name]
        column = db.load_query(query).personal_column
        personal = column is not None
        frame = (
            people(con, query, selections, access).rows
            if personal
            else db.run(con, query, selections)
        )
        frame = frame[list(table.column_names)]
    else:
        # The table name comes from the contract's whitelist, never from the user as such.
        frame = con.execute(f"select * from {table.name} order by {', '.join(table.key)}").df()
    frame = frame.rename(columns={c: header_label(table, c) for c in table.column_names})
    formats = {header_label(table, c.name): "integer" for c in table.columns if c.type == "int"}
    return Table(table.title, frame, formats, personal=personal)
