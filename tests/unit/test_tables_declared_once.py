"""Each table is declared once: the data contract's tables in `dashboard/engine/contract.py` (their
columns, types, allowed values, references and key), the product's own in `queries/schema.sql`
with their key in `dashboard/engine/rules.py`. Everything else derives from those declarations
(the importer, the rules, the demo's column lists, the undo tables, the exports); what cannot is
tied to them here, so a column added in one place and forgotten in another fails a test."""

from __future__ import annotations

import importlib
import re

import duckdb
import pytest

from dashboard.engine import contract, db, rules
from dashboard.engine.contract import TABLES, TABLES_BY_NAME
from dashboard.engine.scope import Scope
from dashboard.exchange import tables, templates

# Tables of the schema that have no key of their own, and why.
KEYLESS = {
    "capture_hit": "rate-limit counters, one row per attempt",
    "capture_secret": "one row",
    "write_guard": "one row",
    "prepared_figures": "a cache of one snapshot's figures",
}


@pytest.fixture(scope="module")
def schema_columns() -> dict[str, list[tuple[str, str]]]:
    """Every table of schema.sql as DuckDB made it: (column, type) in order."""
    con = duckdb.connect()
    try:
        con.execute(db.load_query("schema").sql)
        found: dict[str, list[tuple[str, str]]] = {}
        for table, column, kind in con.execute(
            "select table_name, column_name, data_type from duckdb_columns()"
            " where database_name = current_database() and schema_name = 'main'"
            " order by table_name, column_index"
        ).fetchall():
            found.setdefault(table, []).append((column, kind))
        return found
    finally:
        con.close()


SQL_TYPES = {"text": "VARCHAR", "int": "INTEGER", "date": "DATE", "bool": "BOOLEAN"}


def test_the_contracts_tables_are_the_schemas(schema_columns: dict) -> None:
    for table in TABLES:
        assert [c for c, _ in schema_columns[table.name]] == list(table.column_names), table.name
        for column in table.columns:
            kind = dict(schema_columns[table.name])[column.name]
            if column.type in SQL_TYPES:
                assert kind == SQL_TYPES[column.type], (table.name, column.name, kind)


def test_every_undo_table_is_its_table_with_the_undo_columns(schema_columns: dict) -> None:
    for name, columns in schema_columns.items():
        if name.startswith("undo_"):
            assert columns[2:] == schema_columns[name.removeprefix("undo_")], name
    undone = {n.removeprefix("undo_") for n in schema_columns if n.startswith("undo_")}
    assert undone == set(contract.TABLE_ORDER)  # every importable table can be undone


def test_every_table_has_a_key_or_a_reason(schema_columns: dict) -> None:
    keys = rules.keys()
    for name, columns in schema_columns.items():
        if name.startswith("undo_") or name in KEYLESS:
            continue
        assert name in keys, f"{name}: declare its key in rules.OWN_KEYS (or contract.py)"
        assert set(keys[name]) <= {c for c, _ in columns}, name
    assert set(KEYLESS) <= set(schema_columns)


def test_references_in_the_schema_are_the_contracts() -> None:
    """schema.sql writes each reference as a comment; the contract declares it for the
    importer. The two name the same columns."""
    text = db.load_query("schema").sql
    said: set[tuple[str, str, str]] = set()
    for block in re.finditer(r"create table if not exists (\w+) \((.*?)\n\);", text, re.S):
        for line in block.group(2).splitlines():
            found = re.match(r"\s*(\w+) .*-- references (\w+) \(", line)
            if found:
                said.add((block.group(1), found.group(1), found.group(2)))
    declared = {
        (table.name, column.name, column.references)
        for table in TABLES
        for column in table.columns
        if column.references
    }
    in_contract = {s for s in said if s[0] in TABLES_BY_NAME}
    assert in_contract == declared


def test_templates_validation_and_exports_name_only_declared_columns() -> None:
    assert set(templates.EXAMPLES) == set(contract.TABLE_ORDER)
    for name, example in templates.EXAMPLES.items():
        table = TABLES_BY_NAME[name]
        assert set(example) <= set(table.column_names), name
        required = {c.name for c in table.columns if c.required}
        assert required <= set(example), f"{name}: the template lacks a required column"
    validate = importlib.import_module("dashboard.exchange.importer.validate")
    for pairs in (validate._ORDERED_PAIRS, validate._REFERENCED_KEY):
        for name, columns in pairs.items():
            names = (columns,) if isinstance(columns, str) else columns
            assert set(names) <= set(TABLES_BY_NAME[name].column_names), name
    con = db.connect()  # an empty database laid out as a replica
    try:
        for name, query in tables.FILTERED_DATA_QUERIES.items():
            made = db.run(con, query, {"selections": Scope(2026).selections()}, personal=True)
            assert set(TABLES_BY_NAME[name].column_names) <= set(made.columns), query
    finally:
        con.close()
