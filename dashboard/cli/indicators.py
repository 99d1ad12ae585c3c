"""`indicators`: every indicator for a year and a selection (or as frozen for a meeting)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from dashboard.cli import meeting
from dashboard.cli.common import ArgumentError, add_db, add_scope, check_codes, scope_of
from dashboard.engine.formatting import format_fraction, format_value
from dashboard.engine.indicators import status_label
from dashboard.engine.scorecard import IndicatorResult, compute_scorecard


def add_parsers(commands: Any) -> None:
    indicators = commands.add_parser("indicators", help="alle indikatorer for et år og et utvalg")
    add_db(indicators)
    add_scope(indicators, year_required=False)
    indicators.add_argument(
        "--meeting", help="tallene slik de ble frosset for møtet (utvalg og år fra møtet)"
    )
    indicators.add_argument("--format", choices=["table", "csv", "json"], default="table")


def _print_indicators(results: Sequence[IndicatorResult], output_format: str) -> None:
    if output_format == "json":
        json.dump([r.to_json() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if output_format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["indicator", "numerator", "denominator", "value", "target", "status"])
        for r in results:
            row = r.to_json()
            writer.writerow(["" if v is None else v for v in row.values()])
        return
    width = max(len(r.indicator.title) for r in results)
    for r in results:
        target = "" if r.target is None else format_value(r.indicator.kind, r.target)
        print(
            f"{r.indicator.title:<{width}}  {format_value(r.indicator.kind, r.value):>11}  "
            f"{format_fraction(r.numerator, r.denominator):>12}  mål {target:>9}  "
            f"{status_label(r.status)}"
        )


def indicators(args: argparse.Namespace) -> int:
    snapshot = None
    if args.meeting:
        scope, frozen = meeting.frozen_report(args)
        snapshot = frozen.snapshot_id
    elif args.year is None:
        raise ArgumentError("indicators trenger --year (eller --meeting)")
    else:
        scope = scope_of(args)
        check_codes(args.db, scope.selection)
    with args.db.read(snapshot) as con:
        results = compute_scorecard(con, scope).results
    _print_indicators(results, args.format)
    return 0
