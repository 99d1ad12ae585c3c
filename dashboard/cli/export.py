"""`export`: one table to CSV or XLSX, for a selection (personal data is recorded as exported)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dashboard.cli.common import (
    add_db,
    add_language,
    add_scope,
    check_codes,
    operator_name,
    scope_of,
)
from dashboard.engine.access import OPERATOR, record
from dashboard.engine.scope import namer, place_names
from dashboard.exchange.export import ExportMeta, to_csv, to_xlsx
from dashboard.exchange.tables import EXPORTABLE_TABLES, named_table


def add_parsers(commands: Any) -> None:
    export_parser = commands.add_parser("export", help="eksporter en tabell til CSV eller XLSX")
    export_parser.add_argument("table", choices=EXPORTABLE_TABLES)
    add_db(export_parser)
    add_scope(export_parser, year_required=False)
    export_parser.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
    export_parser.add_argument("--output", type=Path, required=True)
    add_language(export_parser)


def export(args: argparse.Namespace) -> int:
    scope = scope_of(args)
    check_codes(args.db, scope.selection)
    with args.db.read() as con:
        table = named_table(con, args.table, scope, OPERATOR)
        described = scope.describe(namer(place_names(con)))
    meta = ExportMeta(title=table.title, filters=described)
    writer = to_xlsx if args.format == "xlsx" else to_csv
    args.output.write_bytes(writer(table.frame, meta, table.formats))
    if table.personal:
        args.db.change(
            lambda con: record(
                con,
                operator_name(),
                "eksport av personopplysninger",
                f"{table.title} ({args.format}, kommandolinjen)",
                "; ".join(f"{k}: {v}" for k, v in described.items()),
                len(table.frame),
            )
        )
    print(f"Skrev {len(table.frame)} rader til {args.output}")
    return 0
