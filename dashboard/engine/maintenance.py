"""DuckLake's own maintenance, never a hand-written merge: inlined rows written out to Parquet,
small files merged, files with many deleted rows rewritten, snapshots older than the kept days
expired (never one a frozen meeting reads: dashboard/engine/meetings.py), and the files nobody
reads any more (and those a stopped write left behind) removed.
Run by `python -m dashboard lake maintain` (a CronJob when deployed)."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb

from dashboard.engine import lake, meetings
from dashboard.engine.database import Database


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return len(con.execute(sql).fetchall())


def _expire(con: duckdb.DuckDBPyConnection, days: int) -> int:
    """Expire the snapshots older than `days`, but never one a frozen meeting reads."""
    older = {
        int(row[0])
        for row in con.execute(
            f"select snapshot_id from ducklake_expire_snapshots('{lake.ALIAS}', dry_run => true,"
            f" older_than => now() - interval {int(days)} day)"
        ).fetchall()
    }
    expired = sorted(older - meetings.frozen_snapshots(con))
    if expired:
        con.execute(
            f"call ducklake_expire_snapshots('{lake.ALIAS}', versions => $versions)",
            {"versions": expired},
        )
    return len(expired)


def maintain(database: Database, keep_days: int = 30) -> Iterator[tuple[str, int]]:
    """Each step's name and how many things it handled (files, snapshots)."""
    days = int(keep_days)
    cursor = database.lake_cursor()
    try:
        steps = (
            (
                "innebygde rader skrevet til Parquet",
                f"call ducklake_flush_inlined_data('{lake.ALIAS}')",
            ),
            ("små filer slått sammen", f"call ducklake_merge_adjacent_files('{lake.ALIAS}')"),
            (
                "filer med mange slettede rader skrevet om",
                f"call ducklake_rewrite_data_files('{lake.ALIAS}')",
            ),
            (
                "gamle filer slettet",
                f"call ducklake_cleanup_old_files('{lake.ALIAS}',"
                " older_than => now() - interval 1 day)",
            ),
            (
                # Files no snapshot names: left by a write that was stopped half-way (a killed
                # import). A day old at least, so a write in progress keeps its files.
                "foreldreløse filer slettet",
                f"call ducklake_delete_orphaned_files('{lake.ALIAS}',"
                " older_than => now() - interval 1 day)",
            ),
        )
        for name, sql in steps[:3]:
            yield name, _count(cursor, sql)
        yield f"øyeblikksbilder eldre enn {days} dager fjernet", _expire(cursor, days)
        for name, sql in steps[3:]:
            yield name, _count(cursor, sql)
    finally:
        cursor.close()
