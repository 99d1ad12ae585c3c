"""Command line: python -m dashboard serve | demo | indicators | import | export | report | user |
lake | plan | terms | checkin-link | round-links | meeting | note.

Every subcommand that takes `--db` takes a lake (a folder, or `ducklake:postgres:… data_path=…`)
and reads or changes it through `Database`, so it works while the app serves the same database.
A bad argument gets one line on stderr and exit status 2, never a traceback. What the commands
share is in `common.py`; the meeting memory's commands in `meeting.py`.

The command line's own messages are bokmål. `report` and `export` take `--sprak nb|nn|en`: the
file's headers, labels, numbers and dates are then in that language (as in the app).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.cli import meeting as meeting_commands
from dashboard.cli.common import (
    FIRST_YEAR,
    LAST_YEAR,
    ArgumentError,
    Parser,
    Refused,
    add_db,
    add_language,
    add_scope,
    check_codes,
    open_database,
    parse_date,
    parse_days,
    parse_year,
    scope_of,
)
from dashboard.demo.network import DEFAULT_DB, DEFAULT_SEED, build_demo, summary
from dashboard.engine import admin, db, maintenance, meetings, moving, signin
from dashboard.engine.access import OPERATOR, parse_groups, people, record
from dashboard.engine.comparison import BY_VALUES, compare
from dashboard.engine.contract import GROUP_NETWORKS, PROFESSIONS, UNIT_TYPES
from dashboard.engine.database import (
    Database,
    DatabaseBusy,
    DatabaseMissing,
    database_from_environment,
)
from dashboard.engine.formatting import format_fraction, format_value
from dashboard.engine.governance import ENDING_WITHIN_DAYS
from dashboard.engine.i18n import using
from dashboard.engine.indicators import status_label
from dashboard.engine.lake import older_file
from dashboard.engine.plan import DUE_SOON_DAYS
from dashboard.engine.scope import Selection, namer, place_names
from dashboard.engine.scorecard import IndicatorResult, compute_scorecard
from dashboard.exchange import export, governance_tables, importer, report
from dashboard.exchange.export import ExportMeta
from dashboard.exchange.governance_tables import PLAN_RECORD_KEYS, TERMS_RECORD_KEYS
from dashboard.exchange.region import RECORD_KEYS, comparison_records
from dashboard.exchange.tables import EXPORTABLE_TABLES, named_table


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m dashboard",
        description="Styringsindikatorer for nettverk i kreftomsorg og lindrende behandling.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    serve = commands.add_parser(
        "serve",
        help="start appen (streamlit run) etter å ha sjekket at innloggingen er satt opp",
        description="Starter appen bare når den ikke kan servere data uten innlogging: "
        "DASHBOARD_DEMO=1, identitet fra en betrodd proxy (server.trustedUserHeaders) eller "
        "en fullstendig [auth]-del med en ekte cookie_secret. Andre argumenter går videre til "
        "streamlit run.",
    )
    serve.add_argument("streamlit_args", nargs="*", help="f.eks. --server.port 8501")

    demo = commands.add_parser("demo", help="bygg demodatabasen")
    demo.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"standard: {DEFAULT_DB}")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED)
    demo.add_argument(
        "--scale",
        choices=["demo", "national", "10x"],
        default="demo",
        help="demo: Helse Stavanger; national: ~356 kommuner, ~3 000 aktive; 10x: ti ganger det",
    )

    indicators = commands.add_parser("indicators", help="alle indikatorer for et år og et utvalg")
    add_db(indicators)
    add_scope(indicators, year_required=False)
    indicators.add_argument(
        "--meeting", help="tallene slik de ble frosset for møtet (utvalg og år fra møtet)"
    )
    indicators.add_argument("--format", choices=["table", "csv", "json"], default="table")

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
    compare_parser.add_argument("--by", choices=BY_VALUES, default="health_trust")
    compare_parser.add_argument(
        "--health-trust",
        help="bare nettverksgruppene i dette helseforetaket (med --by network_group)",
    )
    compare_parser.add_argument("--network", choices=GROUP_NETWORKS, help="nettverk")
    compare_parser.add_argument("--profession", choices=PROFESSIONS)
    compare_parser.add_argument("--unit-type", choices=UNIT_TYPES)
    compare_parser.add_argument("--format", choices=["json", "csv"], default="json")

    import_parser = commands.add_parser(
        "import", help="importer CSV/XLSX-filer; filnavnet sier tabellen (member.csv, unit.xlsx)"
    )
    import_parser.add_argument("--db", type=open_database, required=True)
    import_parser.add_argument("files", nargs="+", type=Path)

    lake_parser = commands.add_parser(
        "lake",
        help="flytt en eldre database inn i DuckLake (init), eller rydd i den (maintain)",
        description="init: kopierer hver tabell og rad fra en DuckDB-fil, en delt database "
        "(mappe med versjoner) eller en mappe med Parquet/CSV per tabell inn i databasen, og "
        "skriver antall rader før og etter. maintain: DuckLakes eget vedlikehold (slår sammen "
        "små filer, flytter innebygde rader til Parquet, fjerner gamle øyeblikksbilder og filer).",
    )
    lake_parser.add_argument("action", choices=["init", "maintain"])
    lake_parser.add_argument("--from", dest="source", type=Path, help="den eldre databasen")
    lake_parser.add_argument(
        "--db",
        type=open_database,
        default=None,
        help="databasen (mappe eller ducklake:postgres:… data_path=…); "
        "standard: DASHBOARD_LAKE eller data/demo.lake",
    )
    lake_parser.add_argument(
        "--keep-days",
        type=int,
        default=30,
        help="maintain: behold øyeblikksbilder så mange dager (standard 30)",
    )

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
    report_parser.add_argument("--format", choices=list(report.FORMATS), default="pdf")
    report_parser.add_argument("--output", type=Path, required=True)
    add_language(report_parser)

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

    export_parser = commands.add_parser("export", help="eksporter en tabell til CSV eller XLSX")
    export_parser.add_argument("table", choices=EXPORTABLE_TABLES)
    add_db(export_parser)
    add_scope(export_parser, year_required=False)
    export_parser.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
    export_parser.add_argument("--output", type=Path, required=True)
    add_language(export_parser)

    plan_parser = commands.add_parser(
        "plan", help="årsplanens aktiviteter med status og frist, delmål og satsningsområde"
    )
    add_db(plan_parser)
    plan_parser.add_argument(
        "--year", type=parse_year, required=True, help=f"årsplanens år ({FIRST_YEAR}–{LAST_YEAR})"
    )
    plan_parser.add_argument(
        "--as-of",
        type=parse_date,
        help="dagen forfalt og «frist innen 30 dager» regnes fra; standard: 31.12 eller i dag",
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
    terms_parser.add_argument("--as-of", type=parse_date, help="dato; standard: i dag")
    terms_parser.add_argument("--health-trust", help="helseforetakets kode, f.eks. stavanger")
    terms_parser.add_argument("--format", choices=["json", "csv"], default="json")
    _add_capture_parsers(commands)
    meeting_commands.add_parsers(commands)
    return parser


def _operator() -> str:
    """Who runs the command, for the audit trail."""
    return f"cli:{getpass.getuser()}"


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


def _demo(args: argparse.Namespace) -> int:
    if args.scale != "demo":
        from dashboard.demo.scale import build_scaled

        path = build_scaled(args.db, args.scale, seed=args.seed, progress=print)
    else:
        path = build_demo(args.db, seed=args.seed)
    counts = summary(path)
    print(f"Demodatabasen er bygd: {path}")
    print(", ".join(f"{table} {n}" for table, n in counts.items()))
    return 0


def _indicators(args: argparse.Namespace) -> int:
    snapshot = None
    if args.meeting:
        scope, frozen = meeting_commands.frozen_report(args)
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


def _compare(args: argparse.Namespace) -> int:
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
        records = comparison_records(compare(con, scope, args.by))
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    writer = csv.writer(sys.stdout)
    writer.writerow(RECORD_KEYS)
    for record_ in records:
        writer.writerow(["" if record_[k] is None else record_[k] for k in RECORD_KEYS])
    return 0


def _report(args: argparse.Namespace) -> int:
    frozen = None
    if args.meeting:
        scope, frozen = meeting_commands.frozen_report(args)
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
            data = report.build(
                con,
                scope,
                args.format,
                filters=scope.selection.describe(namer(place_names(con))),
                notes=notes,
                frozen_line=meetings.frozen_line(frozen) if frozen else "",
            )
        except report.ReportUnavailable as missing:
            print(str(missing), file=sys.stderr)
            return 1
    args.output.write_bytes(data)
    print(f"Skrev {args.output} ({len(data) / 1024:.0f} kB)")
    return 0


def _user(args: argparse.Namespace) -> int:
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
        admin.save_users(con, kept, by=_operator())

    args.db.change(save)
    print(f"Lagret: {email} {'fjernet' if args.action == 'remove' else args.role}")
    return 0


def _import(args: argparse.Namespace) -> int:
    files, problems = importer.read_paths(args.files)
    user = _operator()

    def load(con: duckdb.DuckDBPyConnection) -> importer.ImportResult:
        if problems:
            raise importer.ImportRejected(problems)
        return importer.import_and_record(con, files, user)

    try:
        result = args.db.change(load)
    except importer.ImportRejected as rejected:
        for problem in rejected.problems:
            print(problem, file=sys.stderr)
        print(f"Ingenting ble importert ({len(rejected.problems)} feil).", file=sys.stderr)
        return 1
    for change in result.changes:
        print(
            f"{change.file_name} → {change.table}: {change.inserted} nye, {change.updated} endret, "
            f"{change.unchanged} uendret"
        )
    print(f"Importert som import nr. {result.import_id}.")
    return 0


def _export(args: argparse.Namespace) -> int:
    scope = scope_of(args)
    check_codes(args.db, scope.selection)
    with args.db.read() as con:
        table = named_table(con, args.table, scope, OPERATOR)
        described = scope.describe(namer(place_names(con)))
    meta = ExportMeta(title=table.title, filters=described)
    writer = export.to_xlsx if args.format == "xlsx" else export.to_csv
    args.output.write_bytes(writer(table.frame, meta, table.formats))
    if table.personal:
        args.db.change(
            lambda con: record(
                con,
                _operator(),
                "eksport av personopplysninger",
                f"{table.title} ({args.format}, kommandolinjen)",
                "; ".join(f"{k}: {v}" for k, v in described.items()),
                len(table.frame),
            )
        )
    print(f"Skrev {len(table.frame)} rader til {args.output}")
    return 0


def _print_records(records: list[dict[str, Any]], keys: Sequence[str], output_format: str) -> None:
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


def _plan(args: argparse.Namespace) -> int:
    """The year's annual plan: one record per activity, with its delmål and focus area."""
    scope = scope_of(
        argparse.Namespace(
            year=args.year,
            as_of=args.as_of,
            health_trust=args.health_trust,
            network_group=None,
            municipality=None,
            profession=None,
            network=args.network,
            unit_type=None,
        )
    )
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
    _print_records(governance_tables.plan_records(rows), PLAN_RECORD_KEYS, args.format)
    return 0


def _terms(args: argparse.Namespace) -> int:
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
    _print_records(records, TERMS_RECORD_KEYS, args.format)
    named = sum(1 for r in records if r["name"])
    if named:
        args.db.change(
            lambda con: record(
                con,
                _operator(),
                "eksport av personopplysninger",
                f"Styringsorganer: verv som slutter innen {args.within_days} dager "
                f"({args.format}, kommandolinjen)",
                f"Per dato: {day:%d.%m.%Y}",
                named,
            )
        )
    return 0


def _streamlit_flags(arguments: Sequence[str]) -> dict[str, Any]:
    """The options among `streamlit run` flags that decide sign-in (`--secrets.files` may
    repeat; `--server.trustedUserHeaders` is JSON, as Streamlit takes it)."""
    flags: dict[str, Any] = {}
    items = list(arguments)
    for position, item in enumerate(items):
        if not item.startswith("--"):
            continue
        name, has_value, value = item[2:].partition("=")
        if not has_value:
            if position + 1 >= len(items):
                continue
            value = items[position + 1]
        if name == "secrets.files":
            flags.setdefault(name, []).append(value)
        elif name == "server.trustedUserHeaders":
            try:
                flags[name] = json.loads(value)
            except json.JSONDecodeError:
                raise ArgumentError("--server.trustedUserHeaders må være JSON") from None
    return flags


def _serve(args: argparse.Namespace) -> int:
    """Refuse to start a server that would serve data without sign-in; else run Streamlit."""
    from streamlit import config  # the launcher only: Streamlit's own option reading

    streamlit_args = [item for item in args.streamlit_args if item != "--"]
    config.get_config_options(
        force_reparse=True, options_from_flags=_streamlit_flags(streamlit_args)
    )
    secret_files = [Path(name) for name in config.get_option("secrets.files")]
    problem = signin.configuration_problem(
        demo=os.environ.get("DASHBOARD_DEMO") == "1",
        trusted_headers=bool(config.get_option("server.trustedUserHeaders")),
        auth=lambda: signin.read_auth(secret_files),
    )
    if problem:
        raise Refused(f"Starter ikke: {problem}")
    app = Path(__file__).parent / "ui" / "app.py"
    # Streamlit's `run`, its sockets without Nagle's algorithm (dashboard/ui/server.py).
    command = [sys.executable, "-m", "dashboard.ui.server", "run", str(app), *streamlit_args]
    sys.stdout.flush()
    os.execv(sys.executable, command)


def _lake(args: argparse.Namespace) -> int:
    target = args.db or database_from_environment()
    if args.action == "maintain":
        for step, done in maintenance.maintain(target, keep_days=args.keep_days):
            print(f"{step}: {done}")
        return 0
    if args.source is None:
        raise ArgumentError("init trenger --from (den eldre databasen)")
    try:
        moved = moving.move(args.source, Database(target.path, create=True))
    except moving.CannotMove as error:
        raise ArgumentError(str(error)) from error
    width = max(len(m.table) for m in moved)
    print(f"{'tabell':<{width}}  {'før':>8}  {'etter':>8}")
    for m in moved:
        print(f"{m.table:<{width}}  {m.before:>8}  {m.after:>8}")
    differ = [m.table for m in moved if m.before != m.after]
    if differ:
        print(f"Ulikt antall rader i: {', '.join(differ)}", file=sys.stderr)
        return 1
    print(f"Flyttet {sum(m.after for m in moved)} rader i {len(moved)} tabeller til {target}")
    return 0


# --- check-in links and the questionnaire's mail merge (issue 18) -------------------------------


def _add_capture_parsers(commands: Any) -> None:
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
    checkin_parser.add_argument("--base-url", type=_base_url, help="appens adresse, https://…")
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
    links_parser.add_argument("--base-url", type=_base_url, help="appens adresse, https://…")


def _base_url(text: str) -> str:
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


def _capture_settings(database: Database, base_url: str | None) -> tuple[str, str]:
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


def _checkin_link(args: argparse.Namespace) -> int:
    import segno

    from dashboard.engine import capture
    from dashboard.exchange import checkin

    with args.db.read() as con:
        found = checkin.event(con, args.event)
    if found is None:
        raise ArgumentError(f"ukjent arrangement «{args.event}» i databasen")
    secret, base_url = _capture_settings(args.db, args.base_url)
    link = capture.checkin_link(base_url, capture.checkin_token(secret, found.event_id))
    if args.png is not None:
        if not args.png.parent.is_dir():
            raise ArgumentError(f"mappen {args.png.parent} finnes ikke")
        segno.make(link, error="m").save(str(args.png), kind="png", scale=12, border=4)
        print(f"Skrev QR-koden til {args.png}", file=sys.stderr)
    print(link)
    return 0


def _round_links(args: argparse.Namespace) -> int:
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
    secret, base_url = _capture_settings(args.db, args.base_url)
    with args.db.read() as con:
        population = people(con, "questionnaire_mail_merge", key.params(), OPERATOR).rows
    table = questionnaire.mail_merge(population, secret, key, found.closes_on, base_url)
    args.output.write_bytes(questionnaire.mail_merge_file(table, output_format))
    args.db.change(
        lambda con: record(
            con,
            _operator(),
            "eksport av personopplysninger",
            f"{table.title} ({output_format}, kommandolinjen)",
            key.label,
            len(table.frame),
        )
    )
    print(f"Skrev {len(table.frame)} personlige lenker til {args.output}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "serve": _serve,
    "demo": _demo,
    "indicators": _indicators,
    "compare": _compare,
    "import": _import,
    "report": _report,
    "user": _user,
    "export": _export,
    "lake": _lake,
    "plan": _plan,
    "terms": _terms,
    "checkin-link": _checkin_link,
    "round-links": _round_links,
    "meeting": meeting_commands.meeting,
    "note": meeting_commands.note,
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
)


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
    except ArgumentError as error:
        print(f"python -m dashboard {args.command}: feil: {error}", file=sys.stderr)
        return 2
    except Refused as refused:
        print(str(refused), file=sys.stderr)
        return 1
    except DatabaseMissing as missing:
        print(f"Fant ikke databasen {missing}", file=sys.stderr)
        return 2
    except DatabaseBusy as busy:
        print(str(busy), file=sys.stderr)
        return 3
