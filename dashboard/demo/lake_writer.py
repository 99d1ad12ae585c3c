"""Writing demo rows into a new lake: rows per table in the data contract's column order,
inserted in one change with a `demo` line in the import history (the embedded demo and the
national/10× builders both write this way).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.demo.region import DATA_DATE
from dashboard.engine import db
from dashboard.engine.contract import TABLES
from dashboard.engine.database import Database

# Column order of every table, from the data contract.
TABLE_COLUMNS: dict[str, list[str]] = {t.name: list(t.column_names) for t in TABLES}


@dataclass
class DemoNetwork:
    """Rows per table, built in a fixed order."""

    rows: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLE_COLUMNS})

    def add(self, table: str, *values: Any) -> None:
        self.rows[table].append(values)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple]) -> None:
    """Rows in the contract's column order into one table (the table name is the contract's)."""
    if not rows:
        return
    frame = pd.DataFrame(list(rows), columns=TABLE_COLUMNS[table], dtype=object)
    columns = ", ".join(TABLE_COLUMNS[table])
    con.register("incoming_rows", frame)
    try:
        con.execute(f"insert into {table} ({columns}) select {columns} from incoming_rows")
    finally:
        con.unregister("incoming_rows")


def build_database(
    path: str | Path, build: Callable[[duckdb.DuckDBPyConnection], int], label: str
) -> Path:
    """A new lake at `path` (replacing it via a temporary folder and a rename): the seeds'
    targets, whatever `build` inserts (it returns the number of rows) and a `demo` line in the
    import history in one change, then the prepared figures counted and kept."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)

    def work(con: duckdb.DuckDBPyConnection) -> None:
        n_rows = build(con)
        db.execute(
            con,
            "import_batch_record",
            {
                "at": dt.datetime.combine(DATA_DATE, dt.time(6, 0), tzinfo=dt.UTC),
                "by": "demo",
                "file": label,
                "sha": None,
                "table": "alle",
                "inserted": n_rows,
                "updated": 0,
                "import_id": None,
                "action": "demo",
            },
        )

    building = Database(tmp, create=True)
    building.change(work)
    building.settle()  # the prepared figures counted once and kept in the lake
    building.close()
    shutil.rmtree(path, ignore_errors=True)
    os.replace(tmp, path)
    return path
