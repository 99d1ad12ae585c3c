"""Writes to the lake from several processes at once, and a process killed in the middle of one.

- Check-ins (the product's own `checkin.check_in` inside `Database.change`) from two processes at
  the same time while a third reads what the pages read: every check-in lands once, nobody is
  recorded twice, the reader never fails and never goes back.
- Both processes checking in the same person at the same moment: one attendance row.
- SIGKILL half-way through an import or a check-in: another process sees the lake exactly as it
  was (the same newest snapshot, the same rows), and the lake takes the next change.

Real lakes (copies of the demo lake) and real processes (`spawn`: each its own DuckDB, as the
app's servers and the CLI are)."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import random
import signal
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dashboard.engine import capture, db
from dashboard.engine.database import Database, DatabaseBusy
from dashboard.exchange import checkin, importer
from tests.data_io.conftest import csv_bytes
from tests.engine import copy_lake

SECRET = "en-hemmelighet-for-testene-" + "z" * 20
EVENT = "TEST-LAST"  # sixty people check in, from two processes
SAME = "TEST-SAMME"  # both processes check in the same people at the same moment
EVENT_HEADER = "event_id;kind;title;event_date;network;network_group;health_trust\n"
N_PEOPLE = 60
REPEATS = 3  # per process: people the other process checks in, sent again at the same moment
ROUNDS = 6  # people both processes check in at the same moment (twice each)
WAIT = 120.0  # no step of a child process takes this long unless something hangs
WHOLE_RUN = 600.0  # a writer's every check-in (about 1 s each, far more on a loaded machine)
SPAWN = mp.get_context("spawn")

Step = tuple[str, str, str, bool]  # event, e-mail as typed, client address, wait for the other


# --- the lake and its people ---------------------------------------------------------------------


def _lake(demo_db: Path, tmp_path: Path, *events: str) -> Database:
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


def _people(database: Database, event_id: str, n: int) -> list[tuple[str, str]]:
    """`n` members expected at the event, each with one e-mail that is nobody else's."""
    with database.read() as con:
        rows = con.execute(
            """
            with email_of as (
                select member_id as id, lower(trim(email)) as email from member
                union all
                select leader_id as id, lower(trim(email)) as email from leader
            ),
            shared as (
                select email from email_of group by email having count(distinct id) > 1
            )
            select m.member_id, any_value(m.email)
            from member as m
            join (select distinct person_id from checkin_expected($e)
                  where person_type = 'member') as x on x.person_id = m.member_id
            where m.email is not null
            group by m.member_id
            having count(distinct lower(trim(m.email))) = 1
                and not bool_or(lower(trim(m.email)) in (select email from shared))
            order by 1
            limit $n
            """,
            {"e": event_id, "n": n},
        ).fetchall()
    assert len(rows) == n, f"the demo lake has only {len(rows)} such members"
    return [(str(member_id), str(email)) for member_id, email in rows]


def _lake_rows(database: Database, statement: str, params: dict | None = None) -> list[tuple]:
    """Rows read from the lake itself (its newest snapshot), not from a replica."""
    cursor = database.lake_cursor()
    try:
        return cursor.execute(statement, params or {}).fetchall()
    finally:
        cursor.close()


def _duplicates(database: Database) -> list[tuple]:
    return _lake_rows(
        database,
        "select event_id, person_id, person_type, count(*) from attendance"
        " group by all having count(*) > 1",
    )


# --- the child processes (module-level functions: `spawn` imports them by name) ------------------


def _check_in_worker(path: str, steps: list[Step], barrier: Any, results: Any) -> None:
    """Open the lake as the app's process does, wait for the others, then check in step by step
    (`together`: wait for the other writer first, so both send at the same moment)."""
    try:
        database = Database(path)
        with database.read():
            pass
        barrier.wait(WAIT)
        done = []
        for event_id, email, address, together in steps:
            if together:
                barrier.wait(WAIT)
            token = capture.checkin_token(SECRET, event_id)
            key = capture.address_key(SECRET, address)
            started = time.perf_counter()
            try:
                outcome = database.change(
                    lambda con, t=token, e=email, k=key: checkin.check_in(
                        con, SECRET, t, e, k, dt.datetime.now(dt.UTC)
                    )
                )
            except DatabaseBusy:  # the engine gave up: the member is told to try again
                outcome = "busy"
            done.append((event_id, email, outcome, time.perf_counter() - started))
        results.put(("writer", os.getpid(), done))
    except BaseException:
        results.put(("error", os.getpid(), traceback.format_exc()))


def _reader_worker(path: str, event_id: str, barrier: Any, stop: Any, results: Any) -> None:
    """Read what a page reads (the event's attendance, every attendance row, the years, the
    prepared figures) through `Database.read` until told to stop; then follow the lake once
    more and read the final count."""
    try:
        database = Database(path)
        with database.read():
            pass
        barrier.wait(WAIT)
        seen: list[tuple[int, int, float]] = []
        errors: list[str] = []
        while not stop.is_set():
            started = time.perf_counter()
            try:
                with database.read() as con:
                    attended = con.execute(
                        "select count(*) from attendance where event_id = $e and status = 'møtt'",
                        {"e": event_id},
                    ).fetchall()[0][0]
                    total = con.execute("select count(*) from attendance").fetchall()[0][0]
                    assert len(db.run(con, "data_years")) > 0
                    con.execute("select count(*) from prepared_count").fetchall()
                seen.append((int(attended), int(total), time.perf_counter() - started))
            except Exception:
                errors.append(traceback.format_exc())
            time.sleep(0.01)
        database.refresh()
        with database.read() as con:
            final = con.execute(
                "select count(*) from attendance where event_id = $e and status = 'møtt'",
                {"e": event_id},
            ).fetchall()[0][0]
        results.put(("reader", os.getpid(), (seen, errors, int(final))))
    except BaseException:
        results.put(("error", os.getpid(), traceback.format_exc()))


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


def _collect(results: Any, n: int) -> list[tuple]:
    answers = [results.get(timeout=WHOLE_RUN) for _ in range(n)]
    errors = [a[2] for a in answers if a[0] == "error"]
    assert not errors, "\n".join(errors)
    return answers


def _none_busy(written: list[tuple]) -> None:
    """No check-in was given up by the engine (`DatabaseBusy` after its `wait_seconds`)."""
    steps = [step for _kind, _pid, done in written for step in done]
    busy = [
        (email, round(seconds, 1)) for _e, email, outcome, seconds in steps if outcome == "busy"
    ]
    slowest = max(seconds for *_rest, seconds in steps)
    assert not busy, (
        f"{len(busy)} of {len(steps)} check-ins failed with DatabaseBusy (e-mail, seconds): "
        f"{busy}; the slowest took {slowest:.1f} s"
    )


def _end(processes: list[Any]) -> None:
    for process in processes:
        process.join(WAIT)
        if process.is_alive():
            process.kill()
            process.join()


# --- two processes check in at once, a third reads ----------------------------------------------


def test_sixty_check_ins_from_two_processes_land_once_while_a_third_reads(
    demo_db: Path, tmp_path: Path
) -> None:
    database = _lake(demo_db, tmp_path, EVENT)
    people = _people(database, EVENT, N_PEOPLE)
    half = N_PEOPLE // 2
    first, second = people[:half], people[half:]
    # Each process checks in its half; at its first steps it also sends, at the same moment as
    # the other process, one of the other half's e-mails again (as typed on a second phone).
    plans: list[list[Step]] = [[], []]
    for i in range(half):
        for p, (mine, theirs) in enumerate(((first, second), (second, first))):
            plans[p].append((EVENT, mine[i][1], f"10.{p}.0.{i}", False))
            if i < REPEATS:
                typed = theirs[i][1] if i else f"  {theirs[i][1].upper()} "
                plans[p].append((EVENT, typed, f"10.{p}.1.{i}", False))
    start, stop, results = SPAWN.Barrier(3), SPAWN.Event(), SPAWN.Queue()
    path = str(database.path)
    writers = [
        SPAWN.Process(target=_check_in_worker, args=(path, plan, start, results)) for plan in plans
    ]
    reader = SPAWN.Process(target=_reader_worker, args=(path, EVENT, start, stop, results))
    for process in (*writers, reader):
        process.start()
    try:
        written = _collect(results, 2)
        stop.set()
        (_kind, _pid, (seen, reader_errors, final)), *_ = _collect(results, 1)
    finally:
        stop.set()
        _end([*writers, reader])

    _none_busy(written)
    outcomes: dict[str, list[str]] = {}
    for _kind, _pid, done in written:
        for _event, typed, outcome, _seconds in done:
            outcomes.setdefault(typed.strip().lower(), []).append(outcome)
    repeated = {email.lower() for _m, email in (*first[:REPEATS], *second[:REPEATS])}
    for member_id, email in people:
        expected = ["already", "registered"] if email.lower() in repeated else ["registered"]
        assert sorted(outcomes[email.lower()]) == expected, (member_id, outcomes[email.lower()])

    attended = _lake_rows(
        database,
        "select person_id, person_type, status from attendance where event_id = $e order by 1",
        {"e": EVENT},
    )
    assert attended == [(m, "member", "møtt") for m, _ in people]
    assert _duplicates(database) == []
    # The event's check-ins are one import in the history, and every attempt was kept.
    batches = _lake_rows(
        database,
        "select count(distinct import_id) from import_batch where file_name = $l",
        {"l": f"innsjekk {EVENT}"},
    )
    assert batches == [(1,)]
    attempts = _lake_rows(
        database,
        "select outcome, count(*) from checkin_attempt where event_id = $e group by 1 order by 1",
        {"e": EVENT},
    )
    assert attempts == [("allerede_registrert", 2 * REPEATS), ("registrert", N_PEOPLE)]

    assert not reader_errors, reader_errors[:3]
    assert len(seen) >= 20, "the reader hardly got to read during the check-ins"
    counts = [n for n, _total, _s in seen]
    assert counts == sorted(counts), "the reader saw the count go back"
    assert final == N_PEOPLE


def test_both_processes_checking_in_the_same_person_at_once_write_one_row(
    demo_db: Path, tmp_path: Path
) -> None:
    database = _lake(demo_db, tmp_path, SAME)
    people = _people(database, SAME, ROUNDS)
    plans: list[list[Step]] = [[], []]
    for i, (_member, email) in enumerate(people):
        for p in (0, 1):  # both at the same moment, then once more straight after
            plans[p].append((SAME, email, f"10.{p}.2.{i}", True))
            plans[p].append((SAME, email, f"10.{p}.3.{i}", False))
    together, results = SPAWN.Barrier(2), SPAWN.Queue()
    path = str(database.path)
    writers = [
        SPAWN.Process(target=_check_in_worker, args=(path, plan, together, results))
        for plan in plans
    ]
    for process in writers:
        process.start()
    try:
        written = _collect(results, 2)
    finally:
        _end(writers)

    _none_busy(written)
    outcomes: dict[str, Counter[str]] = {email: Counter() for _m, email in people}
    for _kind, _pid, done in written:
        for _event, email, outcome, _seconds in done:
            outcomes[email][outcome] += 1
    assert all(c == Counter(registered=1, already=3) for c in outcomes.values()), outcomes
    attended = _lake_rows(
        database,
        "select person_id, count(*) from attendance where event_id = $e group by 1 order by 1",
        {"e": SAME},
    )
    assert attended == [(m, 1) for m, _ in people]
    assert _duplicates(database) == []


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
    child.start()
    try:
        assert begun.wait(WAIT), "the change did not start"
        if moment == "writing":
            deadline = time.monotonic() + WAIT
            while not _data_files(database) - files_before and time.monotonic() < deadline:
                time.sleep(0.005)
            assert not written.is_set(), "the writes were done before the kill: a bigger file"
        else:
            assert written.wait(WAIT), "the writes did not finish"
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(WAIT)
    finally:
        if child.is_alive():
            child.kill()
            child.join()
    assert child.exitcode == -signal.SIGKILL
    if kind == "import":  # it had written data files the lake never took in
        assert _data_files(database) - files_before


@pytest.mark.parametrize("moment", ["writing", "written"])
def test_an_import_killed_half_way_leaves_the_lake_as_it_was(
    demo_db: Path, tmp_path: Path, moment: str
) -> None:
    database = _lake(demo_db, tmp_path)
    units = [r[0] for r in _lake_rows(database, "select unit_id from unit order by 1 limit 5")]
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
    database = _lake(demo_db, tmp_path, EVENT)
    (member_id, email), *_ = _people(database, EVENT, 1)
    token = capture.checkin_token(SECRET, EVENT)
    before = _fresh_state(database)

    _kill_in_the_middle(database, "check-in", (token, email), "written")

    assert _fresh_state(database) == before
    key = capture.address_key(SECRET, "198.51.100.8")
    outcome = database.change(
        lambda con: checkin.check_in(con, SECRET, token, email, key, dt.datetime.now(dt.UTC))
    )
    assert outcome == "registered"  # not «already»: the killed one left nothing
    assert _lake_rows(
        database, "select person_id from attendance where event_id = $e", {"e": EVENT}
    ) == [(member_id,)]
    assert _fresh_state(database)[0] == before[0] + 1


def test_check_ins_killed_at_random_moments_lose_or_half_write_nothing(
    demo_db: Path, tmp_path: Path
) -> None:
    """A process checking people in one after another, killed three times at a random moment
    (in its work, in its commit or between changes): every check-in it finished is in the lake,
    besides at most the one in flight, each once, and the next process carries on."""
    database = _lake(demo_db, tmp_path, EVENT)
    people = _people(database, EVENT, N_PEOPLE)
    member_of = {email: member for member, email in people}
    rng = random.Random(20261206)
    remaining = [email for _m, email in people]
    for _kill in range(3):
        ready, done = SPAWN.Event(), SPAWN.Value("i", 0)
        child = SPAWN.Process(
            target=_stream_worker, args=(str(database.path), remaining, ready, done)
        )
        child.start()
        try:
            assert ready.wait(WAIT)
            time.sleep(rng.uniform(0.5, 2.5))
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
            child.join(WAIT)
        finally:
            if child.is_alive():
                child.kill()
                child.join()
        finished = {member_of[e] for e in remaining[: done.value]}
        in_flight = {member_of[e] for e in remaining[done.value : done.value + 1]}
        recorded = {
            r[0]
            for r in _lake_rows(
                database,
                "select person_id from attendance where event_id = $e and status = 'møtt'",
                {"e": EVENT},
            )
        }
        already = {m for m, e in people if e not in remaining}
        assert finished | already <= recorded
        assert recorded - finished - already <= in_flight
        assert _duplicates(database) == []
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
    database = _lake(demo_db, tmp_path)
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
        _end([child])
    assert child.exitcode == 0
