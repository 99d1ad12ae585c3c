"""Engine figures, in a process of their own (run by bench/run.py):

prepare     bring a database to this version's schema and prepared figures (what the app
            would otherwise do on its first read), so no server does it while measured
indicators  each indicator's query for the whole network this year (median of 5 after a
            warm-up), and a whole scorecard counted from the data with its trend
imports     10 000 members, then 100 000 attendance rows, each imported into a copy through
            `Database.change` (validation, load, derived tables and prepared figures), and
            a refresh of the derived tables and prepared figures alone

.venv/bin/python -m bench.figures indicators --db bench/data/national.lake --out FILE
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RUNS = 5


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """Median of `runs` timed calls after one warm-up call, in ms."""
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def prepare(db: Path) -> dict[str, Any]:
    from dashboard.engine.database import Database

    started = time.perf_counter()
    database = Database(db)
    version = database.data_version()  # the first read upgrades an older database
    refreshed = database.refresh_if_stale()
    return {
        "data_version": version,
        "refreshed": refreshed,
        "seconds": round(time.perf_counter() - started, 2),
    }


def indicators(db: Path) -> dict[str, Any]:
    from dashboard.engine.database import Database
    from dashboard.engine.indicators import INDICATORS
    from dashboard.engine.scope import Scope
    from dashboard.engine.scorecard import compute_scorecard, count_indicator

    scope = Scope(dt.date.today().year)
    with Database(db).read() as con:
        per_indicator = {
            i.id: median_ms(lambda i=i: count_indicator(con, i.id, scope)) for i in INDICATORS
        }
        scorecard_ms = median_ms(lambda: compute_scorecard(con, scope, trend=True))
    values = list(per_indicator.values())
    slowest = max(per_indicator, key=per_indicator.__getitem__)
    return {
        "indicators_ms": per_indicator,
        "median_ms": round(statistics.median(values), 1),
        "slowest": slowest,
        "slowest_ms": per_indicator[slowest],
        "scorecard_computed_ms": scorecard_ms,
    }


def imports(db: Path, work_dir: Path) -> dict[str, Any]:
    from dashboard.engine.database import Database
    from dashboard.exchange import importer

    copy = work_dir / "import.lake"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(db, copy)
    try:
        database = Database(copy)
        with database.read() as con:
            units = [
                r[0]
                for r in con.execute("select unit_id from unit order by 1 limit 500").fetchall()
            ]
            events = [
                r[0]
                for r in con.execute(
                    "select event_id from event where kind = 'nettverksmote' order by 1 limit 100"
                ).fetchall()
            ]
        members = ["member_id;name;profession;unit_id;start_date"] + [
            f"B{i:06d};Person {i};sykepleier;{units[i % len(units)]};01.01.2026"
            for i in range(10_000)
        ]
        attendance = ["event_id;person_id;person_type;status"] + [
            f"{events[i % len(events)]};B{i // len(events):06d};member;møtt" for i in range(100_000)
        ]

        def timed_import(name: str, lines: list[str]) -> float:
            files = [(name, "\n".join(lines).encode())]
            started = time.perf_counter()
            database.change(lambda con: importer.import_files(con, files, "bench"))
            return round(time.perf_counter() - started, 2)

        result = {
            "member_10k_s": timed_import("member.csv", members),
            "attendance_100k_s": timed_import("attendance.csv", attendance),
        }
        started = time.perf_counter()
        database.settle()  # the replica follows and counts the figures the imports moved
        result["refresh_prepared_figures_s"] = round(time.perf_counter() - started, 2)
        return result
    finally:
        database.close()
        shutil.rmtree(copy, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("part", choices=["prepare", "indicators", "imports"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.part == "prepare":
        result = prepare(args.db)
    elif args.part == "indicators":
        result = indicators(args.db)
    else:
        result = imports(args.db, args.out.parent)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
