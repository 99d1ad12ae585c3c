"""SQL from `queries/`: load a named query, check its parameters, run it → DataFrame; open DuckDB
and bring a database's schema up to date.

This is the only module that calls `duckdb.connect`. It has no Streamlit import. The database as
the rest of the product sees it (a file or a shared store, read and change) is
`dashboard.engine.database.Database`.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
TARGETS_FILE = DATA_DIR / "targets.csv"

# SQL files that set the database up rather than answer a question; run in this order.
SETUP_FILES = ("schema", "views", "derived")

_PARAMS_HEADER = re.compile(r"^--\s*params:\s*(.*)$", re.MULTILINE)
_PERSONAL_HEADER = re.compile(r"^--\s*personal:\s*(\S+)", re.MULTILINE)
_PARAM_TOKEN = re.compile(r"\$([a-z_][a-z0-9_]*)")
_LINE_COMMENT = re.compile(r"--[^\n]*")
_STRING_LITERAL = re.compile(r"'(?:[^']|'')*'")


class QueryError(ValueError):
    """A named query is missing, malformed, or called with the wrong parameters."""


@dataclass(frozen=True)
class Query:
    """One SQL file from `queries/` with the parameters its header declares.

    `personal_column` is set for a query that returns person-level rows (names, e-mails): the
    column holding each row's network group, by which `dashboard.engine.access.people` filters.
    Such a query runs only through that gate.
    """

    name: str
    sql: str
    params: frozenset[str]
    personal_column: str | None = None


def _params_in_body(sql: str) -> set[str]:
    """The `$name` tokens used in the SQL, ignoring comments and string literals."""
    body = _STRING_LITERAL.sub("''", _LINE_COMMENT.sub("", sql))
    return set(_PARAM_TOKEN.findall(body))


@cache
def load_query(name: str) -> Query:
    """Load `queries/<name>.sql`; its `-- params:` header must list exactly the `$names` it uses."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise QueryError(f"ugyldig spørringsnavn: {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"fant ikke spørringen {name!r} ({path})")
    sql = path.read_text(encoding="utf-8")
    header = _PARAMS_HEADER.search(sql)
    if header is None:
        raise QueryError(f"{path.name}: mangler en '-- params:'-linje i hodet")
    declared_text = header.group(1).strip()
    declared = (
        set()
        if declared_text in ("", "(none)")
        else {p.strip() for p in declared_text.split(",") if p.strip()}
    )
    used = _params_in_body(sql)
    if declared != used:
        raise QueryError(
            f"{path.name}: parametrene i hodet {sorted(declared)} stemmer ikke med "
            f"dem som brukes {sorted(used)}"
        )
    personal = _PERSONAL_HEADER.search(sql)
    return Query(
        name=name,
        sql=sql,
        params=frozenset(declared),
        personal_column=personal.group(1) if personal else None,
    )


def query_names() -> list[str]:
    """Every query file's name (without `.sql`)."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def connect(
    path: str | Path | None = None, *, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open (or create) a database file, or an in-memory database when `path` is None.

    A writable database gets the schema, views and the seeds' targets (on creation); idempotent.
    """
    database = ":memory:" if path is None else str(path)
    con = duckdb.connect(database, read_only=read_only)
    if not read_only:
        try:
            ensure_schema(con)
        except BaseException:
            con.close()
            raise
    return con


def reader_host() -> duckdb.DuckDBPyConnection:
    """An empty in-memory DuckDB that database files are attached to for reading
    (`dashboard/engine/database.py`)."""
    return duckdb.connect(":memory:")


def schema_fingerprint() -> str:
    """A hash of the setup SQL: a database that carries it needs no setup run."""
    text = "\n".join(load_query(name).sql for name in SETUP_FILES)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _scalar(cursor: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return cursor.execute(sql).fetchall()[0][0]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, sequence, macro and view that does not exist yet (and refresh views
    and macros). Skipped, writing nothing, when the database already carries this schema.

    A new database gets the targets of the seed documents (`data/targets.csv`). A database made
    before the foreign keys were dropped (undo must run in one transaction, which DuckDB's
    foreign keys do not allow) has its child tables rebuilt without them, rows unchanged.
    """
    fingerprint = schema_fingerprint()
    cursor = con.cursor()
    try:
        has_marker = _scalar(
            cursor, "select count(*) from duckdb_tables() where table_name = 'schema_fingerprint'"
        )
        if has_marker and cursor.execute("select sha256 from schema_fingerprint").fetchall() == [
            (fingerprint,)
        ]:
            return
        is_new = not _scalar(
            cursor, "select count(*) from duckdb_tables() where table_name = 'target'"
        )
        cursor.execute("begin transaction")
        saved = _drop_foreign_key_tables(cursor)
        saved += _drop_outdated_key_tables(cursor, exclude=saved)
        for name in SETUP_FILES[:2]:
            cursor.execute(load_query(name).sql)
        for table in saved:
            # By name: a column the schema added since (e.g. a target's scope) gets its default.
            cursor.execute(f"insert into {table} by name select * from legacy_{table}")
            cursor.execute(f"drop table legacy_{table}")
        if is_new:
            load_seed_targets(cursor)
        cursor.execute(load_query("derived").sql)
        cursor.execute("create or replace table schema_fingerprint (sha256 varchar not null)")
        cursor.execute("insert into schema_fingerprint values ($sha)", {"sha": fingerprint})
        cursor.execute("commit")
    except BaseException:
        cursor.execute("rollback")
        raise
    finally:
        cursor.close()


def _drop_foreign_key_tables(cursor: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables that still carry a foreign key, copied aside and dropped (the schema then recreates
    them without it); returns their names. The names come from DuckDB's own catalogue."""
    tables = [
        row[0]
        for row in cursor.execute(
            "select distinct table_name from duckdb_constraints()"
            " where constraint_type = 'FOREIGN KEY' order by 1"
        ).fetchall()
    ]
    for table in tables:
        cursor.execute(f"create table legacy_{table} as select * from {table}")
        cursor.execute(f"drop table {table}")
    return tables


# Tables whose primary key the schema has changed since: (table, a column the new key has).
# DuckDB cannot alter a primary key, so such a table is copied aside, made anew, refilled.
CHANGED_KEYS = (("target", "health_trust"),)


def _drop_outdated_key_tables(cursor: duckdb.DuckDBPyConnection, exclude: list[str]) -> list[str]:
    """Tables whose primary key lacks a column the schema's key has now, copied aside and
    dropped (the schema then recreates them with the new key); returns their names. The names
    come from `CHANGED_KEYS`, never from the database."""
    tables = []
    for table, column in CHANGED_KEYS:
        if table in exclude:
            continue
        keys = cursor.execute(
            "select constraint_column_names from duckdb_constraints()"
            " where table_name = $table and constraint_type = 'PRIMARY KEY'",
            {"table": table},
        ).fetchall()
        if keys and column not in keys[0][0]:
            cursor.execute(f"create table legacy_{table} as select * from {table}")
            cursor.execute(f"drop table {table}")
            tables.append(table)
    return tables


def seed_targets() -> list[dict[str, Any]]:
    """The targets of the seed documents (strategy 2021–24, årsplan 2026), as reviewed in
    `data/targets.csv`: one dict per row, typed like the `target` table."""

    def number(text: str, kind: type) -> Any:
        return kind(text) if text.strip() else None

    with open(TARGETS_FILE, encoding="utf-8", newline="") as handle:
        return [
            {
                "indicator": row["indicator"],
                "year_from": int(row["year_from"]),
                "year_to": number(row["year_to"], int),
                "value": number(row["value"], float),
                "comparison": row["comparison"],
                "baseline_year": number(row["baseline_year"], int),
                "source": row["source"] or None,
                "health_trust": (row.get("health_trust") or "").strip(),
                "network_group": (row.get("network_group") or "").strip(),
            }
            for row in csv.DictReader(handle)
        ]


def load_seed_targets(cursor: duckdb.DuckDBPyConnection) -> None:
    for row in seed_targets():
        execute(cursor, "target_save", row)


def _checked(name: str, params: dict[str, Any] | None) -> Query:
    query = load_query(name)
    given = set(params or {})
    missing = query.params - given
    unknown = given - query.params
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"mangler {sorted(missing)}")
        if unknown:
            problems.append(f"ukjente {sorted(unknown)}")
        raise QueryError(f"{name}: feil parametre: {', '.join(problems)}")
    return query


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    personal: bool = False,
) -> pd.DataFrame:
    """Run a named query with exactly its declared parameters and return a DataFrame.

    Runs on `con` itself, so inside a change it sees the change's own uncommitted rows; a
    connection is used by one thread at a time (`Database.read` gives each reader its own). A
    query of person-level rows refuses to run unless `personal` says the caller is the people
    gate.
    """
    query = _checked(name, params)
    if query.personal_column and not personal:
        raise QueryError(f"{name} gir personopplysninger og hentes bare gjennom access.people")
    return con.execute(query.sql, params or {}).df()


@contextlib.contextmanager
def sibling_cursors(
    con: duckdb.DuckDBPyConnection, n: int
) -> Iterator[list[duckdb.DuckDBPyConnection]]:
    """`n` more cursors on the database and schema `con` reads, for queries run side by side in
    threads (one cursor per thread). For reads only: a sibling does not see changes `con` has not
    committed."""
    [(database, schema)] = con.execute("select current_database(), current_schema()").fetchall()
    target = ".".join('"' + str(name).replace('"', '""') + '"' for name in (database, schema))
    cursors: list[duckdb.DuckDBPyConnection] = []
    try:
        for _ in range(n):
            cursors.append(con.cursor())
            cursors[-1].execute(f"use {target}")  # names DuckDB gave, quoted
        yield cursors
    finally:
        for cursor in cursors:
            cursor.close()


def execute(
    cursor: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> list[tuple]:
    """Run a named statement on this cursor (inside its open transaction, if any)."""
    query = _checked(name, params)
    return cursor.execute(query.sql, params or {}).fetchall()


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the materialised views (queries/derived.sql) on this connection or cursor; call it
    inside the transaction that changed the data."""
    con.execute(load_query("derived").sql)


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A cheap key that changes with every import, undo and target edit: what every figure
    depends on."""
    return str(execute(con, "data_version")[0][0])
