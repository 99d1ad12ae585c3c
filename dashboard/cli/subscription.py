"""`subscription add|list|remove` (who gets which figures by e-mail) and `send` (what is due now,
over SMTP; run by cron or a Kubernetes CronJob, see docs/deployment.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from dashboard.cli.capture import capture_settings, parse_base_url
from dashboard.cli.common import ArgumentError, add_db, add_scope, check_codes, scope_of
from dashboard.engine import subscriptions
from dashboard.engine.i18n import LANGUAGES
from dashboard.engine.rules import SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_KINDS
from dashboard.engine.subscriptions import SubscriptionRefused
from dashboard.exchange import dispatch, mail


def _moment(text: str) -> dt.datetime:
    """ISO time (2026-12-07T07:00, or with a zone); without a zone, Norwegian time."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ugyldig tidspunkt {text!r}, bruk f.eks. 2026-12-07T07:00"
        ) from None
    if moment.tzinfo is None:
        from dashboard.engine.capture import OSLO

        moment = moment.replace(tzinfo=OSLO)
    return moment


def add_parsers(commands: Any) -> None:
    sub = commands.add_parser(
        "subscription",
        help="abonnementer på tall per e-post: legg til (add), vis (list), fjern (remove)",
        description="digest: indikatorene for et utvalg mot målene, og hva som er endret siden "
        "sist (weekly eller monthly); pack: styringsgruppens møtepakke N dager før hvert møte "
        "(before_meeting, --days-before); alert: én melding når en indikator går fra nådd til "
        "nær eller ikke nådd, eller tilbake (daily); reminder: koordinatorens påminnelser om "
        "lederverv som slutter innen 60 dager, forfalte aktiviteter i årsplanen og "
        "rapporteringsrunder som stenger innen 14 dager, med liste over dem som ikke har svart "
        "(weekly eller monthly; bare til koordinatorer). E-posten må ha en rolle.",
    )
    sub.add_argument("action", choices=["add", "list", "remove"])
    add_db(sub)
    sub.add_argument("--email", help="mottakeren (må ha en rolle, se user list)")
    sub.add_argument("--kind", choices=SUBSCRIPTION_KINDS)
    sub.add_argument("--frequency", choices=SUBSCRIPTION_FREQUENCIES)
    sub.add_argument("--days-before", type=int, default=7, help="pack: dager før møtet (7)")
    sub.add_argument("--language", choices=list(LANGUAGES), default="nb", help="nb, nn eller en")
    sub.add_argument("--id", type=int, help="remove: abonnementets nummer")
    add_scope(sub, year_required=False)

    send = commands.add_parser(
        "send",
        help="send det abonnementene har til gode nå (e-post over SMTP)",
        description="Sender hver melding som er til gode på tidspunktet, én gang: kjørt to "
        "ganger, eller av to prosesser samtidig, går hver melding ut én gang. SMTP: "
        "DASHBOARD_SMTP_HOST, _PORT, _FROM, _USER, _PASSWORD, _TLS (starttls, ssl, none), eller "
        "[smtp] i .streamlit/secrets.toml.",
    )
    add_db(send)
    send.add_argument("--now", type=_moment, help="tidspunktet (ISO); standard: nå")
    send.add_argument("--dry-run", action="store_true", help="vis hva som ville blitt sendt")
    send.add_argument("--base-url", type=parse_base_url, help="appens adresse, https://…")


def subscription(args: argparse.Namespace) -> int:
    if args.action == "list":
        with args.db.read() as con:
            found = subscriptions.subscriptions(con, args.email)
        for s in found:
            when = f"{s.days_before} dager før møtene" if s.kind == "pack" else s.frequency
            print(f"{s.subscription_id}\t{s.email}\t{s.kind}\t{when}\t{s.selection_key or 'alt'}")
        return 0
    if args.action == "remove":
        if args.id is None:
            raise ArgumentError("remove trenger --id")
        args.db.change(
            lambda con: subscriptions.remove(con, args.id, "kommandolinjen"), message="avmeldt"
        )
        print(f"Abonnement {args.id} er fjernet.")
        return 0
    if not (args.email and args.kind and args.frequency):
        raise ArgumentError("add trenger --email, --kind og --frequency")
    selection = scope_of(args).selection
    check_codes(args.db, selection)
    new = subscriptions.NewSubscription(
        args.email, args.kind, selection, args.frequency, args.language, args.days_before
    )
    try:
        args.db.change(
            lambda con: subscriptions.add(con, new, "kommandolinjen"), message="abonnement"
        )
    except SubscriptionRefused as refused:
        raise ArgumentError(str(refused)) from None
    print(f"{args.email} abonnerer på {args.kind} ({args.frequency}).")
    return 0


def send(args: argparse.Namespace) -> int:
    now = args.now or dt.datetime.now(dt.UTC)
    secret, base_url = capture_settings(args.db, args.base_url)
    settings = None
    if not args.dry_run:
        try:
            settings = mail.smtp_settings()
        except mail.MailUnavailable as error:
            raise ArgumentError(str(error)) from None
    outcome = dispatch.send_due(args.db, now, base_url, secret, settings, args.dry_run)
    for line in outcome.lines:
        print(line)
    print(f"Sendt {outcome.sent}, hoppet over {outcome.skipped}, feilet {outcome.failed}.")
    if outcome.failed:
        print("Noe ble ikke sendt; det prøves igjen ved neste kjøring.", file=sys.stderr)
        return 1
    return 0
