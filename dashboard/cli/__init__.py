"""Command line: python -m dashboard COMMAND, one module per command (or family of commands):

    serve                      serve.py       start the app, once sign-in is set up
    demo                       demo.py        build the demo database
    indicators                 indicators.py  every indicator for a year and a selection
    compare                    compare.py     the indicators per health trust or network group
    import                     imports.py     CSV/XLSX files into the database
    lake                       lake.py        an older database into DuckLake; its maintenance
    report                     report.py      annual report (pdf, xlsx) or meeting pack
    user                       user.py        who has access, in which role
    export                     export.py      one table to CSV or XLSX
    plan, terms                governance.py  the annual plan; terms ending, groups without leader
    checkin-link, round-links  capture.py     check-in link and QR code; the questionnaire's links
    meeting, note              meeting.py     meetings, frozen figures, decisions
    subscription, send         subscription.py  e-mail subscriptions; sending what is due

This module only wires them: the parser (subcommands in the order above), `COMMANDS`,
`NEEDS_EXISTING_DB` and `main()`. What the commands share is in `common.py`.

Every subcommand that takes `--db` takes a lake (a folder, or `ducklake:postgres:… data_path=…`)
and reads or changes it through `Database`, so it works while the app serves the same database.
A bad argument gets one line on stderr and exit status 2, never a traceback.

The command line's own messages are bokmål. `report` and `export` take `--sprak nb|nn|en`: the
file's headers, labels, numbers and dates are then in that language (as in the app).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from dashboard.cli import (
    capture,
    compare,
    demo,
    export,
    governance,
    imports,
    indicators,
    lake,
    meeting,
    report,
    serve,
    subscription,
    user,
)
from dashboard.cli.common import ArgumentError, Parser, Refused
from dashboard.engine.database import DatabaseBusy, DatabaseMissing
from dashboard.engine.i18n import using
from dashboard.engine.lake import older_file

# The order of the subcommands in `--help`.
COMMAND_MODULES: tuple[ModuleType, ...] = (
    serve,
    demo,
    indicators,
    compare,
    imports,
    lake,
    report,
    user,
    export,
    governance,
    capture,
    meeting,
    subscription,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m dashboard",
        description="Styringsindikatorer for nettverk i kreftomsorg og lindrende behandling.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for module in COMMAND_MODULES:
        module.add_parsers(commands)
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "serve": serve.serve,
    "demo": demo.demo,
    "indicators": indicators.indicators,
    "compare": compare.compare,
    "import": imports.import_files,
    "report": report.report,
    "user": user.user,
    "export": export.export,
    "lake": lake.lake,
    "plan": governance.plan,
    "terms": governance.terms,
    "checkin-link": capture.checkin_link,
    "round-links": capture.round_links,
    "meeting": meeting.meeting,
    "note": meeting.note,
    "subscription": subscription.subscription,
    "send": subscription.send,
}
NEEDS_EXISTING_DB = (
    "indicators",
    "compare",
    "report",
    "export",
    "plan",
    "terms",
    "checkin-link",
    "round-links",
    "meeting",
    "note",
    "subscription",
    "send",
)

# What ends a command short: the line it prints on stderr and the exit status.
FAILURES: dict[type[Exception], tuple[str, int]] = {
    ArgumentError: ("python -m dashboard {command}: feil: {error}", 2),
    Refused: ("{error}", 1),
    DatabaseMissing: ("Fant ikke databasen {error}", 2),
    DatabaseBusy: ("{error}", 3),
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["serve"] and not {"-h", "--help"} & set(arguments):
        # Everything after `serve` belongs to `streamlit run`, in its own order.
        args = argparse.Namespace(command="serve", streamlit_args=arguments[1:])
    else:
        args = build_parser().parse_args(arguments)
    try:
        if args.command in NEEDS_EXISTING_DB and not args.db.exists():
            if args.db.location.folder is not None and args.db.location.folder.is_file():
                raise ArgumentError(older_file(args.db.location.folder))
            raise ArgumentError(f"Fant ikke databasen {args.db.path}")
        with using(getattr(args, "sprak", None)):
            return COMMANDS[args.command](args)
    except tuple(FAILURES) as error:
        line, status = next(FAILURES[kind] for kind in FAILURES if isinstance(error, kind))
        print(line.format(command=args.command, error=error), file=sys.stderr)
        return status
