"""Helpers for the tests of writes to the lake from several processes (test_lake_writes.py) and
of processes killed in the middle of a change (test_lake_kills.py): a copy of the demo lake with
events today, its people, and rows read from the lake itself."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path
from typing import Any

from dashboard.engine import capture
from dashboard.engine.database import Database
from dashboard.exchange import importer
from tests.data_io.captured import SECRET as SECRET
from tests.engine import copy_lake, members_to_check_in

EVENT = "TEST-LAST"  # sixty people check in, from two processes
EVENT_HEADER = "event_id;kind;title;event_date;network;network_group;health_trust\n"
N_PEOPLE = 60
WAIT = 120.0  # no step of a child process takes this long unless something hangs
SPAWN = mp.get_context("spawn")


def lake(demo_db: Path, tmp_path: Path, *events: str) -> Database:
    """A copy of the demo lake with these events today (a conference day for every member of
    Helse Stavanger, so far more than sixty are expected), read once (schema and replica)."""
    database = Database(copy_lake(demo_db, tmp_path / "skriv.lake"))
    today = capture.today().isoformat()
    rows = "".join(f"{e};fagdag;Testdag {e};{today};alle;;stavanger\n" for e in events)
    if events:
        database.change(
            lambda con: importer.import_and_record(
                con, [("event.csv", (EVENT_HEADER + rows).encode())], "test"
            )
        )
    with database.read():
        pass
    return database


def people_at(database: Database, event_id: str, n: int) -> list[tuple[str, str]]:
    """`n` members expected at the event, each with one e-mail that is nobody else's."""
    with database.read() as con:
        rows = members_to_check_in(con, event_id, n)
    assert len(rows) == n, f"the demo lake has only {len(rows)} such members"
    return [(str(member_id), str(email)) for member_id, email in rows]


def lake_rows(database: Database, statement: str, params: dict | None = None) -> list[tuple]:
    """Rows read from the lake itself (its newest snapshot), not from a replica."""
    cursor = database.lake_cursor()
    try:
        return cursor.execute(statement, params or {}).fetchall()
    finally:
        cursor.close()


def duplicates(database: Database) -> list[tuple]:
    return lake_rows(
        database,
        "select event_id, person_id, person_type, count(*) from attendance"
        " group by all having count(*) > 1",
    )


def end(processes: list[Any]) -> None:
    for process in processes:
        process.join(WAIT)
        if process.is_alive():
            process.kill()
            process.join()
