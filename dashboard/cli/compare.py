"""`compare`: every indicator for each health trust (or network group) and the region."""

from __future__ import annotations

import argparse
from typing import Any

from dashboard.cli.common import (
    ArgumentError,
    add_as_of,
    add_db,
    add_year,
    check_codes,
    print_records,
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
    add_year(compare_parser)
    add_as_of(compare_parser, "dato; standard: 31.12 eller i dag")
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
    scope = scope_of(args)
    check_codes(args.db, scope.selection)
    with args.db.read() as con:
        records = comparison_records(comparison.compare(con, scope, args.by))
    print_records(records, RECORD_KEYS, args.format)
    return 0
