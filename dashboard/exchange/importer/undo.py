"""The import history, and undo of the newest import still in effect: the rows it inserted are
deleted and the rows it changed get their before-images back, in one transaction (the
`Database.change` it runs in)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.access import record
from dashboard.engine.contract import TABLE_ORDER, TABLES_BY_NAME
from dashboard.engine.i18n import _
from dashboard.exchange.importer.load import key_match
from dashboard.exchange.importer.problems import UndoRefused


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return db.run(con, "import_history")


def undoable_import(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest import still in effect (not undone)."""
    return newest_undoable(history(con))


def newest_undoable(history: pd.DataFrame) -> int | None:
    """The newest import still in effect, from the import history (`import_history` rows)."""
    imports = history[(history["action"] == "import") & ~history["undone"].astype(bool)]
    return int(imports["import_id"].max()) if len(imports) else None


def _affected(result: list[tuple]) -> int:
    return int(result[0][0]) if result else 0


def undo_last_import(con: duckdb.DuckDBPyConnection, undone_by: str) -> int:
    """Restore every row the newest import inserted or changed; returns its import id. Call it
    inside a `Database.change`: that transaction makes it all or nothing."""
    import_id = undoable_import(con)
    if import_id is None:
        raise UndoRefused(_("Det finnes ingen import som kan angres."))
    params = {"id": import_id}
    restored = 0
    for name in TABLE_ORDER:
        table = TABLES_BY_NAME[name]
        match = key_match(table, "t", "u")
        value_columns = [c for c in table.column_names if c not in table.key]
        if value_columns:
            assignments = ", ".join(f"{c} = u.{c}" for c in value_columns)
            restored += _affected(
                con.execute(
                    f"update {name} as t set {assignments} from undo_{name} u"
                    f" where u.undo_import_id = $id and u.undo_action = 'update' and {match}",
                    params,
                ).fetchall()
            )
        restored += _affected(
            con.execute(
                f"delete from {name} as t using undo_{name} as u where u.undo_import_id = $id"
                f" and u.undo_action = 'insert' and {match}",
                params,
            ).fetchall()
        )
        con.execute(f"delete from undo_{name} where undo_import_id = $id", params)
    con.execute("update import_batch set undone = true where import_id = $id", params)
    db.execute(
        con,
        "import_batch_record",
        {
            "at": dt.datetime.now(dt.UTC),
            "by": undone_by,
            "file": f"angret import {import_id}",
            "sha": None,
            "table": "alle",
            "inserted": 0,
            "updated": restored,
            "import_id": import_id,
            "action": "undo",
        },
    )
    return import_id


def undo_and_record(con: duckdb.DuckDBPyConnection, undone_by: str) -> int:
    """`undo_last_import` and its line in the audit trail."""
    import_id = undo_last_import(con, undone_by)
    record(con, undone_by, "angret import", f"import nr. {import_id}")
    return import_id
