"""`checkin-link` and `round-links`: the signed check-in link (and QR code) for an event, and the
questionnaire's mail merge with a personal link per resource person (issue 18)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from dashboard.cli.common import (
    ArgumentError,
    Refused,
    add_db,
    operator_name,
    parse_year,
)
from dashboard.engine.access import OPERATOR, people, record
from dashboard.engine.contract import GROUP_NETWORKS
from dashboard.engine.database import Database


def add_parsers(commands: Any) -> None:
    checkin_parser = commands.add_parser(
        "checkin-link",
        help="lenken (og QR-koden) for innsjekk på et arrangement",
        description="Skriver ut innsjekkingslenken for arrangementet (gyldig fra kvelden før til "
        "natten etter); --png skriver QR-koden som bilde. Lenkene signeres med [capture] secret "
        "eller DASHBOARD_CAPTURE_SECRET (i demomodus: databasens egen).",
    )
    add_db(checkin_parser)
    checkin_parser.add_argument("--event", required=True, help="arrangementets ID (event_id)")
    checkin_parser.add_argument("--png", type=Path, help="skriv QR-koden til denne PNG-filen")
    checkin_parser.add_argument("--base-url", type=parse_base_url, help="appens adresse, https://…")
    links_parser = commands.add_parser(
        "round-links",
        help="flettelisten med personlige lenker til årlig rapportering (CSV eller XLSX)",
        description="Én personlig lenke per ressursperson i runden (navn, e-post, enhet, leder, "
        "lederens e-post, svarfrist, lenke), til organisasjonens e-postfletting. Runden må være "
        "åpnet for svar i appen (siden Årlig rapportering).",
    )
    add_db(links_parser)
    links_parser.add_argument(
        "--round",
        required=True,
        type=_round_key,
        help="ÅR:NETTVERK:HELSEFORETAK, f.eks. 2026:sykepleier:stavanger",
    )
    links_parser.add_argument("--output", type=Path, required=True, help="fil.xlsx eller fil.csv")
    links_parser.add_argument("--base-url", type=parse_base_url, help="appens adresse, https://…")


def parse_base_url(text: str) -> str:
    from dashboard.engine import capture

    try:
        return capture.normalise_base_url(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _round_key(text: str) -> Any:
    from dashboard.engine.capture import RoundKey

    parts = text.replace("/", ":").split(":")
    if len(parts) != 3 or not parts[0].isdigit():
        raise argparse.ArgumentTypeError(
            f"ugyldig runde {text!r}: bruk ÅR:NETTVERK:HELSEFORETAK, f.eks. 2026:sykepleier:stavanger"
        )
    year = parse_year(parts[0])
    if parts[1] not in GROUP_NETWORKS:
        raise argparse.ArgumentTypeError(
            f"ukjent nettverk {parts[1]!r} (sykepleier eller fysio_ergo)"
        )
    return RoundKey(year, parts[1], parts[2])


def capture_settings(database: Database, base_url: str | None) -> tuple[str, str]:
    """The secret the links are signed with and the address they point to (refused: none)."""
    from dashboard.engine import capture

    section = capture.read_capture_section()
    if base_url is None:
        try:
            base_url = capture.configured_base_url(section, os.environ)
        except ValueError as error:
            raise ArgumentError(f"DASHBOARD_BASE_URL: {error}") from None
    if base_url is None:
        raise ArgumentError(
            "oppgi --base-url (appens adresse, f.eks. https://indikatorer.example.no), "
            "eller sett DASHBOARD_BASE_URL"
        )
    secret = capture.configured_secret(section, os.environ)
    if secret is None and os.environ.get("DASHBOARD_DEMO") == "1":
        with database.read() as con:
            secret = capture.stored_secret(con)
        return secret or database.change(capture.store_new_secret), base_url
    problem = capture.secret_problem(secret)
    if problem or secret is None:
        raise Refused(problem or "")
    return secret, base_url


def checkin_link(args: argparse.Namespace) -> int:
    import segno

    from dashboard.engine import capture
    from dashboard.exchange import checkin

    with args.db.read() as con:
        found = checkin.event(con, args.event)
    if found is None:
        raise ArgumentError(f"ukjent arrangement «{args.event}» i databasen")
    secret, base_url = capture_settings(args.db, args.base_url)
    link = capture.checkin_link(base_url, capture.checkin_token(secret, found.event_id))
    if args.png is not None:
        if not args.png.parent.is_dir():
            raise ArgumentError(f"mappen {args.png.parent} finnes ikke")
        segno.make(link, error="m").save(str(args.png), kind="png", scale=12, border=4)
        print(f"Skrev QR-koden til {args.png}", file=sys.stderr)
    print(link)
    return 0


def round_links(args: argparse.Namespace) -> int:
    from dashboard.exchange import questionnaire

    output_format = args.output.suffix.lower().lstrip(".")
    if output_format not in ("csv", "xlsx"):
        raise ArgumentError(f"--output må slutte på .csv eller .xlsx, ikke {args.output.name!r}")
    if not args.output.parent.is_dir():
        raise ArgumentError(f"mappen {args.output.parent} finnes ikke")
    key = args.round
    with args.db.read() as con:
        found = questionnaire.round_of(con, key)
    if found is None:
        raise ArgumentError(
            f"fant ingen rapporteringsrunde {key.year}:{key.network}:{key.health_trust}"
        )
    if not found.is_open(dt.datetime.now(dt.UTC)):
        raise Refused(
            "Runden er ikke åpen for svar i appen: åpne den (med svarfrist) på siden "
            "Årlig rapportering, under «Spørreskjema»."
        )
    secret, base_url = capture_settings(args.db, args.base_url)
    with args.db.read() as con:
        population = people(con, "questionnaire_mail_merge", key.params(), OPERATOR).rows
    table = questionnaire.mail_merge(population, secret, key, found.closes_on, base_url)
    args.output.write_bytes(questionnaire.mail_merge_file(table, output_format))
    args.db.change(
        lambda con: record(
            con,
            operator_name(),
            "eksport av personopplysninger",
            f"{table.title} ({output_format}, kommandolinjen)",
            key.label,
            len(table.frame),
        )
    )
    print(f"Skrev {len(table.frame)} personlige lenker til {args.output}")
    return 0
