"""Command line: python -m dashboard demo | indicators | import | export."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import admin, db, export, importer, report, store
from dashboard.access import record
from dashboard.demo import DEFAULT_DB, DEFAULT_SEED, build_demo, summary
from dashboard.export import ExportMeta
from dashboard.formatting import format_fraction, format_value
from dashboard.indicators import status_label
from dashboard.scorecard import IndicatorResult, Selection, compute_scorecard
from dashboard.tables import EXPORTABLE_TABLES, named_table


def _date(text: str) -> dt.date:
    """ISO (2026-04-16) or Norwegian (16.04.2026)."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"ugyldig dato {text!r}, bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--health-trust", help="helseforetakets kode, f.eks. stavanger")
    parser.add_argument("--network-group", help="nettverksgruppens kode, f.eks. SYK-STAV")
    parser.add_argument("--municipality", help="kommunenummer, f.eks. 1103")
    parser.add_argument("--profession", choices=["sykepleier", "fysioterapeut", "ergoterapeut"])
    parser.add_argument("--network", choices=["sykepleier", "fysio_ergo"], help="nettverk")
    parser.add_argument(
        "--unit-type",
        choices=["sykehjem", "hjemmetjeneste", "sykehusavdeling", "poliklinikk", "annet"],
    )


def _selection(args: argparse.Namespace) -> Selection:
    municipality = args.municipality
    if municipality is not None and municipality.isdigit():
        municipality = municipality.zfill(4)
    return Selection(
        health_trust=args.health_trust,
        network_group=args.network_group,
        municipality=municipality,
        profession=args.profession,
        network=args.network,
        unit_type=args.unit_type,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Styringsindikatorer for nettverk i kreftomsorg og lindrende behandling.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="bygg demodatabasen")
    demo.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"standard: {DEFAULT_DB}")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED)
    demo.add_argument(
        "--scale", choices=["demo", "national", "10x"], default="demo",
        help="demo: Helse Stavanger; national: ~356 kommuner, ~2 500 aktive; 10x: ti ganger det",
    )  # fmt: skip

    indicators = commands.add_parser("indicators", help="alle indikatorer for et år og et utvalg")
    indicators.add_argument("--db", type=Path, required=True)
    indicators.add_argument("--year", type=int, required=True)
    indicators.add_argument(
        "--as-of",
        type=_date,
        help="dato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ); standard: 31.12 eller i dag",
    )
    _add_filters(indicators)
    indicators.add_argument("--format", choices=["table", "csv", "json"], default="table")

    importer = commands.add_parser(
        "import", help="importer CSV/XLSX-filer; filnavnet sier tabellen (member.csv, unit.xlsx)"
    )
    importer.add_argument("--db", type=Path, required=True)
    importer.add_argument("files", nargs="+", type=Path)

    store_parser = commands.add_parser(
        "store", help="lag en delt, versjonert database for flere prosesser (make serve)"
    )
    store_parser.add_argument("action", choices=["init"])
    store_parser.add_argument("--from", dest="source", type=Path, required=True)
    store_parser.add_argument("--to", dest="target", type=Path, required=True)

    report_parser = commands.add_parser(
        "report", help="årsrapport (pdf), samme innhold som regneark (xlsx) eller møtepakke (pack)"
    )
    report_parser.add_argument("--db", type=Path, required=True)
    report_parser.add_argument("--year", type=int, required=True)
    report_parser.add_argument("--as-of", type=_date)
    _add_filters(report_parser)
    report_parser.add_argument("--format", choices=["pdf", "xlsx", "pack"], default="pdf")
    report_parser.add_argument("--output", type=Path, required=True)

    user = commands.add_parser("user", help="gi, endre eller fjern tilgang (rollen til en e-post)")
    user.add_argument("action", choices=["add", "remove", "list"])
    user.add_argument("email", nargs="?")
    user.add_argument(
        "role", nargs="?", choices=["styringsgruppe", "nettverksleder", "koordinator"]
    )
    user.add_argument(
        "--groups", default="", help="nettverksgrupper for en nettverksleder, f.eks. SYK-SAND"
    )
    user.add_argument("--db", type=Path, required=True)

    export = commands.add_parser("export", help="eksporter en tabell til CSV eller XLSX")
    export.add_argument("table", choices=EXPORTABLE_TABLES)
    export.add_argument("--db", type=Path, required=True)
    export.add_argument("--year", type=int, help="år (for indikatorer og lister); standard: i år")
    export.add_argument("--as-of", type=_date)
    _add_filters(export)
    export.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
    export.add_argument("--output", type=Path, required=True)
    return parser


def _print_indicators(results: list[IndicatorResult], output_format: str) -> None:
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        if args.scale != "demo":
            from dashboard.scale import build_scaled

            path = build_scaled(args.db, args.scale, seed=args.seed, progress=print)
        else:
            path = build_demo(args.db, seed=args.seed)
        counts = summary(path)
        print(f"Demodatabasen er bygd: {path}")
        print(", ".join(f"{table} {n}" for table, n in counts.items()))
        return 0
    if args.command == "indicators":
        if not args.db.is_file():
            print(f"Fant ikke databasen {args.db}", file=sys.stderr)
            return 2
        con = db.connect(args.db, read_only=True)
        try:
            results = compute_scorecard(con, args.year, _selection(args), as_of_date=args.as_of)
        finally:
            con.close()
        _print_indicators(results, args.format)
        return 0
    if args.command == "export" and not args.db.is_file():
        print(f"Fant ikke databasen {args.db}", file=sys.stderr)
        return 2
    if args.command == "import":
        return _import(args)
    if args.command == "user":
        return _user(args)
    if args.command == "report":
        return _report(args)
    if args.command == "store":
        first = store.create(args.target, args.source)
        print(f"Delt database i {args.target} (første versjon {first.name})")
        return 0
    return _export(args)


def _report(args: argparse.Namespace) -> int:
    if not args.db.is_file():
        print(f"Fant ikke databasen {args.db}", file=sys.stderr)
        return 2
    con = db.connect(args.db, read_only=True)
    try:
        data = report.build(con, args.year, args.format, _selection(args), as_of=args.as_of)
    except report.ReportUnavailable as missing:
        print(str(missing), file=sys.stderr)
        return 1
    finally:
        con.close()
    args.output.write_bytes(data)
    print(f"Skrev {args.output} ({len(data) / 1024:.0f} kB)")
    return 0


def _user(args: argparse.Namespace) -> int:
    """The first coordinator is added here; after that, coordinators use the admin page."""
    con = db.connect(args.db)
    try:
        users = db.run(con, "app_user_list")
        if args.action == "list":
            for row in users.itertuples(index=False):
                print(f"{row.email}\t{row.role}\t{row.network_groups}")
            return 0
        if not args.email:
            print("Oppgi e-postadressen.", file=sys.stderr)
            return 2
        email = args.email.strip().lower()
        kept = users[users["email"] != email]
        if args.action == "add":
            if not args.role:
                print(
                    "Oppgi rollen: styringsgruppe, nettverksleder eller koordinator.",
                    file=sys.stderr,
                )
                return 2
            new = pd.DataFrame([{"email": email, "role": args.role, "network_groups": args.groups}])
            kept = pd.concat([kept, new], ignore_index=True)
        groups = set(db.run(con, "filter_options").query("kind == 'network_group'")["code"])
        problems = admin.validate_users(kept, groups)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        admin.save_users(con, kept, by=f"cli:{getpass.getuser()}")
    finally:
        con.close()
    print(f"Lagret: {email} {'fjernet' if args.action == 'remove' else args.role}")
    return 0


def _import(args: argparse.Namespace) -> int:
    files, problems = importer.read_paths(args.files)
    user = f"cli:{getpass.getuser()}"

    def load(con: duckdb.DuckDBPyConnection) -> importer.ImportResult:
        if problems:
            raise importer.ImportRejected(problems)
        loaded = importer.import_files(con, files, imported_by=user)
        record(con, user, "import", ", ".join(p.name for p in args.files), "",
               loaded.inserted + loaded.updated)  # fmt: skip
        return loaded

    try:
        if store.is_store(args.db):
            result = store.publish(args.db, load)  # a new version every process then reads
        else:
            con = db.connect(args.db)
            try:
                result = load(con)
            finally:
                con.close()
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
    selection = _selection(args)
    con = db.connect(args.db, read_only=True)
    try:
        table = named_table(con, args.table, selection, year=args.year, as_of=args.as_of)
    finally:
        con.close()
    filters = {**({"år": str(args.year)} if args.year else {}), **selection.describe()}
    meta = ExportMeta(title=table.title, filters=filters)
    writer = export.to_xlsx if args.format == "xlsx" else export.to_csv
    args.output.write_bytes(writer(table.frame, meta, table.formats))
    print(f"Skrev {len(table.frame)} rader til {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
