"""What the commands share: the parser that fails in one Norwegian line, the arguments naming the
database, the scope (year, as-of date, filters) and the language, the errors that end a command,
and who runs it (for the audit trail)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from dashboard.engine import labels
from dashboard.engine.contract import GROUP_NETWORKS, PROFESSIONS, UNIT_TYPES
from dashboard.engine.database import Database
from dashboard.engine.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.engine.scope import Scope, Selection

FIRST_YEAR, LAST_YEAR = 2000, 2100
# The filters of a selection, as the commands' arguments name them (`add_scope`).
SELECTION_ARGUMENTS = (
    "health_trust",
    "network_group",
    "municipality",
    "profession",
    "network",
    "unit_type",
)


class ArgumentError(Exception):
    """A bad argument: one line for the user, exit status 2."""


class Refused(Exception):
    """What was asked is not allowed by the data (e.g. an unknown network group): exit 1."""


class Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one Norwegian line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: feil: {message}\n")


def operator_name() -> str:
    """Who runs the command, for the audit trail."""
    return f"cli:{getpass.getuser()}"


def parse_year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ugyldig år {text!r}") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"året {year} er utenfor {FIRST_YEAR}–{LAST_YEAR}")
    return year


def parse_date(text: str) -> dt.date:
    """ISO (2026-04-16) or Norwegian (16.04.2026), in 2000–2100."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if FIRST_YEAR <= day.year <= LAST_YEAR:
            return day
        raise argparse.ArgumentTypeError(f"datoen {text} er utenfor {FIRST_YEAR}–{LAST_YEAR}")
    raise argparse.ArgumentTypeError(f"ugyldig dato {text!r}, bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ")


def parse_days(text: str) -> int:
    """A number of days, 0–3650 (`terms --within-days`)."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"ugyldig antall dager {text!r} (et helt tall, 0–3650)")
    days = int(text)
    if days > 3650:
        raise argparse.ArgumentTypeError(f"{days} dager er mer enn grensen på 3650")
    return days


def parse_municipality(text: str) -> str:
    if not text.isdigit() or len(text) > 4:
        raise argparse.ArgumentTypeError(f"ugyldig kommunenummer {text!r} (fire sifre)")
    return text.zfill(4)


def open_database(text: str) -> Database:
    return Database(text)


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=open_database,
        required=True,
        help="databasen: en mappe, eller ducklake:postgres:… data_path=…",
    )


def add_year(parser: argparse.ArgumentParser, required: bool = True, what: str = "år") -> None:
    """`--year`, in 2000–2100; `what` names it in the help."""
    parser.add_argument(
        "--year", type=parse_year, required=required, help=f"{what} ({FIRST_YEAR}–{LAST_YEAR})"
    )


def add_as_of(parser: argparse.ArgumentParser, help_text: str) -> None:
    """`--as-of`, the day the figures are counted at (`help_text` says its default)."""
    parser.add_argument("--as-of", type=parse_date, help=help_text)


def add_scope(parser: argparse.ArgumentParser, year_required: bool = True) -> None:
    add_year(parser, year_required)
    add_as_of(parser, "dato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ); standard: 31.12 eller i dag")
    parser.add_argument("--health-trust", help="helseforetakets kode, f.eks. stavanger")
    parser.add_argument("--network-group", help="nettverksgruppens kode, f.eks. SYK-STAV")
    parser.add_argument(
        "--municipality", type=parse_municipality, help="kommunenummer, f.eks. 1103"
    )
    parser.add_argument("--profession", choices=PROFESSIONS)
    parser.add_argument("--network", choices=GROUP_NETWORKS, help="nettverk")
    parser.add_argument("--unit-type", choices=UNIT_TYPES)


def add_language(parser: argparse.ArgumentParser) -> None:
    """The language of the file (headers, labels, numbers and dates); the command line's own
    messages stay bokmål."""
    parser.add_argument(
        "--sprak",
        choices=list(LANGUAGES),
        default=DEFAULT_LANGUAGE,
        help="språket i filen: nb (bokmål), nn (nynorsk) eller en (engelsk); standard: nb",
    )


def scope_of(args: argparse.Namespace) -> Scope:
    """The year, as-of date and selection the arguments name (a filter the command does not
    take is not chosen)."""
    year = args.year or dt.date.today().year
    if args.as_of is not None and args.as_of.year != year:
        raise ArgumentError(f"--as-of {args.as_of:%d.%m.%Y} er ikke i året {year}")
    return Scope(
        year=year,
        as_of=args.as_of,
        selection=Selection(
            **{name: getattr(args, name, None) for name in SELECTION_ARGUMENTS},
        ),
    )


def check_codes(database: Database, selection: Selection) -> None:
    """Codes of health trusts, groups and municipalities must exist in the database."""
    options = database.run("filter_options")
    for name, code in selection.chosen().items():
        if name in ("health_trust", "network_group", "municipality"):
            known = set(options.loc[options["kind"] == name, "code"])
            if code not in known:
                raise ArgumentError(
                    f"ukjent {labels.FILTER[name].lower()} «{code}» i databasen "
                    f"(kjente: {', '.join(sorted(known)[:12])}{' …' if len(known) > 12 else ''})"
                )


def print_records(records: list[dict[str, Any]], keys: Sequence[str], output_format: str) -> None:
    """Records on stdout: a JSON list, or CSV with `keys` as the header (None empty, a list
    comma-separated)."""
    if output_format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    writer = csv.writer(sys.stdout)
    writer.writerow(keys)
    for row in records:
        writer.writerow(
            [
                "" if row[k] is None else ",".join(row[k]) if isinstance(row[k], list) else row[k]
                for k in keys
            ]
        )
