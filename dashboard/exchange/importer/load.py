"""Loading validated files: stage each, compare it with the table (what is new, what changed),
write it, and keep the before-images an undo needs. Table and column names in these statements
come from the contract (dashboard/engine/contract.py), never from a file; every value travels as a
parameter or through a registered DataFrame. Runs inside a `Database.change`: all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.engine.access import record
from dashboard.engine.contract import Table
from dashboard.exchange.importer.problems import ImportRejected
from dashboard.exchange.importer.validate import ValidatedFile, validate

Progress = Callable[[float, str], None]


@dataclass
class TableChange:
    """What an import would do (or did) to one table."""

    table: str
    file_name: str
    inserted: int
    updated: int
    unchanged: int
    new_rows: pd.DataFrame
    changed_rows: pd.DataFrame


@dataclass
class ImportResult:
    import_id: int | None
    changes: list[TableChange]

    @property
    def inserted(self) -> int:
        return sum(c.inserted for c in self.changes)

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.changes)


def _stage(cursor: duckdb.DuckDBPyConnection, file: ValidatedFile) -> str:
    """A typed temporary copy of the incoming rows, named after the table."""
    stage = f"stage_{file.table.name}"
    cursor.execute(
        f"create or replace temp table {stage} as select * from {file.table.name} limit 0"
    )
    cursor.register("incoming_frame", file.frame)
    columns = ", ".join(file.columns)
    cursor.execute(f"insert into {stage} ({columns}) select {columns} from incoming_frame")
    cursor.unregister("incoming_frame")
    return stage


def key_match(table: Table, left: str, right: str) -> str:
    return " and ".join(f"{left}.{k} = {right}.{k}" for k in table.key)


def _differs(table: Table, columns: Iterable[str], left: str, right: str) -> str:
    value_columns = [c for c in columns if c not in table.key]
    if not value_columns:
        return "false"
    return (
        "(" + " or ".join(f"{left}.{c} is distinct from {right}.{c}" for c in value_columns) + ")"
    )


def _diff(cursor: duckdb.DuckDBPyConnection, file: ValidatedFile, stage: str) -> TableChange:
    table = file.table
    key_columns = ", ".join(table.key)
    new_rows = cursor.execute(
        f"select s.* from {stage} s anti join {table.name} t using ({key_columns})"
    ).df()
    changed_rows = cursor.execute(
        f"select s.* from {stage} s join {table.name} t on {key_match(table, 's', 't')}"
        f" where {_differs(table, file.columns, 's', 't')}"
    ).df()
    keep = file.columns
    return TableChange(
        table=table.name,
        file_name=file.file_name,
        inserted=len(new_rows),
        updated=len(changed_rows),
        unchanged=len(file.frame) - len(new_rows) - len(changed_rows),
        new_rows=new_rows[keep],
        changed_rows=changed_rows[keep],
    )


def preview(con: duckdb.DuckDBPyConnection, files: Sequence[tuple[str, bytes]]) -> ImportResult:
    """What an import would change, per table, without writing anything."""
    validated, problems = validate(con, files)
    if problems:
        raise ImportRejected(problems)
    changes = []
    for file in validated:
        stage = _stage(con, file)
        changes.append(_diff(con, file, stage))
        con.execute(f"drop table {stage}")
    return ImportResult(import_id=None, changes=changes)


def import_files(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[tuple[str, bytes]],
    imported_by: str,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate, then load every file, parents before children, and record it per file in
    `import_batch`. Raises `ImportRejected` (writing nothing) when a file has a problem. Call it
    inside a `Database.change`: that transaction makes it all or nothing."""
    say = progress or (lambda _fraction, _message: None)
    say(0.05, "Leser og kontrollerer filene")
    validated, problems = validate(con, files)
    if problems:
        raise ImportRejected(problems)
    changes: list[TableChange] = []
    import_id = int(con.execute("select nextval('import_batch_id')").fetchall()[0][0])
    now = dt.datetime.now(dt.UTC)
    for position, file in enumerate(validated):
        say(0.2 + 0.6 * position / len(validated), f"Lagrer {file.file_name}")
        stage = _stage(con, file)
        change = _diff(con, file, stage)
        _apply(con, file, stage, import_id)
        con.execute(f"drop table {stage}")
        changes.append(change)
        con.execute(
            "insert into import_batch (imported_at, imported_by, file_name, sha256, table_name,"
            " inserted, updated, rejected, import_id, action)"
            " values ($at, $by, $file, $sha, $table, $inserted, $updated, 0, $import_id, 'import')",
            {
                "at": now,
                "by": imported_by,
                "file": file.file_name,
                "sha": file.sha256,
                "table": file.table.name,
                "inserted": change.inserted,
                "updated": change.updated,
                "import_id": import_id,
            },
        )
    say(0.85, "Beregner indikatorene på nytt")
    return ImportResult(import_id=import_id, changes=changes)


def _apply(
    cursor: duckdb.DuckDBPyConnection, file: ValidatedFile, stage: str, import_id: int
) -> None:
    table = file.table
    keys = ", ".join(table.key)
    match = key_match(table, "t", "s")
    differs = _differs(table, file.columns, "t", "s")
    # Before-images: the key of each new row, the whole old row of each changed one.
    cursor.execute(
        f"insert into undo_{table.name} (undo_import_id, undo_action, {keys})"
        f" select $id, 'insert', {keys} from {stage} anti join {table.name} using ({keys})",
        {"id": import_id},
    )
    cursor.execute(
        f"insert into undo_{table.name} select $id, 'update', t.* from {table.name} t"
        f" join {stage} s on {match} where {differs}",
        {"id": import_id},
    )
    value_columns = [c for c in file.columns if c not in table.key]
    if value_columns:
        assignments = ", ".join(f"{c} = s.{c}" for c in value_columns)
        cursor.execute(
            f"update {table.name} as t set {assignments} from {stage} s where {match} and {differs}"
        )
    columns = ", ".join(file.columns)
    cursor.execute(
        f"insert into {table.name} ({columns}) select {columns} from {stage}"
        f" anti join {table.name} using ({keys})"
    )


def import_and_record(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[tuple[str, bytes]],
    imported_by: str,
    progress: Progress | None = None,
) -> ImportResult:
    """`import_files` and its line in the audit trail: what the app and the CLI run."""
    result = import_files(con, files, imported_by, progress)
    record(con, imported_by, "import", ", ".join(name for name, _ in files), "",
           result.inserted + result.updated)  # fmt: skip
    return result
