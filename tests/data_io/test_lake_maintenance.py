"""`lake maintain`: DuckLake's own maintenance moves inlined rows into Parquet and removes files
nobody reads, and every row stays as it was."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from dashboard.engine import lake
from dashboard.engine.database import Database
from dashboard.engine.maintenance import maintain
from dashboard.exchange import importer
from tests.data_io.conftest import csv_bytes
from tests.engine import lake_state

MEMBER_HEADER = ["member_id", "name", "profession", "unit_id", "start_date"]


def _inlined_rows(folder: Path) -> int:
    """Rows kept inside the catalog (small inserts) rather than in Parquet files."""
    catalog = sqlite3.connect(f"file:{folder / lake.CATALOG_FILE}?mode=ro", uri=True)
    try:
        tables = catalog.execute(
            "select name from sqlite_master where name like 'ducklake_inlined_data_%'"
            " and name <> 'ducklake_inlined_data_tables'"
        ).fetchall()
        return sum(catalog.execute(f'select count(*) from "{t}"').fetchone()[0] for (t,) in tables)
    finally:
        catalog.close()


def test_maintain_moves_inlined_rows_and_removes_only_old_orphans(base_db: Path) -> None:
    database = Database(base_db)
    for number in range(3):  # three small imports: their rows are inlined in the catalog
        rows = [MEMBER_HEADER, [f"v{number}", f"Person {number}", "sykepleier", "A", "01.01.2026"]]
        database.change(
            lambda con, rows=rows: importer.import_files(
                con, [("member.csv", csv_bytes(rows))], "t"
            )
        )
    assert _inlined_rows(base_db) > 0
    data = base_db / lake.DATA_FOLDER
    old_orphan, new_orphan = (
        data / "left-by-a-killed-import.parquet",
        data / "being-written.parquet",
    )
    for orphan in (old_orphan, new_orphan):
        orphan.write_bytes(b"PAR1")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old_orphan, (two_days_ago, two_days_ago))
    _snapshot, counts_before = lake_state(base_db)

    steps = dict(maintain(database))

    assert steps["innebygde rader skrevet til Parquet"] > 0
    assert set(steps) >= {"små filer slått sammen", "foreldreløse filer slettet"}
    assert _inlined_rows(base_db) == 0
    assert not old_orphan.exists() and new_orphan.exists()
    _snapshot, counts_after = lake_state(base_db)
    assert counts_after == counts_before
    with database.read() as con:
        assert con.execute("select count(*) from member where member_id like 'v%'").fetchall() == [
            (3,)
        ]
