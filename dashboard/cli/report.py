"""`report`: the annual report (pdf), the same as a workbook (xlsx), or the meeting pack (pack),
for a year and a selection or as frozen for a meeting."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dashboard.cli import meeting
from dashboard.cli.common import (
    ArgumentError,
    add_db,
    add_language,
    add_scope,
    check_codes,
    scope_of,
)
from dashboard.engine import meetings
from dashboard.engine.scope import namer, place_names
from dashboard.exchange import report as reports


def add_parsers(commands: Any) -> None:
    report_parser = commands.add_parser(
        "report", help="årsrapport (pdf), samme innhold som regneark (xlsx) eller møtepakke (pack)"
    )
    add_db(report_parser)
    add_scope(report_parser, year_required=False)
    report_parser.add_argument(
        "--meeting",
        help="møtepakken eller rapporten slik den var: tallene som ble frosset for møtet "
        "(utvalg og år fra møtet)",
    )
    report_parser.add_argument("--format", choices=list(reports.FORMATS), default="pdf")
    report_parser.add_argument("--output", type=Path, required=True)
    add_language(report_parser)


def report(args: argparse.Namespace) -> int:
    frozen = None
    if args.meeting:
        scope, frozen = meeting.frozen_report(args)
        with args.db.read() as con:
            notes = meetings.notes_until(con, frozen)
    else:
        if args.year is None:
            raise ArgumentError("report trenger --year (eller --meeting)")
        scope = scope_of(args)
        check_codes(args.db, scope.selection)
        notes = None
    with args.db.read(frozen.snapshot_id if frozen else None) as con:
        try:
            data = reports.build(
                con,
                scope,
                args.format,
                filters=scope.selection.describe(namer(place_names(con))),
                notes=notes,
                frozen_line=meetings.frozen_line(frozen) if frozen else "",
            )
        except reports.ReportUnavailable as missing:
            print(str(missing), file=sys.stderr)
            return 1
    args.output.write_bytes(data)
    print(f"Skrev {args.output} ({len(data) / 1024:.0f} kB)")
    return 0
