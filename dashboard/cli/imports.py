"""`import`: CSV/XLSX files into the database, the file's name naming the table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import duckdb

from dashboard.cli.common import open_database, operator_name
from dashboard.exchange import importer


def add_parsers(commands: Any) -> None:
    import_parser = commands.add_parser(
        "import", help="importer CSV/XLSX-filer; filnavnet sier tabellen (member.csv, unit.xlsx)"
    )
    import_parser.add_argument("--db", type=open_database, required=True)
    import_parser.add_argument("files", nargs="+", type=Path)


def import_files(args: argparse.Namespace) -> int:
    files, problems = importer.read_paths(args.files)
    user = operator_name()

    def load(con: duckdb.DuckDBPyConnection) -> importer.ImportResult:
        if problems:
            raise importer.ImportRejected(problems)
        return importer.import_and_record(con, files, user)

    try:
        result = args.db.change(load)
    except importer.ImportRejected as rejected:
        for problem in rejected.problems:
            print(problem, file=sys.stderr)
        print(f"Ingenting ble importert ({len(rejected.problems)} feil).", file=sys.stderr)
        return 1
    for change in result.changes:
        print(
            f"{change.file_name} → {change.table}: {change.inserted} nye, {change.updated} endret, "
            f"{change.unchanged} uendret"
        )
    print(f"Importert som import nr. {result.import_id}.")
    return 0
