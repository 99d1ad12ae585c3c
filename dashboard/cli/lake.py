"""`lake`: move an older database into DuckLake (`init`), or tidy the lake (`maintain`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dashboard.cli.common import ArgumentError, open_database
from dashboard.engine import maintenance, moving
from dashboard.engine.database import Database, database_from_environment


def add_parsers(commands: Any) -> None:
    lake_parser = commands.add_parser(
        "lake",
        help="flytt en eldre database inn i DuckLake (init), eller rydd i den (maintain)",
        description="init: kopierer hver tabell og rad fra en DuckDB-fil, en delt database "
        "(mappe med versjoner) eller en mappe med Parquet/CSV per tabell inn i databasen, og "
        "skriver antall rader før og etter. maintain: DuckLakes eget vedlikehold (slår sammen "
        "små filer, flytter innebygde rader til Parquet, fjerner gamle øyeblikksbilder og filer).",
    )
    lake_parser.add_argument("action", choices=["init", "maintain"])
    lake_parser.add_argument("--from", dest="source", type=Path, help="den eldre databasen")
    lake_parser.add_argument(
        "--db",
        type=open_database,
        default=None,
        help="databasen (mappe eller ducklake:postgres:… data_path=…); "
        "standard: DASHBOARD_LAKE eller data/demo.lake",
    )
    lake_parser.add_argument(
        "--keep-days",
        type=int,
        default=30,
        help="maintain: behold øyeblikksbilder så mange dager (standard 30)",
    )


def lake(args: argparse.Namespace) -> int:
    target = args.db or database_from_environment()
    if args.action == "maintain":
        for step, done in maintenance.maintain(target, keep_days=args.keep_days):
            print(f"{step}: {done}")
        return 0
    if args.source is None:
        raise ArgumentError("init trenger --from (den eldre databasen)")
    try:
        moved = moving.move(args.source, Database(target.path, create=True))
    except moving.CannotMove as error:
        raise ArgumentError(str(error)) from error
    width = max(len(m.table) for m in moved)
    print(f"{'tabell':<{width}}  {'før':>8}  {'etter':>8}")
    for m in moved:
        print(f"{m.table:<{width}}  {m.before:>8}  {m.after:>8}")
    differ = [m.table for m in moved if m.before != m.after]
    if differ:
        print(f"Ulikt antall rader i: {', '.join(differ)}", file=sys.stderr)
        return 1
    print(f"Flyttet {sum(m.after for m in moved)} rader i {len(moved)} tabeller til {target}")
    return 0
