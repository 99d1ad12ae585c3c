"""SQL from `queries/`: load a named query, check its parameters, run it → DataFrame; open DuckDB
and bring a database's schema up to date.

It has no Streamlit import. The database as the rest of the product sees it (a DuckLake, read
through each process's replica and changed in serialised transactions) is
`dashboard.engine.database.Database`; where the lake is and how it is attached is
`dashboard.engine.lake`.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import re
from collections.abc import Iterable, Iterator
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

# SQL files that set the lake up rather than answer a question; run in this order.
SETUP_FILES = ("schema", "views")
# The views materialised as tables in each replica (and seen live, as views, inside a change):
# rebuilt after every change to the data, since the range join on dates is the costly part.


@dataclass(frozen=True)
class Derived:
    """A view of queries/views.sql that a replica holds as a table (its joins on date ranges are
    the costly part of many figures): in the lake the view `live` under the table's name; in a
    replica the table, made again when a table it `reads` changed; when only tables in `kept_by`
    changed, its query (queries/) updates the table in place instead."""

    table: str
    live: str
    reads: frozenset[str]
    kept_by: tuple[frozenset[str], str] | None = None


DERIVED = (
    Derived(
        "expected_attendance",
        "expected_attendance_live",
        frozenset({"member", "unit", "event", "attendance"}),
        (frozenset({"attendance"}), "expected_attendance_attended"),
    ),
    Derived(
        "report_population",
        "report_population_live",
        frozenset({"member", "unit", "reporting_round", "annual_report"}),
    ),
)

_PARAMS_HEADER = re.compile(r"^--\s*params:\s*(.*)$", re.MULTILINE)
_READS_HEADER = re.compile(r"^--\s*reads:\s*(.*)$", re.MULTILINE)
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
    # The tables of the lake it reads, views and macros followed to their tables (`-- reads:`;
    # tests/unit/test_registry.py checks each against DuckDB's plan). None: not declared.
    reads: frozenset[str] | None = None


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
    reads = _READS_HEADER.search(sql)
    return Query(
        name=name,
        sql=sql,
        params=frozenset(declared),
        personal_column=personal.group(1) if personal else None,
        reads=frozenset(t.strip() for t in reads.group(1).split(",")) if reads else None,
    )


def query_names() -> list[str]:
    """Every query file's name (without `.sql`)."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def connect(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection for scripts and tests, with the schema, views and the seeds' targets.

    `path` None: an in-memory DuckDB laid out as a replica (the lake's tables, the views, the
    derived and prepared tables), for SQL checked against small hand-made datasets. A `path`: the
    lake it names (made when missing), as the connection's default database; what is written
    through it commits straight to the lake, without `Database.change`'s rules and guard.
    """
    if path is None:
        con = duckdb.connect(":memory:")
        try:
            ensure_schema(con)
            con.execute(load_query("replica").sql)
            refresh_derived(con)
        except BaseException:
            con.close()
            raise
        return con
    from dashboard.engine import lake  # the lake module reads settings; db stays below it

    con = lake.connect(lake.location(path), create=True)
    con.execute(f"use {lake.ALIAS}")
    ensure_schema(con)
    return con


def setup_fingerprint() -> str:
    """A hash of the setup SQL: a database that carries it needs no setup run."""
    text = "\n".join(load_query(name).sql for name in SETUP_FILES)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _scalar(cursor: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return cursor.execute(sql).fetchall()[0][0]


def _has_table(cursor: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        cursor.execute(
            "select count(*) from duckdb_tables() where database_name = current_database()"
            " and schema_name = 'main' and table_name = $name",
            {"name": name},
        ).fetchall()[0][0]
    )


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, macro and view that does not exist yet (and refresh views and
    macros) in `con`'s current database. Skipped, writing nothing, when it already carries this
    schema. A new database gets the targets of the seed documents (`data/targets.csv`) and the
    one row of `write_guard`."""
    fingerprint = setup_fingerprint()
    cursor = con.cursor()
    try:
        cursor.execute(f"use {_scalar(con, 'select current_database()')}")
        # One statement, not a look through the whole catalog first (0.2 s on a lake). When the
        # table is missing, DuckDB looks for a Python object of its name in this module (a
        # replacement scan): nothing here may be called `schema_fingerprint`.
        try:
            carried = cursor.execute("select sha256 from schema_fingerprint").fetchall()
        except duckdb.CatalogException:
            carried = []
        if carried == [(fingerprint,)]:
            return
        is_new = not _has_table(cursor, "target")
        with transaction(cursor):
            for name in SETUP_FILES:
                cursor.execute(load_query(name).sql)
            for derived in DERIVED:
                if not _has_table(cursor, derived.table):
                    cursor.execute(
                        f"create or replace view {derived.table} as select * from {derived.live}"
                    )
            _drop_undefined(cursor)
            if is_new:
                load_seed_targets(cursor)
            if not _scalar(cursor, "select count(*) from write_guard"):
                cursor.execute("insert into write_guard values (0)")
            cursor.execute("create or replace table schema_fingerprint (sha256 varchar not null)")
            cursor.execute("insert into schema_fingerprint values ($sha)", {"sha": fingerprint})
    finally:
        cursor.close()


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The block in one transaction: committed at its end, rolled back when it raises (the
    block's error is the one raised, not a failed rollback's)."""
    con.execute("begin transaction")
    try:
        yield
        con.execute("commit")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise


# A view or macro the setup SQL makes: `create [or replace] view|macro name`.
_DEFINES = re.compile(
    r"^create\s+(?:or\s+replace\s+)?(view|macro)\s+(?:if\s+not\s+exists\s+)?(\w+)",
    re.IGNORECASE | re.MULTILINE,
)


def defined_objects() -> dict[str, frozenset[str]]:
    """The views and macros the setup SQL defines, by kind ("view", "macro"); a derived
    table's name is a view in the lake too."""
    found: dict[str, set[str]] = {"view": {d.table for d in DERIVED}, "macro": set()}
    for name in SETUP_FILES:
        for kind, defined in _DEFINES.findall(load_query(name).sql):
            found[kind.lower()].add(defined.lower())
    return {kind: frozenset(names) for kind, names in found.items()}


def _drop_undefined(cursor: duckdb.DuckDBPyConnection) -> None:
    """Views and macros of `cursor`'s current database that the SQL no longer defines dropped (a
    renamed view would otherwise stay in the lake for ever, read by nothing). Names come from
    DuckDB's own catalogue."""
    defined = defined_objects()
    views = cursor.execute(
        "select view_name from duckdb_views() where database_name = current_database()"
        " and schema_name = 'main' and not internal"
    ).fetchall()
    for (name,) in views:
        if name.lower() not in defined["view"]:
            cursor.execute(f'drop view "{name}"')
    macros = cursor.execute(
        "select distinct function_name, function_type from duckdb_functions()"
        " where database_name = current_database() and schema_name = 'main' and not internal"
        " and function_type in ('macro', 'table_macro')"
    ).fetchall()
    for name, kind in macros:
        if name.lower() not in defined["macro"]:
            cursor.execute(f'drop {"macro table" if kind == "table_macro" else "macro"} "{name}"')


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


def refresh_derived(con: duckdb.DuckDBPyConnection, changed: Iterable[str] | None = None) -> None:
    """Make the derived tables (`DERIVED`) again in `con`'s current database (a replica, or the
    in-memory database of the SQL tests): those reading a table in `changed` (None: all)."""
    moved = None if changed is None else set(changed)
    for derived in DERIVED:
        if moved is not None and not derived.reads & moved:
            continue
        if (
            moved is not None
            and derived.kept_by is not None
            and moved & derived.reads <= derived.kept_by[0]
        ):
            con.execute(load_query(derived.kept_by[1]).sql)
            continue
        if con.execute(
            "select count(*) from duckdb_views() where database_name = current_database()"
            " and view_name = $name",
            {"name": derived.table},
        ).fetchall()[0][0]:
            con.execute(f"drop view {derived.table}")  # the lake's view, in a test's copy
        con.execute(f"create or replace table {derived.table} as select * from {derived.live}")


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """The snapshot the replica `con` reads was made from: what every figure depends on."""
    return str(execute(con, "data_version")[0][0])
