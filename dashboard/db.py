"""Data access: open a DuckDB file, load named SQL from `queries/`, run it with `$name` parameters.

This is the only module that talks to DuckDB. It has no Streamlit import: the app caches what it
returns, the CLI and the tests call it directly.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

# SQL files that set the database up rather than answer a question; run in this order.
SETUP_FILES = ("schema", "views", "derived")

_PARAMS_HEADER = re.compile(r"^--\s*params:\s*(.*)$", re.MULTILINE)
_PARAM_TOKEN = re.compile(r"\$([a-z_][a-z0-9_]*)")
_LINE_COMMENT = re.compile(r"--[^\n]*")
_STRING_LITERAL = re.compile(r"'(?:[^']|'')*'")


class QueryError(ValueError):
    """A named query is missing, malformed, or called with the wrong parameters."""


@dataclass(frozen=True)
class Query:
    """One SQL file from `queries/` with the parameters its header declares."""

    name: str
    sql: str
    params: frozenset[str]


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
    return Query(name=name, sql=sql, params=frozenset(declared))


def query_names() -> list[str]:
    """Every query file's name (without `.sql`)."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def connect(
    path: str | Path | None = None, *, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open (or create) a database file, or an in-memory database when `path` is None.

    A writable database gets the schema and views, which is idempotent.
    """
    database = ":memory:" if path is None else str(path)
    con = duckdb.connect(database, read_only=read_only)
    if not read_only:
        ensure_schema(con)
    return con


def schema_fingerprint() -> str:
    """A hash of the setup SQL: a database that carries it needs no setup run."""
    text = "\n".join(load_query(name).sql for name in SETUP_FILES)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, sequence, macro and view that does not exist yet (and refresh views
    and macros). Skipped, writing nothing, when the database already carries this schema."""
    fingerprint = schema_fingerprint()
    cursor = con.cursor()
    try:
        has_marker = cursor.execute(
            "select count(*) from duckdb_tables() where table_name = 'schema_fingerprint'"
        ).fetchall()[0][0]
        if has_marker and cursor.execute("select sha256 from schema_fingerprint").fetchall() == [
            (fingerprint,)
        ]:
            return
        for name in SETUP_FILES:
            cursor.execute(load_query(name).sql)
        cursor.execute("create or replace table schema_fingerprint (sha256 varchar not null)")
        cursor.execute("insert into schema_fingerprint values ($sha)", {"sha": fingerprint})
    finally:
        cursor.close()


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
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Run a named query with exactly its declared parameters and return a DataFrame.

    Runs on a fresh cursor, so callers on several threads may share one connection.
    """
    query = _checked(name, params)
    cursor = con.cursor()
    try:
        return cursor.execute(query.sql, params or {}).df()
    finally:
        cursor.close()


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the materialised views (queries/derived.sql) on this connection or cursor; call it
    inside the transaction that changed the data."""
    con.execute(load_query("derived").sql)


def run_in_transaction(
    cursor: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> None:
    """Run a named statement on a cursor that holds an open transaction (no fresh cursor)."""
    query = _checked(name, params)
    cursor.execute(query.sql, params or {}).fetchall()


def run_selecting(
    con: duckdb.DuckDBPyConnection, name: str, available: dict[str, Any]
) -> pd.DataFrame:
    """Run a named query with those of the available parameters it declares (e.g. the filters);
    a declared parameter that is not available still raises."""
    declared = load_query(name).params
    return run(con, name, {k: v for k, v in available.items() if k in declared})


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A cheap key that changes with every import, undo and target edit."""
    return str(run(con, "data_version").iloc[0, 0])
