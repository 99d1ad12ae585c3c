"""A process killed in the middle of a change to the lake, and one that ends while its replica
follows the lake.

- SIGKILL half-way through an import or a check-in: another process sees the lake exactly as it
  was (the same newest snapshot, the same rows), and the lake takes the next change.
- A process checking people in one after another, killed at random moments: nothing it finished
  is lost, nothing is half-written.
- A process that ends while its replica follows the lake exits cleanly.

Real lakes (copies of the demo lake) and real processes (`spawn`: each its own DuckDB, as the
app's servers and the CLI are)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import signal
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.engine import capture
from dashboard.engine.database import Database
from dashboard.exchange import checkin, importer
from tests.data_io.conftest import csv_bytes
from tests.data_io.lake_processes import (
    EVENT,
    EVENT_HEADER,
    N_PEOPLE,
    SECRET,
    SPAWN,
    WAIT,
    duplicates,
    end,
    lake,
    lake_rows,
    people_at,
)

# --- the child processes (module-level functions: `spawn` imports them by name) ------------------


def _doomed_worker(path: str, kind: str, payload: Any, begun: Any, written: Any) -> None:
    """A change whose work does all its writes, says so, and then waits to be killed: it never
    returns, so its transaction is never committed."""
    database = Database(path)
    with database.read():
        pass

    def work(con: Any) -> None:
        begun.set()
        if kind == "import":
            importer.import_and_record(con, payload, "test")
        else:
            token, email = payload
            key = capture.address_key(SECRET, "198.51.100.7")
            checkin.check_in(con, SECRET, token, email, key, dt.datetime.now(dt.UTC))
        written.set()
        time.sleep(WAIT * 5)

    database.change(work)


def _stream_worker(path: str, emails: list[str], ready: Any, done: Any) -> None:
    """Check in one person after another, counting in `done` (shared memory, so the count is
    there the moment a change returns) until killed."""
    database = Database(path)
    with database.read():
        pass
    token = capture.checkin_token(SECRET, EVENT)
    ready.set()
    for i, email in enumerate(emails):
        key = capture.address_key(SECRET, f"203.0.113.{i}")
        database.change(
            lambda con, e=email, k=key: checkin.check_in(
                con, SECRET, token, e, k, dt.datetime.now(dt.UTC)
            )
        )
        done.value = i + 1


def _exiting_reader_worker(path: str, ready: Any, changed: Any) -> None:
    """Read, wait for another process's change, read again (which sees the newer snapshot and
    starts following it in the background), and end, as a CLI command or a stopped server does."""
    database = Database(path)
    with database.read():
        pass
    ready.set()
    changed.wait(WAIT)
    with database.read():
        pass


def _state_worker(path: str, results: Any) -> None:
    """What a fresh process sees: the newest snapshot, the rows of every table in the lake, and
    the attendance rows its replica holds."""
    try:
        database = Database(path)
        cursor = database.lake_cursor()
        tables = [
            r[0]
            for r in cursor.execute(
                "select table_name from duckdb_tables() where database_name = 'lake' order by 1"
            ).fetchall()
        ]
        counts = {t: cursor.execute(f'select count(*) from "{t}"').fetchall()[0][0] for t in tables}
        snapshot = database.snapshot_id()
        with database.read() as con:
            replica = con.execute("select count(*) from attendance").fetchall()[0][0]
        results.put(("state", snapshot, counts, replica))
    except BaseException:
        results.put(("error", os.getpid(), traceback.format_exc()))


def _fresh_state(database: Database) -> tuple[int, dict[str, int]]:
    """The newest snapshot and every table's row count, as a new process sees them."""
    results = SPAWN.Queue()
    child = SPAWN.Process(target=_state_worker, args=(str(database.path), results))
    child.start()
    try:
        answer = results.get(timeout=WAIT)
    finally:
        child.join(WAIT)
    assert answer[0] == "state", answer[2]
    _, snapshot, counts, replica = answer
    assert replica == counts["attendance"]  # its replica holds that same snapshot
    return snapshot, counts


@contextlib.contextmanager
def killed_after(child: Any) -> Iterator[None]:
    """Start `child`, run the block, then SIGKILL the child and reap it; killed all the same when
    the block fails."""
    child.start()
    try:
        yield
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(WAIT)
    finally:
        if child.is_alive():
            child.kill()
            child.join()


# --- a process killed half-way through a change ---------------------------------------------------


def _big_import(units: list[str], n_members: int = 5000, n_events: int = 4) -> list[tuple]:
    """New members, events and their attendance: 5 000 + 4 + 20 000 rows in three files."""
    members = [["member_id", "name", "email", "profession", "unit_id", "start_date"]]
    events = [EVENT_HEADER.strip().split(";")]
    attendance = [["event_id", "person_id", "person_type", "status"]]
    for e in range(n_events):
        events.append(
            [
                f"STOR-{e}",
                "nettverksmote",
                "Stort møte",
                "2026-03-12",
                "sykepleier",
                "",
                "stavanger",
            ]
        )
    for i in range(n_members):
        member_id = f"STOR-M{i:05d}"
        members.append(
            [
                member_id,
                f"Person {i}",
                f"stor{i}@eksempel.no",
                "sykepleier",
                units[i % 5],
                "2026-01-01",
            ]
        )
        attendance.extend([f"STOR-{e}", member_id, "member", "møtt"] for e in range(n_events))
    return [
        ("member.csv", csv_bytes(members)),
        ("event.csv", csv_bytes(events)),
        ("attendance.csv", csv_bytes(attendance)),
    ]


def _data_files(database: Database) -> set[Path]:
    return set((Path(database.path) / "data").rglob("*.parquet"))


def _kill_in_the_middle(database: Database, kind: str, payload: Any, moment: str) -> None:
    """Start a change in another process and SIGKILL it at `moment`: once its work has written
    its first data file and is still writing ("writing"), or once every write is done and the
    commit is next ("written")."""
    files_before = _data_files(database)
    begun, written = SPAWN.Event(), SPAWN.Event()
    child = SPAWN.Process(
        target=_doomed_worker, args=(str(database.path), kind, payload, begun, written)
    )
    with killed_after(child):
        assert begun.wait(WAIT), "the change did not start"
        if moment == "writing":
            deadline = time.monotonic() + WAIT
            while not _data_files(database) - files_before and time.monotonic() < deadline:
                time.sleep(0.005)
            assert not written.is_set(), "the writes were done before the kill: a bigger file"
        else:
            assert written.wait(WAIT), "the writes did not finish"
    assert child.exitcode == -signal.SIGKILL
    if kind == "import":  # it had written data files the lake never took in
        assert _data_files(database) - files_before


@pytest.mark.parametrize("moment", ["writing", "written"])
def test_an_import_killed_half_way_leaves_the_lake_as_it_was(
    demo_db: Path, tmp_path: Path, moment: str
) -> None:
    database = lake(demo_db, tmp_path)
    units = [r[0] for r in lake_rows(database, "select unit_id from unit order by 1 limit 5")]
    files = _big_import(units)
    before = _fresh_state(database)

    _kill_in_the_middle(database, "import", files, moment)

    assert _fresh_state(database) == before
    # The lake takes the next change: the same import, whole.
    result = database.change(lambda con: importer.import_and_record(con, files, "test"))
    assert result.inserted == 5000 + 4 + 20000
    snapshot, counts = _fresh_state(database)
    assert snapshot == before[0] + 1
    assert counts["member"] == before[1]["member"] + 5000
    assert counts["attendance"] == before[1]["attendance"] + 20000


def test_a_check_in_killed_half_way_leaves_the_lake_as_it_was(
    demo_db: Path, tmp_path: Path
) -> None:
    database = lake(demo_db, tmp_path, EVENT)
    (member_id, email), *_ = people_at(database, EVENT, 1)
    token = capture.checkin_token(SECRET, EVENT)
    before = _fresh_state(database)

    _kill_in_the_middle(database, "check-in", (token, email), "written")

    assert _fresh_state(database) == before
    key = capture.address_key(SECRET, "198.51.100.8")
    outcome = database.change(
        lambda con: checkin.check_in(con, SECRET, token, email, key, dt.datetime.now(dt.UTC))
    )
    assert outcome == "registered"  # not «already»: the killed one left nothing
    assert lake_rows(
        database, "select person_id from attendance where event_id = $e", {"e": EVENT}
    ) == [(member_id,)]
    assert _fresh_state(database)[0] == before[0] + 1


def test_check_ins_killed_at_random_moments_lose_or_half_write_nothing(
    demo_db: Path, tmp_path: Path
) -> None:
    """A process checking people in one after another, killed three times at a random moment
    (in its work, in its commit or between changes): every check-in it finished is in the lake,
    besides at most the one in flight, each once, and the next process carries on."""
    database = lake(demo_db, tmp_path, EVENT)
    people = people_at(database, EVENT, N_PEOPLE)
    member_of = {email: member for member, email in people}
    rng = random.Random(20261206)
    remaining = [email for _m, email in people]
    for _kill in range(3):
        ready, done = SPAWN.Event(), SPAWN.Value("i", 0)
        child = SPAWN.Process(
            target=_stream_worker, args=(str(database.path), remaining, ready, done)
        )
        with killed_after(child):
            assert ready.wait(WAIT)
            time.sleep(rng.uniform(0.5, 2.5))
        finished = {member_of[e] for e in remaining[: done.value]}
        in_flight = {member_of[e] for e in remaining[done.value : done.value + 1]}
        recorded = {
            r[0]
            for r in lake_rows(
                database,
                "select person_id from attendance where event_id = $e and status = 'møtt'",
                {"e": EVENT},
            )
        }
        already = {m for m, e in people if e not in remaining}
        assert finished | already <= recorded
        assert recorded - finished - already <= in_flight
        assert duplicates(database) == []
        remaining = [e for e in remaining if member_of[e] not in recorded]
    # The lake takes the next check-in.
    key = capture.address_key(SECRET, "198.51.100.9")
    token = capture.checkin_token(SECRET, EVENT)
    outcome = database.change(
        lambda con: checkin.check_in(con, SECRET, token, remaining[0], key, dt.datetime.now(dt.UTC))
    )
    assert outcome == "registered"


# --- a process that ends while its replica follows the lake -------------------------------------


def test_a_process_that_ends_while_its_replica_follows_the_lake_exits_cleanly(
    demo_db: Path, tmp_path: Path
) -> None:
    """A DuckDB query still running in the background follow thread at exit aborted the
    process (SIGABRT); the engine ends its background work first (database.py, _wind_down)."""
    database = lake(demo_db, tmp_path)
    ready, changed = SPAWN.Event(), SPAWN.Event()
    child = SPAWN.Process(target=_exiting_reader_worker, args=(str(database.path), ready, changed))
    child.start()
    try:
        assert ready.wait(WAIT)
        today = capture.today().isoformat()
        rows = EVENT_HEADER + f"TEST-SLUTT;fagdag;Slutt;{today};alle;;stavanger\n"
        database.change(
            lambda con: importer.import_and_record(con, [("event.csv", rows.encode())], "test")
        )
        changed.set()
        child.join(WAIT)
    finally:
        end([child])
    assert child.exitcode == 0
