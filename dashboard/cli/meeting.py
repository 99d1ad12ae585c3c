"""Meeting memory from the command line: the governance bodies' meetings (`meeting add|list`), the
figures a meeting saw frozen (`meeting freeze`), decisions on the indicators (`note add|list`),
and the pack of a frozen meeting as it was (`report --meeting`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import pandas as pd

from dashboard.cli.common import (
    ArgumentError,
    add_db,
    add_scope,
    check_codes,
    parse_date,
    scope_of,
)
from dashboard.engine import meetings
from dashboard.engine.access import OPERATOR
from dashboard.engine.contract import GOVERNANCE_BODIES
from dashboard.engine.database import Database
from dashboard.engine.indicators import INDICATORS_BY_ID
from dashboard.engine.meetings import Decision, Freeze, Meeting, MeetingRefused
from dashboard.engine.scope import Scope, Selection


def add_parsers(commands: Any) -> None:
    meeting = commands.add_parser(
        "meeting",
        help="styringsorganenes møter: legg til (add), vis (list), frys tallene (freeze)",
        description="freeze: tallene slik de er nå (dataversjonen, året, datoen og utvalget) "
        "lagres med møtet, og kan åpnes senere nøyaktig slik de var (siden med ?mote=ID, eller "
        "report --meeting ID). Utvalg: standard er møtets helseforetak (og nettverksgruppe).",
    )
    meeting.add_argument("action", choices=["add", "list", "freeze"])
    add_db(meeting)
    meeting.add_argument("--meeting", help="møtets ID, f.eks. fagrad-2026-03")
    meeting.add_argument("--body", choices=GOVERNANCE_BODIES, help="add: styringsorganet")
    meeting.add_argument("--date", type=parse_date, help="add: møtedagen")
    meeting.add_argument("--title", help="add: møtets tittel")
    add_scope(meeting, year_required=False)
    meeting.add_argument("--format", choices=["table", "json"], default="table")

    note = commands.add_parser(
        "note",
        help="vedtak om en indikator: legg til (add) eller vis (list)",
        description="Et vedtak gjelder en indikator, et utvalg og et år, og et styringsorgan; "
        "valgfritt møtet det ble gjort på og aktiviteten i årsplanen det satte i gang.",
    )
    note.add_argument("action", choices=["add", "list"])
    add_db(note)
    note.add_argument("--indicator", choices=sorted(INDICATORS_BY_ID), help="indikatorens id")
    note.add_argument("--body", choices=GOVERNANCE_BODIES)
    note.add_argument("--decided-on", type=parse_date, help="vedtaksdagen; standard: møtedagen")
    note.add_argument("--meeting", help="møtets ID")
    note.add_argument("--activity", help="aktiviteten i årsplanen vedtaket satte i gang")
    note.add_argument("--text", help="vedtaket")
    add_scope(note, year_required=False)


def _frozen(database: Database, meeting_id: str) -> Freeze:
    with database.read() as con:
        found = meetings.frozen(con, meeting_id)
        known = meetings.meeting(con, meeting_id)
    if known is None:
        raise ArgumentError(f"fant ikke møtet {meeting_id!r} (se meeting list)")
    if found is None:
        raise ArgumentError(f"tallene for møtet {meeting_id!r} er ikke frosset (meeting freeze)")
    return found


def frozen_report(args: argparse.Namespace) -> tuple[Scope, Freeze]:
    """`report` or `indicators --meeting`: the frozen meeting's scope and freeze (the command's own
    scope is not used)."""
    freeze = _frozen(args.db, args.meeting)
    return freeze.scope, freeze


def _meeting_scope(args: argparse.Namespace, found: Meeting) -> Scope:
    """The scope given, or the meeting's trust (and group) in the meeting's year."""
    given = scope_of(args)
    if not given.selection.is_everything:
        check_codes(args.db, given.selection)
        return given
    year = args.year or found.meeting_date.year
    return Scope(
        year,
        args.as_of,
        Selection(health_trust=found.health_trust, network_group=found.network_group),
    )


def meeting(args: argparse.Namespace) -> int:
    if args.action == "list":
        rows = args.db.run("governance_meetings", {"health_trust": None, "meeting_id": None})
        records = [
            {
                "meeting_id": r.meeting_id,
                "body": r.body,
                "health_trust": r.health_trust,
                "meeting_date": pd.Timestamp(r.meeting_date).date().isoformat(),
                "title": r.title,
                "frozen_snapshot": None if pd.isna(r.snapshot_id) else int(r.snapshot_id),
                "frozen_selection": None if pd.isna(r.snapshot_id) else r.selection_key,
            }
            for r in rows.itertuples()
        ]
        if args.format == "json":
            json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            for r in records:
                frozen = (
                    f"frosset (dataversjon {r['frozen_snapshot']})"
                    if r["frozen_snapshot"] is not None
                    else "ikke frosset"
                )
                print(
                    f"{r['meeting_id']}\t{r['meeting_date']}\t{r['body']}\t{r['title']}\t{frozen}"
                )
        return 0
    if not args.meeting:
        raise ArgumentError(f"meeting {args.action} trenger --meeting ID")
    if args.action == "add":
        if not (args.body and args.date and args.title and args.health_trust):
            raise ArgumentError("meeting add trenger --body, --date, --title og --health-trust")
        check_codes(args.db, Selection(health_trust=args.health_trust))
        found = Meeting(
            args.meeting, args.body, args.health_trust, args.date, args.title, args.network_group
        )
        try:
            args.db.change(
                lambda con: meetings.add_meeting(con, found, OPERATOR.audit_name),
                message="møte lagt til",
            )
        except MeetingRefused as refused:
            raise ArgumentError(str(refused)) from None
        print(f"La til møtet {args.meeting} ({args.date:%d.%m.%Y}).")
        return 0
    with args.db.read() as con:
        found = meetings.meeting(con, args.meeting)
    if found is None:
        raise ArgumentError(f"fant ikke møtet {args.meeting!r} (se meeting list)")
    scope = _meeting_scope(args, found)
    freeze = args.db.change(
        lambda con: meetings.freeze(con, args.meeting, scope, OPERATOR.audit_name),
        message="tall frosset for møte",
    )
    print(
        f"Frøs tallene for {args.meeting}: dataversjon {freeze.snapshot_id}, {freeze.year}, "
        f"per {freeze.as_of:%d.%m.%Y}, utvalg «{freeze.selection_key or 'alt'}»."
    )
    return 0


def note(args: argparse.Namespace) -> int:
    if args.action == "list":
        with args.db.read() as con:
            rows = meetings.notes(con, year=args.year, indicator=args.indicator)
        for r in rows.itertuples():
            day = pd.Timestamp(r.decided_on).date().isoformat()
            print(f"{r.note_id}\t{day}\t{r.indicator}\t{r.year}\t{r.body}\t{r.note}")
        return 0
    if not (args.indicator and args.body and args.text):
        raise ArgumentError("note add trenger --indicator, --body og --text")
    decided = args.decided_on
    selection = scope_of(args).selection
    if args.meeting:
        with args.db.read() as con:
            found = meetings.meeting(con, args.meeting)
        if found is None:
            raise ArgumentError(f"fant ikke møtet {args.meeting!r} (se meeting list)")
        decided = decided or found.meeting_date
    if decided is None:
        raise ArgumentError("note add trenger --decided-on eller --meeting")
    check_codes(args.db, selection)
    decision = Decision(
        indicator=args.indicator,
        selection_key=selection.key(),
        year=args.year or decided.year,
        body=args.body,
        decided_on=decided,
        note=args.text,
        meeting_id=args.meeting,
        activity_id=args.activity,
    )
    try:
        number = args.db.change(
            lambda con: meetings.add_note(con, decision, OPERATOR), message="vedtak skrevet"
        )
    except MeetingRefused as refused:
        raise ArgumentError(str(refused)) from None
    print(f"Vedtak nr. {number} lagret.")
    return 0
