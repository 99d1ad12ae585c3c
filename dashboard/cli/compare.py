"""`compare`: every indicator for each health trust (or network group) and the region."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from dashboard.cli.common import (
    FIRST_YEAR,
    LAST_YEAR,
    ArgumentError,
    add_db,
    check_codes,
    parse_date,
    parse_year,
    scope_of,
)
from dashboard.engine import comparison
from dashboard.engine.contract import GROUP_NETWORKS, PROFESSIONS, UNIT_TYPES
from dashboard.exchange.region import RECORD_KEYS, comparison_records


def add_parsers(commands: Any) -> None:
    compare_parser = commands.add_parser(
        "compare",
        help="alle indikatorer for hvert helseforetak (eller hver nettverksgruppe) og regionen",
    )
    add_db(compare_parser)
    compare_parser.add_argument(
        "--year", type=parse_year, required=True, help=f"år ({FIRST_YEAR}–{LAST_YEAR})"
    )
    compare_parser.add_argument(
        "--as-of", type=parse_date, help="dato; standard: 31.12 eller i dag"
    )
    compare_parser.add_argument("--by", choices=comparison.BY_VALUES, default="health_trust")
    compare_parser.add_argument(
        "--health-trust",
        help="bare nettverksgruppene i dette helseforetaket (med --by network_group)",
    )
    compare_parser.add_argument("--network", choices=GROUP_NETWORKS, help="nettverk")
    compare_parser.add_argument("--profession", choices=PROFESSIONS)
    compare_parser.add_argument("--unit-type", choices=UNIT_TYPES)
    compare_parser.add_argument("--format", choices=["json", "csv"], default="json")


def compare(args: argparse.Namespace) -> int:
    """The region side by side: one record per place and indicator, the totals included."""
    if args.health_trust and args.by != "network_group":
        raise ArgumentError("--health-trust gjelder bare sammen med --by network_group")
    scope = scope_of(
        argparse.Namespace(
            year=args.year,
            as_of=args.as_of,
            health_trust=args.health_trust,
            network_group=None,
            municipality=None,
            profession=args.profession,
            network=args.network,
            unit_type=args.unit_type,
        )
    )
    check_codes(args.db, scope.selection)
    with args.db.read() as con:
        records = comparison_records(comparison.compare(con, scope, args.by))
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    writer = csv.writer(sys.stdout)
    writer.writerow(RECORD_KEYS)
    for record_ in records:
        writer.writerow(["" if record_[k] is None else record_[k] for k in RECORD_KEYS])
    return 0
