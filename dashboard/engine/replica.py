"""Each process's copy of one lake snapshot, for reading: the tables, the shared views and macros,
the derived tables and the prepared figures, in the process's in-memory DuckDB.

Reading a DuckLake costs more than a native table (an aggregate ~23 ms against ~5 ms), so pages
never read the lake: they read this copy. When the lake moves on (a change in this process or in
any other), the copy follows in one transaction: only the tables the new snapshots changed are
copied again, the derived tables are rebuilt, and the prepared figures are counted again for
the years the changes said they touch (all years when one did not say). A reader in the middle
of a read keeps the state it started with: DuckDB's transactions isolate it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb
import pandas as pd

from dashboard.engine import db, lake
from dashboard.engine.prepared import (
    count_prepared,
    forget_prepared,
    indicators_reading,
    prepare_figures,
    store_prepared,
)


@dataclass(frozen=True)
class Owed:
    """Prepared figures a replica dropped and a recount owes: these years (None: every year) of
    these indicators (ids; None: every one)."""

    years: frozenset[int] | None
    indicators: frozenset[str] | None

    def __or__(self, other: Owed) -> Owed:
        def union(a: frozenset | None, b: frozenset | None) -> frozenset | None:
            return None if a is None or b is None else a | b

        return Owed(union(self.years, other.years), union(self.indicators, other.indicators))


# Tables no figure reads: a change to them alone is copied, and nothing is counted again.
NOT_FIGURES = frozenset(
    {
        "audit_log",
        "capture_hit",
        "capture_secret",
        "checkin_attempt",
        "import_batch",
        "prize_draw",
        "report_comment",
        "schema_fingerprint",
        "write_guard",
        "app_user",
        "prepared_figures",
        "governance_meeting",
        "meeting_freeze",
        "decision_note",
        "subscription",
        "delivery",
    }
)
# Tables of the lake that the replica does not need.
NOT_COPIED = frozenset({"write_guard", "schema_fingerprint", "prepared_figures"})


@dataclass(frozen=True)
class Changes:
    """What the snapshots after the replica's changed."""

    tables: frozenset[str] | None  # None: the schema changed, copy every table
    years: frozenset[int] | None  # None: every year's figures may have moved
    # Of `tables`, those the snapshots only inserted rows into (no row deleted or updated): the
    # replica appends their new rows instead of copying them whole.
    appended: frozenset[str] = frozenset()

    @property
    def reach_figures(self) -> bool:
        """Whether a table figures or page tables read changed (not only `NOT_FIGURES`)."""
        return self.tables is None or not self.tables <= NOT_FIGURES


def lake_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The lake's tables (not its views), by name."""
    return [
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where database_name = $lake"
            " and schema_name = 'main' order by table_name",
            {"lake": lake.ALIAS},
        ).fetchall()
        if row[0] not in NOT_COPIED
    ]


# The kinds of change in a snapshot's `changes` that only add rows to a table.
ONLY_INSERTED = frozenset({"tables_inserted_into", "inlined_insert"})


def changes_between(con: duckdb.DuckDBPyConnection, after: int, upto: int) -> Changes:
    """The tables the snapshots `after` < s ≤ `upto` changed, and the years they said."""
    rows = con.execute(
        f"select changes, commit_extra_info from ducklake_snapshots('{lake.ALIAS}')"
        " where snapshot_id > $after and snapshot_id <= $upto order by snapshot_id",
        {"after": after, "upto": upto},
    ).fetchall()
    if len(rows) != upto - after:  # snapshots expired meanwhile: what they changed is unknown
        return Changes(None, None)
    names = dict(
        con.execute(
            f"select table_id::varchar, table_name from __ducklake_metadata_{lake.ALIAS}"
            ".ducklake_table where end_snapshot is null"
        ).fetchall()
    )
    tables: set[str] = set()
    rewritten: set[str] = set()  # rows deleted or updated (deleted, then inserted)
    years: set[int] | None = set()
    for change_map, extra in rows:
        changed: set[str] = set()
        for kind, ids in (change_map or {}).items():
            if not kind.startswith(("tables_inserted", "tables_deleted", "inlined_")):
                return Changes(None, None)
            for table_id in ids:
                if table_id not in names:
                    return Changes(None, None)
                changed.add(names[table_id])
                if kind not in ONLY_INSERTED:
                    rewritten.add(names[table_id])
        tables |= changed
        said = json.loads(extra).get("years", None) if extra else None
        if said is None and any(t not in NOT_FIGURES for t in changed):
            years = None
        elif years is not None and said is not None:
            years.update(said)
    return Changes(
        frozenset(tables),
        None if years is None else frozenset(years),
        frozenset(tables - rewritten),
    )


def _copy(
    con: duckdb.DuckDBPyConnection, table: str, snapshot: int, into: str = lake.REPLICA
) -> None:
    """`table` as of `snapshot` into the replica (`into`: another in-memory database), inside
    the replica's transaction (in one transaction the lake's catalog is read once, not once per
    table). The names come from the lake's catalogue and this module."""
    con.execute(
        f'create or replace table {into}.main."{table}" as'
        f' select * from {lake.ALIAS}.main."{table}" at (version => {int(snapshot)})'
    )


def _append(con: duckdb.DuckDBPyConnection, table: str, held: int, snapshot: int) -> None:
    """The rows the snapshots `held` < s ≤ `snapshot` inserted into `table`, appended to the
    replica's copy of it (held at `held`; no row of it was deleted or updated since). A check-in
    adds one row: copying the whole attendance table again took ~35 ms on national data."""
    con.execute(
        f'insert into {lake.REPLICA}.main."{table}" select * from ducklake_table_insertions('
        f"'{lake.ALIAS}', 'main', '{table}', {int(held) + 1}, {int(snapshot)})"
    )


def _mark(con: duckdb.DuckDBPyConnection, snapshot: int) -> None:
    con.execute("delete from replica_snapshot")
    con.execute(
        "insert into replica_snapshot select snapshot_id, snapshot_time"
        f" from ducklake_snapshots('{lake.ALIAS}') where snapshot_id = $id",
        {"id": snapshot},
    )


def build(con: duckdb.DuckDBPyConnection, snapshot: int) -> bool:
    """The whole replica of `snapshot`, made anew (`con`'s default database is the replica).
    The prepared figures the lake keeps are taken where they are of an earlier snapshot with no
    change of schema since, and only what changed since is counted again. True when every
    figure was counted here (worth keeping in the lake: `keep_figures`)."""
    con.execute("begin transaction")
    try:
        stored = _stored_snapshot(con, snapshot)
        changes = changes_between(con, stored, snapshot) if stored is not None else None
        for table in lake_tables(con):
            _copy(con, table, snapshot)
        con.execute(db.load_query("replica").sql)
        con.execute(db.load_query("views").sql)
        db.refresh_derived(con)
        _mark(con, snapshot)
        if changes is not None and changes.tables is not None:
            con.execute("delete from prepared_count")
            con.execute(
                "insert into prepared_count select * exclude (snapshot_id)"
                f" from {lake.ALIAS}.main.prepared_figures at (version => {int(snapshot)})"
                " where snapshot_id = $stored",
                {"stored": stored},
            )
            if any(table not in NOT_FIGURES for table in changes.tables):
                prepare_figures(con, years=changes.years)
            counted_all = False
        else:
            prepare_figures(con)
            counted_all = True
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return counted_all


def tables_at(con: duckdb.DuckDBPyConnection, snapshot: int) -> list[str]:
    """The lake's tables as they were at `snapshot` (a table made since is not among them)."""
    return [
        row[0]
        for row in con.execute(
            f"select table_name from __ducklake_metadata_{lake.ALIAS}.ducklake_table"
            " where begin_snapshot <= $s and (end_snapshot is null or end_snapshot > $s)"
            " order by table_name",
            {"s": int(snapshot)},
        ).fetchall()
        if row[0] not in NOT_COPIED
    ]


def build_at(con: duckdb.DuckDBPyConnection, snapshot: int) -> None:
    """A replica of an earlier snapshot (a frozen meeting's) in `con`'s current database: the
    tables as they were then (a table made since, empty), today's views over them. No prepared
    figures: what a page asks of it is counted when asked."""
    into = con.execute("select current_database()").fetchall()[0][0]
    con.execute("begin transaction")
    try:
        for table in tables_at(con, snapshot):
            _copy(con, table, snapshot, into)
        con.execute(db.load_query("schema").sql)
        con.execute(db.load_query("replica").sql)
        con.execute(db.load_query("views").sql)
        db.refresh_derived(con)
        _mark(con, snapshot)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def cache_file(where: lake.LakeLocation, snapshot: int) -> Path:
    """Where a replica of `snapshot` is kept on disk: inside an embedded lake's folder (a copy
    of the folder takes it along), else in this machine's temporary folder."""
    if where.folder is not None:
        folder = where.folder / "replicas"
    else:
        digest = hashlib.sha256(where.catalog.encode()).hexdigest()[:16]
        folder = Path(tempfile.gettempdir()) / "dashboard-replicas" / digest
    return folder / f"snapshot-{int(snapshot)}.duckdb"


def _tables_in(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where database_name = $d"
            " and schema_name = 'main' order by table_name",
            {"d": database},
        ).fetchall()
    ]


def load_cached(con: duckdb.DuckDBPyConnection, file: Path) -> bool:
    """The replica from a kept file of the same snapshot (a native DuckDB file reads far faster
    than the lake): False when there is none or it cannot be read."""
    if not file.is_file():
        return False
    try:
        con.execute(f"attach '{_quoted(file)}' as replica_cache (read_only)")
    except duckdb.Error:
        return False
    try:
        con.execute("begin transaction")
        for table in _tables_in(con, "replica_cache"):
            con.execute(
                f'create or replace table {lake.REPLICA}.main."{table}" as'
                f' select * from replica_cache.main."{table}"'
            )
        con.execute(db.load_query("views").sql)
        con.execute("commit")
        return True
    except duckdb.Error:
        con.execute("rollback")
        return False
    finally:
        con.execute("detach replica_cache")


def keep_cached(con: duckdb.DuckDBPyConnection, file: Path) -> None:
    """The replica as it is now, kept on disk for the next process (written aside, then
    renamed into place; older kept snapshots of the same lake removed)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    building = file.with_name(f".{file.name}.{os.getpid()}")
    building.unlink(missing_ok=True)
    con.execute(f"attach '{_quoted(building)}' as replica_out")
    try:
        for table in _tables_in(con, lake.REPLICA):
            con.execute(
                f'create table replica_out.main."{table}"'
                f' as select * from {lake.REPLICA}.main."{table}"'
            )
    finally:
        con.execute("detach replica_out")
    os.replace(building, file)
    for older in file.parent.glob("snapshot-*.duckdb"):
        if older != file:
            older.unlink(missing_ok=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _stored_snapshot(con: duckdb.DuckDBPyConnection, snapshot: int) -> int | None:
    """The snapshot whose prepared figures the lake keeps (as of `snapshot`), if any."""
    rows = con.execute(
        f"select max(snapshot_id) from {lake.ALIAS}.main.prepared_figures"
        f" at (version => {int(snapshot)})"
    ).fetchall()
    found = rows[0][0] if rows else None
    return int(found) if found is not None and int(found) <= snapshot else None


def keep_figures(con: duckdb.DuckDBPyConnection, held: int | None = None) -> None:
    """Inside a lake change: the replica's prepared figures, as of the snapshot it holds, kept in
    the lake in place of the ones kept before; nothing when `held` is given and the replica
    has followed the lake past it since (it may owe figures now)."""
    if held is not None and held_snapshot(con) != held:
        return
    con.execute("delete from prepared_figures")
    con.execute(
        "insert into prepared_figures select"
        f" (select snapshot_id from {lake.REPLICA}.main.replica_snapshot),"
        f" * from {lake.REPLICA}.main.prepared_count"
    )


def follow(
    con: duckdb.DuckDBPyConnection, held: int, snapshot: int, changes: Changes
) -> Owed | Literal["none"]:
    """Move the replica from snapshot `held` to `snapshot`, copying only what changed (the new
    rows alone of a table that only gained rows). The prepared figures the changes can move (the
    years they touched, of the indicators reading the tables they wrote) are dropped (pages count
    those years themselves meanwhile); returns them, for `count` and `store`, or "none"."""
    if changes.tables is None:
        build(con, snapshot)  # counts what it needs itself
        return "none"
    figures = changes.reach_figures
    moved = indicators_reading(changes.tables) if figures else frozenset()
    con.execute("begin transaction")
    try:
        for table in sorted(changes.tables - NOT_COPIED):
            if table in changes.appended:
                _append(con, table, held, snapshot)
            else:
                _copy(con, table, snapshot)
        if figures:
            db.refresh_derived(con, changes.tables)
        if moved is None or moved:
            forget_prepared(con, changes.years, moved)
        _mark(con, snapshot)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return Owed(changes.years, moved) if moved is None or moved else "none"


def count(
    con: duckdb.DuckDBPyConnection, owed: Owed, today: dt.date | None = None
) -> tuple[int | None, pd.DataFrame]:
    """The owed prepared figures counted on the replica as it is now (read only, one snapshot):
    (the snapshot they are of, the figures)."""
    con.execute("begin transaction")
    try:
        figures = count_prepared(con, today, years=owed.years, indicators=owed.indicators)
        return held_snapshot(con), figures
    finally:
        con.execute("rollback")


def store(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, owed: Owed) -> None:
    """Counted figures into the replica (call while the replica holds the snapshot they are
    of)."""
    con.execute("begin transaction")
    try:
        store_prepared(con, frame, owed.years, owed.indicators)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def held_snapshot(con: duckdb.DuckDBPyConnection) -> int | None:
    """The snapshot the replica holds; None before it is first built."""
    made = con.execute(
        "select count(*) from duckdb_tables() where database_name = $replica"
        " and table_name = 'replica_snapshot'",
        {"replica": lake.REPLICA},
    ).fetchall()[0][0]
    if not made:
        return None
    rows = con.execute(f"select snapshot_id from {lake.REPLICA}.main.replica_snapshot").fetchall()
    return int(rows[0][0]) if rows else None
