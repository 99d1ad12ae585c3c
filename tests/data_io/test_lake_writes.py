"""Writes to the lake from several processes at once.

- Check-ins (the product's own `checkin.check_in` inside `Database.change`) from two processes at
  the same time while a third reads what the pages read: every check-in lands once, nobody is
  recorded twice, the reader never fails and never goes back.
- Both processes checking in the same person at the same moment: one attendance row.

Processes killed in the middle of a change: test_lake_kills.py. Real lakes (copies of the demo
lake) and real processes (`spawn`: each its own DuckDB, as the app's servers and the CLI are)."""

from __future__ import annotations

import datetime as dt
import os
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from dashboard.engine import capture, db
from dashboard.engine.database import Database, DatabaseBusy
from dashboard.exchange import checkin
from tests.data_io.lake_processes import (
    EVENT,
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

SAME = "TEST-SAMME"  # both processes check in the same people at the same moment
REPEATS = 3  # per process: people the other process checks in, sent again at the same moment
ROUNDS = 6  # people both processes check in at the same moment (twice each)
WHOLE_RUN = 600.0  # a writer's every check-in (about 1 s each, far more on a loaded machine)

Step = tuple[str, str, str, bool]  # event, e-mail as typed, client address, wait for the other


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


# --- two processes check in at once, a third reads ----------------------------------------------


def test_sixty_check_ins_from_two_processes_land_once_while_a_third_reads(
    demo_db: Path, tmp_path: Path
) -> None:
    database = lake(demo_db, tmp_path, EVENT)
    people = people_at(database, EVENT, N_PEOPLE)
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
        end([*writers, reader])

    _none_busy(written)
    outcomes: dict[str, list[str]] = {}
    for _kind, _pid, done in written:
        for _event, typed, outcome, _seconds in done:
            outcomes.setdefault(typed.strip().lower(), []).append(outcome)
    repeated = {email.lower() for _m, email in (*first[:REPEATS], *second[:REPEATS])}
    for member_id, email in people:
        expected = ["already", "registered"] if email.lower() in repeated else ["registered"]
        assert sorted(outcomes[email.lower()]) == expected, (member_id, outcomes[email.lower()])

    attended = lake_rows(
        database,
        "select person_id, person_type, status from attendance where event_id = $e order by 1",
        {"e": EVENT},
    )
    assert attended == [(m, "member", "møtt") for m, _ in people]
    assert duplicates(database) == []
    # The event's check-ins are one import in the history, and every attempt was kept.
    batches = lake_rows(
        database,
        "select count(distinct import_id) from import_batch where file_name = $l",
        {"l": f"innsjekk {EVENT}"},
    )
    assert batches == [(1,)]
    attempts = lake_rows(
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
    database = lake(demo_db, tmp_path, SAME)
    people = people_at(database, SAME, ROUNDS)
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
        end(writers)

    _none_busy(written)
    outcomes: dict[str, Counter[str]] = {email: Counter() for _m, email in people}
    for _kind, _pid, done in written:
        for _event, email, outcome, _seconds in done:
            outcomes[email][outcome] += 1
    assert all(c == Counter(registered=1, already=3) for c in outcomes.values()), outcomes
    attended = lake_rows(
        database,
        "select person_id, count(*) from attendance where event_id = $e group by 1 order by 1",
        {"e": SAME},
    )
    assert attended == [(m, 1) for m, _ in people]
    assert duplicates(database) == []
