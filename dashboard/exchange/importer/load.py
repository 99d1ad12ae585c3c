"""Loading validated files: stage each, compare it with the table (what is new, what changed),
write it, and keep the before-images an undo needs. Table and column names in these statements
come from the contract (dashboard/engine/contract.py), never from a file; every value travels as a
parameter or through a registered DataFrame. Runs inside a `Database.change`: all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict, Unpack

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.access import Access, record
from dashboard.engine.contract import Table
from dashboard.engine.database import changed_only_years
from dashboard.engine.i18n import _
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
    """A typed temporary copy of the incoming rows, named after the table, each marked by what
    it would do to the table (`import_kind`: new, changed or same). The table is read once,
    here: in the lake every statement naming it costs a round of catalog look-ups."""
    table = file.table
    stage = f"stage_{table.name}"
    cursor.execute(
        f"create or replace temp table {stage} as"
        f" select *, null::varchar as import_kind from {table.name} limit 0"
    )
    cursor.register("incoming_frame", file.frame)
    columns = ", ".join(file.columns)
    cursor.execute(f"insert into {stage} ({columns}) select {columns} from incoming_frame")
    cursor.unregister("incoming_frame")
    cursor.execute(
        f"update {stage} as s set import_kind = case when {_differs(table, file.columns, 's', 't')}"
        f" then 'changed' else 'same' end from {table.name} as t where {key_match(table, 's', 't')}"
    )
    cursor.execute(f"update {stage} set import_kind = 'new' where import_kind is null")
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


def _diff(
    cursor: duckdb.DuckDBPyConnection, file: ValidatedFile, stage: str, *, rows: bool = True
) -> TableChange:
    """What the staged rows would do to the table (read from the stage alone); `rows`: with the
    new and changed rows themselves (the preview shows them; an import only counts them, and so
    does not hold a second copy of a large file)."""
    keep = ", ".join(file.columns)
    [(inserted, updated)] = cursor.execute(
        f"select count(*) filter (where import_kind = 'new'),"
        f" count(*) filter (where import_kind = 'changed') from {stage}"
    ).fetchall()
    if rows:
        new_rows = cursor.execute(f"select {keep} from {stage} where import_kind = 'new'").df()
        changed = f"select {keep} from {stage} where import_kind = 'changed'"
        changed_rows = cursor.execute(changed).df()
    else:
        new_rows = changed_rows = pd.DataFrame(columns=file.columns)
    return TableChange(
        table=file.table.name,
        file_name=file.file_name,
        inserted=inserted,
        updated=updated,
        unchanged=len(file.frame) - inserted - updated,
        new_rows=new_rows,
        changed_rows=changed_rows,
    )


def preview(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[tuple[str, bytes]],
    access: Access | None = None,
) -> ImportResult:
    """What an import would change, per table, without writing anything. `access`: a user
    limited to some health trusts may bring only their rows."""
    validated, problems = validate(con, files, access)
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
    access: Access | None = None,
    *,
    into: int | None = None,
    source: str | None = None,
    keys_from: duckdb.DuckDBPyConnection | None = None,
    record_unchanged: bool = True,
) -> ImportResult:
    """Validate, then load every file, parents before children, and record it per file in
    `import_batch`. Raises `ImportRejected` (writing nothing) when a file has a problem. Call it
    inside a `Database.change`: that transaction makes it all or nothing.

    Rows captured in the product (a check-in, a questionnaire's answers) come as a file too:
    `into` adds them to an earlier import (undone together; a row's before-image is the one from
    before that import), and `source` names them in the history instead of a file name, with no
    hash (a hash of a few yes/no answers could be reversed). `keys_from`: where the keys the rows
    refer to are looked up (a check-in: the process's replica, `database.reference_reader`).
    `record_unchanged=False`: a file that changes nothing leaves no line in the history (a
    check-in of someone registered already), and is not among the result's changes."""
    say = progress or (lambda _fraction, _message: None)
    say(0.05, _("Leser og kontrollerer filene"))
    validated, problems = validate(con, files, access, keys_from)
    if problems:
        raise ImportRejected(problems)
    changes: list[TableChange] = []
    import_id = into if into is not None else int(db.execute(con, "import_id_next")[0][0])
    now = dt.datetime.now(dt.UTC)
    for position, file in enumerate(validated):
        say(0.2 + 0.6 * position / len(validated), _("Lagrer {file}").format(file=file.file_name))
        stage = _stage(con, file)
        changed_only_years(_years_of(con, file, stage, keys_from or con))
        change = _diff(con, file, stage, rows=False)
        _apply(con, change, file, stage, import_id)  # sends nothing when nothing changes
        con.execute(f"drop table {stage}")
        if not (record_unchanged or change.inserted or change.updated):
            continue
        changes.append(change)
        db.execute(
            con,
            "import_batch_record",
            {
                "at": now,
                "by": imported_by,
                "file": source or file.file_name,
                "sha": None if source else file.sha256,
                "table": file.table.name,
                "inserted": change.inserted,
                "updated": change.updated,
                "import_id": import_id,
                "action": "import",
            },
        )
    say(0.85, _("Beregner indikatorene på nytt"))
    return ImportResult(import_id=import_id, changes=changes)


def _years_of(
    cursor: duckdb.DuckDBPyConnection,
    file: ValidatedFile,
    stage: str,
    events: duckdb.DuckDBPyConnection,
) -> set[int] | None:
    """The years whose figures these rows can change (None: any year): an attendance row's
    event's year, and the years beside it when the event is an intro course (query
    event_years); a report's year and the years beside it. `events`: where events are read (a
    check-in: the process's replica)."""
    if file.table.name == "attendance":
        ids = [
            row[0] for row in cursor.execute(f"select distinct event_id from {stage}").fetchall()
        ]
        return {int(year) for year in db.run(events, "event_years", {"event_ids": ids})["year"]}
    if file.table.name == "annual_report":
        found = {
            int(row[0]) for row in cursor.execute(f"select distinct year from {stage}").fetchall()
        }
        return {year + step for year in found for step in (-1, 0, 1)}
    return None


def _apply(
    cursor: duckdb.DuckDBPyConnection,
    change: TableChange,
    file: ValidatedFile,
    stage: str,
    import_id: int,
) -> None:
    """Write the marked stage into its table, keeping the before-images an undo needs: the key
    of each new row, the whole old row of each changed one. Statements with nothing to do are
    not sent (a check-in's one new row reads the table only when staged)."""
    table = file.table
    keys = ", ".join(table.key)
    match = key_match(table, "t", "s")
    if change.inserted:
        cursor.execute(
            f"insert into undo_{table.name} (undo_import_id, undo_action, {keys})"
            f" select $id, 'insert', {keys} from {stage} where import_kind = 'new'",
            {"id": import_id},
        )
    if change.updated:
        # A row an import touches again (rows added to it later: `import_files(into=…)`) keeps
        # the image from before the import, taken when it was first touched.
        cursor.execute(
            f"insert into undo_{table.name} select $id, 'update', t.* from {table.name} t"
            f" join {stage} s on {match} where s.import_kind = 'changed' and not exists"
            f" (select 1 from undo_{table.name} u where u.undo_import_id = $id"
            f" and {key_match(table, 'u', 't')})",
            {"id": import_id},
        )
        assignments = ", ".join(f"{c} = s.{c}" for c in file.columns if c not in table.key)
        cursor.execute(
            f"update {table.name} as t set {assignments} from {stage} s"
            f" where {match} and s.import_kind = 'changed'"
        )
    if change.inserted:
        columns = ", ".join(file.columns)
        cursor.execute(
            f"insert into {table.name} ({columns}) select {columns} from {stage}"
            f" where import_kind = 'new'"
        )


class ImportOptions(TypedDict, total=False):
    """`import_files`'s options, as `import_and_record` passes them on."""

    progress: Progress | None
    access: Access | None
    into: int | None
    source: str | None
    keys_from: duckdb.DuckDBPyConnection | None
    record_unchanged: bool


def import_and_record(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[tuple[str, bytes]],
    imported_by: str,
    **options: Unpack[ImportOptions],
) -> ImportResult:
    """`import_files` and its line in the audit trail: what the app and the CLI run (and the
    check-in and the questionnaire, with `into` and `source`)."""
    result = import_files(con, files, imported_by, **options)
    if not (result.changes or options.get("record_unchanged", True)):
        return result
    record(
        con,
        imported_by,
        "import",
        options.get("source") or ", ".join(name for name, _ in files),
        "",
        result.inserted + result.updated,
    )
    return result
