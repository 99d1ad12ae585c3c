"""Writes to the lake while pages read it (run by bench/run.py, or on its own):

1. the floor: a third process reads what a page reads (`Database.read()`, the years, the
   event's attendance, the prepared figures) in a loop for a few seconds with nobody writing;
2. one process checks in `--solo` people one after another, nobody else writing;
3. sixty people check in at one event from two processes at once (30 each, and 3 e-mails each
   sent again at the same moment as the other process sends them), the product's own
   `checkin.check_in` inside `Database.change`, while the third process keeps reading.

Per check-in p50 / p95 / max and the total; the page read's p50 / p95 / max beside its floor;
how long after the last check-in the reader saw all sixty. Goals: p95 ≤ 0.5 s, max ≤ 2 s, a
page never waits more than 0.5 s. Every check-in is also checked: sixty rows `møtt`, none twice.

The lake is a copy (bench/data/writes-<scale>.lake) of bench/data/<scale>.lake, which is built
by the product's own command when missing (`python -m dashboard demo [--scale national]`).

    .venv/bin/python -m bench.writes [--scale demo|national] [--db LAKE] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
PY = sys.executable
SECRET = "benk-hemmelighet-for-innsjekk-" + "x" * 20
EVENT = "BENK-INNSJEKK"
SOLO_EVENT = "BENK-ALENE"
N_PEOPLE = 60
REPEATS = 3
FLOOR_SECONDS = 3.0
WAIT = 600.0
GOALS = {"checkin_p95_s": 0.5, "checkin_max_s": 2.0, "read_max_s": 0.5}
SPAWN = mp.get_context("spawn")
STARTED = time.monotonic()


def say(message: str) -> None:
    minutes, seconds = divmod(int(time.monotonic() - STARTED), 60)
    print(f"[{minutes:2d}:{seconds:02d}] {message}", file=sys.stderr, flush=True)


def lake(scale: str) -> Path:
    """bench/data/<scale>.lake, built by the product's own command when missing, then read once
    (schema, prepared figures up to date); bench/run.py's `database` too."""
    from dashboard.engine.database import Database

    path = DATA / f"{scale}.lake"
    if not path.exists():
        started = time.perf_counter()
        command = [PY, "-m", "dashboard", "demo", "--db", str(path)]
        if scale != "demo":
            command += ["--scale", scale]
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        say(f"built {path.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s")
    current = Database(path)
    with current.read():
        pass
    current.refresh_if_stale()
    return path


def quantiles(values: list[float]) -> dict[str, float | int]:
    """p50, p95 (nearest rank), max and the number, in seconds."""
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p * len(ordered) + 0.5) - 1))]

    return {
        "n": len(ordered),
        "p50_s": round(rank(0.50), 3),
        "p95_s": round(rank(0.95), 3),
        "max_s": round(ordered[-1], 3),
    }


# --- the child processes ---------------------------------------------------------------------


def _count_attempts() -> list[int]:
    """Count the runs of every change's work in this process (a conflict runs it again): a
    wrapper around the `apply` the engine calls (dashboard/engine/transaction.py), measuring
    only, behaving the same."""
    from dashboard.engine import database as engine

    runs = [0]
    apply = engine.apply

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs[0] += 1
        return apply(*args, **kwargs)

    engine.apply = counted
    return runs


def _check_in(
    database: Any, event_id: str, email: str, address: str, runs: list[int]
) -> tuple[str, float, float, int, float]:
    """One check-in: its outcome («busy» when the engine gave up), seconds, when it ended, how
    many times its work ran and the CPU seconds this process spent on it."""
    from dashboard.engine import capture
    from dashboard.engine.database import DatabaseBusy
    from dashboard.exchange import checkin

    token = capture.checkin_token(SECRET, event_id)
    key = capture.address_key(SECRET, address)
    before = runs[0]
    cpu = time.process_time()
    started = time.perf_counter()
    try:
        outcome = database.change(
            lambda con: checkin.check_in(con, SECRET, token, email, key, dt.datetime.now(dt.UTC))
        )
    except DatabaseBusy:
        outcome = "busy"
    seconds = time.perf_counter() - started
    return outcome, seconds, time.time(), runs[0] - before, time.process_time() - cpu


def writer(path: str, steps: list[tuple[str, str, str]], start: Any, results: Any) -> None:
    """Open the lake as the app's process does, wait for the others, check in step by step."""
    try:
        from dashboard.engine.database import Database

        runs = _count_attempts()
        database = Database(path)
        with database.read():
            pass
        start.wait(WAIT)
        done = [_check_in(database, event, email, address, runs) for event, email, address in steps]
        results.put(("writer", os.getpid(), done))
    except BaseException:
        results.put(("error", os.getpid(), traceback.format_exc()))


def reader(path: str, event_id: str, start: Any, phase: Any, stop: Any, results: Any) -> None:
    """Time what a page reads, in a loop: `FLOOR_SECONDS` alone (the floor), then (after the
    start barrier) while the others write, until told to stop."""
    try:
        from dashboard.engine import db
        from dashboard.engine.database import Database

        database = Database(path)

        def page() -> int:
            with database.read() as con:
                db.run(con, "data_years")
                con.execute(
                    "select count(*), sum(numerator) from prepared_count where year = $y",
                    {"y": dt.date.today().year},
                ).fetchall()
                return int(
                    con.execute(
                        "select count(*) from attendance where event_id = $e and status = 'møtt'",
                        {"e": event_id},
                    ).fetchall()[0][0]
                )

        page()
        samples: dict[str, list[tuple[float, float, int]]] = {"floor": [], "writes": []}
        errors: list[str] = []

        def loop(name: str, until: Any) -> None:
            while not until():
                started = time.perf_counter()
                try:
                    seen = page()
                    samples[name].append((time.perf_counter() - started, time.time(), seen))
                except Exception:
                    errors.append(traceback.format_exc())
                time.sleep(0.01)

        ends = time.monotonic() + FLOOR_SECONDS
        loop("floor", lambda: time.monotonic() > ends)
        phase.set()
        start.wait(WAIT)
        loop("writes", stop.is_set)
        results.put(("reader", os.getpid(), (samples, errors)))
    except BaseException:
        results.put(("error", os.getpid(), traceback.format_exc()))


# --- the run -----------------------------------------------------------------------------------


def _prepare(path: Path, solo: int) -> tuple[str, list[tuple[str, str]], list[tuple[str, str]]]:
    """Two events today in the trust with the most members (a conference day for everyone); the
    members to check in, each with one e-mail nobody else has."""
    from dashboard.engine import capture
    from dashboard.engine.database import Database
    from dashboard.exchange import importer
    from tests.engine import members_to_check_in

    database = Database(path)
    with database.read() as con:
        trust = con.execute(
            "select u.health_trust from member as m join unit as u using (unit_id)"
            " group by 1 order by count(distinct m.member_id) desc, 1 limit 1"
        ).fetchall()[0][0]
    today = capture.today().isoformat()
    events = "event_id;kind;title;event_date;network;network_group;health_trust\n" + "".join(
        f"{e};fagdag;Benkens fagdag;{today};alle;;{trust}\n" for e in (EVENT, SOLO_EVENT)
    )
    database.change(
        lambda con: importer.import_and_record(con, [("event.csv", events.encode())], "bench")
    )
    with database.read() as con:
        rows = members_to_check_in(con, EVENT, N_PEOPLE + solo)
    if len(rows) < N_PEOPLE + solo:
        raise SystemExit(f"only {len(rows)} members with an e-mail of their own in {trust}")
    people = [(str(m), str(e)) for m, e in rows]
    return trust, people[:N_PEOPLE], people[N_PEOPLE:]


def measure(source: Path, scale: str, solo: int) -> dict[str, Any]:
    from dashboard.engine.database import Database

    copy = DATA / f"writes-{scale}.lake"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(source, copy)
    trust, people, alone = _prepare(copy, solo)
    say(f"{copy.relative_to(ROOT)}: events today in {trust}, {len(people)} + {solo} members")

    # One process alone (no other writer, no reader), once the figures the new events moved
    # are counted (setting up the day's events is not part of the check-ins measured).
    database = Database(copy)
    database.settle()
    runs = _count_attempts()
    solo = [
        _check_in(database, SOLO_EVENT, email, f"10.9.0.{i}", runs)
        for i, (_m, email) in enumerate(alone)
    ]
    solo_times = [s for _o, s, _at, _r, _c in solo]
    say(f"solo check-ins: {quantiles(solo_times)}")
    # The figures the solo check-ins moved are counted before the next phase, not during it.
    database.settle()

    # Two writers and a reader. Each writer checks in its half; at its first steps it also sends
    # one of the other half's e-mails, at about the moment the other process sends it.
    half = N_PEOPLE // 2
    halves = (people[:half], people[half:])
    plans: list[list[tuple[str, str, str]]] = [[], []]
    for i in range(half):
        for p in (0, 1):
            plans[p].append((EVENT, halves[p][i][1], f"10.{p}.0.{i}"))
            if i < REPEATS:
                plans[p].append((EVENT, halves[1 - p][i][1], f"10.{p}.1.{i}"))
    start, phase, stop, results = SPAWN.Barrier(3), SPAWN.Event(), SPAWN.Event(), SPAWN.Queue()
    the_reader = SPAWN.Process(target=reader, args=(str(copy), EVENT, start, phase, stop, results))
    the_reader.start()
    phase.wait(WAIT)  # the floor is measured with the writers' processes not yet started
    writers = [
        SPAWN.Process(target=writer, args=(str(copy), plan, start, results)) for plan in plans
    ]
    for process in writers:
        process.start()
    started = time.perf_counter()
    answers = [results.get(timeout=WAIT) for _ in writers]
    total = time.perf_counter() - started  # includes the writers' wait at the barrier (~0)
    time.sleep(3.0)  # let the reader follow the last change
    stop.set()
    answers.append(results.get(timeout=WAIT))
    for process in (*writers, the_reader):
        process.join(WAIT)
    exitcodes = [process.exitcode for process in (*writers, the_reader)]
    errors = [a[2] for a in answers if a[0] == "error"]
    if errors:
        raise RuntimeError("\n".join(errors))

    done = [row for kind, _pid, rows in answers if kind == "writer" for row in rows]
    samples, read_errors = next(rows for kind, _pid, rows in answers if kind == "reader")
    last_commit = max(at for _o, _s, at, _r, _c in done)
    saw_all = [at for _s, at, seen in samples["writes"] if seen == N_PEOPLE]
    first_write = min(at - s for _o, s, at, _r, _c in done)
    cursor = database.lake_cursor()
    try:
        attended, duplicates = cursor.execute(
            "select (select count(*) from attendance where event_id = $e and status = 'møtt'),"
            " (select count(*) from (select 1 from attendance group by event_id, person_id,"
            " person_type having count(*) > 1))",
            {"e": EVENT},
        ).fetchall()[0]
    finally:
        cursor.close()
    outcomes: dict[str, int] = {}
    for outcome, _s, _at, _r, _c in done:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    tries = [r for _o, _s, _at, r, _c in done]
    figures = {
        "scale": scale,
        "trust": trust,
        "checkins": quantiles([s for _o, s, _at, _r, _c in done]),
        "checkin_cpu_s_median": round(statistics.median(c for *_rest, c in done), 3),
        "runs_per_checkin": {
            "mean": round(sum(tries) / len(tries), 2),
            "max": max(tries),
            "more_than_one": sum(r > 1 for r in tries),
        },
        "checkins_total_s": round(last_commit - first_write, 2),
        "checkins_wall_s": round(total, 2),
        "outcomes": outcomes,
        "attendance_rows": int(attended),
        "duplicate_rows": int(duplicates),
        "solo_checkins": quantiles(solo_times),
        "solo_checkin_cpu_s_median": (
            round(statistics.median(c for *_rest, c in solo), 3) if solo else 0.0
        ),
        "read_floor": quantiles([s for s, _at, _n in samples["floor"]]),
        "read_during_writes": quantiles([s for s, _at, _n in samples["writes"]]),
        "exit_codes_writers_reader": exitcodes,
        "read_errors": len(read_errors),
        "read_error_first": read_errors[0].splitlines()[-1] if read_errors else None,
        "reader_saw_all_after_s": round(min(saw_all) - last_commit, 2) if saw_all else None,
        "goals": GOALS,
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
        },
    }
    return figures


def report(figures: dict[str, Any]) -> str:
    """The figures as lines of text, each beside its goal."""
    c, r, f, s = (
        figures["checkins"],
        figures["read_during_writes"],
        figures["read_floor"],
        figures["solo_checkins"],
    )

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    return "\n".join(
        [
            f"Writes, {figures['scale']} ({figures['trust']}), {figures['machine']['cpus']} CPUs,"
            f" load average {figures['machine']['load_average']}:",
            f"  check-in, 2 processes × {c['n'] // 2}: p50 {c['p50_s']:.3f} s, p95 {c['p95_s']:.3f}"
            f" s ({met(c['p95_s'] <= GOALS['checkin_p95_s'])}: ≤ {GOALS['checkin_p95_s']} s),"
            f" max {c['max_s']:.3f} s ({met(c['max_s'] <= GOALS['checkin_max_s'])}:"
            f" ≤ {GOALS['checkin_max_s']} s); all {c['n']} in {figures['checkins_total_s']} s",
            f"  check-in, one process alone × {s.get('n', 0)}: p50 {s.get('p50_s', 0):.3f} s,"
            f" p95 {s.get('p95_s', 0):.3f} s, max {s.get('max_s', 0):.3f} s; CPU per check-in"
            f" (median) alone {figures['solo_checkin_cpu_s_median']:.3f} s, two processes"
            f" {figures['checkin_cpu_s_median']:.3f} s",
            f"  outcomes {figures['outcomes']} (busy: the engine gave up);"
            f" {figures['attendance_rows']} rows møtt, {figures['duplicate_rows']} duplicated;"
            f" the work ran {figures['runs_per_checkin']['mean']} times per check-in on average"
            f" (max {figures['runs_per_checkin']['max']}, more than once for"
            f" {figures['runs_per_checkin']['more_than_one']})",
            f"  page read meanwhile ×{r['n']}: p50 {r['p50_s']:.3f} s, p95 {r['p95_s']:.3f} s,"
            f" max {r['max_s']:.3f} s ({met(r['max_s'] <= GOALS['read_max_s'])}:"
            f" ≤ {GOALS['read_max_s']} s), {figures['read_errors']} errors;"
            f" floor (nobody writing) ×{f['n']}: p50 {f['p50_s']:.3f} s, p95 {f['p95_s']:.3f} s,"
            f" max {f['max_s']:.3f} s",
            (
                f"  the reader saw all {N_PEOPLE} {figures['reader_saw_all_after_s']} s after the"
                " last check-in"
                if figures["reader_saw_all_after_s"] is not None
                else f"  the reader never saw all {N_PEOPLE}: {figures['attendance_rows']} landed"
            ),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=["demo", "national"], default="demo")
    parser.add_argument(
        "--db", type=Path, help="the lake to copy (default bench/data/<scale>.lake)"
    )
    parser.add_argument("--solo", type=int, default=10, help="check-ins by one process alone")
    parser.add_argument("--out", type=Path, help="write the figures here as JSON")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    source = args.db if args.db is not None else lake(args.scale)
    figures = measure(source, args.scale, args.solo)
    print(report(figures), flush=True)
    if args.out is not None:
        args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
