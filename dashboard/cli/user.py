"""`user`: give, change or remove access (the role of an e-mail address), or list the users."""

from __future__ import annotations

import argparse
from typing import Any

import duckdb
import pandas as pd

from dashboard.cli.common import ArgumentError, Refused, add_db, operator_name
from dashboard.engine import admin, db
from dashboard.engine.access import parse_groups


def add_parsers(commands: Any) -> None:
    user = commands.add_parser("user", help="gi, endre eller fjern tilgang (rollen til en e-post)")
    user.add_argument("action", choices=["add", "remove", "list"])
    user.add_argument("email", nargs="?")
    user.add_argument(
        "role", nargs="?", choices=["styringsgruppe", "nettverksleder", "koordinator"]
    )
    user.add_argument(
        "--groups", default="", help="nettverksgrupper for en nettverksleder, f.eks. SYK-SAND"
    )
    user.add_argument(
        "--trusts",
        default="",
        help="helseforetak brukeren er begrenset til, f.eks. stavanger,fonna (tom = alle)",
    )
    add_db(user)


def user(args: argparse.Namespace) -> int:
    """The first coordinator is added here; after that, coordinators use the admin page."""
    users = args.db.run("app_user_list") if args.db.exists() else pd.DataFrame()
    if args.action == "list":
        for row in users.itertuples(index=False):
            print(f"{row.email}\t{row.role}\t{row.network_groups}\t{row.health_trusts}")
        return 0
    if not args.email:
        raise ArgumentError("oppgi e-postadressen")
    email = args.email.strip().lower()
    kept = users[users["email"] != email] if len(users) else users
    if args.action == "add":
        if not args.role:
            raise ArgumentError("oppgi rollen: styringsgruppe, nettverksleder eller koordinator")
        new = pd.DataFrame(
            [
                {
                    "email": email,
                    "role": args.role,
                    "network_groups": args.groups,
                    "health_trusts": ",".join(sorted(parse_groups(args.trusts))),
                }
            ]
        )
        kept = pd.concat([kept, new], ignore_index=True)
    kept = kept.reindex(columns=admin.USER_COLUMNS)

    def save(con: duckdb.DuckDBPyConnection) -> None:
        options = db.run(con, "filter_options")
        groups = set(options.query("kind == 'network_group'")["code"])
        trusts = set(options.query("kind == 'health_trust'")["code"])
        problems = admin.validate_users(kept, groups, trusts)
        if problems:
            raise Refused("; ".join(problems))
        admin.save_users(con, kept, by=operator_name())

    args.db.change(save)
    print(f"Lagret: {email} {'fjernet' if args.action == 'remove' else args.role}")
    return 0
