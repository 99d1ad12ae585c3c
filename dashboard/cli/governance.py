"""`plan` and `terms`: the annual plan's activities, and the governance bodies' terms ending soon
and network groups without a leader (JSON or CSV)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from dashboard.cli.common import (
    add_as_of,
    add_db,
    add_year,
    check_codes,
    operator_name,
    parse_days,
    print_records,
    scope_of,
)
from dashboard.engine import db
from dashboard.engine.access import OPERATOR, people, record
from dashboard.engine.contract import GROUP_NETWORKS
from dashboard.engine.governance import ENDING_WITHIN_DAYS
from dashboard.engine.plan import DUE_SOON_DAYS
from dashboard.engine.scope import Selection
from dashboard.exchange import governance_tables
from dashboard.exchange.governance_tables import PLAN_RECORD_KEYS, TERMS_RECORD_KEYS


def add_parsers(commands: Any) -> None:
    plan_parser = commands.add_parser(
        "plan", help="årsplanens aktiviteter med status og frist, delmål og satsningsområde"
    )
    add_db(plan_parser)
    add_year(plan_parser, what="årsplanens år")
    add_as_of(
        plan_parser,
        "dagen forfalt og «frist innen 30 dager» regnes fra; standard: 31.12 eller i dag",
    )
    plan_parser.add_argument("--health-trust", help="helseforetakets kode, f.eks. stavanger")
    plan_parser.add_argument("--network", choices=GROUP_NETWORKS, help="nettverk")
    plan_parser.add_argument("--format", choices=["json", "csv"], default="json")

    terms_parser = commands.add_parser(
        "terms", help="verv som slutter innen N dager, og nettverksgrupper uten leder"
    )
    add_db(terms_parser)
    terms_parser.add_argument(
        "--within-days",
        type=parse_days,
        default=ENDING_WITHIN_DAYS,
        help=f"verv som slutter innen så mange dager (0–3650); standard: {ENDING_WITHIN_DAYS}",
    )
    add_as_of(terms_parser, "dato; standard: i dag")
    terms_parser.add_argument("--health-trust", help="helseforetakets kode, f.eks. stavanger")
    terms_parser.add_argument("--format", choices=["json", "csv"], default="json")


def plan(args: argparse.Namespace) -> int:
    """The year's annual plan: one record per activity, with its delmål and focus area."""
    scope = scope_of(args)
    check_codes(args.db, scope.selection)
    params = {
        "year": scope.year,
        "as_of_date": scope.as_of_date,
        "days": DUE_SOON_DAYS,
        "health_trust": scope.selection.health_trust,
        "network": scope.selection.network,
    }
    rows = args.db.run("plan_activities", params)
    if rows.empty:
        print(f"Ingen årsplan for {scope.year} i databasen for dette utvalget.", file=sys.stderr)
    print_records(governance_tables.plan_records(rows), PLAN_RECORD_KEYS, args.format)
    return 0


def terms(args: argparse.Namespace) -> int:
    """Terms ending within N days and network groups without a leader, with names (the
    operator sees everyone; the output is recorded as an export of personal data)."""
    day = args.as_of or dt.date.today()
    check_codes(args.db, Selection(health_trust=args.health_trust))
    trust = {"health_trust": args.health_trust}
    with args.db.read() as con:
        ending = db.run(
            con,
            "governance_terms_ending",
            {"as_of_date": day, "days": args.within_days, **trust},
        )
        leaderless = db.run(con, "governance_groups_without_leader", {"as_of_date": day, **trust})
        names = people(con, "governance_names", trust, OPERATOR).rows
    records = governance_tables.terms_records(ending, leaderless, names)
    print_records(records, TERMS_RECORD_KEYS, args.format)
    named = sum(1 for r in records if r["name"])
    if named:
        args.db.change(
            lambda con: record(
                con,
                operator_name(),
                "eksport av personopplysninger",
                f"Styringsorganer: verv som slutter innen {args.within_days} dager "
                f"({args.format}, kommandolinjen)",
                f"Per dato: {day:%d.%m.%Y}",
                named,
            )
        )
    return 0
